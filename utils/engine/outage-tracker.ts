import { FEATURES, FEATURE_IDS, WORKS_WITHOUT_SERVERS, type FeatureId } from './features';
import { PROBES, USER_REGIONS, probesForRegion, type Probe, type UserRegion } from './probes';
import { CLOCK_TOLERANCE_MS, evidenceEnd, planAfterPoll } from './scheduler';
import { DAY, HOUR } from './time';
import {
  MAX_INCIDENTS,
  MAX_RELAPSES,
  MAX_SAMPLES,
  SAMPLE_WINDOW_MS,
  affectedFeatures,
  displayedOverall,
  emptyTrack,
  featureInTrouble,
  overallTrack,
  type FeatureTrack,
  type Incident,
  endedBack,
  type ProbeResult,
  type Sample,
  type Snapshot,
  type Watch,
  WATCH_GAP_MS,
  begunBeforeWatch,
  type StoredReason,
  type Track,
} from './snapshot';
import { levelOfProbe, worstLevel, type Level } from './status';
import { isTrouble, isWorse, judgedLevel, judgedSince, judgementOf, type TrackUnjudged } from './derive/judgement';

/** One completed poll, as the tracker sees it. */
export interface PollResult {
  at: number;
  /** False when nothing in the poll spoke for Tesla (`isOffline`): the user is cut off. */
  online: boolean;
  probes: Record<string, ProbeResult>;
  /**
   * The same poll judged again, under other settings (`derive` after a settings change): it counts
   * toward no streak a second time, and adds no sample.
   */
  again?: true;
}

export interface TrackerConfig {
  region: UserRegion;
  /** Consecutive failing polls that declare an outage. */
  downAfter: number;
  /** Consecutive healthy polls that end it. */
  upAfter: number;
  /** A new failure this soon after a recovery reopens the same incident. */
  relapseWindowMs: number;
  /** The user's poll interval: it says how soon the next poll is due, so what a gap is. */
  pollMinutes: number;
  /** The watched probes; all of them by default. */
  probes?: readonly Probe[];
}

export const DEFAULT_TRACKER_CONFIG: Omit<TrackerConfig, 'region'> = {
  downAfter: 2,
  upAfter: 2,
  relapseWindowMs: HOUR,
  pollMinutes: 2,
};

/**
 * True when nothing in the poll speaks for Tesla: the user is cut off (or behind something that
 * answers in Tesla's place), whatever Tesla is doing. That is: the browser says it is offline, or no
 * probe got an answer Tesla gives (a working answer, or an error in Tesla's own shape); only silence,
 * answers that are not Tesla's, and server errors any proxy could have written (a TLS-inspecting
 * proxy whose upstream is down answers 502 for every host, China's included).
 */
export function isOffline(probes: Record<string, ProbeResult>, browserOnline: boolean): boolean {
  const results = Object.values(probes);
  return (
    !browserOnline ||
    results.length === 0 ||
    results.every((result) => result.state === 'unreachable' || (result.state === 'down' && result.generic === true))
  );
}

/** An answer someone else wrote (a portal, a proxy): no evidence about Tesla either way. */
function isNotTeslas(result: ProbeResult): boolean {
  return result.cause === 'not-tesla' || result.cause === 'proxy';
}

/**
 * Slowness shared by every host of a poll (a train's Wi-Fi, tethering: the fastest answer is at least
 * half as slow as the slow one) is the user's link, not Tesla: such "slow" answers are read as
 * working. A Tesla host slow while the others answer fast stays degraded.
 */
function discountUniformSlowness(probes: Record<string, ProbeResult>): Record<string, ProbeResult> {
  // Only this poll's own answers say how fast the owner's link is now: a kept answer (a host that
  // asked to wait, one resting, a throttled request) was timed on another occasion.
  const results = Object.values(probes);
  if (!results.some((result) => result.slow)) return probes;
  const answered = results.filter((result) => result.state !== 'unreachable' && result.observedAt === undefined);
  if (answered.length === 0) return probes;
  const fastest = Math.min(...answered.map((result) => result.latencyMs));
  return Object.fromEntries(
    Object.entries(probes).map(([id, result]) => [
      id,
      result.slow && fastest * 2 >= result.latencyMs ? { ...result, state: 'up' } : result,
    ]),
  );
}

/** What one poll says of a feature or a region: a level, or why it says nothing. */
type RawJudgement = { level: Level; unjudged?: undefined } | { level: null; unjudged: TrackUnjudged };

type RawFeature = RawJudgement & { reason: StoredReason | null };

/** An answer Tesla's host gave (a working one, or an error of Tesla's): the only kind that judges. */
function isTeslasAnswer(result: ProbeResult): boolean {
  return result.state !== 'unreachable' && !isNotTeslas(result);
}

