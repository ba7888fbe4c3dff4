import { FEATURES, WORKS_WITHOUT_SERVERS, type FeatureId } from './features';
import type { MessageKey } from './messages';
import { anyOutdated, isOutdated } from './outdated';
import { USER_REGIONS, type UserRegion } from './probes';
import { isStale } from './scheduler';
import { displayedOverall, overallTrack, type Snapshot, type StoredReason } from './snapshot';
import type { Settings } from './settings';
import type { FeatureStatus, OverallStatus } from './status';

/**
 * What the popup and the banner show, derived from the snapshot alone: both read the same state
 * the badge does, so the three never disagree.
 */
export interface FeatureView {
  id: FeatureId;
  label: MessageKey;
  status: FeatureStatus;
  reason: StoredReason | null;
  /** When the current trouble began; null while it works. */
  since: number | null;
}

export interface RegionView {
  region: UserRegion;
  status: FeatureStatus;
  since: number | null;
  mine: boolean;
}

export interface StatusView {
  overall: OverallStatus;
  hasData: boolean;
  /** The last poll could not reach the internet. */
  offline: boolean;
  stale: boolean;
  checkedAt: number | null;
  /** When the current trouble began (the first failing poll), for degraded and outage. */
  since: number | null;
  /** A failure was seen once and is being confirmed. */
  confirming: boolean;
  /** Some checks seem retired by Tesla: the extension needs an update. */
  outdated: boolean;
  features: FeatureView[];
  regions: RegionView[];
}

export const REGION_LABELS: Record<UserRegion, MessageKey> = { na: 'regionNa', eu: 'regionEu', cn: 'regionCn' };

export type ViewSettings = Pick<Settings, 'pollMinutes' | 'services'>;

export function statusView(snapshot: Snapshot | null, now: number, settings: ViewSettings): StatusView {
  const hasData = !!snapshot && snapshot.checkedAt !== null;
  const overall = displayedOverall(snapshot);
  const known = hasData && snapshot.online;
  const track = snapshot ? overallTrack(snapshot) : null;
  const features = FEATURES.map((feature): FeatureView => {
    const stored = snapshot?.features[feature.id];
    // The phone key works over Bluetooth whatever the network says.
    if (feature.needs.length === 0) return { id: feature.id, label: feature.label, status: 'up', reason: WORKS_WITHOUT_SERVERS, since: null };
    const watched = feature.needs.some((service) => settings.services.includes(service));
    if (!watched) return { id: feature.id, label: feature.label, status: 'unknown', reason: { key: 'reasonNotWatched' }, since: null };
    if (isOutdated(feature, snapshot, settings.services)) {
      return { id: feature.id, label: feature.label, status: 'unknown', reason: { key: 'reasonProbeOutdated' }, since: null };
    }
    if (!known || !stored) return { id: feature.id, label: feature.label, status: 'unknown', reason: null, since: null };
    // Its checks got only answers someone else wrote (a proxy's block page): it cannot be judged.
    if (stored.level === 'up' && stored.unjudged) {
      return { id: feature.id, label: feature.label, status: 'unknown', reason: stored.reason, since: null };
    }
    return {
      id: feature.id,
      label: feature.label,
      status: stored.level,
      reason: stored.reason,
      since: stored.level === 'up' ? null : stored.since,
    };
  });
  const mine = snapshot?.region ?? 'na';
  const regions = [mine, ...USER_REGIONS.filter((r) => r !== mine)].map((region): RegionView => {
    const regionTrack = snapshot?.regions[region];
    return {
      region,
      mine: region === mine,
      status: known && regionTrack ? regionTrack.level : 'unknown',
      since: known && regionTrack && regionTrack.level !== 'up' ? regionTrack.since : null,
    };
  });
  return {
    overall,
    hasData,
    offline: hasData && !snapshot.online,
    stale: hasData && isStale(snapshot, settings.pollMinutes, now),
    checkedAt: snapshot?.checkedAt ?? null,
    since: overall === 'degraded' || overall === 'outage' ? (track?.since ?? null) : null,
    confirming: known && !!track && track.pending !== null && track.pending !== 'up',
    outdated: anyOutdated(snapshot, settings.services),
    features,
    regions,
  };
}
