import { featureNames } from './features';
import { durationMs, formatDuration, formatList, formatWhen } from './format';
import type { Translate } from './messages';
import { REGION_LABELS, type StatusView } from './status-view';

/**
 * "Tesla outage since 9:41 AM (2 hr 13 min): … unavailable; phone key works. China unaffected.
 * Checked 11:54 AM with Tesla Status." A paste-ready line for a forum or the family chat, in the
 * user's language; null when there is no trouble to tell.
 */
export function statusSummaryText(view: StatusView, now: number, t: Translate, locale: string): string | null {
  const story = view.story;
  if (view.stale || view.checkedAt === null || (story.kind !== 'outage' && story.kind !== 'degraded' && story.kind !== 'relapse')) return null;
  const start = story.kind === 'relapse' ? story.firstDown : story.since;
  const affected = view.features.filter((feature) => feature.status === 'down' || feature.status === 'degraded').map((feature) => feature.id);
  const spared = view.regions.filter((region) => region.status === 'up').map((region) => t(REGION_LABELS[region.region]));
  return [
    t(story.kind === 'degraded' ? 'copyDegraded' : 'copyOutage', [
      formatWhen(start, now, locale),
      formatDuration(durationMs(start, now), locale),
      formatList(featureNames(affected, t), locale),
    ]),
    spared.length ? t('copyUnaffected', [formatList(spared, locale)]) : '',
    t('copyChecked', [formatWhen(view.checkedAt, now, locale)]),
  ]
    .filter(Boolean)
    .join(' ');
}
