import { featureNames } from './features';
import { formatDuration, formatList, formatWhen } from './format';
import type { Translate } from './messages';
import { durationMs } from './outage-tracker';
import { affectedFeatures, openIncident, overallTrack, type Incident, type Snapshot } from './snapshot';

export type NotificationKind = 'outage' | 'relapse' | 'recovered';

export const NOTIFICATION_MIN_GAP_MS = 10 * 60_000;

export interface NotificationDecision {
  kind: NotificationKind;
  incident: Incident;
}

/**
 * One notification per confirmed transition, read from the incident history: it only changes
 * on confirmed transitions, and never from an offline poll, so "unknown" cannot notify.
 */
export function decideNotification(
  previous: Snapshot | null,
  next: Snapshot,
  lastSent: Partial<Record<NotificationKind, number>>,
  now: number,
): NotificationDecision | null {
  if (!next.online) return null;
  const before = previous ? openIncident(previous) : undefined;
  const after = openIncident(next);
  let decision: NotificationDecision | null = null;
  if (after && (!before || before.id !== after.id || after.recurred > before.recurred)) {
    decision = { kind: after.recurred > 0 ? 'relapse' : 'outage', incident: after };
  } else if (before && !after) {
    const closed = next.incidents.find((incident) => incident.id === before.id);
    if (closed) decision = { kind: 'recovered', incident: closed };
  }
  if (!decision) return null;
  const sent = lastSent[decision.kind];
  return sent !== undefined && now - sent >= 0 && now - sent < NOTIFICATION_MIN_GAP_MS ? null : decision;
}

export interface NotificationContent {
  title: string;
  message: string;
}

export function notificationContent(
  { kind, incident }: NotificationDecision,
  snapshot: Snapshot,
  t: Translate,
  locale: string,
  now: number,
): NotificationContent {
  if (kind === 'recovered') {
    const duration = formatDuration(durationMs(incident.start, incident.end ?? now), locale);
    return { title: t('notifyRecoveredTitle'), message: t('notifyRecoveredBody', [duration]) };
  }
  const features = formatList(featureNames(affectedFeatures(snapshot), t), locale);
  if (kind === 'relapse') {
    const relapsedAt = overallTrack(snapshot).since ?? incident.start;
    return { title: t('notifyRelapseTitle'), message: t('notifyRelapseBody', [formatWhen(relapsedAt, now, locale), features]) };
  }
  const values = [formatWhen(incident.start, now, locale), features];
  return incident.worst === 'outage'
    ? { title: t('notifyOutageTitle'), message: t('notifyOutageBody', values) }
    : { title: t('notifyDegradedTitle'), message: t('notifyDegradedBody', values) };
}
