import * as z from 'zod/mini';
import { FEATURES, FEATURE_IDS, type FeatureId } from './features';
import { USER_REGIONS, type UserRegion } from './probes';
import { overallOf, type Level, type OverallStatus } from './status';
import { asRecord, between, field, keepValidFields, matching, shortString, validItems, whole } from './salvage';
import { DAY, MINUTE } from './time';
import { type Classification, RETRY_AFTER_MAX_SEC } from './classify-response';
import {
  TRACK_UNJUDGED,
  isTrouble,
  judgedLevel,
  judgementOf,
  type Track,
  type TrackUnjudged,
} from './derive/judgement';

/**
 * The status snapshot: the one source of truth that the badge, the popup, the banner and the
 * notifications all read. Written by the worker after each poll, validated on every read.
 */

export type { Track } from './derive/judgement';

/**
 * A reason as stored: a message key and its values. Stored keys are only strings (another version
 * may have written them); `describeReason` turns an unknown one into nothing rather than a raw key.
 */
export interface StoredReason {
  key: string;
  values?: string[];
}

export interface FeatureTrack extends Track {
  /** Why the feature is in its current raw state, from the worst probe it needs. */
  reason: StoredReason | null;
}

/**
 * A probe's classification as stored: the same facts (see `Classification`), a reason whose key is
 * only a string (another version may have written it), and when it was observed.
 */
export interface ProbeResult extends Omit<Classification, 'reason'> {
  reason: StoredReason;
  /**
   * When this answer was observed, when that is earlier than the poll that carries it: an answer
   * reused for a request the browser throttled keeps the time Tesla gave it.
   */
  observedAt?: number;
}

export interface Incident {
  id: string;
  start: number;
  end: number | null;
  worst: Exclude<OverallStatus, 'operational' | 'unknown'>;
  features: FeatureId[];
  regions: UserRegion[];
  /** How many times a relapse reopened it after an apparent recovery. */
  recurred: number;
  /**
   * When each of the latest relapses began (at most `MAX_RELAPSES`): a derivation that carries the
   * incident past its log counts again only those before the log. Absent in older snapshots.
   */
  relapses?: number[];
  /** The user's region when it began: it ends when that region works again. Absent in older snapshots. */
  region?: UserRegion;
  /** Until when a poll last vouched for it: a recovery first seen after a gap ends it there. */
  seenUntil?: number;
  /** The last poll that saw the trouble: the latest time at which it is known to have been there. */
  seenAt?: number;
  /**
   * Nobody saw it begin: `start` is the first poll after a gap in the watch (a sleep) or the first
   * poll ever (installed during it), and it lasted at least from then.
   */
  begunUnseen?: true;
  /**
   * Since when it has been a full outage, without a partial spell since: a change of scope or a
   * derivation restarts the tracks, and the story still tells the outage from here. Absent while
   * partial, and in older snapshots.
   */
  outageSince?: number;
  /**
   * The features in trouble at that poll: it is seen back only while they are still watched (a check
   * unticked during the outage is no recovery). Absent in older snapshots: `features` stands for it.
   */
  lastAffected?: FeatureId[];
  /**
   * The poll that saw Tesla working again, when it ended so. After a gap (sleep) it is later than
   * `end`, which stops where the evidence ran out: "back by 11:40, last seen down at 10:52".
   */
  backAt?: number;
  /**
   * How it ended: Tesla seen working again (`back`, also when absent: older snapshots), or the
   * owner stopped watching it, or its checks were retired. Only `back` is a recovery.
   */
  ended?: IncidentEnding;
}

export type IncidentEnding = 'back' | 'unwatched' | 'retired';

/** Whether an ended incident ended because Tesla was seen working again (not because nobody watched). */
export function endedBack(incident: Pick<Incident, 'end' | 'ended'>): boolean {
  return incident.end !== null && (incident.ended === undefined || incident.ended === 'back');
}

export interface Sample {
  t: number;
  s: OverallStatus;
  /** Until when this poll vouches for its state: past it, without a newer poll, there is no data. */
  u?: number;
  /**
   * Taken while a change was being confirmed: once the change is confirmed, the sample is restated
   * as its new state, which dates from the first poll that showed it.
   */
  c?: true;
}

