import { FEATURES, WORKS_WITHOUT_SERVERS, isCarFeature, reachesTheCar, type Feature, type FeatureId } from './features';
import type { MessageKey } from './messages';
import { anyOutdated, isOutdated } from './outdated';
import { PROBES, USER_REGIONS, probesForRegion, type UserRegion } from './probes';
import { isStale } from './scheduler';
import { displayedOverall, isChecking, overallTrack, type Snapshot, type StoredReason } from './snapshot';
import type { Settings } from './settings';
import type { FeatureStatus, OverallStatus } from './status';
import { incidentStory, type Story } from './story';

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
  /**
   * Another region whose hosts only time out or refuse the connection from here (China's, seen
   * from Europe): that says more about the road there than about Tesla, so it reads "can't tell
   * from here". Only Tesla's own error answers paint another region red.
   */
  cantTell: boolean;
}

/** "5 car features unavailable — Tesla maintenance": how many, of what kind, and why, in a line. */
export interface TroubleSummary {
  /** Features that reach the car (remote access, climate…), not fully working. */
  car: number;
  /** Everything else not fully working (sign-in, the account website, third-party apps). */
  other: number;
  /** Why, from the answers that failed; null when none of the last answers did (a recovery on its way). */
  cause: 'maintenance' | 'no-answer' | 'errors' | null;
}

/** One check as the technical details show it: the host, what it answered, how fast. */
export interface CheckView {
  id: string;
  host: string;
  state: 'up' | 'degraded' | 'down' | 'unreachable';
  reason: StoredReason;
  latencyMs: number;
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
  /** Reached Tesla, but no level is confirmed yet (a first poll that failed, a change of scope). */
  checking: boolean;
  /** A failure was seen once and is being confirmed. */
  confirming: boolean;
  /** Tesla answers again during an outage, and the recovery is being confirmed. */
  recovering: boolean;
  /** The last poll that reached Tesla: what an offline popup can still vouch for. */
  confirmedAt: number | null;
  story: Story;
  /** Features that reach the car are down or partly working: the phone key line leads. */
  remoteDown: boolean;
  summary: TroubleSummary | null;
  /** The last poll's checks, in catalogue order: codes, hosts and latencies, for those who ask. */
  checks: CheckView[];
  /** Some checks seem retired by Tesla: the extension needs an update. */
  outdated: boolean;
  features: FeatureView[];
  regions: RegionView[];
}

export const REGION_LABELS: Record<UserRegion, MessageKey> = { na: 'regionNa', eu: 'regionEu', cn: 'regionCn' };

export type ViewSettings = Pick<Settings, 'pollMinutes' | 'services'>;

/**
 * Whether every failing check of another region that is its own (not shared with the user's region,
 * like the global Owner API host) got no answer at all: a timeout, a refused connection. A shared
 * host's failure is judged where the user is, and that verdict holds for the other region too.
 */
function onlySilence(snapshot: Snapshot, region: UserRegion): boolean {
  const mine = new Set(probesForRegion(snapshot.region).map((probe) => probe.id));
  const failing = probesForRegion(region)
    .map((probe) => ({ shared: mine.has(probe.id), result: snapshot.probes[probe.id] }))
    .filter(({ result }) => result !== undefined && result.state !== 'up');
  return failing.length > 0 && failing.every(({ shared, result }) => !shared && result?.state === 'unreachable');
}

const NO_ANSWER = new Set(['reasonTimeout', 'reasonConnectionFailed']);
/** Answers that are not failures: a feature still confirmed down may show one while it recovers. */
const NOT_A_FAILURE = new Set(['reasonAnswered', 'reasonRedirected', 'reasonApiRefused', 'reasonCdnBlocked']);

