import {
  begunBeforeWatch,
  displayedOverall,
  endedBack,
  openIncident,
  overallTrack,
  type BannerSnapshot,
  type Watch,
} from './snapshot';
import { HOUR } from './time';

/**
 * The incident in the words an owner needs at a glance: since when it is down, whether it fell
 * again after looking fixed (and when it first fell), or when it came back and after how long.
 * The popup's header, the banner and the notifications all tell it from here.
 */
export type Story =
  /**
   * `since`: the first poll of the trouble, or, when nobody watched for a while since it began (a
   * sleep), the first poll after that gap: "since at least", with what was seen before it.
   */
  | { kind: 'outage' | 'degraded'; since: number; beforeGap?: BeforeGap }
  | {
      kind: 'relapse';
      level: 'outage' | 'degraded';
      since: number;
      firstDown: number;
      beforeGap?: BeforeGap;
      /** Nobody saw it first fall: `firstDown` is when it was first seen down, and it lasted longer. */
      firstSeen?: true;
    }
  /**
   * Back; after a gap (nobody watched between the last poll that saw it down and the one that saw it
   * back) `back` is the poll that saw it working and `lastSeenDown` the one before, and `lasted`
   * runs to the last poll that saw it.
   */
  | { kind: 'recovered'; back: number; lasted: number; lastSeenDown: number | null; begunUnseen?: true }
  | { kind: 'none' };

/** What the last poll before a gap in the watch saw, and when. */
export interface BeforeGap {
  status: 'operational' | 'trouble' | 'unknown';
  at: number;
}

/**
 * Whether trouble that began at `since` began before the watch did, at or before its last gap:
 * then it holds "since at least" the first poll after the gap, and what was seen before is said.
 * Trouble seen by the very first poll (installed during an outage) began unseen too: nothing is known
 * before it. Null when the owner watched it begin.
 */
export function afterGap(watch: Watch | null, since: number): { since: number; beforeGap: BeforeGap } | null {
  if (!begunBeforeWatch(watch, since)) return null;
  // Down at the first poll ever (installed during an outage): nobody saw it begin.
  const { s, t } = watch.before ?? { s: 'unknown', t: watch.from };
  const status = s === 'operational' || s === 'unknown' ? s : 'trouble';
  return { since: watch.from, beforeGap: { status, at: t } };
}

/**
 * Since when the trouble holds: the track's own since, or earlier, where the incident kept it through
 * a restart of the tracks (a move, a settings change, a derivation from a log that begins after it).
 * A partial outage holds since its run began (the incident's start, or its last relapse); a full one
 * since it became one.
 */
function troubleSince(
  trackSince: number | null,
  overall: 'outage' | 'degraded',
  incident: BannerSnapshot['incidents'][number] | undefined,
): number | null {
  if (trackSince === null || !incident) return trackSince;
  const runStart = incident.recurred > 0 ? incident.relapses?.at(-1) : incident.start;
  const held = overall === 'outage' ? incident.outageSince : runStart;
  return held !== undefined && held < trackSince ? held : trackSince;
}

/**
 * Trouble that a change of scope found (a region entered, a check ticked, already down), with nothing
 * watched before it there: "since at least" then.
 */
function foundAtChange(
  incident: BannerSnapshot['incidents'][number] | undefined,
  since: number,
): { since: number; beforeGap: BeforeGap } | null {
  return incident?.begunUnseen && since === incident.start
    ? { since, beforeGap: { status: 'unknown', at: since } }
    : null;
}

/** How long "back since 10:53 · the outage lasted 40 min" stays after a recovery. */
export const RECOVERED_STORY_MS = HOUR;

export function incidentStory(snapshot: BannerSnapshot | null, now: number): Story {
  if (!snapshot) return { kind: 'none' };
  const overall = displayedOverall(snapshot);
  if (overall === 'outage' || overall === 'degraded') {
    const incident = openIncident(snapshot);
    const since = troubleSince(overallTrack(snapshot).since, overall, incident);
    if (since === null) return { kind: 'none' };
    const watched = afterGap(snapshot.watch, since) ?? foundAtChange(incident, since);
    // A relapse reopens the incident: its start is when Tesla first fell.
    if (incident && incident.recurred > 0 && incident.start < since)
      return {
        kind: 'relapse',
        level: overall,
        firstDown: incident.start,
        ...(watched ?? { since }),
        ...(incident.begunUnseen && { firstSeen: true }),
      };
    return { kind: overall, ...(watched ?? { since }) };
  }
  if (overall !== 'operational') return { kind: 'none' };
  return recoveryStory(snapshot.incidents.at(-1), now);
}

/** For an hour after the last incident was seen back: when, and how long it was down. */
function recoveryStory(last: BannerSnapshot['incidents'][number] | undefined, now: number): Story {
  // The end is the first healthy poll of the streak that ended it (the tracker's `since` of the
  // recovery), or where the evidence ran out before a gap. An incident that ended because nobody
  // watched it any more was never seen back.
  if (last?.end == null || !endedBack(last)) return { kind: 'none' };
  // Told for an hour after it was seen back (after a gap, that is later than its end).
  const seenBack = Math.max(last.end, last.backAt ?? last.end);
  if (now < last.end || now - seenBack >= RECOVERED_STORY_MS) return { kind: 'none' };
  if (last.backAt !== undefined && last.seenAt !== undefined && last.backAt > last.end)
    return { kind: 'recovered', back: last.backAt, lasted: last.seenAt - last.start, lastSeenDown: last.seenAt };
  // Nobody saw it begin (found on waking, or at the first check): it lasted at least that long.
  return {
    kind: 'recovered',
    back: last.end,
    lasted: last.end - last.start,
    lastSeenDown: null,
    ...(last.begunUnseen && { begunUnseen: true }),
  };
}