/**
 * A feature as one poll saw it: the worst of the answers Tesla gave its checks here. Without one
 * it is not judged, and says why: nobody watches it, its checks are retired, or its checks got
 * silence or someone else's page, which may be the owner's network as much as Tesla (issue 25
 * asks elsewhere). Silence is never "down", nor someone else's page "working".
 */
function rawFeature(
  feature: (typeof FEATURES)[number],
  regionProbes: readonly Probe[],
  retired: readonly string[],
  results: Record<string, ProbeResult>,
): RawFeature {
  if (feature.needs.length === 0) return { level: 'up', reason: WORKS_WITHOUT_SERVERS };
  const checks = regionProbes.filter((probe) => feature.needs.includes(probe.service));
  if (checks.length === 0) return { level: null, unjudged: 'not-watched', reason: null };
  const live = checks.filter((probe) => !retired.includes(probe.id));
  if (live.length === 0) return { level: null, unjudged: 'retired', reason: null };
  const answers = live.flatMap((probe) => results[probe.id] ?? []);
  const teslas = answers.filter(isTeslasAnswer);
  if (teslas.length === 0) return { level: null, unjudged: 'no-tesla-answer', reason: answers[0]?.reason ?? null };
  let worst = teslas[0] as ProbeResult;
  for (const result of teslas)
    if (worstLevel([levelOfProbe(result.state), levelOfProbe(worst.state)]) !== levelOfProbe(worst.state))
      worst = result;
  return { level: levelOfProbe(worst.state), reason: worst.reason };
}

const rawMemo = new Map<string, Record<FeatureId, RawFeature>>();

/** What a result says to a feature's judgement: its level, whose answer it is, and its reason. */
function judgementKey(result: ProbeResult | undefined): string {
  if (!result) return '-';
  return `${result.state}/${result.cause ?? ''}/${result.reason.key}/${result.reason.values?.join('\u0001') ?? ''}`;
}

function rawFeatures(
  region: UserRegion,
  results: Record<string, ProbeResult>,
  watched: readonly Probe[],
  retired: readonly string[],
) {
  const regionProbes = probesForRegion(region, watched);
  let key = `${region}|${retired.join()}`;
  for (const probe of regionProbes) key += `|${probe.id}@${probe.service}:${judgementKey(results[probe.id])}`;
  const known = rawMemo.get(key);
  if (known) return known;
  const raw = Object.fromEntries(FEATURES.map((f) => [f.id, rawFeature(f, regionProbes, retired, results)])) as Record<
    FeatureId,
    RawFeature
  >;
  if (rawMemo.size > 256) rawMemo.clear();
  rawMemo.set(key, raw);
  return raw;
}

/**
 * The whole is out when a core feature (reaching the car) is down; anything else failing is partial.
 * With nothing failing, it is working only if every core feature was judged: a car nobody could
 * judge is not a working car.
 */
function rawRegionLevel(features: Record<FeatureId, RawFeature>): RawJudgement {
  const coreDown = FEATURES.some((f) => f.reachesCar && features[f.id].level === 'down');
  if (coreDown) return { level: 'down' };
  if (FEATURE_IDS.some((id) => isTrouble(features[id].level))) return { level: 'degraded' };
  const unjudgedCore = FEATURES.filter((f) => f.reachesCar)
    .map((f) => features[f.id])
    .find((raw) => raw !== undefined && raw.unjudged !== undefined);
  return unjudgedCore?.unjudged ? { level: null, unjudged: unjudgedCore.unjudged } : { level: 'up' };
}

/**
 * Where the owner is, a feature last seen in trouble that now gets no answer of Tesla's counts at
 * that level for the region: it was not seen back, so the outage is neither ended nor eased by it.
 * Its own row says it is not judged.
 */
function lastSeenTrouble(
  raw: Record<FeatureId, RawFeature>,
  previous: Record<FeatureId, FeatureTrack>,
): Record<FeatureId, RawFeature> {
  if (!FEATURE_IDS.some((id) => raw[id].unjudged === 'no-tesla-answer')) return raw;
  return Object.fromEntries(
    FEATURE_IDS.map((id) => {
      const { level, since } = previous[id];
      const kept = raw[id].unjudged === 'no-tesla-answer' && isTrouble(level) && since !== null;
      return [id, kept ? { level, reason: raw[id].reason } : raw[id]];
    }),
  ) as Record<FeatureId, RawFeature>;
}

/** A poll that cannot judge: only "no answer of Tesla's" keeps what was last seen, as unjudged. */
function unjudgedTrack(track: Track, why: TrackUnjudged): Track {
  const kept = why === 'no-tesla-answer' ? { level: track.level, since: track.since } : emptyTrack();
  return { ...emptyTrack(), ...kept, unjudged: why };
}

