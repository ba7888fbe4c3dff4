import type { PollEvidence } from '../evidence/log';
import type { Settings } from '../settings';
import type { UserRegion } from '../probes';
import { emptySnapshot, type Incident, type Snapshot, type Watch } from '../snapshot';
import { applyPoll, settingsOf } from './apply-poll';

/**
 * What outlives the evidence log: the incidents that began before its first poll (an open one keeps
 * its true start), and the moment the owner cleared the history.
 */
export interface Carried {
  incidents: Incident[];
  clearedAt: number | null;
  /** The watch, when it began before the log's first poll and went on unbroken into it. */
  watch?: Pick<Watch, 'from' | 'before'>;
}

/** The log's earliest poll: a clock set back can put a later entry before the first. */
function logStart(log: readonly PollEvidence[]): number {
  return log.reduce((earliest, poll) => Math.min(earliest, poll.at), Number.POSITIVE_INFINITY);
}

/**
 * What a snapshot carries past this log: its incidents that began before the log's first poll.
 * One that was still going on then is carried open, whatever a derivation made of it since: the
 * log settles it again, so a derivation under other settings never changes what the next one finds.
 */
export function carriedFrom(snapshot: Snapshot | null, log: readonly PollEvidence[]): Carried {
  const first = logStart(log);
  const before = (snapshot?.incidents ?? []).filter((incident) => incident.start < first);
  const incidents = before.map((incident, i): Incident => {
    const last = i === before.length - 1;
    if (incident.end !== null && incident.end < first) return incident;
    // Only the last can go on into the log: an earlier one is followed by another, and ends by then.
    if (!last) return { ...incident, end: first };
    // As it was when the log began: the relapses inside the log are counted again by its derivation.
    const { ended: _ended, backAt: _backAt, relapses, outageSince, ...open } = incident;
    const earlier = (relapses ?? []).filter((at) => at < first);
    const recurred = Math.max(0, incident.recurred - ((relapses ?? []).length - earlier.length));
    return {
      ...open,
      end: null,
      recurred,
      ...(earlier.length > 0 && { relapses: earlier }),
      // A full outage since before the log stays one; from inside it, the log tells it again.
      ...(outageSince !== undefined && outageSince < first && { outageSince }),
    };
  });
  const watch = snapshot?.watch;
  // Begun at or before the log's first poll, and unbroken since: what it saw before the log is kept.
  // A poll of the log that a clock set back put before its first may have moved the watch's start:
  // then it began in the log, and its derivation finds it again.
  const carriedWatch =
    watch && watch.from <= first && log[0]?.at === first
      ? { watch: { from: watch.from, ...(watch.before && { before: watch.before }) } }
      : {};
  return { incidents, clearedAt: snapshot?.clearedAt ?? null, ...carriedWatch };
}

/**
 * Everything the owner is shown, derived from the evidence log: each poll judged under the settings
 * of its time, then the last one's evidence again under `settings` as the owner now is, in `here`.
 * The same log, carried state and settings always give the same snapshot, so settings A → B → A
 * give back A, and a change of settings needs no repair of its own. An incident carried open is
 * settled by what the log shows, as after a change of scope: it goes on if the log begins in
 * trouble, and ends when first seen working.
 */
export function derive(
  log: readonly PollEvidence[],
  carried: Carried,
  settings: Settings,
  here: UserRegion,
): Snapshot | null {
  const first = log[0];
  if (!first) return null;
  const open = carried.incidents.at(-1)?.end === null;
  // A watch carried from before the log goes on into its first poll.
  const watch = carried.watch ? { ...carried.watch, until: first.at } : null;
  let snapshot: Snapshot = {
    ...emptySnapshot(first.vantage.region),
    incidents: carried.incidents,
    rescoped: open,
    watch,
  };
  let last: PollEvidence | null = null;
  for (const poll of log) {
    const now = settingsOf(poll, settings);
    // Judged under other settings, or in another region, than the poll before: the owner changed
    // them in between, and the worker judged that poll's evidence again then (see below).
    if (last) snapshot = judgedAgainIfChanged(snapshot, last, now, poll.vantage.region, settings);
    snapshot = applyPoll(snapshot, poll, now);
    last = poll;
  }
  snapshot = judgedAgainIfChanged(snapshot, last ?? first, settings, here, settings);
  return clearedBefore(snapshot, carried.clearedAt);
}

/** Whether `poll` was judged under these settings, in this region. */
function judgedUnder(poll: PollEvidence, settings: Settings, region: UserRegion, defaults: Settings): boolean {
  const then = settingsOf(poll, defaults);
  return (
    then.pollMinutes === settings.pollMinutes &&
    then.services.join() === settings.services.join() &&
    poll.vantage.region === region
  );
}

/**
 * Other settings, or another region, than `last` was judged under: its evidence is judged again
 * under them, as the worker's next poll would, keeping what the polls of their time confirmed. It
 * counts once: judged again, it moves no streak (one poll never confirms a change).
 */
function judgedAgainIfChanged(
  snapshot: Snapshot,
  last: PollEvidence,
  now: Settings,
  here: UserRegion,
  defaults: Settings,
): Snapshot {
  if (judgedUnder(last, now, here, defaults)) return snapshot;
  return applyPoll(snapshot, { ...last, vantage: { ...last.vantage, region: here } }, now, true);
}

/**
 * The snapshot after the newest poll of `log`, as the worker keeps it: one more step, or, when the
 * owner changed the settings or the region since the poll before, derived from the whole log, so
 * that what is shown now is what any later derivation of the same log gives.
 */
export function snapshotAfterPoll(
  previous: Snapshot | null,
  log: readonly PollEvidence[],
  settings: Settings,
): Snapshot {
  const poll = log.at(-1);
  if (!poll) throw new Error('snapshotAfterPoll: an empty log');
  const before = log.at(-2);
  if (!before || judgedUnder(before, settings, poll.vantage.region, settings))
    return applyPoll(previous, poll, settings);
  return derive(log, carriedFrom(previous, log), settings, poll.vantage.region) ?? applyPoll(previous, poll, settings);
}

/** The history the owner cleared stays cleared: past incidents and the strip before then go; an open one stays. */
function clearedBefore(snapshot: Snapshot, clearedAt: number | null): Snapshot {
  if (clearedAt === null) return { ...snapshot, clearedAt: null };
  return {
    ...snapshot,
    clearedAt,
    incidents: snapshot.incidents.filter((incident) => incident.end === null || incident.end >= clearedAt),
    samples: snapshot.samples.filter((sample) => sample.t >= clearedAt),
  };
}