/**
 * The owner's watch, poll by poll: since when it is unbroken, and what was seen before its last gap.
 * Kept by the tracker as the polls come, so neither a clock set back nor the strip's 24 hours can
 * make up a gap, and small enough for the banner: the stories' "since at least" reads it.
 */
/**
 * Unwatched this much longer than a poll vouched for (a sleep, a closed browser), the headline says
 * so; a shorter stretch (a late alarm, a backoff) shows as no data on the strip only.
 */
export const WATCH_GAP_MS = 10 * MINUTE;

export interface Watch {
  /** The first poll after the last gap (a poll more than `WATCH_GAP_MS` past the one before vouched for). */
  from: number;
  /** Until when the latest poll vouches for what it saw. */
  until: number;
  /** What the last poll before that gap showed, and when; absent when nothing was watched before it. */
  before?: { s: OverallStatus; t: number };
}

/**
 * Whether trouble that began at `since` began before the watch did: at or before its first poll after
 * a gap, or at its very first poll (nothing watched before). Then nobody saw it begin.
 */
export function begunBeforeWatch(watch: Watch | null, since: number): watch is Watch {
  return watch !== null && since <= watch.from;
}

export interface Snapshot {
  version: 1;
  /** When the last poll completed; null before the first one. */
  checkedAt: number | null;
  /**
   * Whether something in the last poll spoke for Tesla (see `isOffline`); false means the user, not
   * Tesla, was cut off, or something answered in Tesla's place.
   */
  online: boolean;
  /** The user's region: its track is the overall status. */
  region: UserRegion;
  /**
   * The probes the tracks were built from (watched, not retired), sorted; null when not known (an
   * older snapshot). A change of them, or of the region, is a change of scope.
   */
  activeProbes: string[] | null;
  /** Since when each probe has failed to connect while other Tesla hosts answered. */
  unreachableSince: Record<string, number>;
  /**
   * Probes taken for retired by Tesla (a host gone: a day of connection failures while the others
   * answer): "this check may be out of date". They drive nothing until their host answers again.
   */
  retired: string[];
  /**
   * The scope (region, services) changed and the tracks started again: until the new scope shows
   * where it stands, no incident opens, closes or notifies because of the change.
   */
  rescoped: boolean;
  /** The last poll that reached Tesla, and until when its evidence holds (a confirmation needs fresh polls). */
  evidenceAt: number | null;
  evidenceUntil: number | null;
  features: Record<FeatureId, FeatureTrack>;
  regions: Record<UserRegion, Track>;
  probes: Record<string, ProbeResult>;
  incidents: Incident[];
  samples: Sample[];
  /** The watch: null before the first poll (and in older snapshots). */
  watch: Watch | null;
  /** No routine poll before this time (Retry-After, backoff during a long outage). */
  notBefore: number | null;
  /** When the owner cleared the history: a derivation from the log does not bring back what was before. */
  clearedAt: number | null;
}

const CAR_FEATURE_IDS = FEATURES.filter((feature) => feature.reachesCar).map((feature) => feature.id);

export const MAX_INCIDENTS = 50;
/** The relapse times an incident keeps: more than a day of a log holds in any real outage. */
export const MAX_RELAPSES = 64;
export const SAMPLE_WINDOW_MS = DAY;
/** One a minute at the shortest interval: a day of them. */
export const MAX_SAMPLES = 1440;

/** The last instant a `Date` can hold: a later stored time would make `Intl` and `toISOString` throw. */
export const MAX_EPOCH = 8.64e15;
const epoch = whole(0, MAX_EPOCH);
const level = z.enum(['up', 'degraded', 'down']);
const trackUnjudged = z.enum(TRACK_UNJUDGED);
const overallStatus = z.enum(['operational', 'degraded', 'outage', 'unknown']);
const region = z.enum(USER_REGIONS as [UserRegion, ...UserRegion[]]);
const featureId = z.enum(FEATURE_IDS);
const count = whole(0);
const incidentId = shortString(64);

const reasonSchema = z.object({
  key: matching(/^[A-Za-z0-9_]{1,64}$/),
  values: z.optional(z.array(shortString(200)).check(z.refine((values) => values.length <= 9))),
});

