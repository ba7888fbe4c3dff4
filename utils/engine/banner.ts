import type { FeatureId } from './features';
import { isStale } from './scheduler';
import type { Settings } from './settings';
import { affectedFeatures, displayedOverall, endedBack, openIncident, type BannerSnapshot } from './snapshot';
import { incidentStory } from './story';
import { MINUTE } from './time';

/** How long the green "resolved" notice stays after a recovery. */
export const RESOLVED_NOTICE_MS = 10 * MINUTE;

export interface BannerState {
  status: 'degraded' | 'outage' | 'resolved';
  /** A dismissal holds for this key only: a relapse or a new incident has another. */
  key: string;
  /** When the trouble began, or for a resolved notice when the incident began. */
  since: number;
  /**
   * Nobody watched for a while before `since` (a sleep) or ever before (the first check): the trouble
   * holds "since at least" then; a resolved notice's length is at least its own.
   */
  atLeast: boolean;
  /** For a resolved notice: when it ended. */
  end: number | null;
  /** For a relapse: when Tesla first fell, before it looked fixed. */
  firstDown: number | null;
  /** Nobody saw it first fall: `firstDown` is when it was first seen down. */
  firstSeen: boolean;
  affected: FeatureId[];
  checkedAt: number;
}

/**
 * What the banner on Tesla's pages says, if anything. It never claims a current outage from a
 * stale snapshot or while the user is offline.
 */
export function bannerState(
  snapshot: BannerSnapshot | null,
  now: number,
  settings: Pick<Settings, 'pollMinutes'>,
  dismissed: readonly string[],
): BannerState | null {
  // Read straight from the snapshot, by the same rules as the popup's view (displayedOverall,
  // isStale), without the whole view: the banner is a content script on every account page.
  if (!snapshot || snapshot.checkedAt === null || !snapshot.online || isStale(snapshot, settings.pollMinutes, now))
    return null;
  const overall = displayedOverall(snapshot);
  const story = incidentStory(snapshot, now);
  const checkedAt = snapshot.checkedAt;
  let state: BannerState | null = null;
  const incident = openIncident(snapshot);
  if ((overall === 'outage' || overall === 'degraded') && (story.kind === overall || story.kind === 'relapse')) {
    const since = story.since;
    state = {
      status: overall,
      // A relapse, or a partial outage grown into a full one, shows the banner again after a dismissal.
      key: incident ? `${incident.id}#${incident.recurred}#${overall}` : `since-${since}#${overall}`,
      since,
      atLeast: story.beforeGap !== undefined,
      end: null,
      // Down again after looking fixed: the banner says when it first fell too (a full outage only:
      // a partial one after a recovery is told as what it is now).
      firstDown: story.kind === 'relapse' && overall === 'outage' ? story.firstDown : null,
      firstSeen: story.kind === 'relapse' && story.firstSeen === true,
      affected: affectedFeatures(snapshot),
      checkedAt,
    };
  } else if (overall === 'operational') {
    state = resolvedNotice(snapshot, now);
  }
  return state && !dismissed.includes(state.key) ? state : null;
}

/** For a while after an outage ends, the banner says it is over and how long it lasted. */
function resolvedNotice(snapshot: BannerSnapshot, now: number): BannerState | null {
  const last = snapshot.incidents.at(-1);
  if (
    last?.end == null ||
    !endedBack(last) ||
    snapshot.checkedAt === null ||
    now - last.end < 0 ||
    now - last.end >= RESOLVED_NOTICE_MS
  )
    return null;
  return {
    status: 'resolved',
    key: `${last.id}#${last.recurred}#resolved`,
    since: last.start,
    // Nobody saw it begin, or seen back only after a gap: it lasted at least from start to end.
    atLeast: last.begunUnseen === true || (last.backAt !== undefined && last.backAt > last.end),
    end: last.end,
    firstDown: null,
    firstSeen: false,
    affected: [],
    checkedAt: snapshot.checkedAt,
  };
}
