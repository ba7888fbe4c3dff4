import type { BannerState } from '../utils/engine/banner';
import { featureNames } from '../utils/engine/features';
import { durationMs, formatAgo, formatDuration, formatList, formatWhen } from '../utils/engine/format';

import { StatusIcon } from './StatusIcon';
import type { Ui } from './ui';

/**
 * The banner on Tesla's pages. Only a person may dismiss it: events that the page itself makes up
 * (`element.click()`, a dispatched key) are not trusted, and are ignored.
 */
export function Banner({ state, now, ui, onDismiss }: { state: BannerState; now: number; ui: Ui; onDismiss: () => void }) {
  const { t, locale } = ui;
  const dismissByPerson = (event: Event) => {
    if (event.isTrusted) onDismiss();
  };
  const affected = formatList(featureNames(state.affected, t), locale);
  const since = formatWhen(state.since, now, locale);
  const headline =
    state.status === 'resolved'
      ? t('bannerResolved', [formatDuration(durationMs(state.since, state.end ?? now), locale)])
      : t(state.status === 'outage' ? 'bannerOutage' : 'bannerDegraded', [since, affected]);
  return (
    <div
      class={`ts-banner ts-banner-${state.status}`}
      role={state.status === 'outage' ? 'alert' : 'status'}
      onKeyDown={(event) => event.key === 'Escape' && dismissByPerson(event)}
    >
      <StatusIcon tone={state.status === 'resolved' ? 'ok' : state.status === 'outage' ? 'bad' : 'warn'} />
      <div class="ts-banner-text">
        <p class="ts-banner-headline">
          {state.status === 'resolved' ? headline : <time dateTime={new Date(state.since).toISOString()}>{headline}</time>}
        </p>
        {state.status !== 'resolved' && <p>{t('bannerPhoneKey')}</p>}
        <p class="ts-banner-checked">{t('bannerChecked', [formatAgo(state.checkedAt, now, locale)])}</p>
      </div>
      <button type="button" class="ts-button ts-banner-dismiss" onClick={dismissByPerson} aria-label={t('bannerDismiss')}>
        <span aria-hidden="true">✕</span>
      </button>
    </div>
  );
}
