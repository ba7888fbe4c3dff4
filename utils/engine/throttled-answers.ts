import { isOffline } from './outage-tracker';
import type { ProbeResult } from './snapshot';
import { MINUTE } from './time';

/** How long a 5xx answer may stand in for requests the browser refuses to send, counted from when Tesla gave it. */
export const THROTTLE_MEMORY_MS = 15 * MINUTE;

/**
 * Chromium throttles an extension's requests to a URL that keeps answering 500, 503 or 509
 * (exponential backoff up to 15 min): the fetch then fails at once, as if the network were down.
 * Seen that way, a long outage would turn into "you seem to be offline". So a connection failure
 * right after such an answer from the same probe is read as that answer again, but only when
 * another probe got an HTTP answer from Tesla in the same poll: if nothing answered, the user may
 * just as well be the one offline, and an old 503 must not turn that into an outage.
 * The reused answer keeps the time Tesla gave it, and expires counted from that time.
 */
export function keepThrottledAnswers(
  previous: Record<string, ProbeResult> | undefined,
  previousAt: number | null,
  current: Record<string, ProbeResult>,
  now: number,
): Record<string, ProbeResult> {
  if (!previous || previousAt === null) return current;
  // The same rule as for "the user is offline": nothing in this poll spoke for Tesla.
  if (isOffline(current, true)) return current;
  const merged: Record<string, ProbeResult> = { ...current };
  for (const [id, result] of Object.entries(current)) {
    const before = previous[id];
    if (result.cause !== 'network' || !before || !isThrottlingAnswer(before)) continue;
    const observedAt = before.observedAt ?? previousAt;
    if (observedAt <= now && now - observedAt <= THROTTLE_MEMORY_MS) merged[id] = { ...before, observedAt };
  }
  return merged;
}

/** The answers Chromium's throttle backs off on. */
const THROTTLED_STATUSES = [500, 503, 509];

function isThrottlingAnswer(result: ProbeResult): boolean {
  return result.state === 'down' && result.status !== undefined && THROTTLED_STATUSES.includes(result.status);
}