const trackFields = {
  level: z.nullable(level),
  since: z.nullable(epoch),
  pending: z.nullable(level),
  pendingSince: z.nullable(epoch),
  streak: count,
  unjudged: z.optional(trackUnjudged),
};
const trackSchema = z.object(trackFields);

const featureTrackSchema = z.object({
  ...trackFields,
  reason: z.nullable(reasonSchema),
});

const probeResultSchema = z.object({
  state: z.enum(['up', 'degraded', 'down', 'unreachable']),
  reason: reasonSchema,
  latencyMs: between(0),
  retryAfterSec: z.optional(between(0, RETRY_AFTER_MAX_SEC)),
  observedAt: z.optional(epoch),
  generic: z.optional(z.literal(true)),
  status: z.optional(whole(100, 599)),
  cause: z.optional(z.enum(['network', 'timeout', 'not-tesla', 'proxy', 'cdn-wall', 'rate-limit', 'maintenance'])),
  healthyShape: z.optional(z.literal(true)),
  slow: z.optional(z.literal(true)),
});

/** What an incident stands on: which, when, how bad, how often it fell again. The rest is salvaged alone. */
const incidentCore = {
  id: incidentId,
  start: epoch,
  end: z.nullable(epoch),
  worst: z.enum(['degraded', 'outage']),
  recurred: count,
  ended: z.optional(z.enum(['back', 'unwatched', 'retired'])),
  seenAt: z.optional(epoch),
  backAt: z.optional(epoch),
  begunUnseen: z.optional(z.literal(true)),
  outageSince: z.optional(epoch),
  relapses: z.optional(z.array(epoch).check(z.refine((times) => times.length <= MAX_RELAPSES))),
};
const incidentCoreSchema = z.object(incidentCore);
const incidentSchema = z.object({
  ...incidentCore,
  features: z.array(featureId),
  regions: z.array(region),
  region: z.optional(region),
  seenUntil: z.optional(epoch),
  lastAffected: z.optional(z.array(featureId)),
});

const sampleSchema = z.object({ t: epoch, s: overallStatus, u: z.optional(epoch), c: z.optional(z.literal(true)) });
const watchSchema = z.object({
  from: epoch,
  until: epoch,
  before: z.optional(z.object({ s: overallStatus, t: epoch })),
});
const PROBE_ID = /^[a-z0-9-]{1,40}$/;
const probeIdsSchema = z.array(matching(PROBE_ID)).check(z.refine((ids) => ids.length <= 64));

export function emptyTrack(): Track {
  return { level: null, since: null, pending: null, pendingSince: null, streak: 0 };
}

export function emptySnapshot(userRegion: UserRegion = 'na'): Snapshot {
  return {
    version: 1,
    checkedAt: null,
    online: true,
    region: userRegion,
    activeProbes: null,
    unreachableSince: {},
    retired: [],
    rescoped: false,
    evidenceAt: null,
    evidenceUntil: null,
    features: Object.fromEntries(FEATURE_IDS.map((id) => [id, { ...emptyTrack(), reason: null }])) as Record<
      FeatureId,
      FeatureTrack
    >,
    regions: Object.fromEntries(USER_REGIONS.map((r) => [r, emptyTrack()])) as Record<UserRegion, Track>,
    probes: {},
    incidents: [],
    samples: [],
    watch: null,
    notBefore: null,
    clearedAt: null,
  };
}

/**
 * Each stored shape is written twice: as a type, with its documentation, and as the schema that
 * reads it back. They must agree both ways, or a field added to one would be dropped on every read
 * (or never checked): the compiler holds them together, at no cost to the bundle.
 */
type Mutual<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
// Optional fields make mutual assignability blind to a missing one: the keys must match too.
type Agrees<A, B> = Mutual<A, B> extends true ? Mutual<keyof A, keyof B> : false;
type Expect<T extends true> = T;
export type SchemasAgree = [
  Expect<Agrees<z.infer<typeof reasonSchema>, StoredReason>>,
  Expect<Agrees<z.infer<typeof trackSchema>, Track>>,
  Expect<Agrees<z.infer<typeof featureTrackSchema>, FeatureTrack>>,
  Expect<Agrees<z.infer<typeof probeResultSchema>, ProbeResult>>,
  Expect<Agrees<z.infer<typeof incidentSchema>, Incident>>,
  Expect<Agrees<z.infer<typeof sampleSchema>, Sample>>,
  Expect<Agrees<z.infer<typeof watchSchema>, Watch>>,
];

