import * as z from 'zod/mini';
import { USER_REGIONS, type ServiceId, type UserRegion } from '../probes';
import { MAX_EPOCH, parseProbeResult, type ProbeResult } from '../snapshot';
import type { PollEvidence, Watching } from './log';

/**
 * The evidence log as `storage.local` holds it. A day of polls at a 1-minute interval is about 1,600
 * entries, and most polls see what the one before saw: an entry stores only the probes whose
 * classified answer changed (latencies apart, which change every time and are kept as a short list),
 * and an answer that Tesla gave a few polls before (a flapping host: up, down, up) as how many
 * entries back, so a flapping day fits the budget too. Every `KEYFRAME_EVERY`-th entry stores them
 * all, and no entry refers back past it, so that one corrupt entry costs at most the entries up to
 * the next whole one, never the rest of the log.
 */
export const STORED_LOG_VERSION = 1;
export const KEYFRAME_EVERY = 60;

interface StoredPoll {
  /** when, in a keyframe */
  t?: number;
  /** otherwise, how long after the entry before (ms) */
  d?: number;
  /** the region it was made from (the vantage point "here"): in a keyframe, and when it changed */
  r?: UserRegion;
  /** present, false, when the browser said it was offline */
  o?: false;
  /** the probes asked, in order; present when they differ from the entry before, and in a keyframe */
  a?: string[];
  /**
   * The answers that differ from the entry before (all of them in a keyframe), without latency: in
   * full, or as how many entries back (2 or more, never past the last keyframe) the same was given.
   */
  p?: Record<string, Omit<ProbeResult, 'latencyMs'> | number>;
  /** each asked probe's latency in ms, in the order of `a` */
  l: number[];
  /** a keyframe: `a` and `p` are whole */
  k?: true;
  /** the services watched and the interval, when they differ from the entry before, and in a keyframe */
  w?: { s: ServiceId[]; m: number };
}

export interface StoredLog {
  version: typeof STORED_LOG_VERSION;
  polls: StoredPoll[];
}

function withoutLatency(result: ProbeResult): Omit<ProbeResult, 'latencyMs'> {
  const { latencyMs: _latency, ...rest } = result;
  return rest;
}

/**
 * Every fact of an answer but its latency, in a fixed order: the compiler insists that a field added
 * to `ProbeResult` is added here, or two answers that differ in it would be stored as one.
 */
const ANSWER_FIELDS = {
  state: true,
  reason: true,
  status: true,
  cause: true,
  healthyShape: true,
  slow: true,
  generic: true,
  retryAfterSec: true,
  observedAt: true,
} as const satisfies Record<keyof Omit<ProbeResult, 'latencyMs'>, true>;
const ANSWER_KEYS = Object.keys(ANSWER_FIELDS) as (keyof typeof ANSWER_FIELDS)[];

/** An answer but for its latency, as text that two alike answers share, whatever their keys' order. */
function answerKey(result: ProbeResult): string {
  return JSON.stringify(
    ANSWER_KEYS.map((key) => (key === 'reason' ? [result.reason.key, result.reason.values] : result[key])),
  );
}

function sameWatching(a: Watching | undefined, b: Watching): boolean {
  return !!a && a.pollMinutes === b.pollMinutes && a.services.join() === b.services.join();
}

/** The settings of a poll as stored: in a keyframe, and when they changed. */
function watchingEntry(poll: PollEvidence, before: PollEvidence | null, keyframe: boolean): Pick<StoredPoll, 'w'> {
  if (!poll.watching || (!keyframe && sameWatching(before?.watching, poll.watching))) return {};
  return { w: { s: poll.watching.services, m: poll.watching.pollMinutes } };
}

/** How many entries back, since the keyframe at `keyframeAt`, the probe gave this answer; null if it did not. */
function entriesBack(keys: readonly Map<string, string>[], index: number, keyframeAt: number, id: string) {
  const key = keys[index]?.get(id);
  for (let back = 2; index - back >= keyframeAt; back++) if (keys[index - back]?.get(id) === key) return back;
  return null;
}

