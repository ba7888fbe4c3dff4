import type { Level } from '../status';

/**
 * What the engine can say about a subject (a feature, a region): nothing yet, a change it is
 * confirming, or a confirmed level. "Working" is only ever a confirmed `up`: every view decides
 * from a `Judgement`, never from a track's fields (docs/architecture.md, "Judgements").
 */

/**
 * Why a subject is not judged, as the poll left it:
 * - `not-watched`: the owner does not watch the services it needs;
 * - `retired`: every check it has seems retired by Tesla (the extension needs an update);
 * - `no-tesla-answer`: its checks got no answer of Tesla's (silence, or a page someone else wrote).
 */
export const TRACK_UNJUDGED = ['not-watched', 'retired', 'no-tesla-answer'] as const;
export type TrackUnjudged = (typeof TRACK_UNJUDGED)[number];

/**
 * Why a subject is not judged, as a view tells it: the reasons a poll leaves, and two of time:
 * `not-confirmed` (nothing confirmed yet: a first poll, a change being checked) and `no-evidence`
 * (no poll since its evidence ran out: sleep, a closed browser).
 */
export type UnjudgedWhy = TrackUnjudged | 'not-confirmed' | 'no-evidence';

export type Judgement =
  | { state: 'unjudged'; why: UnjudgedWhy }
  /** A confirmed level, and a change toward another one seen at `since` by `polls` polls in a row. */
  | { state: 'confirming'; level: Level; levelSince: number; toward: Level; since: number; polls: number }
  | { state: 'confirmed'; level: Level; since: number };

/**
 * Hysteresis for one subject (the whole, a feature, a region): what is confirmed, what is pending,
 * and why the last poll could not judge it. Stored in the snapshot; read it through `judgementOf`,
 * never field by field.
 */
export interface Track {
  /** The confirmed level; null while nothing is confirmed (no evidence yet, or evidence that ended). */
  level: Level | null;
  /** When the confirmed level began: the first poll that showed it. Null when nothing is confirmed. */
  since: number | null;
  pending: Level | null;
  pendingSince: number | null;
  streak: number;
  /**
   * The last poll could not judge it, and why. Unwatched or retired checks also end what was
   * confirmed; an answer that is not Tesla's keeps it (what was last seen) without vouching for it.
   */
  unjudged?: TrackUnjudged;
}

export function judgementOf(track: Track): Judgement {
  if (track.unjudged) return { state: 'unjudged', why: track.unjudged };
  if (track.level === null || track.since === null) return { state: 'unjudged', why: 'not-confirmed' };
  // A change is toward another level (of health, or of severity within trouble); a pending level equal
  // to the confirmed one is no change (no version writes one, but a stored value may hold anything).
  if (track.pending !== null && track.pendingSince !== null && track.pending !== track.level)
    return {
      state: 'confirming',
      level: track.level,
      levelSince: track.since,
      toward: track.pending,
      since: track.pendingSince,
      polls: track.streak,
    };
  return { state: 'confirmed', level: track.level, since: track.since };
}

/** The level a judgement stands on, or null: nothing unjudged has one, so nothing unjudged reads as working. */
export function judgedLevel(judgement: Judgement): Level | null {
  return judgement.state === 'unjudged' ? null : judgement.level;
}

/** Since when the judged level holds; null when unjudged. */
export function judgedSince(judgement: Judgement): number | null {
  if (judgement.state === 'unjudged') return null;
  return judgement.state === 'confirming' ? judgement.levelSince : judgement.since;
}

const SEVERITY: Record<Level, number> = { up: 0, degraded: 1, down: 2 };

/** `from` is worse than `to`: going from one to the other is an improvement. */
export function isWorse(from: Level, to: Level): boolean {
  return SEVERITY[from] > SEVERITY[to];
}

/** Trouble confirmed (a degraded or down level): what incidents, the badge and the banner tell. */
export function isTrouble(level: Level | null): level is 'degraded' | 'down' {
  return level === 'degraded' || level === 'down';
}
