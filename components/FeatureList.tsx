import { formatWhen } from '../utils/format';
import { describeReason, type MessageKey } from '../utils/messages';
import type { FeatureStatus } from '../utils/status';
import type { FeatureView } from '../utils/status-view';
import { StatusIcon, toneOf } from './StatusIcon';
import { useUi } from './ui-context';

export const LEVEL_WORD: Record<FeatureStatus, MessageKey> = {
  up: 'levelUp',
  degraded: 'levelDegraded',
  down: 'levelDown',
  unknown: 'levelUnknown',
};

function detail(feature: FeatureView, t: ReturnType<typeof useUi>['t'], locale: string, now: number): string {
  const reason = describeReason(t, feature.reason);
  if (feature.status === 'up') return feature.id === 'phone-key' ? reason : '';
  if (feature.since === null) return reason;
  const since = t(feature.status === 'down' ? 'downSince' : 'degradedSince', [formatWhen(feature.since, now, locale)]);
  return reason ? `${reason} · ${since}` : since;
}

export function FeatureList({ features, now }: { features: FeatureView[]; now: number }) {
  const { t, locale } = useUi();
  return (
    <section aria-labelledby="ts-features-heading">
      <h2 id="ts-features-heading" class="ts-section-heading">
        {t('featuresHeading')}
      </h2>
      <ul class="ts-list">
        {features.map((feature) => {
          const text = detail(feature, t, locale, now);
          return (
            <li key={feature.id} class={`ts-row ts-row-${feature.status}`} data-feature={feature.id} data-status={feature.status}>
              <StatusIcon tone={toneOf(feature.status)} />
              <div class="ts-row-text">
                <span class="ts-row-label">{t(feature.label)}</span>
                {text && <span class="ts-row-detail">{text}</span>}
              </div>
              <span class="ts-row-status">{t(LEVEL_WORD[feature.status])}</span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
