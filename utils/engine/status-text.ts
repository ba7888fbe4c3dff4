import { featureNames } from './features';
import { durationMs, formatDuration, formatList, formatWhen } from './format';
import type { Translate } from './messages';
import { REGION_LABELS, type StatusView } from './status-view';
import type { Story } from './story';

/**
 * "Tesla outage since 9:41 AM (2 hr 13 min): … unavailable; phone key works. China unaffected.
 * Checked 11:54 AM with Tesla Status." A paste-ready line for a forum or the family chat, in the
 * user's language; null when there is no trouble to tell.
 */
export function statusSummaryText(view: StatusView, now: number, t: Translate, locale: string): string | null {
  const story = view.story;
  if (
    view.stale ||
    view.checkedAt === null ||
    (story.kind !== 'outage' && story.kind !== 'degraded' && story.kind !== 'relapse')
  )
    return null;
  // The current trouble, from when it began; a full outage that fell again says when it first fell.
  const start = story.since;
  const affected = view.features
    .filter((feature) => feature.status === 'down' || feature.status === 'degraded')
    .map((feature) => feature.id);
  const spared = view.regions
    .filter((region) => region.status === 'up')
    .map((region) => t(REGION_LABELS[region.region]));
  const names = formatList(featureNames(affected, t), locale);
  const first = story.beforeGap
    ? afterGapLine(story, view.overall, names, now, t, locale)
    : view.overall === 'degraded'
      ? t('copyDegraded', [formatWhen(start, now, locale), formatDuration(durationMs(start, now), locale), names])
      : story.kind === 'relapse' && story.firstSeen
        ? t('copyRelapseFirstSeen', [formatWhen(start, now, locale), formatWhen(story.firstDown, now, locale), names])
        : story.kind === 'relapse'
          ? t('copyRelapse', [
              formatWhen(start, now, locale),
              formatWhen(story.firstDown, now, locale),
              formatDuration(durationMs(story.firstDown, now), locale),
              names,
            ])
          : t('copyOutage', [formatWhen(start, now, locale), formatDuration(durationMs(start, now), locale), names]);
  return [
    first,
    spared.length ? t('copyUnaffected', [formatList(spared, locale)]) : '',
    t('copyChecked', [formatWhen(view.checkedAt, now, locale)]),
  ]
    .filter(Boolean)
    .join(' ');
}

/** Trouble first seen after a gap in the watch (a sleep): "since at least", and no length that spans it. */
function afterGapLine(
  story: Extract<Story, { kind: 'outage' | 'degraded' | 'relapse' }>,
  overall: StatusView['overall'],
  names: string,
  now: number,
  t: Translate,
  locale: string,
): string {
  const since = formatWhen(story.since, now, locale);
  if (overall === 'degraded') return t('copyDegradedAfterGap', [since, names]);
  if (story.kind === 'relapse')
    return t('copyRelapseAfterGap', [since, formatWhen(story.firstDown, now, locale), names]);
  return t('copyOutageAfterGap', [since, names]);
}
