import { overallTrack, type Snapshot } from './snapshot';

export const POLL_ALARM = 'poll';
export const CONFIRM_ALARM = 'confirm';
/** A first failing poll is re-checked this soon, so an outage reaches the badge within ~2.5 min. */
export const CONFIRM_DELAY_MS = 30_000;
export const RETRY_AFTER_CAP_MS = 15 * 60_000;
export const BACKOFF_CAP_MS = 10 * 60_000;
/** Spreads users out so that a recovering Tesla is not hit by everyone in the same second. */
export const MAX_JITTER_MS = 5_000;

export interface PollPlan {
  /** When to re-check a failure that is not confirmed yet; null when nothing is pending. */
  confirmAt: number | null;
  /** No routine poll before this; null means the normal pace. */
  notBefore: number | null;
}

/**
 * What to do after a poll. Pure: the snapshot holds everything it needs, so a worker that
 * was stopped and restarted plans the same way.
 */
export function planAfterPoll(snapshot: Snapshot, pollMinutes: number, now: number): PollPlan {
  const interval = pollMinutes * 60_000;
  const track = overallTrack(snapshot);
  const retryAfterSec = Math.max(0, ...Object.values(snapshot.probes).map((probe) => probe.retryAfterSec ?? 0));
  const retryUntil = retryAfterSec > 0 ? now + Math.min(retryAfterSec * 1000, RETRY_AFTER_CAP_MS) : null;

  const confirmingFailure = snapshot.online && track.pending !== null && track.pending !== 'up';
  const confirmingRecovery = track.pending === 'up';
  let backoffUntil: number | null = null;
  if (snapshot.online && track.level !== 'up' && !confirmingRecovery && track.since !== null) {
    // The longer the outage, the less often we ask: a quarter of its age, between the interval and the cap.
    const delay = Math.min(Math.max(interval, BACKOFF_CAP_MS), Math.max(interval, (now - track.since) / 4));
    if (delay > interval) backoffUntil = now + Math.round(delay);
  }
  const notBefore = Math.max(retryUntil ?? 0, backoffUntil ?? 0) || null;
  const confirmAt = confirmingFailure ? Math.max(now + CONFIRM_DELAY_MS, retryUntil ?? 0) : null;
  return { confirmAt, notBefore };
}

/** Whether a routine (alarm) poll should run now; a user's "check now" always does. */
export function isPollDue(snapshot: Snapshot | null, now: number): boolean {
  return !snapshot?.notBefore || now >= snapshot.notBefore;
}

/** A snapshot this old says nothing current: poll at once, and show it as stale. */
export function isStale(snapshot: Snapshot | null, pollMinutes: number, now: number, factor = 3): boolean {
  if (!snapshot || snapshot.checkedAt === null) return true;
  return now - snapshot.checkedAt > factor * pollMinutes * 60_000;
}

/** After sleep, a dropped alarm or a closed browser: catch up instead of waiting. */
export function needsCatchUp(snapshot: Snapshot | null, pollMinutes: number, now: number): boolean {
  return isStale(snapshot, pollMinutes, now, 2);
}

export function jitterMs(random: () => number = Math.random): number {
  return Math.floor(random() * MAX_JITTER_MS);
}
