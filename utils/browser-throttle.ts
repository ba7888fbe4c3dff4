import type { ProbeResult } from './snapshot';

/** How long a 5xx answer may stand in for requests the browser refuses to send. */
export const THROTTLE_MEMORY_MS = 15 * 60_000;

/**
 * Chromium throttles an extension's requests to a URL that keeps answering 500 or 503 (exponential
 * backoff up to 15 min): the fetch then fails at once, as if the network were down. Seen that way, a
 * long outage would turn into "you seem to be offline". A connection failure right after a 500/503
 * from the same probe is therefore read as the same answer again: the last thing Tesla said stands.
 */
export function keepThrottledAnswers(
  previous: Record<string, ProbeResult> | undefined,
  previousAt: number | null,
  current: Record<string, ProbeResult>,
  now: number,
): Record<string, ProbeResult> {
  if (!previous || previousAt === null || now - previousAt > THROTTLE_MEMORY_MS || now < previousAt) return current;
  const merged: Record<string, ProbeResult> = { ...current };
  for (const [id, result] of Object.entries(current)) {
    const before = previous[id];
    if (result.reason.key === 'reasonConnectionFailed' && before && isThrottlingAnswer(before)) merged[id] = before;
  }
  return merged;
}

function isThrottlingAnswer(result: ProbeResult): boolean {
  if (result.state !== 'down') return false;
  if (result.reason.key === 'reasonMaintenance') return true;
  return result.reason.key === 'reasonHttp' && ['500', '503', '509'].includes(result.reason.values?.[0] ?? '');
}
