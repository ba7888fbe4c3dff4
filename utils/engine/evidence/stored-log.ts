import * as z from 'zod/mini';
import { USER_REGIONS, type ServiceId, type UserRegion } from '../probes';
import { MAX_EPOCH, parseProbeResult, type ProbeResult } from '../snapshot';
import type { PollEvidence, Watching } from './log';

/**
 * The evidence log as `storage.local` holds it. A day of polls at a 1-minute interval is about 1,600
 * entries, and most polls see what the one before saw: an entry stores only the probes whose
 * classified answer changed (latencies apart, which change every time and are kept as a short list),
 * and every `KEYFRAME_EVERY`-th entry stores them all, so that one corrupt entry costs at most the
 * entries up to the next whole one, never the rest of the log.
 */
export const STORED_LOG_VERSION = 1;
export const KEYFRAME_EVERY = 30;

interface StoredPoll {
  /** when, in a keyframe */
  t?: number;
  /** otherwise, how long after the entry before (ms) */
  d?: number;
  /** the region it was made from (the vantage point "here") */
  r: UserRegion;
  /** present, false, when the browser said it was offline */
  o?: false;
  /** the probes asked, in order; present when they differ from the entry before, and in a keyframe */
  a?: string[];
  /** the answers that differ from the entry before (all of them in a keyframe), without latency */
  p?: Record<string, Omit<ProbeResult, 'latencyMs'>>;
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

/** Two answers alike but for their latency (keys in any order). */
function sameAnswer(a: ProbeResult | undefined, b: ProbeResult): boolean {
  if (!a) return false;
  const left = withoutLatency(a) as Record<string, unknown>;
  const right = withoutLatency(b) as Record<string, unknown>;
  const keys = Object.keys(left);
  return (
    keys.length === Object.keys(right).length &&
    keys.every((key) => JSON.stringify(left[key]) === JSON.stringify(right[key]))
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

export function encodeLog(log: readonly PollEvidence[]): StoredLog {
  let before: PollEvidence | null = null;
  const polls = log.map((poll, index): StoredPoll => {
    const asked = Object.keys(poll.results);
    const keyframe = index % KEYFRAME_EVERY === 0 || before === null;
    const previousAsked = before ? Object.keys(before.results) : [];
    const sameAsked =
      !keyframe && asked.length === previousAsked.length && asked.every((id, i) => previousAsked[i] === id);
    const changed = asked.filter((id) => keyframe || !sameAnswer(before?.results[id], poll.results[id] as ProbeResult));
    const entry: StoredPoll = {
      ...(keyframe || before === null ? { t: poll.at } : { d: poll.at - before.at }),
      r: poll.vantage.region,
      l: asked.map((id) => Math.round(poll.results[id]?.latencyMs ?? 0)),
    };
    if (!poll.browserOnline) entry.o = false;
    if (!sameAsked) entry.a = asked;
    if (changed.length > 0)
      entry.p = Object.fromEntries(changed.map((id) => [id, withoutLatency(poll.results[id] as ProbeResult)]));
    if (keyframe) entry.k = true;
    const withWatching = { ...entry, ...watchingEntry(poll, before, keyframe) };
    before = poll;
    return withWatching;
  });
  return { version: STORED_LOG_VERSION, polls };
}

const PROBE_ID = /^[a-z0-9-]{1,40}$/;
const epoch = z.number().check(z.refine((t) => Number.isInteger(t) && t >= 0 && t <= MAX_EPOCH));
const storedPollSchema = z.object({
  t: z.optional(epoch),
  d: z.optional(z.number().check(z.refine((d) => Number.isInteger(d) && Math.abs(d) <= MAX_EPOCH))),
  r: z.enum(USER_REGIONS as [UserRegion, ...UserRegion[]]),
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

/** Each asked probe's answer, the unchanged ones from the entry before; null when one does not read. */
function answersOf(
  entry: StoredPollRead,
  ids: readonly string[],
  before: Record<string, ProbeResult>,
): Record<string, ProbeResult> | null {
  if (ids.length !== entry.l.length) return null;
  const answers: Record<string, ProbeResult> = {};
  for (const [index, id] of ids.entries()) {
    const stored = entry.p?.[id];
    const result = stored === undefined ? before[id] : parseProbeResult({ ...(stored as object), latencyMs: 0 });
    if (!result) return null;
    answers[id] = { ...result, latencyMs: entry.l[index] ?? 0 };
  }
  return answers;
}

/** One stored entry as the poll it was, given the poll before it (null after a break); null when it cannot be. */
function readEntry(item: unknown, last: PollEvidence | null): PollEvidence | null {
  const parsed = storedPollSchema.safeParse(item);
  if (!parsed.success || (!parsed.data.k && last === null)) return null;
  const entry = parsed.data;
  const at = timeOf(entry, last?.at ?? null);
  if (at === undefined) return null;
  const before = entry.k || !last ? {} : last.results;
  const results = answersOf(entry, entry.a ?? Object.keys(last?.results ?? {}), before);
  if (!results) return null;
  const poll: PollEvidence = {
    at,
    vantage: { kind: 'here', region: entry.r },
    browserOnline: entry.o !== false,
    results,
  };
  // Settings are stored when they change; a keyframe says them again.
  const watching = entry.w ? { services: entry.w.s, pollMinutes: entry.w.m } : entry.k ? undefined : last?.watching;
  if (watching) poll.watching = watching;
  return poll;
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
  let last: PollEvidence | null = null;
  for (const item of polls) {
    last = readEntry(item, last);
    if (last) log.push(last);
  }
  return log;
}

/** The bytes the log takes in storage, as JSON (what `storage.local` counts). */
export function storedLogBytes(log: readonly PollEvidence[]): number {
  return new TextEncoder().encode(JSON.stringify(encodeLog(log))).length;
}
