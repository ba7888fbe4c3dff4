import { durationMs, formatAgo, formatDuration, formatWhen } from '../utils/engine/format';
import type { MessageKey } from '../utils/engine/messages';

import type { StatusView } from '../utils/engine/status-view';
import { StatusIcon, toneOf } from './StatusIcon';
import type { Ui } from './ui';

const HEADLINE: Record<StatusView['overall'], MessageKey> = {
  operational: 'statusOperational',
  degraded: 'statusDegraded',
  outage: 'statusOutage',
  unknown: 'statusUnknown',
};

export function headlineKey(view: StatusView): MessageKey {
  if (!view.hasData) return 'statusNoData';
  if (view.stale) return 'statusStale';
  // Working as far as it can tell: some features have no up-to-date check to judge them by.
  if (view.overall === 'operational' && view.outdated) return 'statusOperationalOutdated';
  return HEADLINE[view.overall];
}

export function StatusHeader({ view, now, ui }: { view: StatusView; now: number; ui: Ui }) {
  const { t, locale } = ui;
  const tone = view.stale ? 'unknown' : toneOf(view.overall);
  return (
    <header class="ts-header">
      <StatusIcon tone={tone} large />
      <div class="ts-header-text">
        {/* A live region: a screen reader hears the state change when a check completes. */}
        <h1 class="ts-headline" role="status" aria-live="polite">
          {t(headlineKey(view))}
        </h1>
        {view.since !== null && (
          <p class="ts-since">
            <time dateTime={new Date(view.since).toISOString()}>
              {t('sinceFor', [formatWhen(view.since, now, locale), formatDuration(durationMs(view.since, now), locale)])}
            </time>
          </p>
        )}
        {view.offline && <p class="ts-hint">{t('offlineHint')}</p>}
        {!view.hasData && <p class="ts-hint">{t('noDataHint')}</p>}
        {view.confirming && <p class="ts-hint">{t('pendingConfirm')}</p>}
        <p class={view.stale ? 'ts-checked ts-stale' : 'ts-checked'}>
          {view.checkedAt === null
            ? t('neverChecked')
            : t(view.stale ? 'staleWarning' : 'lastChecked', [formatAgo(view.checkedAt, now, locale)])}
        </p>
      </div>
    </header>
  );
}
