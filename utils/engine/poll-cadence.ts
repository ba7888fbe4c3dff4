import { FEATURES } from './features';
import { type Probe, USER_REGIONS, type UserRegion, probesForRegion } from './probes';
import { probeHolds } from './scheduler';
import { overallTrack, type Snapshot, type Track } from './snapshot';
import { judgementOf } from './derive/judgement';
import { MINUTE } from './time';

/**
 * While all is well, the probes that do not judge the car's features in the owner's region (sign-in,
 * the website, the Fleet API, other regions) are asked this many intervals apart: at the default
 * 2 minutes, 78 requests an hour instead of 270, and Tesla's sign-in page 6 times.
 */
export const RESTING_FACTOR = 5;
/**
 * A resting answer is never older than this: at longer intervals (the settings allow 60 minutes) the
 * rest would be hours old, so from 10 minutes up every poll asks every probe.
 */
export const MAX_REST_MS = 10 * MINUTE;

/** Which probes a poll asks, in two waves. */
export interface PollCadence {
  /** Asked first. */
  first: Probe[];
  /** Asked too, in the same poll, as soon as one of `first` answers with anything but "up". */
  onTrouble: Probe[];
}

/** The owner's own car checks: a core feature (reaching the car) needs them, in the owner's region. */
function judgesTheCar(probe: Probe, region: UserRegion): boolean {
  return (
    probesForRegion(region, [probe]).length > 0 &&
    FEATURES.some((feature) => feature.reachesCar && feature.needs.includes(probe.service))
  );
}

/**
 * Confirmed working with nothing pending, or not judged because nobody watches it (or its checks are
 * retired): asking more hosts would tell nothing more. Any other unjudged state needs every host.
 */
function restsWell(track: Track): boolean {
  const judgement = judgementOf(track);
  if (judgement.state === 'unjudged') return judgement.why === 'not-watched' || judgement.why === 'retired';
  return judgement.state === 'confirmed' && judgement.level === 'up';
}

/**
 * Nothing to confirm where the owner is: the last poll reached Tesla, every check of the owner's
 * region answered as a healthy Tesla does, and no track there is confirming anything.
 */
function allWellHere(previous: Snapshot, probes: readonly Probe[]): boolean {
  if (previous.checkedAt === null || !previous.online || previous.rescoped) return false;
  if (!restsWell(overallTrack(previous)) || !Object.values(previous.features).every(restsWell)) return false;
  return probesForRegion(previous.region, probes)
    .filter((probe) => !previous.retired.includes(probe.id))
    .every((probe) => previous.probes[probe.id]?.state === 'up');
}

/** The time of a probe's last answer: the poll's, or Tesla's own for an answer that was kept. */
function answeredAt(previous: Snapshot, id: string): number | null {
  const result = previous.probes[id];
  if (!result) return null;
  return result.observedAt ?? previous.checkedAt;
}

/**
 * Which of the watched probes a poll at `at` asks. A host that asked to wait (`Retry-After`) is never
 * asked. While all is well here, the car's own checks are asked every poll and the others every
 * `RESTING_FACTOR` intervals (half an interval early rather than a whole one late, for the alarm's
 * drift), and any of them as soon as its own answer was trouble while its region is confirming it;
 * the rest wait in `onTrouble`. Otherwise every probe is asked.
 */
export function pollCadence(
  previous: Snapshot | null,
  watched: readonly Probe[],
  region: UserRegion,
  pollMinutes: number,
  at: number,
): PollCadence {
  const holds = previous ? probeHolds(previous, at) : {};
  const askable = watched.filter((probe) => !(probe.id in holds));
  // A move judges the region entered from its own answers, all of them, at once.
  if (!previous || previous.region !== region || !allWellHere(previous, watched))
    return { first: askable, onTrouble: [] };
  const interval = pollMinutes * MINUTE;
  const restingMs = Math.min(RESTING_FACTOR * interval, MAX_REST_MS) - interval / 2;
  const askNow = (probe: Probe): boolean => {
    const last = answeredAt(previous, probe.id);
    if (judgesTheCar(probe, previous.region) || last === null || at - last >= restingMs || last > at) return true;
    // A change in another region (trouble, or a recovery) is confirmed by fresh answers at the
    // confirmation pace, then watched at rest.
    return USER_REGIONS.some(
      (region) => probesForRegion(region, [probe]).length > 0 && previous.regions[region].pending !== null,
    );
  };
  const first = askable.filter(askNow);
  // Never a poll that asks nothing while it could ask something: silence would read as "offline".
  if (first.length === 0) return { first: askable, onTrouble: [] };
  return { first, onTrouble: askable.filter((probe) => !first.includes(probe)) };
}

/** Whether the first wave's answers call for the second: anything but a plain "up". */
export function calledForSecondWave(observed: Snapshot['probes']): boolean {
  return Object.values(observed).some((result) => result.state !== 'up');
}