/**
 * Hysteresis: a change of level needs `downAfter` polls in a row toward worse, `upAfter` toward
 * better; a partial outage becomes a full one only when two polls say so, as a working day does. The
 * confirmed level dates from the first poll that showed it.
 * After a gap (`afterGap`: the previous evidence is too old) the streak starts again: two polls three
 * days apart confirm nothing. A poll that cannot judge breaks any streak; one that found the checks
 * unwatched or retired also ends what was confirmed, and one that got no answer of Tesla's keeps it
 * as what was last seen, vouching for nothing (`unjudged`).
 */
export function advanceTrack(
  track: Track,
  raw: RawJudgement,
  at: number,
  config: Pick<TrackerConfig, 'downAfter' | 'upAfter'>,
  afterGap = false,
  again = false,
): Track {
  if (raw.level === null) return unjudgedTrack(track, raw.unjudged);
  const level = raw.level;
  const healthy = (l: Level) => l === 'up';
  const { unjudged: wasUnjudged, ...judged } = track;
  // Nothing confirmed yet: Tesla answering as it does when well is taken at once; trouble is
  // confirmed as a change from working would be.
  if (judged.level === null && healthy(level))
    return { level, since: at, pending: null, pendingSince: null, streak: 0 };
  if (judged.level === level) {
    // Held, as it was: the same track (most polls of a day), so a derivation builds nothing for it.
    if (!wasUnjudged && track.since !== null && track.pending === null && track.streak === 0) return track;
    return { level, since: judged.since ?? at, pending: null, pendingSince: null, streak: 0 };
  }
  const continuing = !afterGap && !wasUnjudged && continuesChange(judged, level);
  // This very poll was counted already: the change it was seeing stays where it was.
  if (again && continuing) return track;
  return stepOfChange(judged, level, at, continuing, config);
}

/** One more poll of a change of level: the streak grows (or starts), and may confirm it. */
function stepOfChange(
  judged: Track,
  level: Level,
  at: number,
  continuing: boolean,
  config: Pick<TrackerConfig, 'downAfter' | 'upAfter'>,
): Track {
  const streak = continuing ? judged.streak + 1 : 1;
  const pendingSince = continuing && judged.pendingSince !== null ? judged.pendingSince : at;
  // Polls of either trouble toward trouble: what they all showed is the least of them.
  const toward = continuing && judged.pending !== null ? leastSevere(judged.pending, level) : level;
  const needed = judged.level !== null && isWorse(judged.level, toward) ? config.upAfter : config.downAfter;
  if (streak < needed) return { ...judged, pending: toward, pendingSince, streak };
  // Confirmed; a last poll worse than that (the car falling during a website outage) starts a change
  // of its own, which the next poll confirms or not.
  if (toward !== level) return { level: toward, since: pendingSince, pending: level, pendingSince: at, streak: 1 };
  return { level, since: pendingSince, pending: null, pendingSince: null, streak: 0 };
}

/**
 * Whether a poll at `level` goes on with the change the track is confirming: one of health through
 * polls of either trouble, one of severity within trouble through polls of that very level.
 */
function continuesChange(track: Track, level: Level): boolean {
  const { level: confirmed, pending } = track;
  if (pending === null) return false;
  const healthy = (l: Level) => l === 'up';
  if (confirmed !== null && healthy(level) === healthy(confirmed)) return pending === level;
  return healthy(pending) === healthy(level);
}

function leastSevere(a: Level, b: Level): Level {
  return isWorse(a, b) ? b : a;
}

function union<T>(a: readonly T[], b: readonly T[]): T[] {
  return [...new Set([...a, ...b])];
}

function isEstablished(track: Track): track is Track & { level: Level; since: number; pending: null } {
  return judgementOf(track).state === 'confirmed';
}

/** An id no incident has: a region entered already down, or a clock set back, can repeat a start. */
function uniqueId(id: string, incidents: readonly Incident[]): string {
  const taken = new Set(incidents.map((incident) => incident.id));
  let unique = id;
  for (let n = 2; taken.has(unique); n++) unique = `${id}-${n}`;
  return unique;
}

/** An incident seen back, down again from `at`: open, counted once more, and when. */
function relapsed(incident: Incident, at: number): Incident {
  const relapses = [...(incident.relapses ?? []), at].slice(-MAX_RELAPSES);
  // The outage before the recovery is over: a full one again counts from the relapse.
  const { outageSince, ...rest } = incident;
  const again = outageSince !== undefined ? { outageSince: Math.max(outageSince, at) } : {};
  return { ...rest, ...again, end: null, recurred: incident.recurred + 1, relapses };
}

function withoutOutageSince(incident: Incident): Incident {
  const { outageSince: _outageSince, ...rest } = incident;
  return rest;
}

function mergeInto(
  incident: Incident,
  worst: Incident['worst'],
  features: FeatureId[],
  regions: UserRegion[],
): Incident {
  return {
    ...incident,
    worst: incident.worst === 'outage' ? 'outage' : worst,
    features: union(incident.features, features),
    regions: union(incident.regions, regions),
  };
}