function summarize(troubled: readonly FeatureView[]): TroubleSummary {
  const car = troubled.filter((feature) => isCarFeature(feature.id)).length;
  const failures = troubled
    .map((feature) => feature.reason?.key)
    .filter((key): key is string => !!key && !NOT_A_FAILURE.has(key));
  const cause =
    failures.length === 0
      ? null
      : failures.includes('reasonMaintenance')
        ? 'maintenance'
        : failures.every((key) => NO_ANSWER.has(key))
          ? 'no-answer'
          : 'errors';
  return { car, other: troubled.length - car, cause };
}

/** One feature's row: why it cannot be judged, or its stored level. */
function featureView(feature: Feature, snapshot: Snapshot | null, known: boolean, settings: ViewSettings): FeatureView {
  const row = (status: FeatureView['status'], reason: FeatureView['reason'], since: number | null = null) => ({
    id: feature.id,
    label: feature.label,
    status,
    reason,
    since,
  });
  const stored = snapshot?.features[feature.id];
  // The phone key works over Bluetooth whatever the network says.
  if (feature.needs.length === 0) return row('up', WORKS_WITHOUT_SERVERS);
  if (!feature.needs.some((service) => settings.services.includes(service)))
    return row('unknown', { key: 'reasonNotWatched' });
  if (isOutdated(feature, snapshot, settings.services)) return row('unknown', { key: 'reasonProbeOutdated' });
  if (!known || !stored) return row('unknown', null);
  // No level confirmed for it yet: its `up` is a placeholder, so it is being checked.
  if (stored.since === null) return row('unknown', { key: 'checking' });
  // Its checks got only answers someone else wrote (a proxy's block page): it cannot be judged.
  if (stored.level === 'up' && stored.unjudged) return row('unknown', stored.reason);
  return row(stored.level, stored.reason, stored.level === 'up' ? null : stored.since);
}

export function statusView(snapshot: Snapshot | null, now: number, settings: ViewSettings): StatusView {
  const hasData = !!snapshot && snapshot.checkedAt !== null;
  const overall = displayedOverall(snapshot);
  const known = hasData && snapshot.online;
  const track = snapshot ? overallTrack(snapshot) : null;
  const features = FEATURES.map((feature) => featureView(feature, snapshot, known, settings));
  const mine = snapshot?.region ?? 'na';
  const regions = [mine, ...USER_REGIONS.filter((r) => r !== mine)].map((region): RegionView => {
    const regionTrack = snapshot?.regions[region];
    const status = known && regionTrack ? regionTrack.level : 'unknown';
    const cantTell =
      region !== mine && status !== 'up' && status !== 'unknown' && !!snapshot && onlySilence(snapshot, region);
    return {
      region,
      mine: region === mine,
      status: cantTell ? 'unknown' : status,
      since: known && regionTrack && regionTrack.level !== 'up' && !cantTell ? regionTrack.since : null,
      cantTell,
    };
  });
  const troubled = features.filter((feature) => feature.status === 'down' || feature.status === 'degraded');
  return {
    overall,
    hasData,
    offline: hasData && !snapshot.online,
    stale: hasData && isStale(snapshot, settings.pollMinutes, now),
    checkedAt: snapshot?.checkedAt ?? null,
    since: overall === 'degraded' || overall === 'outage' ? (track?.since ?? null) : null,
    checking: isChecking(snapshot),
    confirming: known && !!track && track.pending !== null && track.pending !== 'up',
    recovering: known && !!track && track.level !== 'up' && track.pending === 'up',
    confirmedAt: snapshot?.evidenceAt ?? null,
    story: known ? incidentStory(snapshot, now) : { kind: 'none' },
    remoteDown: reachesTheCar(troubled.map((feature) => feature.id)),
    summary: troubled.length ? summarize(troubled) : null,
    checks: PROBES.flatMap((probe): CheckView[] => {
      const result = snapshot?.probes[probe.id];
      return result
        ? [
            {
              id: probe.id,
              host: new URL(probe.url).host,
              state: result.state,
              reason: result.reason,
              latencyMs: result.latencyMs,
            },
          ]
        : [];
    }),
    outdated: anyOutdated(snapshot, settings.services),
    features,
    regions,
  };
}
