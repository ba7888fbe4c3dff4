import { MINUTE } from './time';
import type { FeatureId } from './features';
import { affectedFeatures, openIncident, type Snapshot } from './snapshot';
import { statusView, type ViewSettings } from './status-view';

/** How long the green "resolved" notice stays after a recovery. */
export const RESOLVED_NOTICE_MS = 10 * MINUTE;

export interface BannerState {
  status: 'degraded' | 'outage' | 'resolved';
  /** A dismissal holds for this key only: a relapse or a new incident has another. */
  key: string;
  /** When the trouble began, or for a resolved notice when the incident began. */
  since: number;
  /** For a resolved notice: when it ended. */
  end: number | null;
  affected: FeatureId[];
  checkedAt: number;
}

/**
 * What the banner on Tesla's pages says, if anything. It never claims a current outage from a
 * stale snapshot or while the user is offline.
 */
export function bannerState(snapshot: Snapshot | null, now: number, settings: ViewSettings, dismissed: readonly string[]): BannerState | null {
  if (!snapshot || snapshot.checkedAt === null) return null;
  const view = statusView(snapshot, now, settings);
  if (view.stale || view.offline) return null;
  let state: BannerState | null = null;
  const incident = openIncident(snapshot);
  if ((view.overall === 'outage' || view.overall === 'degraded') && view.since !== null) {
    state = {
      status: view.overall,
      // A relapse, or a partial outage grown into a full one, shows the banner again after a dismissal.
      key: incident ? `${incident.id}#${incident.recurred}#${view.overall}` : `since-${view.since}#${view.overall}`,
      since: view.since,
      end: null,
      affected: affectedFeatures(snapshot),
      checkedAt: snapshot.checkedAt,
    };
  } else if (view.overall === 'operational') {
    const last = snapshot.incidents.at(-1);
    if (last?.end != null && now - last.end >= 0 && now - last.end < RESOLVED_NOTICE_MS) {
      state = { status: 'resolved', key: `${last.id}#${last.recurred}#resolved`, since: last.start, end: last.end, affected: [], checkedAt: snapshot.checkedAt };
    }
  }
  return state && !dismissed.includes(state.key) ? state : null;
}