/**
 * An incident no longer watched (not seen back) that trouble seen from `since`, here, soon after, goes on,
 * if it is the same trouble watched again: other features falling meanwhile are news of their own.
 */
function watchedAgain(
  last: Incident,
  since: number,
  features: readonly FeatureId[],
  region: UserRegion,
  config: TrackerConfig,
): boolean {
  return (
    last.end !== null &&
    !endedBack(last) &&
    since - last.end <= config.relapseWindowMs &&
    (last.region ?? region) === region &&
    sameTrouble(last, features)
  );
}

/** Every feature in trouble now was in trouble when the incident was last seen. */
function sameTrouble(incident: Incident, features: readonly FeatureId[]): boolean {
  const before = new Set(incident.lastAffected ?? incident.features);
  return features.every((id) => before.has(id));
}

/**
 * An incident whose region works again, ended: seen back, if what was in trouble when last seen is
 * still watched; otherwise where it was last seen, as no longer watched (or its check retired).
 * Unticking the one failing check makes the region work, and Tesla did nothing.
 */
function backOrUnwatched(open: Incident, after: Snapshot, end: number, backAt: number): Incident {
  const why = (open.lastAffected ?? open.features)
    .map((id) => after.features[id].unjudged)
    .find((unjudged) => unjudged === 'not-watched' || unjudged === 'retired');
  if (why)
    return {
      ...open,
      end: Math.max(open.start, open.seenAt ?? open.start),
      ended: why === 'retired' ? 'retired' : 'unwatched',
    };
  return { ...open, end, ended: 'back', backAt };
}

/**
 * Incidents follow confirmed transitions of the overall track. Each belongs to the region the user
 * was in when it began (its home), and remembers until when it was last seen (`seenUntil`): a
 * recovery first seen after a gap (sleep) ends it there, not at the wake-up.
 * After a change of scope the tracks it restarted settle first, and the state they establish is a
 * baseline, not a transition: it continues an open incident of the same home rather than reopening it, and it
 * never invents a recovery. An incident left open by the change ends when its home region is seen
 * working again. Arriving where Tesla was already down while the incident was still being seen
 * continues it there; an outage that begins where the user now is, later, opens an incident of its own.
 */
