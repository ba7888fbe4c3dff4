import type { ProbeState } from './classify-response';

/** A confirmed level of health, for a feature, a region or the whole. */
export type Level = 'up' | 'degraded' | 'down';
export type OverallStatus = 'operational' | 'degraded' | 'outage' | 'unknown';
export type FeatureStatus = Level | 'unknown';

const LEVELS: readonly Level[] = ['up', 'degraded', 'down'];

export function worstLevel(levels: Iterable<Level>): Level {
  let worst: Level = 'up';
  for (const level of levels) if (LEVELS.indexOf(level) > LEVELS.indexOf(worst)) worst = level;
  return worst;
}

/**
 * A probe that cannot be reached while others answer is Tesla's host failing, not the user:
 * the all-unreachable case (the user is offline) never gets here.
 */
export function levelOfProbe(state: ProbeState): Level {
  return state === 'unreachable' ? 'down' : state;
}

export function overallOf(level: Level): Exclude<OverallStatus, 'unknown'> {
  return level === 'up' ? 'operational' : level === 'down' ? 'outage' : 'degraded';
}