/** The answers of the poll at `index` that differ from the entry before: in full, or how far back they were given. */
function changedAnswers(
  poll: PollEvidence,
  keys: readonly Map<string, string>[],
  index: number,
  keyframeAt: number,
): StoredPoll['p'] | undefined {
  const keyframe = index === keyframeAt;
  const changed = Object.keys(poll.results).filter(
    (id) => keyframe || keys[index - 1]?.get(id) !== keys[index]?.get(id),
  );
  if (changed.length === 0) return undefined;
  return Object.fromEntries(
    changed.map((id) => [
      id,
      (keyframe ? null : entriesBack(keys, index, keyframeAt, id)) ?? withoutLatency(poll.results[id] as ProbeResult),
    ]),
  );
}

/** The probes asked, when they differ from the entry before's (and always in a keyframe). */
function askedEntry(poll: PollEvidence, before: PollEvidence | null, keyframe: boolean): Pick<StoredPoll, 'a'> {
  const asked = Object.keys(poll.results);
  const previous = before ? Object.keys(before.results) : [];
  const same = !keyframe && asked.length === previous.length && asked.every((id, i) => previous[i] === id);
  return same ? {} : { a: asked };
}

/** One poll as stored, given the one before it (null for the first) and the log's answer keys. */
function encodeEntry(
  poll: PollEvidence,
  before: PollEvidence | null,
  keys: readonly Map<string, string>[],
  index: number,
  keyframeAt: number,
): StoredPoll {
  const keyframe = index === keyframeAt;
  const entry: StoredPoll = {
    ...(keyframe || before === null ? { t: poll.at } : { d: poll.at - before.at }),
    l: Object.keys(poll.results).map((id) => Math.round(poll.results[id]?.latencyMs ?? 0)),
    ...askedEntry(poll, before, keyframe),
  };
  if (keyframe || before?.vantage.region !== poll.vantage.region) entry.r = poll.vantage.region;
  if (!poll.browserOnline) entry.o = false;
  const answers = changedAnswers(poll, keys, index, keyframeAt);
  if (answers) entry.p = answers;
  if (keyframe) entry.k = true;
  return { ...entry, ...watchingEntry(poll, before, keyframe) };
}

export function encodeLog(log: readonly PollEvidence[]): StoredLog {
  const keys = log.map((poll) => new Map(Object.entries(poll.results).map(([id, r]) => [id, answerKey(r)])));
  let keyframeAt = 0;
  const polls = log.map((poll, index): StoredPoll => {
    if (index % KEYFRAME_EVERY === 0) keyframeAt = index;
    return encodeEntry(poll, log[index - 1] ?? null, keys, index, keyframeAt);
  });
  return { version: STORED_LOG_VERSION, polls };
}

const PROBE_ID = /^[a-z0-9-]{1,40}$/;
const epoch = z.number().check(z.refine((t) => Number.isInteger(t) && t >= 0 && t <= MAX_EPOCH));
const storedPollSchema = z.object({
  t: z.optional(epoch),
  d: z.optional(z.number().check(z.refine((d) => Number.isInteger(d) && Math.abs(d) <= MAX_EPOCH))),
  r: z.optional(z.enum(USER_REGIONS as [UserRegion, ...UserRegion[]])),
  o: z.optional(z.literal(false)),
  a: z.optional(z.array(z.string().check(z.regex(PROBE_ID))).check(z.refine((ids) => ids.length <= 64))),
  p: z.optional(z.record(z.string().check(z.regex(PROBE_ID)), z.unknown())),
  l: z.array(z.number().check(z.refine((ms) => Number.isFinite(ms) && ms >= 0))),
  k: z.optional(z.literal(true)),
  w: z.optional(
    z.object({
      s: z.array(z.enum(['owner-api', 'fleet-api', 'sign-in', 'website'])).check(z.refine((ids) => ids.length > 0)),
      m: z.number().check(z.refine((m) => Number.isInteger(m) && m >= 1 && m <= 60)),
    }),
  ),
});

type StoredPollRead = z.infer<typeof storedPollSchema>;

