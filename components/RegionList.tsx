import { REGION_LABELS, type RegionView } from '../utils/engine/status-view';
import { StatusRow, troubleSince } from './StatusRow';
import type { Ui } from './ui';

/** Regions side by side, the user's own first: one region's incident is not everyone's. */
export function RegionList({ regions, now, ui }: { regions: RegionView[]; now: number; ui: Ui }) {
  const { t, locale } = ui;
  return (
    <section aria-labelledby="ts-regions-heading">
      <h2 id="ts-regions-heading" class="ts-section-heading">
        {t('regionsHeading')}
      </h2>
      <ul class="ts-list">
        {regions.map((region) => (
          <StatusRow
            key={region.region}
            status={region.status}
            attributes={{ 'data-region': region.region, 'aria-current': region.mine ? 'true' : undefined }}
            label={
              <>
                {t(REGION_LABELS[region.region])}
                {region.mine && <span class="ts-mine"> ({t('yourRegion')})</span>}
              </>
            }
            detail={region.since === null ? '' : troubleSince(region.status, region.since, t, locale, now)}
            ui={ui}
          />
        ))}
      </ul>
    </section>
  );
}
