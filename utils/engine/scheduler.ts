import { RETRY_AFTER_MAX_SEC } from './classify-response';
import { overallTrack, type Snapshot } from './snapshot';
import { MINUTE, SECOND } from './time';
import { isTrouble } from './derive/judgement';

export const POLL_ALARM = 'poll';
export const CONFIRM_ALARM = 'confirm';
/** A first failing poll is re-checked this soon, so an outage reaches the badge within ~2.5 min. */
export const CONFIRM_DELAY_MS = 30 * SECOND;
/** The longest wait `Retry-After` can impose (it is clamped to this when parsed, too). */
export const RETRY_AFTER_CAP_MS = RETRY_AFTER_MAX_SEC * SECOND;
export const BACKOFF_CAP_MS = 10 * MINUTE;
/** Spreads users out so that a recovering Tesla is not hit by everyone in the same second. */
export const MAX_JITTER_MS = 5 * SECOND;
/**
 * How far in the future a stored time may lie before it is taken for a clock that was set back
 * (an RTC fix, a dual boot): then the stored schedule means nothing and a poll is due at once.
 */
export const CLOCK_TOLERANCE_MS = MINUTE;
/** A worker woken this long after a poll was due missed its alarm (sleep, a dropped alarm): poll at once. */
const OVERDUE_AFTER_MS = MINUTE;
/** The periodic alarm can fire up to one interval after the due time, then the poll takes seconds. */
const STALE_MARGIN_MS = MINUTE;

export interface PollPlan {
  /** When to re-check a failure that is not confirmed yet; null when nothing is pending. */
  confirmAt: number | null;
  /** No routine poll before this; null means the normal pace. */
  notBefore: number | null;
}

const intervalMs = (pollMinutes: number) => pollMinutes * MINUTE;

/**
 * Until when each probe's host asked not to be asked again (`Retry-After`, capped), counted from when
 * it asked: an answer reused for a throttled request asks nothing new. Only holds still running at
 * `now`. A hold belongs to the host that asked: the others keep their pace.
 */
export function probeHolds(snapshot: Pick<Snapshot, 'probes' | 'checkedAt'>, now: number): Record<string, number> {
  const holds: Record<string, number> = {};
  for (const [id, probe] of Object.entries(snapshot.probes)) {
    if (!probe.retryAfterSec) continue;
    // An answer of the last poll was given at that poll; a kept one, when Tesla gave it.
    const askedAt = probe.observedAt ?? snapshot.checkedAt ?? now;
    // Asked "in the future" is what a clock set back leaves behind: it holds nothing.
    if (askedAt > now + CLOCK_TOLERANCE_MS) continue;
    const until = askedAt + Math.min(probe.retryAfterSec * SECOND, RETRY_AFTER_CAP_MS);
    if (until > now) holds[id] = until;
  }
  return holds;
}

/**
 * What to do after a poll. Pure: the snapshot holds everything it needs, so a worker that
 * was stopped and restarted plans the same way.
 */
export function planAfterPoll(snapshot: Snapshot, pollMinutes: number, now: number): PollPlan {
  const interval = intervalMs(pollMinutes);
  const track = overallTrack(snapshot);
  const holds = probeHolds(snapshot, now);
  const asked = Object.keys(snapshot.probes);
  // Every host asked to wait: the whole poll waits for the first of them to be free again.
  const allHeldUntil = asked.length > 0 && asked.every((id) => id in holds) ? Math.min(...Object.values(holds)) : 0;
  // A failure seen only at hosts that asked to wait is re-checked when the first of them may be asked:
  // their reused answer is no new evidence.
  const failingIds = asked.filter((id) => snapshot.probes[id]?.state !== 'up');
  const failingHeldUntil =
    failingIds.length > 0 && failingIds.every((id) => id in holds)
      ? Math.min(...failingIds.map((id) => holds[id] ?? now))
      : 0;

  // A failure waiting for its confirmation, overall or in one feature (after a change of region the
  // features start again while the region's own track goes on): re-check it soon.
  const failing = (t: { pending: string | null }) => t.pending !== null && t.pending !== 'up';
  const confirmingFailure = snapshot.online && (failing(track) || Object.values(snapshot.features).some(failing));
  const confirmingRecovery = track.pending === 'up';
  let backoffUntil: number | null = null;
  if (snapshot.online && !track.unjudged && isTrouble(track.level) && !confirmingRecovery && track.since !== null) {
    // The longer the outage, the less often we ask: a quarter of its age, between the interval and the cap.
    const delay = Math.min(Math.max(interval, BACKOFF_CAP_MS), Math.max(interval, (now - track.since) / 4));
    if (delay > interval) backoffUntil = now + Math.round(delay);
  }
  const notBefore = Math.max(allHeldUntil, backoffUntil ?? 0) || null;
  const confirmAt = confirmingFailure ? Math.max(now + CONFIRM_DELAY_MS, failingHeldUntil) : null;
  return { confirmAt, notBefore };
}