// biome-ignore lint/complexity/noExcessiveCognitiveComplexity: the poll-by-poll repair of incidents that the evidence engine replaces by derivation (issue 24).
function updateIncidents(
  incidents: Incident[],
  before: Track,
  featuresBefore: Snapshot['features'],
  after: Snapshot,
  config: TrackerConfig,
  settling: boolean,
  seenUntil: number,
  at: number,
): { incidents: Incident[]; settling: boolean } {
  const overall = overallTrack(after);
  const judgement = judgementOf(overall);
  const next = [...incidents];
  const last = next.at(-1);
  const open = last && last.end === null ? last : undefined;
  const replaceLast = (incident: Incident) => {
    next[next.length - 1] = incident;
  };
  if (judgement.state === 'unjudged' && judgement.why !== 'not-confirmed') {
    // Nobody watches the car's checks any more, or they are retired: the incident ends where it was
    // last seen, and says so; it is not a recovery. An answer that is not Tesla's changes nothing.
    if (open && (judgement.why === 'not-watched' || judgement.why === 'retired'))
      replaceLast({
        ...open,
        end: Math.max(open.start, open.seenAt ?? open.start),
        ended: judgement.why === 'retired' ? 'retired' : 'unwatched',
      });
    return { incidents: next, settling };
  }
  const isDown = isTrouble(overall.level);
  const features = affectedFeatures(after);
  const affectedRegions = USER_REGIONS.filter((r) => !after.regions[r].unjudged && isTrouble(after.regions[r].level));
  const worst = overall.level === 'down' ? 'outage' : 'degraded';
  // This poll saw the trouble itself (not a healthy poll still confirming a recovery).
  const sawTrouble = overall.pending !== 'up';
  // Since when it is a full outage: kept through a restart of the tracks, dropped by a partial spell.
  const outageSince = (incident: Incident) =>
    worst === 'outage' ? { outageSince: incident.outageSince ?? overall.since ?? at } : {};
  const seen = (incident: Incident): Incident => ({
    ...withoutOutageSince(mergeInto(incident, worst, features, affectedRegions)),
    ...(sawTrouble
      ? outageSince(incident)
      : incident.outageSince !== undefined && { outageSince: incident.outageSince }),
    seenUntil: sawTrouble ? seenUntil : incident.seenUntil,
    ...(sawTrouble
      ? { seenAt: at, lastAffected: features }
      : {
          ...(incident.seenAt !== undefined && { seenAt: incident.seenAt }),
          ...(incident.lastAffected && { lastAffected: incident.lastAffected }),
        }),
  });
  // Found rather than seen beginning: after a gap in the watch, at its first poll, as the baseline a
  // change of scope finds (a region entered), or where every feature in trouble had no verdict before
  // (a check just ticked, hosts that only timed out): none of them was seen working first.
  const foundUnjudged =
    features.length > 0 && features.every((id) => judgedLevel(judgementOf(featuresBefore[id])) === null);
  const fresh = (start: number, found = false): Incident => ({
    ...((found || foundUnjudged || begunBeforeWatch(after.watch, start)) && { begunUnseen: true as const }),
    id: uniqueId(`incident-${start}`, next),
    start,
    end: null,
    worst,
    features,
    regions: affectedRegions,
    recurred: 0,
    region: after.region,
    seenUntil,
    seenAt: at,
    lastAffected: features,
    ...(worst === 'outage' && { outageSince: start }),
  });
  /** The end of an incident whose recovery was first seen at `recoveredAt`: never after it was last seen down. */
  const endOf = (incident: Incident, recoveredAt: number) =>
    Math.max(incident.start, Math.min(recoveredAt, incident.seenUntil ?? recoveredAt));

  if (settling) {
    if (!isEstablished(overall)) return { incidents, settling: true };
    const home = open?.region ?? after.region;
    if (isDown) {
      if (open && home === after.region) replaceLast(seen(open));
      else if (!open && last && watchedAgain(last, overall.since, features, after.region, config)) {
        // Watched again, and still down: the outage that was no longer watched goes on.
        const { ended: _ended, backAt: _backAt, ...reopened } = seen(last);
        replaceLast({ ...reopened, end: null });
      } else if (open && overall.since <= (open.seenUntil ?? open.start)) {
        // Arrived where Tesla was already down while the outage at home was still being seen: one
        // outage as the owner lives it (no news, no second incident), belonging here from now on.
        replaceLast({ ...seen(open), region: after.region });
      } else {
        // Left behind (a move), where nobody saw it end: no longer watched, never "back".
        if (open) replaceLast({ ...open, end: endOf(open, overall.since), ended: 'unwatched' });
        next.push(fresh(overall.since, true));
      }
    } else if (open) {
      const homeTrack = after.regions[home];
      if (!(homeTrack.level === 'up' && isEstablished(homeTrack))) return { incidents, settling: true };
      replaceLast(backOrUnwatched(open, after, endOf(open, homeTrack.since), homeTrack.since));
    }
    return { incidents: next.slice(-MAX_INCIDENTS), settling: false };
  }

  const wasDown = isTrouble(before.level) && before.since !== null;
  // The region in trouble opens an incident once a feature is too: failures flapping from one check to
  // another, none of them confirmed, leave nothing to name, so no news yet.
  if (isDown && !open && featureInTrouble(after)) {
    const start = overall.since ?? 0;
    const relapse =
      last &&
      last.end !== null &&
      start - last.end <= config.relapseWindowMs &&
      (last.region ?? after.region) === after.region &&
      (endedBack(last) || sameTrouble(last, features));
    if (last && relapse) {
      // Down again where it fell, soon after: the same incident. Elsewhere (the owner moved) it is news
      // of its own. One that ended unwatched was never seen back: the same trouble watched again goes on.
      const { ended: _ended, backAt: _backAt, ...reopened } = seen(last);
      replaceLast(endedBack(last) ? relapsed(reopened, start) : { ...reopened, end: null });
    } else {
      next.push(fresh(start));
    }
  } else if (isDown && open) {
    replaceLast(seen(open));
  } else if (overall.level === 'up' && wasDown && open) {
    // The end is the first healthy poll, or the last moment it was seen down when a gap came between;
    // a clock that jumped back never puts it before the start.
    const backAt = overall.since ?? open.start;
    replaceLast(backOrUnwatched(open, after, endOf(open, backAt), backAt));
  }
  return { incidents: next.slice(-MAX_INCIDENTS), settling: false };
}

/**
 * Each poll adds a sample that holds until the next poll was due (and one interval more): a longer
 * silence (sleep, a closed browser) is no data on the timeline, not the last state seen. Samples are
 * never dropped for lying ahead of the clock: a clock set back must not erase the day.
 */
function appendSample(samples: Snapshot['samples'], sample: Sample): Snapshot['samples'] {
  const last = samples.at(-1);
  // The usual case, once per poll over a day of samples: the newest, after samples in order.
  if (last === undefined || last.t <= sample.t) {
    let first = Math.max(0, samples.length + 1 - MAX_SAMPLES);
    while (first < samples.length && (samples[first]?.t ?? Number.POSITIVE_INFINITY) <= sample.t - SAMPLE_WINDOW_MS)
      first++;
    const kept = samples.slice(first);
    kept.push(sample);
    return kept;
  }
  const kept = samples.filter((s) => s.t > sample.t - SAMPLE_WINDOW_MS);
  kept.push(sample);
  kept.sort((a, b) => a.t - b.t);
  return kept.slice(-MAX_SAMPLES);
}