const probeCoreSchema = z.object({
  state: probeResultSchema.shape.state,
  reason: reasonSchema,
  latencyMs: probeResultSchema.shape.latencyMs,
});

/** A probe result whose extras are bad (an older version stored an unbounded `Retry-After`) keeps its core. */
export function parseProbeResult(value: unknown): ProbeResult | null {
  const whole = probeResultSchema.safeParse(value);
  if (whole.success) return whole.data;
  const core = probeCoreSchema.safeParse(value);
  if (!core.success) return null;
  // Each extra alone: one bad field (an unbounded Retry-After from an older version) costs only itself.
  const { retryAfterSec, observedAt, generic, status, cause, healthyShape, slow } = probeResultSchema.shape;
  return keepValidFields<ProbeResult>(core.data, asRecord(value), {
    retryAfterSec,
    observedAt,
    generic,
    status,
    cause,
    healthyShape,
    slow,
  });
}

/**
 * A feature's track stands on its core (level, since, the pending change): a reason or mark that
 * does not read (an older version's longer reason) is dropped alone, and the banner, which reads
 * only the core, says what the popup says.
 */
function parseFeatureTrack(stored: unknown, fallback: FeatureTrack): FeatureTrack {
  const value = fromOlderTrack(stored);
  const whole = featureTrackSchema.safeParse(value);
  if (whole.success) return whole.data;
  const core = trackSchema.safeParse(value);
  if (!core.success) return fallback;
  return { ...core.data, reason: field(featureTrackSchema.shape.reason, asRecord(value).reason, null) };
}

/**
 * A track as versions before explicit judgements stored it, in today's terms: their `up` with no
 * `since` was a placeholder (nothing confirmed), and their `unjudged: true` meant answers that were
 * not Tesla's. Anything else is returned as it is, for the schema to judge.
 */
function fromOlderTrack(value: unknown): unknown {
  const input = asRecord(value);
  if (input.unjudged === true) return fromOlderTrack({ ...input, unjudged: 'no-tesla-answer' });
  if (input.since === null && input.level === 'up') return { ...input, level: null };
  return value;
}

function parseTrack(value: unknown, fallback: Track): Track {
  return field(trackSchema, fromOlderTrack(value), fallback);
}

/**
 * An incident stands on its core: an unknown feature or region in its lists (a newer version's) is
 * dropped alone, so the history is kept, and the banner, which reads only the core, keeps the same
 * incidents as the popup.
 */
function parseIncident(value: unknown): Incident | null {
  const whole = incidentSchema.safeParse(value);
  if (whole.success) return whole.data;
  const core = incidentCoreSchema.safeParse(value);
  if (!core.success) return null;
  const input = asRecord(value);
  const incident: Incident = {
    ...core.data,
    features: validItems(featureId, input.features),
    regions: validItems(region, input.regions),
  };
  return keepValidFields(incident, input, {
    region: incidentSchema.shape.region,
    seenUntil: incidentSchema.shape.seenUntil,
    lastAffected: incidentSchema.shape.lastAffected,
  });
}

/** Keeps the valid entries of a record keyed by probe id. */
function validRecord<T>(schema: z.ZodMiniType<T>, value: unknown): Record<string, T> {
  const valid: Record<string, T> = {};
  for (const [id, item] of Object.entries(asRecord(value))) {
    const result = schema.safeParse(item);
    if (result.success && PROBE_ID.test(id)) valid[id] = result.data;
  }
  return valid;
}

/**
 * Reads a stored snapshot. Never throws: whatever is valid is kept, field by field; whatever is not
 * falls back to the empty snapshot's value. Returns null only when nothing was stored at all.
 */
