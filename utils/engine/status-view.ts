import { FEATURES, WORKS_WITHOUT_SERVERS, isCarFeature, reachesTheCar, type Feature, type FeatureId } from './features';
import type { MessageKey } from './messages';
import { anyOutdated, isOutdated } from './outdated';
import type { ProbeCause } from './classify-response';
import { PROBES, USER_REGIONS, probesForRegion, type UserRegion } from './probes';
import { isStale } from './scheduler';
import {
  displayedOverall,
  isChecking,
  notJudgedWhy,
  overallTrack,
  type Snapshot,
  type StoredReason,
  type Track,
} from './snapshot';
import { watchedProbes, type Settings } from './settings';
import type { FeatureStatus, OverallStatus } from './status';
import { incidentStory, type Story } from './story';
import {
  isTrouble,
  isWorse,
  judgedLevel,
  judgedSince,
  judgementOf,
  type Judgement,
  type TrackUnjudged,
  type UnjudgedWhy,
} from './derive/judgement';

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
   * A region whose checks got no answer of Tesla's from here (China's hosts time out from Europe):
   * that says as much about the road there as about Tesla, so it reads "can't tell from here".
   * Only Tesla's own answers paint a region red or green.
   */
  cantTell: boolean;
  /** Working until now, and a failure seen once is being confirmed: not shown as working meanwhile. */
  checking: boolean;
}

/** "5 car features unavailable — Tesla maintenance": how many, of what kind, and why, in a line. */
export interface TroubleSummary {
  /** Features that reach the car (remote access, climate…), not fully working. */
  car: number;
  /** Everything else not fully working (sign-in, the account website, third-party apps). */
  other: number;
  /** Why, from the answers that failed; null when none of the last answers did (a recovery on its way). */
  cause: 'maintenance' | 'no-answer' | 'slow' | 'errors' | null;
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
  /**
   * The car's features could not be judged by the last poll, and why (not watched, checks retired,
   * no answer of Tesla's): the headline says what is not known instead of any state.
   */
  notJudged: TrackUnjudged | null;
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

const NO_ANSWER: ReadonlySet<ProbeCause | undefined> = new Set(['timeout', 'network']);

/**
 * How many features, of which kind, and why: from the facts of the last poll's answers for them (the
 * troubled features' live checks where the owner is), never from the words a row shows. An answer
 * that works is no failure: a feature still confirmed down may get one while it recovers.
 */
function summarize(troubled: readonly FeatureView[], snapshot: Snapshot, settings: ViewSettings): TroubleSummary {
  const car = troubled.filter((feature) => isCarFeature(feature.id)).length;
  const needed = new Set(troubled.flatMap((feature) => FEATURES.find((f) => f.id === feature.id)?.needs ?? []));
  const failures = probesForRegion(snapshot.region, watchedProbes(settings))
    .filter((probe) => needed.has(probe.service) && !snapshot.retired.includes(probe.id))
    .flatMap((probe) => snapshot.probes[probe.id] ?? [])
    .filter((result) => result.state !== 'up');
  const cause =
    failures.length === 0
      ? null
      : failures.some((result) => result.cause === 'maintenance')
        ? 'maintenance'
        : failures.every((result) => NO_ANSWER.has(result.cause))
          ? 'no-answer'
          : failures.every((result) => result.slow === true)
            ? 'slow'
            : 'errors';
  return { car, other: troubled.length - car, cause };
}

/** The reason a row shows for a feature the engine could not judge. */
const UNJUDGED_REASON: Record<Exclude<UnjudgedWhy, 'no-tesla-answer'>, StoredReason> = {
  'not-watched': { key: 'reasonNotWatched' },
  retired: { key: 'reasonProbeOutdated' },
  'not-confirmed': { key: 'checking' },
  'no-evidence': { key: 'checking' },
};

/** One feature's row: its judged level, or why it is not judged. */
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
  // The settings say it before the next poll does.
  if (!feature.needs.some((service) => settings.services.includes(service)))
    return row('unknown', UNJUDGED_REASON['not-watched']);
  if (isOutdated(feature, snapshot, settings.services)) return row('unknown', UNJUDGED_REASON.retired);
  if (!known || !stored) return row('unknown', null);
  const judgement = judgementOf(stored);
  if (judgement.state === 'unjudged')
    // No answer of Tesla's: the row says what came instead (silence, someone else's page).
    return row('unknown', judgement.why === 'no-tesla-answer' ? stored.reason : UNJUDGED_REASON[judgement.why]);
  // Working until this poll, which saw a failure: being confirmed, not working and not down yet.
  if (failureBeingConfirmed(judgement)) return row('unknown', UNJUDGED_REASON['not-confirmed']);
  const level = judgedLevel(judgement) ?? 'up';
  return row(level, stored.reason, level === 'up' ? null : judgedSince(judgement));
}

