import { displayedOverall, endedBack, openIncident, overallTrack, type BannerSnapshot } from './snapshot';
import { HOUR } from './time';

/**
 * The incident in the words an owner needs at a glance: since when it is down, whether it fell
 * again after looking fixed (and when it first fell), or when it came back and after how long.
 * The popup's header, the banner and the notifications all tell it from here.
 */
export type Story =
  | { kind: 'outage' | 'degraded'; since: number }
  | { kind: 'relapse'; level: 'outage' | 'degraded'; since: number; firstDown: number }
  | { kind: 'recovered'; back: number; lasted: number }
  | { kind: 'none' };

/** How long "back since 10:53 · the outage lasted 40 min" stays after a recovery. */
export const RECOVERED_STORY_MS = HOUR;

export function incidentStory(snapshot: BannerSnapshot | null, now: number): Story {
  if (!snapshot) return { kind: 'none' };
  const overall = displayedOverall(snapshot);
  if (overall === 'outage' || overall === 'degraded') {
    const since = overallTrack(snapshot).since;
    if (since === null) return { kind: 'none' };
    const incident = openIncident(snapshot);
    // A relapse reopens the incident: its start is when Tesla first fell.
    if (incident && incident.recurred > 0 && incident.start < since)
      return { kind: 'relapse', level: overall, since, firstDown: incident.start };
    return { kind: overall, since };
  }
  if (overall !== 'operational') return { kind: 'none' };
  const last = snapshot.incidents.at(-1);
  // The end is the first healthy poll of the streak that ended it (the tracker's `since` of the recovery).
  // An incident that ended because nobody watched it any more was never seen back.
  if (last?.end == null || !endedBack(last) || now < last.end || now - last.end >= RECOVERED_STORY_MS)
    return { kind: 'none' };
  return { kind: 'recovered', back: last.end, lasted: last.end - last.start };
}