/** A probe taken for retired after failing to connect this long while Tesla's other hosts answered. */
export const RETIRE_AFTER_MS = DAY;

/** A network-level failure (DNS, refused connection, TLS): the host itself is not there. Not a timeout. */
function isConnectionFailure(result: ProbeResult): boolean {
  return result.cause === 'network';
}

/**
 * Which probes Tesla seems to have retired: a host that fails to connect for more than a day while
 * the others answer is an out-of-date catalogue, not a day-long outage. Any HTTP answer (a 5xx too)
 * ends the streak, and brings a retired probe back. Called for polls that reached Tesla only.
 */
// biome-ignore lint/complexity/noExcessiveCognitiveComplexity: carried streaks of connection failures; derived from the evidence log instead in issue 24.
function probeFreshness(previous: Snapshot, results: Record<string, ProbeResult>, at: number, afterGap: boolean) {
  const unreachableSince: Record<string, number> = {};
  const retired: string[] = [];
  for (const [id, result] of Object.entries(results)) {
    const since = previous.unreachableSince[id];
    const wasRetired = previous.retired.includes(id);
    if (answeredAsTesla(result)) continue; // Tesla's host answered: the streak ends, a retired probe is back.
    if (!isConnectionFailure(result)) {
      // A timeout, someone else's answer or a bare 5xx any proxy could write says nothing about the
      // host either way: keep what was known (a streak only while the evidence is fresh).
      if (since !== undefined && (wasRetired || !afterGap)) unreachableSince[id] = since;
      if (wasRetired) retired.push(id);
      continue;
    }
    // After a gap (sleep) a streak starts again: a day asleep is not a day of evidence. A probe
    // already retired stays so until its host answers.
    const streakStart = since !== undefined && (wasRetired || (!afterGap && since <= at)) ? since : at;
    unreachableSince[id] = streakStart;
    if (wasRetired || at - streakStart > RETIRE_AFTER_MS) retired.push(id);
  }
  return { unreachableSince, retired: retired.sort() };
}

/** An answer over HTTP from Tesla's host (any status, 5xx too), not from someone in its place. */
function answeredAsTesla(result: ProbeResult): boolean {
  return result.status !== undefined && !isNotTeslas(result) && !result.generic;
}

function sameIds(a: readonly string[] | null, b: readonly string[]): boolean {
  // An older snapshot did not record its probes: take them as unchanged rather than restart.
  return a === null || (a.length === b.length && a.every((id, i) => id === b[i]));
}

/** Whether two snapshots were built over the same region and probes: if not, the tracks started again. */
export function sameScope(previous: Snapshot, next: Snapshot): boolean {
  return (
    previous.region === next.region && next.activeProbes !== null && sameIds(previous.activeProbes, next.activeProbes)
  );
}

function restartedFeature(): FeatureTrack {
  return { ...emptyTrack(), reason: null };
}

/**
 * The checks each feature is judged by in a region: those of its services there.
 * Null when a check is unknown to the catalogue (an update removed it).
 */
function featureEvidence(region: UserRegion, activeIds: readonly string[], catalogue: ReadonlyMap<string, Probe>) {
  const active = activeIds.map((id) => catalogue.get(id));
  if (active.some((probe) => probe === undefined)) return null;
  const mine = probesForRegion(region, active as Probe[]);
  return Object.fromEntries(
    FEATURES.map((f) => [
      f.id,
      mine
        .filter((probe) => f.needs.includes(probe.service))
        .map((probe) => probe.id)
        .join(' '),
    ]),
  ) as Record<FeatureId, string>;
}

/**
 * After a setting changes what is watched, a feature whose checks changed starts again; the others
 * go on, and so do the regions (a region is the same region whatever is watched in it): their
 * hysteresis keeps one healthy poll after the change from ending an outage, and "down since" from
 * jumping to the re-check.
 */
function continuedFeatures(
  previous: Snapshot,
  region: UserRegion,
  activeIds: readonly string[],
  watched: readonly Probe[],
) {
  const catalogue = new Map([...PROBES, ...watched].map((probe) => [probe.id, probe]));
  const before = featureEvidence(region, previous.activeProbes ?? activeIds, catalogue);
  const after = featureEvidence(region, activeIds, catalogue);
  return Object.fromEntries(
    FEATURE_IDS.map((id) => [
      id,
      before && after && before[id] === after[id] ? previous.features[id] : restartedFeature(),
    ]),
  ) as Record<FeatureId, FeatureTrack>;
}

