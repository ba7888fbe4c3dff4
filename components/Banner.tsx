import type { BannerState } from '../utils/engine/banner';
import { namedFeatures, reachesTheCar } from '../utils/engine/features';
import { durationMs, formatAgo, formatDuration, formatWhen } from '../utils/engine/format';
import type { MessageKey } from '../utils/engine/messages';
import { StatusIcon } from './StatusIcon';
import { TimeText } from './TimeText';
import type { Ui } from './ui';

const HEADLINE: Record<'outage' | 'degraded' | 'relapse', MessageKey> = {
  outage: 'bannerOutage',
  degraded: 'bannerDegraded',
  relapse: 'bannerRelapse',
};

/**
 * The banner on Tesla's pages says less, better: since when and for how long (or since when again,
 * and when first), at most three features, the phone key, where to see crowd reports. Only a person
 * may dismiss it: events that the page itself makes up (`element.click()`, a dispatched key) are not
 * trusted, and are ignored.
 */
export function Banner({
  state,
  now,
  ui,
  onDismiss,
}: {
  state: BannerState;
  now: number;
  ui: Ui;
  onDismiss: () => void;
}) {
  const { t, locale } = ui;
  const dismissByPerson = (event: Event) => {
    if (event.isTrusted) onDismiss();
  };
  const named = namedFeatures(state.affected, t, locale);
  const when = (at: number) => ({ at, text: formatWhen(at, now, locale) });
  const trouble = state.status !== 'resolved';
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: Escape pressed on the banner's own button or links dismisses it; the banner itself takes no focus.
    <div
      class={`ts-banner ts-banner-${state.status}`}
      role={state.status === 'outage' ? 'alert' : 'status'}
      onKeyDown={(event) => event.key === 'Escape' && dismissByPerson(event)}
    >
      <StatusIcon tone={state.status === 'resolved' ? 'ok' : state.status === 'outage' ? 'bad' : 'warn'} />
      <div class="ts-banner-text">
        <p class="ts-banner-headline">
          {!trouble ? (
            t('bannerResolved', [formatDuration(durationMs(state.since, state.end ?? now), locale)])
          ) : state.firstDown !== null ? (
            <TimeText
              ui={ui}
              message={HEADLINE.relapse}
              times={[when(state.since), when(state.firstDown)]}
              values={[formatDuration(durationMs(state.firstDown, now), locale)]}
            />
          ) : (
            <TimeText
              ui={ui}
              message={HEADLINE[state.status === 'outage' ? 'outage' : 'degraded']}
              times={[when(state.since)]}
              values={[formatDuration(durationMs(state.since, now), locale)]}
            />
          )}
        </p>
        {/* The phone key first, as in the popup, when what is down is what reaches the car. */}
        {trouble && reachesTheCar(state.affected) && <p class="ts-banner-key">{t('phoneKeyLine')}</p>}
        {trouble && named && <p>{t('bannerAffected', [named])}</p>}
        <p class="ts-banner-checked">
          {t('bannerChecked', [formatAgo(state.checkedAt, now, locale, t)])}
          {trouble && (
            <>
              {' · '}
              <a href={t('downdetectorUrl')} target="_blank" rel="noreferrer">
                {t('linkDowndetector')}
              </a>
            </>
          )}
        </p>
      </div>
      <button
        type="button"
        class="ts-button ts-banner-dismiss"
        onClick={dismissByPerson}
        aria-label={t('bannerDismiss')}
      >
        <span aria-hidden="true">✕</span>
      </button>
    </div>
  );
}
