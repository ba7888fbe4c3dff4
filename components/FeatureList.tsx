import { describeReason, type Translate } from '../utils/engine/messages';
import type { FeatureView } from '../utils/engine/status-view';
import { StatusRow, troubleSince } from './StatusRow';
import type { Ui } from './ui';

/** Why, and since when: "HTTP 503 — maintenance · Down since 09:44". Working rows stay quiet, but the phone key reassures. */
function detail(feature: FeatureView, t: Translate, locale: string, now: number): string {
  const reason = describeReason(t, feature.reason);
  if (feature.status === 'up') return feature.id === 'phone-key' ? reason : '';
  if (feature.since === null) return reason;
  const since = troubleSince(feature.status, feature.since, t, locale, now);
  return reason ? `${reason} · ${since}` : since;
}

export function FeatureList({ features, now, ui }: { features: FeatureView[]; now: number; ui: Ui }) {
  const { t, locale } = ui;
  return (
    <section aria-labelledby="ts-features-heading">
      <h2 id="ts-features-heading" class="ts-section-heading">
        {t('featuresHeading')}
      </h2>
      <ul class="ts-list">
        {features.map((feature) => (
          <StatusRow
            key={feature.id}
            status={feature.status}
            attributes={{ 'data-feature': feature.id }}
            label={t(feature.label)}
            detail={detail(feature, t, locale, now)}
            ui={ui}
          />
        ))}
      </ul>
    </section>
  );
}
