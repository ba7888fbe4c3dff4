import { FEATURES, FEATURE_IDS, WORKS_WITHOUT_SERVERS, type FeatureId } from './features';
import { PROBES, USER_REGIONS, probesForRegion, type Probe, type UserRegion } from './probes';
import {
  MAX_INCIDENTS,
  MAX_SAMPLES,
  SAMPLE_WINDOW_MS,
  affectedFeatures,
  displayedOverall,
  overallTrack,
  type FeatureTrack,
  type Incident,
  type ProbeResult,
  type Snapshot,
  type StoredReason,
  type Track,
} from './snapshot';
import { levelOfProbe, overallOf, worstLevel, type Level } from './status';

/** One completed poll, as the tracker sees it. */
export interface PollResult {
  at: number;
  /** False when the browser said it was offline or no probe reached any host. */
  online: boolean;
  probes: Record<string, ProbeResult>;
}

export interface TrackerConfig {
  region: UserRegion;
  /** Consecutive failing polls that declare an outage. */
  downAfter: number;
  /** Consecutive healthy polls that end it. */
  upAfter: number;
  /** A new failure this soon after a recovery reopens the same incident. */
  relapseWindowMs: number;
  probes?: readonly Probe[];
}

export const DEFAULT_TRACKER_CONFIG: Omit<TrackerConfig, 'region'> = {
  downAfter: 2,
  upAfter: 2,
  relapseWindowMs: 60 * 60 * 1000,
};

/** True when no probe reached a host at all: the user is cut off, whatever Tesla is doing. */
export function isOffline(probes: Record<string, ProbeResult>, browserOnline: boolean): boolean {
  const results = Object.values(probes);
  return !browserOnline || results.length === 0 || results.every((result) => result.state === 'unreachable');
}

interface RawFeature {
  level: Level;
  reason: StoredReason | null;
}

function rawFeature(feature: (typeof FEATURES)[number], regionProbes: Probe[], results: Record<string, ProbeResult>): RawFeature {
  if (feature.needs.length === 0) return { level: 'up', reason: WORKS_WITHOUT_SERVERS };
  let worst: RawFeature = { level: 'up', reason: null };
  for (const probe of regionProbes) {
    const result = results[probe.id];
    if (!feature.needs.includes(probe.service) || !result) continue;
    const level = levelOfProbe(result.state);
    if (worst.reason === null || worstLevel([level, worst.level]) !== worst.level) worst = { level, reason: result.reason };
  }
  return worst;
}

function rawFeatures(region: UserRegion, results: Record<string, ProbeResult>, probes: readonly Probe[]) {
  const regionProbes = probesForRegion(region, probes);
  return Object.fromEntries(FEATURES.map((f) => [f.id, rawFeature(f, regionProbes, results)])) as Record<
    FeatureId,
    RawFeature
  >;
}

/** The whole is out when a core feature (reaching the car) is down; anything else failing is partial. */
function rawRegionLevel(features: Record<FeatureId, RawFeature>): Level {
  const coreDown = FEATURES.some((f) => f.core && features[f.id].level === 'down');
  if (coreDown) return 'down';
  return FEATURE_IDS.some((id) => features[id].level !== 'up') ? 'degraded' : 'up';
}

/**
 * Hysteresis: a change of health needs `downAfter` (or `upAfter`) polls in a row; a change of
 * severity within trouble is taken at once. The confirmed level dates from the first poll that showed it.
 */
export function advanceTrack(track: Track, raw: Level, at: number, config: TrackerConfig): Track {
  const healthy = (level: Level) => level === 'up';
  if (healthy(raw) === healthy(track.level)) {
    return { ...track, level: raw, since: track.since ?? at, pending: null, pendingSince: null, streak: 0 };
  }
  const continuing = track.pending !== null && healthy(track.pending) === healthy(raw);
  const streak = continuing ? track.streak + 1 : 1;
  const pendingSince = continuing && track.pendingSince !== null ? track.pendingSince : at;
  const needed = healthy(raw) ? config.upAfter : config.downAfter;
  if (streak >= needed) return { level: raw, since: pendingSince, pending: null, pendingSince: null, streak: 0 };
  return { ...track, pending: raw, pendingSince, streak };
}