/** When the next routine poll is due, and whether a hold (backoff, `Retry-After`) sets that time. */
export interface Due {
  at: number;
  held: boolean;
}

/**
 * The one rule for "when is the next poll due", used by the alarm, the catch-up on wake, staleness,
 * the badge, the banner and the tracker's idea of a gap: one interval after the last poll, but never
 * before `notBefore`. Null when the stored times cannot be trusted: no poll yet, a `checkedAt` in the
 * future, or a `notBefore` further ahead than any plan sets it (the clock was set back). Null means
 * "poll now", and what is shown is stale.
 */
export function nextPollDue(
  snapshot: Pick<Snapshot, 'checkedAt' | 'notBefore'> | null,
  pollMinutes: number,
  now: number,
): Due | null {
  if (!snapshot || snapshot.checkedAt === null) return null;
  const { checkedAt, notBefore } = snapshot;
  if (checkedAt > now + CLOCK_TOLERANCE_MS) return null;
  const regular = checkedAt + intervalMs(pollMinutes);
  if (notBefore === null || notBefore <= regular) return { at: regular, held: false };
  const furthest = RETRY_AFTER_CAP_MS + CLOCK_TOLERANCE_MS;
  if (notBefore > now + furthest || notBefore > checkedAt + furthest) return null;
  return { at: notBefore, held: true };
}

/**
 * Whether the periodic alarm should poll now. The alarm's own period keeps the regular pace
 * (its phase is not the last poll's), so only a hold makes it skip; a user's "check now" always polls.
 */
export function isPollDue(snapshot: Snapshot | null, pollMinutes: number, now: number): boolean {
  const due = nextPollDue(snapshot, pollMinutes, now);
  return due === null || !due.held || now >= due.at;
}

/** After sleep, a dropped alarm or a closed browser: the due poll never came, so catch up at once. */
export function isOverdue(snapshot: Snapshot | null, pollMinutes: number, now: number): boolean {
  const due = nextPollDue(snapshot, pollMinutes, now);
  return due === null || now >= due.at + OVERDUE_AFTER_MS;
}

/**
 * Until when a poll vouches for what it saw: past its due time by the alarm's period (the periodic
 * alarm fires up to one interval after the due time, then jitter and the poll take seconds) and a
 * margin. One threshold for "too old": past it, what is shown is stale, a streak starts again, and
 * the timeline shows no data.
 */
export function evidenceEnd(
  previous: Pick<Snapshot, 'checkedAt' | 'notBefore'>,
  pollMinutes: number,
  at: number,
): number {
  const due = nextPollDue(previous, pollMinutes, at);
  return due === null ? (previous.checkedAt ?? at) : due.at + intervalMs(pollMinutes) + STALE_MARGIN_MS;
}

/** A snapshot past the end of its evidence says nothing current: show it as stale. */
export function isStale(
  snapshot: Pick<Snapshot, 'checkedAt' | 'notBefore'> | null,
  pollMinutes: number,
  now: number,
): boolean {
  if (!snapshot || nextPollDue(snapshot, pollMinutes, now) === null) return true;
  return now > evidenceEnd(snapshot, pollMinutes, now);
}

export function jitterMs(random: () => number = Math.random): number {
  return Math.floor(random() * MAX_JITTER_MS);
}
