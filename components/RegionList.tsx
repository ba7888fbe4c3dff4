import { formatAgo, formatWhen } from '../utils/engine/format';
import { REGION_LABELS, type RegionView, type StatusView } from '../utils/engine/status-view';
import { StatusRow } from './StatusRow';
import type { Ui } from './ui';

/** Under a region's name: how old the news is, why it is not judged, or since when it is down. */
function regionDetail(view: StatusView, region: RegionView, now: number, { t, locale }: Ui): string {
  if (view.stale && view.checkedAt !== null) return t('lastKnown', [formatAgo(view.checkedAt, now, locale, t)]);
  if (region.cantTell) return t('cantTellDetail');
  if (region.checking) return t('checking');
  return region.since === null ? '' : t('unavailableSince', [formatWhen(region.since, now, locale)]);
}

/** Regions side by side, the user's own first: one region's incident is not everyone's. */
export function RegionList({ view, now, ui }: { view: StatusView; now: number; ui: Ui }) {
  const { t } = ui;
  return (
    <section aria-labelledby="ts-regions-heading">
      <h2 id="ts-regions-heading" class="ts-section-heading">
        {t('regionsHeading')}
      </h2>
      <ul class="ts-list">
        {view.regions.map((region) => (
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
            detail={regionDetail(view, region, now, ui)}
            word={region.cantTell ? t('cantTell') : undefined}
            muted={view.stale}
            ui={ui}
          />
        ))}
      </ul>
    </section>
  );
}
