import type { ServiceId, UserRegion } from '../probes';
import type { ProbeResult } from '../snapshot';
import { HOUR } from '../time';

/**
 * The evidence log: what each poll saw, from where and when, before any judgement. Everything the
 * owner is told is to be derived from it (docs/architecture.md); until then it is what a "wrong
 * status" report carries, and what `npm run replay` tells again poll by poll.
 */

/** Where a poll was made from. A later kind ("elsewhere": another place's probes) joins this one. */
export interface Vantage {
  kind: 'here';
  /** The owner's region when the poll was made (chosen, or guessed from the time zone then). */
  region: UserRegion;
}

export interface PollEvidence {
  /** When the poll was made. */
  at: number;
  vantage: Vantage;
  /** The browser's own idea of connectivity then (`navigator.onLine`). */
  browserOnline: boolean;
  /**
   * Each probe asked, as classified from what it answered. An answer reused for a request the
   * browser throttled is not here: it was not seen by this poll.
   */
  results: Record<string, ProbeResult>;
  /**
   * The settings the poll was judged under: the services watched and the interval. A derivation
   * judges each poll under its own, and only the last under the settings of now. Absent in logs of
   * earlier versions: then the settings of now stand for them.
   */
  watching?: Watching;
}

export interface Watching {
  services: ServiceId[];
  pollMinutes: number;
}

/** Long enough to derive a day's strip and the confirmation before it, with room for a late wake. */
export const LOG_RETENTION_MS = 27 * HOUR;
/** The log's share of `storage.local`: the oldest polls go first beyond it. */
export const LOG_MAX_BYTES = 300_000;

/**
 * The log with one more poll, in the order polls were made, without polls beyond the retention
 * either side of it (a clock set back leaves polls "from the future": they are kept for a report
 * while they are plausible, and derivation must not take them for now), and within the byte budget
 * (`sizeOf` measures the stored form): beyond it the oldest polls go first.
 */
export function appendPoll(
  log: readonly PollEvidence[],
  poll: PollEvidence,
  sizeOf: (log: readonly PollEvidence[]) => number,
): PollEvidence[] {
  let next = [...log.filter((entry) => Math.abs(poll.at - entry.at) <= LOG_RETENTION_MS), poll];
  while (next.length > 1 && sizeOf(next) > LOG_MAX_BYTES) next = next.slice(Math.ceil(next.length / 20));
  return next;
}