/**
 * The outage tracker: (previous snapshot, one poll, config) → next snapshot. Pure.
 * A poll made while the user was offline is no evidence about Tesla: it moves no track,
 * so it can neither declare nor end an outage. Neither can elapsed time: only polls do, and only
 * polls close enough together (see `followsGap`) make a streak.
 * A change of scope (the region, the watched or retired probes) starts again the tracks it changes the
 * evidence of: on a move, the region entered and the features; on a setting, the features whose checks changed.
 */
// biome-ignore lint/complexity/noExcessiveCognitiveComplexity: the poll-by-poll reducer that the evidence engine replaces by derive(log, carried, settings, now) (issue 24).
export function reduceSnapshot(previous: Snapshot, poll: PollResult, config: TrackerConfig): Snapshot {
  const watched = config.probes ?? PROBES;
  const hadData = previous.checkedAt !== null;
  // Evidence older than its own due time (and one interval more) confirms nothing; nor does evidence
  // from the future, which a clock set back leaves behind.
  const afterGap =
    previous.evidenceAt !== null &&
    (previous.evidenceAt > poll.at + CLOCK_TOLERANCE_MS ||
      poll.at >
        (previous.evidenceUntil ??
          evidenceEnd({ checkedAt: previous.evidenceAt, notBefore: null }, config.pollMinutes, poll.at)));
  const watchedIds = new Set(watched.map((probe) => probe.id));
  const freshness = poll.online
    ? probeFreshness(previous, poll.probes, poll.at, afterGap)
    : {
        unreachableSince: previous.unreachableSince,
        retired: previous.retired.filter((id) => watchedIds.has(id)),
      };
  const probes = watched.filter((probe) => !freshness.retired.includes(probe.id));
  const activeProbes = probes.map((probe) => probe.id).sort();
  const probesChanged = hadData && !sameIds(previous.activeProbes, activeProbes);
  const regionChanged = hadData && previous.region !== config.region;
  const settling = previous.rescoped || probesChanged || regionChanged;
  // A move (or a region picked by hand) judges the new region again from here, as the owner's own:
  // its track was formed from elsewhere, where China's hosts, say, only time out. So do its features.
  const previousRegions = regionChanged ? { ...previous.regions, [config.region]: emptyTrack() } : previous.regions;
  const previousFeatures = regionChanged
    ? (Object.fromEntries(FEATURE_IDS.map((id) => [id, restartedFeature()])) as Record<FeatureId, FeatureTrack>)
    : probesChanged
      ? continuedFeatures(previous, config.region, activeProbes, watched)
      : previous.features;

  // One new snapshot per poll, filled in below: a derivation makes one for every poll of its log.
  const next: Snapshot = {
    ...previous,
    ...freshness,
    region: config.region,
    activeProbes,
    checkedAt: poll.at,
    online: poll.online,
    probes: poll.probes,
    regions: previousRegions,
    features: previousFeatures,
    rescoped: settling,
  };
  if (poll.online) {
    const judged = discountUniformSlowness(poll.probes);
    const regions = { ...previousRegions };
    const raw = rawFeatures(config.region, judged, watched, freshness.retired);
    for (const region of USER_REGIONS) {
      const features =
        region === config.region
          ? lastSeenTrouble(raw, previousFeatures)
          : rawFeatures(region, judged, watched, freshness.retired);
      regions[region] = advanceTrack(
        previousRegions[region],
        rawRegionLevel(features),
        poll.at,
        config,
        afterGap,
        poll.again,
      );
    }
    const features = Object.fromEntries(
      FEATURE_IDS.map((id): [FeatureId, FeatureTrack] => [
        id,
        featureAfter(
          previousFeatures[id],
          advanceTrack(previousFeatures[id], raw[id], poll.at, config, afterGap, poll.again),
          raw[id].reason,
        ),
      ]),
    ) as Record<FeatureId, FeatureTrack>;
    next.features = features;
    next.regions = regions;
  }
  // Until when this poll vouches for what it saw: the next poll's due time, and one interval more.
  next.notBefore = planAfterPoll(next, config.pollMinutes, poll.at).notBefore;
  const until = evidenceEnd(next, config.pollMinutes, poll.at);
  // An offline poll watched nothing: the watch begins again with the first poll that saw Tesla.
  // Before the incidents, which it tells whether anyone saw the trouble begin.
  if (poll.online && !poll.again) next.watch = watchAfter(previous, poll.at, until, troubleSince(overallTrack(next)));
  if (poll.online) {
    const updated = updateIncidents(
      previous.incidents,
      overallTrack(previous),
      previous.features,
      next,
      config,
      settling,
      until,
      poll.at,
    );
    next.incidents = updated.incidents;
    next.rescoped = updated.settling;
    next.evidenceAt = poll.at;
    next.evidenceUntil = until;
  }
  if (!poll.again) {
    // A change confirmed where the owner was and still is: the strip tells it from its first poll.
    const confirmed =
      previous.region === next.region ? changeConfirmed(overallTrack(previous), overallTrack(next), poll.at) : null;
    const shown = displayedOverall(next);
    const samples = confirmed === null ? previous.samples : restated(previous.samples, confirmed, shown);
    // An offline poll saw nothing: it stays "not known", whatever is confirmed around it.
    const pending = poll.online && isBeingConfirmed(overallTrack(next)) ? { c: true as const } : {};
    next.samples = appendSample(samples, { t: poll.at, s: shown, u: until, ...pending });
  }
  return next;
}

