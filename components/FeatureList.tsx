import { formatAgo, formatWhen } from '../utils/engine/format';
import { describeReason } from '../utils/engine/messages';
import type { FeatureView, StatusView } from '../utils/engine/status-view';
import { StatusRow } from './StatusRow';
import type { Ui } from './ui';

/**
 * What a row adds to its word, in words owners use: since when, or that it is last known, or that
 * a recovery is being confirmed. Codes and hosts are in the technical details, not here.
 */
function detail(feature: FeatureView, view: StatusView, ui: Ui, now: number): string {
  const { t, locale } = ui;
  // The phone key reassures in every state: it needs no server.
  if (feature.id === 'phone-key') return describeReason(t, feature.reason);
  if (view.stale && view.checkedAt !== null) return t('lastKnown', [formatAgo(view.checkedAt, now, locale, t)]);
  if (feature.status === 'down' || feature.status === 'degraded') {
    if (view.recovering) return t('rowRecovering');
    return feature.since === null ? '' : t('unavailableSince', [formatWhen(feature.since, now, locale)]);
  }
  // Unknown for a reason worth knowing: not watched, a check out of date, someone else's answer.
  return feature.status === 'unknown' ? describeReason(t, feature.reason) : '';
}

export function FeatureList({ view, now, ui }: { view: StatusView; now: number; ui: Ui }) {
  const { t } = ui;
  return (
    <section aria-labelledby="ts-features-heading">
      <h2 id="ts-features-heading" class="ts-section-heading">
        {t('featuresHeading')}
      </h2>
      <ul class="ts-list">
        {view.features.map((feature) => (
          <StatusRow
            key={feature.id}
            status={feature.status}
            attributes={{ 'data-feature': feature.id }}
            label={t(feature.label)}
            detail={detail(feature, view, ui, now)}
            muted={view.stale && feature.id !== 'phone-key'}
            ui={ui}
          />
        ))}
      </ul>
    </section>
  );
}