export function parseSnapshot(raw: unknown): Snapshot | null {
  if (raw === undefined || raw === null) return null;
  const input = asRecord(raw);
  const base = emptySnapshot();
  const features = asRecord(input.features);
  const regions = asRecord(input.regions);
  const probes = asRecord(input.probes);
  const validProbes: Record<string, ProbeResult> = {};
  for (const [id, value] of Object.entries(probes)) {
    const result = parseProbeResult(value);
    if (result && PROBE_ID.test(id)) validProbes[id] = result;
  }
  return {
    version: 1,
    checkedAt: field(z.nullable(epoch), input.checkedAt, base.checkedAt),
    online: field(z.boolean(), input.online, base.online),
    region: field(region, input.region, base.region),
    activeProbes: field(z.nullable(probeIdsSchema), input.activeProbes, base.activeProbes),
    unreachableSince: validRecord(epoch, input.unreachableSince),
    retired: field(probeIdsSchema, input.retired, base.retired),
    rescoped: field(z.boolean(), input.rescoped, base.rescoped),
    evidenceAt: field(z.nullable(epoch), input.evidenceAt, base.evidenceAt),
    evidenceUntil: field(z.nullable(epoch), input.evidenceUntil, base.evidenceUntil),
    features: Object.fromEntries(
      FEATURE_IDS.map((id) => [id, parseFeatureTrack(features[id], base.features[id])]),
    ) as Record<FeatureId, FeatureTrack>,
    regions: Object.fromEntries(USER_REGIONS.map((r) => [r, parseTrack(regions[r], base.regions[r])])) as Record<
      UserRegion,
      Track
    >,
    probes: validProbes,
    incidents: (Array.isArray(input.incidents) ? input.incidents : [])
      .flatMap((item) => parseIncident(item) ?? [])
      .slice(-MAX_INCIDENTS),
    samples: validItems(sampleSchema, input.samples).slice(-MAX_SAMPLES),
    watch: field(z.nullable(watchSchema), input.watch, base.watch),
    notBefore: field(z.nullable(epoch), input.notBefore, base.notBefore),
    clearedAt: field(z.nullable(epoch), input.clearedAt, base.clearedAt),
  };
}

/**
 * What the banner reads of a snapshot: when it was checked, whether it reached Tesla, the core of
 * the tracks, and the incidents by id and time. Everything else (probes, samples, reasons) it never
 * shows, and reading it would cost every Tesla account page the code to check it.
 */
export interface BannerSnapshot {
  checkedAt: number | null;
  notBefore: number | null;
  online: boolean;
  region: UserRegion;
  regions: Record<UserRegion, Track>;
  features: Record<FeatureId, Pick<Track, 'level' | 'unjudged'>>;
  incidents: Pick<
    Incident,
    'id' | 'start' | 'end' | 'recurred' | 'ended' | 'seenAt' | 'backAt' | 'begunUnseen' | 'outageSince' | 'relapses'
  >[];
  watch: Watch | null;
}

/**
 * Reads a stored snapshot for the banner, by the same rules as `parseSnapshot` for every field it
 * reads: a track stands on its core, an incident on its core, a bad field falls back alone.
 */
export function parseBannerSnapshot(raw: unknown): BannerSnapshot | null {
  if (raw === undefined || raw === null) return null;
  const input = asRecord(raw);
  const base = emptySnapshot();
  const features = asRecord(input.features);
  const regions = asRecord(input.regions);
  const core = (value: unknown, fallback: Track): Pick<Track, 'level' | 'unjudged'> => {
    const { level, unjudged } = parseTrack(value, fallback);
    return unjudged ? { level, unjudged } : { level };
  };
  return {
    checkedAt: field(z.nullable(epoch), input.checkedAt, base.checkedAt),
    notBefore: field(z.nullable(epoch), input.notBefore, base.notBefore),
    online: field(z.boolean(), input.online, base.online),
    region: field(region, input.region, base.region),
    regions: Object.fromEntries(
      USER_REGIONS.map((r) => [r, parseTrack(regions[r], base.regions[r])]),
    ) as BannerSnapshot['regions'],
    features: Object.fromEntries(
      FEATURE_IDS.map((id) => [id, core(features[id], base.features[id])]),
    ) as BannerSnapshot['features'],
    incidents: validItems(incidentCoreSchema, input.incidents).slice(-MAX_INCIDENTS),
    watch: field(z.nullable(watchSchema), input.watch, base.watch),
  };
}

/**
 * The state to show: a poll that could not reach the internet says nothing about Tesla, and
 * nothing unjudged (not confirmed yet, not watched, no answer of Tesla's) is shown as any level.
 */
