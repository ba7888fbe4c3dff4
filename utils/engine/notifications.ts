import { namedFeatures } from './features';
import { durationMs, formatDuration, formatWhen } from './format';
import type { MessageKey, Translate } from './messages';
import { sameScope } from './outage-tracker';
import {
  affectedFeatures,
  carJudged,
  endedBack,
  openIncident,
  overallTrack,
  type Incident,
  type Snapshot,
} from './snapshot';
import { incidentStory } from './story';
import { HOUR } from './time';

export const NOTIFICATION_KINDS = ['outage', 'relapse', 'recovered'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** At most this many notifications in any hour, of all kinds together: a flapping Tesla must not nag. */
export const NOTIFICATION_CAP = 4;
export const NOTIFICATION_CAP_WINDOW_MS = HOUR;
/** A notification not shown yet (the cap, a failure) waits this long at most, then it is no news any more. */
const PENDING_NOTIFICATION_TTL_MS = HOUR;

export interface NotificationDecision {
  kind: NotificationKind;
  incident: Incident;
  /**
   * `show`: due, and kept in storage until shown (when the hourly cap allows, if still true then).
   * `never`: a change of region or services, and what it finds, is no news.
   * Either way, the transition takes the old notification off the screen: a "down again" must never
   * stay up while the badge is green.
   */
  delivery: 'show' | 'never';
}

/** When notifications were shown, newest last. */
export type NotificationLog = number[];

/** Whether the hourly cap lets one more notification through now. */
export function underCap(log: NotificationLog, now: number): boolean {
  return log.filter((at) => at <= now && now - at < NOTIFICATION_CAP_WINDOW_MS).length < NOTIFICATION_CAP;
}

/**
 * One notification per confirmed transition, read from the incident history: it only changes
 * on confirmed transitions, and never from an offline poll, so "unknown" cannot notify. An incident
 * that gets worse (partial to full outage) is a transition too.
 */
// biome-ignore lint/complexity/noExcessiveCognitiveComplexity: compares two carried snapshots; replaced by transitions derived from the evidence log (issue 24).
export function decideNotification(previous: Snapshot | null, next: Snapshot): NotificationDecision | null {
  if (!next.online) return null;
  const before = previous ? openIncident(previous) : undefined;
  const after = openIncident(next);
  let kind: NotificationKind | null = null;
  let incident: Incident | undefined;
  if (after && (!before || before.id !== after.id || after.recurred > before.recurred)) {
    // Watched again and still down: the same outage, told already when it began.
    const earlier = previous?.incidents.find((candidate) => candidate.id === after.id);
    if (earlier && earlier.end !== null && !endedBack(earlier) && earlier.recurred === after.recurred) return null;
    kind = after.recurred > 0 ? 'relapse' : 'outage';
    incident = after;
  } else if (after && before && before.worst === 'degraded' && after.worst === 'outage') {
    kind = 'outage';
    incident = after;
  } else if (before && !after) {
    incident = next.incidents.find((candidate) => candidate.id === before.id);
    // Only Tesla seen working again is a recovery: an incident nobody watches any more is no news.
    if (incident && endedBack(incident)) kind = 'recovered';
  }
  if (!kind || !incident) return null;
  // A change of region or services, and the baseline the new scope then finds, are no news; a new
  // outage where the user now is, is, and so are the car falling while it was watched, and Tesla
  // seen back where the owner is and was (an incident whose trouble is no longer watched ends as
  // such, never as back: `endedBack`).
  const rescoped = previous !== null && (previous.rescoped || !sameScope(previous, next));
  const news =
    kind === 'outage'
      ? incident.id !== before?.id || escalatedAsWatched(previous, next)
      : seenBackHere(kind, previous, next, incident);
  if (rescoped && !news) return { kind, incident, delivery: 'never' };
  return { kind, incident, delivery: 'show' };
}

/** A partial outage grown into a full one where the owner was and is, with the car judged before: Tesla's doing. */
function escalatedAsWatched(previous: Snapshot | null, next: Snapshot): boolean {
  return previous !== null && previous.region === next.region && carJudged(previous);
}

/** A recovery seen where the owner is, was, and the incident began. */
function seenBackHere(kind: NotificationKind, previous: Snapshot | null, next: Snapshot, incident: Incident): boolean {
  return kind === 'recovered' && previous?.region === next.region && (incident.region ?? next.region) === next.region;
}

/** A notification due but not shown yet (the worker stopped, the API failed): kept until shown. */
export interface PendingNotification {
  kind: NotificationKind;
  incidentId: string;
  /** When it became due. */
  at: number;
}

/** The pending notification's incident, if it still tells the truth about the current snapshot. */
export function stillTrue(pending: PendingNotification, snapshot: Snapshot, now: number): Incident | null {
  if (now < pending.at || now - pending.at > PENDING_NOTIFICATION_TTL_MS || !snapshot.online) return null;
  const incident = snapshot.incidents.find((candidate) => candidate.id === pending.incidentId);
  if (!incident) return null;
  const open = incident.end === null;
  if (pending.kind === 'recovered' ? !endedBack(incident) : !open) return null;
  if (pending.kind === 'relapse' && incident.recurred === 0) return null;
  return incident;
}

export interface NotificationContent {
  title: string;
  message: string;
}

export function notificationContent(
  { kind, incident }: Pick<NotificationDecision, 'kind' | 'incident'>,
  snapshot: Snapshot,
  t: Translate,
  locale: string,
  now: number,
): NotificationContent {
  if (kind === 'recovered') return recoveredContent(incident, t, locale, now);
  const features = namedFeatures(affectedFeatures(snapshot), t, locale);
  // Unwatched for a while before it was seen (a sleep): "since at least" the first poll after the gap.
  const story = incidentStory(snapshot, now);
  const atLeast = story.kind !== 'none' && story.kind !== 'recovered' && story.beforeGap ? story.since : null;
  const gap = atLeast === null ? 'watched' : 'afterGap';
  if (kind === 'relapse') {
    const relapsedAt = formatWhen(atLeast ?? overallTrack(snapshot).since ?? incident.start, now, locale);
    // A partial outage after a recovery is told as what it is now, as the popup and the badge do.
    if (overallTrack(snapshot).level === 'degraded')
      return { title: t('notifyDegradedTitle'), message: t(OUTAGE_BODY.degraded[gap], [relapsedAt, features]) };
    const firstDown = formatWhen(incident.start, now, locale);
    // Nobody saw it first fall: when it was first seen down.
    const body = gap === 'watched' && incident.begunUnseen ? 'notifyRelapseFirstSeenBody' : RELAPSE_BODY[gap];
    return { title: t('notifyRelapseTitle'), message: t(body, [relapsedAt, firstDown, features]) };
  }
  // Since the trouble it tells of: a partial outage that grew into a full one is a full one only from then.
  const since = atLeast ?? overallTrack(snapshot).since ?? incident.start;
  const values = [formatWhen(Math.max(since, incident.start), now, locale), features];
  return incident.worst === 'outage'
    ? { title: t('notifyOutageTitle'), message: t(OUTAGE_BODY.outage[gap], values) }
    : { title: t('notifyDegradedTitle'), message: t(OUTAGE_BODY.degraded[gap], values) };
}

function recoveredContent(incident: Incident, t: Translate, locale: string, now: number): NotificationContent {
  const { backAt, seenAt, end } = incident;
  if (backAt !== undefined && seenAt !== undefined && end !== null && backAt > end) {
    // First seen back after a gap: when it was seen back, and when it was last seen down.
    return {
      title: t('notifyRecoveredTitle'),
      message: t('notifyRecoveredAfterGapBody', [formatWhen(backAt, now, locale), formatWhen(seenAt, now, locale)]),
    };
  }
  const ended = end ?? now;
  const duration = formatDuration(durationMs(incident.start, ended), locale);
  // Nobody saw it begin (found on waking, or at the first check): it lasted at least that long.
  const body = incident.begunUnseen ? 'notifyRecoveredAtLeastBody' : 'notifyRecoveredBody';
  return { title: t('notifyRecoveredTitle'), message: t(body, [formatWhen(ended, now, locale), duration]) };
}

const RELAPSE_BODY: Record<'watched' | 'afterGap', MessageKey> = {
  watched: 'notifyRelapseBody',
  afterGap: 'notifyRelapseAfterGapBody',
};
const OUTAGE_BODY: Record<'outage' | 'degraded', Record<'watched' | 'afterGap', MessageKey>> = {
  outage: { watched: 'notifyOutageBody', afterGap: 'notifyOutageAfterGapBody' },
  degraded: { watched: 'notifyDegradedBody', afterGap: 'notifyDegradedAfterGapBody' },
};