function failureBeingConfirmed(judgement: Judgement): boolean {
  return judgement.state === 'confirming' && judgement.level === 'up';
}

/** The regions, the owner's first: each judged from its own checks, "can't tell" when they got no answer of Tesla's. */
function regionViews(snapshot: Snapshot | null, known: boolean): RegionView[] {
  const mine = snapshot?.region ?? 'na';
  return [mine, ...USER_REGIONS.filter((r) => r !== mine)].map((region): RegionView => {
    const regionTrack = snapshot?.regions[region];
    const judgement = known && regionTrack ? judgementOf(regionTrack) : null;
    const checking = judgement !== null && failureBeingConfirmed(judgement);
    const level = judgement && !checking ? judgedLevel(judgement) : null;
    const status = level ?? 'unknown';
    // Silence or someone else's page from its hosts: that says as much about the road there (China's
    // hosts, seen from Europe) or the owner's network as about Tesla.
    const cantTell = judgement?.state === 'unjudged' && judgement.why === 'no-tesla-answer';
    return {
      region,
      mine: region === mine,
      status,
      since: judgement && isTrouble(level) ? judgedSince(judgement) : null,
      cantTell,
      checking,
    };
  });
}

/**
 * A failure seen and being confirmed (from a confirmed level, or from none yet: a first check), or
 * Tesla answering again during trouble, its recovery being confirmed.
 */
function changeBeingConfirmed(track: Track): Pick<StatusView, 'confirming' | 'recovering'> {
  const judgement = judgementOf(track);
  const worsening =
    judgement.state === 'confirming'
      ? isWorse(judgement.toward, judgement.level)
      : judgement.state === 'unjudged' &&
        judgement.why === 'not-confirmed' &&
        !track.unjudged &&
        track.pending !== null &&
        track.pending !== 'up';
  return {
    confirming: worsening,
    recovering: judgement.state === 'confirming' && judgement.toward === 'up',
  };
}

/** Since when the judged trouble holds. */
function troubleSince(track: Track | null): number | null {
  return track ? judgedSince(judgementOf(track)) : null;
}

/** The last poll's checks, in catalogue order. */
function checkViews(snapshot: Snapshot | null): CheckView[] {
  return PROBES.flatMap((probe): CheckView[] => {
    const result = snapshot?.probes[probe.id];
    if (!result) return [];
    const { state, reason, latencyMs } = result;
    return [{ id: probe.id, host: new URL(probe.url).host, state, reason, latencyMs }];
  });
}

export function statusView(snapshot: Snapshot | null, now: number, settings: ViewSettings): StatusView {
  const hasData = !!snapshot && snapshot.checkedAt !== null;
  const overall = displayedOverall(snapshot);
  const known = hasData && snapshot.online;
  const track = snapshot ? overallTrack(snapshot) : null;
  const features = FEATURES.map((feature) => featureView(feature, snapshot, known, settings));
  const regions = regionViews(snapshot, known);
  const troubled = features.filter((feature) => feature.status === 'down' || feature.status === 'degraded');
  return {
    overall,
    hasData,
    offline: hasData && !snapshot.online,
    stale: hasData && isStale(snapshot, settings.pollMinutes, now),
    checkedAt: snapshot?.checkedAt ?? null,
    since: overall === 'degraded' || overall === 'outage' ? troubleSince(track) : null,
    checking: isChecking(snapshot),
    ...(known && track ? changeBeingConfirmed(track) : { confirming: false, recovering: false }),
    notJudged: known ? notJudgedWhy(snapshot) : null,
    confirmedAt: snapshot?.evidenceAt ?? null,
    story: known ? incidentStory(snapshot, now) : { kind: 'none' },
    remoteDown: reachesTheCar(troubled.map((feature) => feature.id)),
    summary: snapshot && troubled.length ? summarize(troubled, snapshot, settings) : null,
    checks: checkViews(snapshot),
    outdated: anyOutdated(snapshot, settings.services),
    features,
    regions,
  };
}