function union<T>(a: readonly T[], b: readonly T[]): T[] {
  return [...new Set([...a, ...b])];
}

function updateIncidents(
  incidents: Incident[],
  before: Track,
  after: Snapshot,
  config: TrackerConfig,
): Incident[] {
  const wasDown = before.level !== 'up' && before.since !== null;
  const overall = overallTrack(after);
  const isDown = overall.level !== 'up';
  const features = affectedFeatures(after);
  const affectedRegions = USER_REGIONS.filter((r) => after.regions[r].level !== 'up');
  const worst = overallOf(overall.level) === 'outage' ? 'outage' : 'degraded';
  const next = [...incidents];
  const last = next.at(-1);

  if (isDown && !wasDown) {
    const start = overall.since ?? 0;
    if (last && last.end !== null && start - last.end <= config.relapseWindowMs) {
      next[next.length - 1] = {
        ...last,
        end: null,
        recurred: last.recurred + 1,
        worst: last.worst === 'outage' ? 'outage' : worst,
        features: union(last.features, features),
        regions: union(last.regions, affectedRegions),
      };
    } else {
      next.push({
        id: `incident-${start}`,
        start,
        end: null,
        worst,
        features,
        regions: affectedRegions,
        recurred: 0,
      });
    }
  } else if (isDown && last && last.end === null) {
    next[next.length - 1] = {
      ...last,
      worst: last.worst === 'outage' ? 'outage' : worst,
      features: union(last.features, features),
      regions: union(last.regions, affectedRegions),
    };
  } else if (!isDown && wasDown && last && last.end === null) {
    // The end is the first healthy poll; a clock that jumped back never puts it before the start.
    next[next.length - 1] = { ...last, end: Math.max(last.start, overall.since ?? last.start) };
  }
  return next.slice(-MAX_INCIDENTS);
}

function appendSample(samples: Snapshot['samples'], snapshot: Snapshot, at: number): Snapshot['samples'] {
  const kept = samples.filter((sample) => sample.t > at - SAMPLE_WINDOW_MS && sample.t <= at);
  kept.push({ t: at, s: displayedOverall(snapshot) });
  return kept.slice(-MAX_SAMPLES);
}

/**
 * The outage tracker: (previous snapshot, one poll, config) → next snapshot. Pure.
 * A poll made while the user was offline is no evidence about Tesla: it moves no track,
 * so it can neither declare nor end an outage. Neither can elapsed time: only polls do.
 */
export function reduceSnapshot(previous: Snapshot, poll: PollResult, config: TrackerConfig): Snapshot {
  const probes = config.probes ?? PROBES;
  const base: Snapshot = {
    ...previous,
    region: config.region,
    checkedAt: poll.at,
    online: poll.online,
    probes: poll.probes,
  };
  if (!poll.online) return { ...base, samples: appendSample(previous.samples, base, poll.at) };

  const regions = { ...previous.regions };
  for (const region of USER_REGIONS) {
    regions[region] = advanceTrack(
      previous.regions[region],
      rawRegionLevel(rawFeatures(region, poll.probes, probes)),
      poll.at,
      config,
    );
  }
  const raw = rawFeatures(config.region, poll.probes, probes);
  const features = Object.fromEntries(
    FEATURE_IDS.map((id): [FeatureId, FeatureTrack] => [
      id,
      { ...advanceTrack(previous.features[id], raw[id].level, poll.at, config), reason: raw[id].reason },
    ]),
  ) as Record<FeatureId, FeatureTrack>;

  const next: Snapshot = { ...base, features, regions };
  next.incidents = updateIncidents(previous.incidents, overallTrack(previous), next, config);
  next.samples = appendSample(previous.samples, next, poll.at);
  return next;
}

/** Milliseconds between two instants, never negative (clocks do jump back). */
export function durationMs(start: number, end: number): number {
  return Math.max(0, end - start);
}
