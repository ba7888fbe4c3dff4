import { formatWhen } from '../utils/format';
import { REGION_LABELS, type RegionView } from '../utils/status-view';
import { LEVEL_WORD } from './FeatureList';
import { StatusIcon, toneOf } from './StatusIcon';
import { useUi } from './ui-context';

/** Regions side by side, the user's own first: one region's incident is not everyone's. */
export function RegionList({ regions, now }: { regions: RegionView[]; now: number }) {
  const { t, locale } = useUi();
  return (
    <section aria-labelledby="ts-regions-heading">
      <h2 id="ts-regions-heading" class="ts-section-heading">
        {t('regionsHeading')}
      </h2>
      <ul class="ts-list">
        {regions.map((region) => (
          <li key={region.region} class="ts-row" data-region={region.region} data-status={region.status} aria-current={region.mine ? 'true' : undefined}>
            <StatusIcon tone={toneOf(region.status)} />
            <div class="ts-row-text">
              <span class="ts-row-label">
                {t(REGION_LABELS[region.region])}
                {region.mine && <span class="ts-mine"> ({t('yourRegion')})</span>}
              </span>
              {region.since !== null && (
                <span class="ts-row-detail">{t(region.status === 'down' ? 'downSince' : 'degradedSince', [formatWhen(region.since, now, locale)])}</span>
              )}
            </div>
            <span class="ts-row-status">{t(LEVEL_WORD[region.status])}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