export function displayedOverall(snapshot: BannerSnapshot | null): OverallStatus {
  if (!snapshot || snapshot.checkedAt === null || !snapshot.online) return 'unknown';
  const judgement = judgementOf(overallTrack(snapshot));
  const level = judgedLevel(judgement);
  if (level === null || (level === 'up' && !carJudged(snapshot))) return 'unknown';
  // Working, and a failure seen once is being confirmed: not "all systems working" meanwhile.
  if (judgement.state === 'confirming' && level === 'up') return 'unknown';
  if (troubleWithoutFeature(snapshot, level)) return 'unknown';
  return overallOf(level);
}

/**
 * The region in trouble while none of its features is (failures flapping from one check to another,
 * none confirmed): there is nothing to name, so it is being checked, not an outage of nothing.
 */
function troubleWithoutFeature(snapshot: Pick<BannerSnapshot, 'features'>, level: Level | null): boolean {
  return isTrouble(level) && !featureInTrouble(snapshot);
}

/** Whether some feature's track is in trouble, confirmed (or last seen so, with no answer of Tesla's since). */
export function featureInTrouble(snapshot: Pick<BannerSnapshot, 'features'>): boolean {
  return FEATURE_IDS.some((id) => isTrouble(snapshot.features[id].level));
}

/** Whether every car feature has a judged level: "working" needs all of them. */
export function carJudged(snapshot: Pick<BannerSnapshot, 'features'>): boolean {
  return CAR_FEATURE_IDS.every((id) => {
    const track = snapshot.features[id];
    return track.unjudged === undefined && track.level !== null;
  });
}

/**
 * Why the last poll could not tell whether the car can be reached, when it could not and saw no
 * trouble either: the region is not judged, or it is judged working while the car's own features
 * were not (their checks unwatched, silent or retired, and something else failing). Null when the
 * state is known, or is trouble (told as trouble), or is still being confirmed ("checking").
 */
export function notJudgedWhy(snapshot: BannerSnapshot): TrackUnjudged | null {
  if (snapshot.checkedAt === null || !snapshot.online) return null;
  const region = overallTrack(snapshot);
  if (region.unjudged) return region.unjudged;
  if (judgedLevel(judgementOf(region)) !== 'up') return null;
  const car = CAR_FEATURE_IDS.map((id) => snapshot.features[id]).find((track) => track.unjudged !== undefined);
  return car?.unjudged ?? null;
}

/** Reached Tesla, but no level is confirmed yet: the popup says it is checking, not that all works. */
export function isChecking(snapshot: BannerSnapshot | null): boolean {
  if (!snapshot || snapshot.checkedAt === null || !snapshot.online) return false;
  const judgement = judgementOf(overallTrack(snapshot));
  if (judgement.state === 'unjudged') return judgement.why === 'not-confirmed';
  if (judgement.state === 'confirming' && judgement.level === 'up') return true;
  if (troubleWithoutFeature(snapshot, judgedLevel(judgement))) return true;
  // The region works, and a car feature starts again (its checks changed): checking it, not working.
  return judgedLevel(judgement) === 'up' && !carJudged(snapshot) && notJudgedWhy(snapshot) === null;
}

export function overallTrack<T extends Track>(snapshot: { region: UserRegion; regions: Record<UserRegion, T> }): T {
  return snapshot.regions[snapshot.region];
}

/** The features not fully working, confirmed and judged by the last poll, in catalogue order. */
export function affectedFeatures(snapshot: Pick<BannerSnapshot, 'features'>): FeatureId[] {
  return FEATURE_IDS.filter((id) => {
    const { level, unjudged } = snapshot.features[id];
    return !unjudged && (level === 'degraded' || level === 'down');
  });
}

/**
 * The features that need Tesla's servers and that the last poll could not judge (not watched, no
 * answer of Tesla's, retired), in catalogue order: a working headline names them rather than
 * letting them pass for working.
 */
export function unjudgedFeatures(snapshot: Pick<BannerSnapshot, 'features'>): FeatureId[] {
  return FEATURE_IDS.filter((id) => {
    const track = snapshot.features[id];
    return track.unjudged !== undefined || track.level === null;
  });
}

export function openIncident<T extends Pick<Incident, 'end'>>(snapshot: { incidents: T[] }): T | undefined {
  const last = snapshot.incidents.at(-1);
  return last && last.end === null ? last : undefined;
}