/** A keyframe's own time, or the time after the entry before; undefined when it cannot be told. */
function timeOf(entry: StoredPollRead, lastAt: number | null): number | undefined {
  const at = entry.k ? entry.t : entry.d !== undefined && lastAt !== null ? lastAt + entry.d : undefined;
  return at !== undefined && at >= 0 && at <= MAX_EPOCH ? at : undefined;
}

/**
 * Each asked probe's answer: the unchanged ones from the entry before, the ones given a few entries
 * back from `earlier` (the entries read since the last keyframe, newest last); null when one does
 * not read.
 */
function answersOf(
  entry: StoredPollRead,
  ids: readonly string[],
  before: Record<string, ProbeResult>,
  earlier: readonly PollEvidence[],
): Record<string, ProbeResult> | null {
  if (ids.length !== entry.l.length) return null;
  const answers: Record<string, ProbeResult> = {};
  for (const [index, id] of ids.entries()) {
    const stored = entry.p?.[id];
    const result =
      stored === undefined
        ? before[id]
        : typeof stored === 'number'
          ? givenBack(earlier, stored, id)
          : parseProbeResult({ ...(stored as object), latencyMs: 0 });
    if (!result) return null;
    answers[id] = { ...result, latencyMs: entry.l[index] ?? 0 };
  }
  return answers;
}

/** The answer a probe gave `back` entries before this one, since the last keyframe; undefined if none. */
function givenBack(earlier: readonly PollEvidence[], back: number, id: string): ProbeResult | undefined {
  if (!Number.isInteger(back) || back < 2 || back > earlier.length) return undefined;
  return earlier[earlier.length - back]?.results[id];
}

/**
 * One stored entry as the poll it was, given the entries read since the last keyframe (empty after
 * a break); null when it cannot be.
 */
function readEntry(item: unknown, segment: readonly PollEvidence[]): PollEvidence | null {
  const parsed = storedPollSchema.safeParse(item);
  const last = segment.at(-1) ?? null;
  if (!parsed.success || (!parsed.data.k && last === null)) return null;
  const entry = parsed.data;
  const region = regionOf(entry, last);
  const at = timeOf(entry, last?.at ?? null);
  if (at === undefined || region === undefined) return null;
  const before = entry.k || !last ? {} : last.results;
  const results = answersOf(entry, entry.a ?? Object.keys(last?.results ?? {}), before, entry.k ? [] : segment);
  if (!results) return null;
  const poll: PollEvidence = {
    at,
    vantage: { kind: 'here', region },
    browserOnline: entry.o !== false,
    results,
  };
  const watching = watchingOf(entry, last);
  if (watching) poll.watching = watching;
  return poll;
}

/** A keyframe says its region; another entry, only when it changed. */
function regionOf(entry: StoredPollRead, last: PollEvidence | null): UserRegion | undefined {
  return entry.r ?? (entry.k ? undefined : last?.vantage.region);
}

/** Settings are stored when they change; a keyframe says them again. */
function watchingOf(entry: StoredPollRead, last: PollEvidence | null): Watching | undefined {
  if (entry.w) return { services: entry.w.s, pollMinutes: entry.w.m };
  return entry.k ? undefined : last?.watching;
}

/**
 * The log back from storage, validated entry by entry. An entry that does not read, or that builds
 * on one that did not, is dropped until the next keyframe: a poll is never told with answers that
 * belong to another.
 */
export function parseLog(raw: unknown): PollEvidence[] {
  const polls = typeof raw === 'object' && raw !== null ? (raw as { polls?: unknown }).polls : undefined;
  if (!Array.isArray(polls)) return [];
  const log: PollEvidence[] = [];
  // The entries read since the last keyframe: what a later one may build on, or refer back to.
  let segment: PollEvidence[] = [];
  for (const item of polls) {
    const poll = readEntry(item, segment);
    if (!poll) {
      segment = [];
      continue;
    }
    segment = (item as { k?: unknown }).k === true ? [poll] : [...segment, poll];
    log.push(poll);
  }
  return log;
}

/** The bytes the log takes in storage, as JSON (what `storage.local` counts). */
export function storedLogBytes(log: readonly PollEvidence[]): number {
  return new TextEncoder().encode(JSON.stringify(encodeLog(log))).length;
}