function troubleSince(track: Track): number | null {
  return isTrouble(track.level) ? track.since : null;
}

/**
 * The watch after a poll at `at` that vouches until `until`, with trouble going on since
 * `trouble`: unbroken, or begun again after a gap, with what the last poll online before it showed.
 * A clock set back is no gap: what begins from then on is watched from its first poll, so the watch
 * goes on from the earliest poll in either clock; trouble first seen after the gap and still going
 * on stays "since at least" until it ends.
 */
function watchAfter(previous: Snapshot, at: number, until: number, trouble: number | null): Watch {
  // No poll online yet (installed offline, or every host timing out): the watch begins now. Samples
  // without a watch are an older snapshot's only when a poll online came before.
  const watch = previous.watch ?? (previous.evidenceAt === null ? null : watchInSamples(previous.samples));
  if (watch === null) return { from: at, until };
  if (at > watch.until + WATCH_GAP_MS) {
    const last = lastSampleOnline(previous);
    return { from: at, until, ...(last && { before: { s: last.s, t: last.t } }) };
  }
  const foundAfterGap = watch.before !== undefined && trouble !== null && trouble <= watch.from;
  return { ...watch, from: foundAfterGap ? watch.from : Math.min(watch.from, at), until };
}

/** The sample of the last poll online (what the owner last saw of Tesla), or the last sample. */
function lastSampleOnline(previous: Snapshot): Sample | undefined {
  const { samples, evidenceAt } = previous;
  if (evidenceAt !== null)
    for (let i = samples.length - 1; i >= 0; i--) if (samples[i]?.t === evidenceAt) return samples[i];
  return samples.at(-1);
}

/**
 * An older snapshot kept no watch: its samples say it, back to the last gap between them. Read once,
 * on the first poll after an upgrade; samples older than the strip's day are gone, so a watch that
 * reaches back to the first sample has nothing before it.
 */
function watchInSamples(samples: Snapshot['samples']): Watch | null {
  const last = samples.at(-1);
  if (last?.u === undefined) return null;
  let from = last.t;
  for (const sample of samples.slice(0, -1).reverse()) {
    // A sample that never said until when it vouched cannot tell a gap: nothing before is claimed.
    if (sample.u === undefined) break;
    if (from > sample.u + WATCH_GAP_MS) return { from, until: last.u, before: { s: sample.s, t: sample.t } };
    from = Math.min(from, sample.t);
  }
  return { from, until: last.u };
}

/** A feature's track after a poll, with its reason: the same object when neither changed. */
function featureAfter(previous: FeatureTrack, track: Track, reason: StoredReason | null): FeatureTrack {
  if (track === previous && sameReason(previous.reason, reason)) return previous;
  return { ...track, reason };
}

function sameReason(a: StoredReason | null, b: StoredReason | null): boolean {
  if (a === b) return true;
  if (!a || !b || a.key !== b.key) return false;
  return (
    (a.values ?? []).join('\u0001') === (b.values ?? []).join('\u0001') &&
    (a.values === undefined) === (b.values === undefined)
  );
}

/** A first level not confirmed yet, or a change being confirmed: what the strip shows may be restated. */
function isBeingConfirmed(track: Track): boolean {
  const judgement = judgementOf(track);
  if (judgement.state === 'confirming') return true;
  return judgement.state === 'unjudged' && judgement.why === 'not-confirmed' && track.pending !== null;
}

/**
 * Since when the level this poll confirmed holds, if this poll confirmed a change; else null. The
 * poll that confirms one may start confirming a worse one (the car falling as the website's failure
 * is confirmed): the level it confirmed holds all the same.
 */
function changeConfirmed(before: Track, after: Track, at: number): number | null {
  const was = judgementOf(before);
  const now = judgementOf(after);
  const since = judgedSince(now);
  if (now.state === 'unjudged' || since === null || since >= at || !isBeingConfirmed(before)) return null;
  // A change given up (the level it left came back) was never confirmed: its samples stay as shown.
  return was.state === 'confirming' && was.level === now.level ? null : since;
}

/** The samples taken while the change was being confirmed, from its first poll on, told as what it was. */
function restated(samples: Snapshot['samples'], since: number, status: Sample['s']): Snapshot['samples'] {
  return samples.map(({ c, ...sample }) =>
    c && sample.t >= since ? { ...sample, s: status } : c ? { ...sample, c } : sample,
  );
}
