import { formatAgo, formatWhen } from '../utils/engine/format';
import { REGION_LABELS, type StatusView } from '../utils/engine/status-view';
import { StatusRow } from './StatusRow';
import type { Ui } from './ui';

/** Regions side by side, the user's own first: one region's incident is not everyone's. */
export function RegionList({ view, now, ui }: { view: StatusView; now: number; ui: Ui }) {
  const { t, locale } = ui;
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
            detail={
              view.stale && view.checkedAt !== null
                ? t('lastKnown', [formatAgo(view.checkedAt, now, locale, t)])
                : region.cantTell
                  ? t('cantTellDetail')
                  : region.since === null
                    ? ''
                    : t('unavailableSince', [formatWhen(region.since, now, locale)])
            }
            word={region.cantTell ? t('cantTell') : undefined}
            muted={view.stale}
            ui={ui}
          />
        ))}
      </ul>
    </section>
  );
}
