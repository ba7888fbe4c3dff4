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
const AFTER_GAP: Record<'outage' | 'degraded' | 'relapse', MessageKey> = {
  outage: 'bannerOutageAfterGap',
  degraded: 'bannerDegradedAfterGap',
  relapse: 'bannerRelapseAfterGap',
};

const RELAPSE_FIRST_SEEN: MessageKey = 'bannerRelapseFirstSeen';

/** Since when and for how long; since when again, and when first; or over, after how long. */
function BannerHeadline({ state, now, ui }: { state: BannerState; now: number; ui: Ui }) {
  const { t, locale } = ui;
  const when = (at: number) => ({ at, text: formatWhen(at, now, locale) });
  if (state.status === 'resolved') {
    const lasted = formatDuration(durationMs(state.since, state.end ?? now), locale);
    return <>{t(state.atLeast ? 'bannerResolvedAtLeast' : 'bannerResolved', [lasted])}</>;
  }
  const kind = state.firstDown !== null ? 'relapse' : state.status;
  const times = state.firstDown !== null ? [when(state.since), when(state.firstDown)] : [when(state.since)];
  // Nobody watched for a while before it was seen: no length that spans the gap.
  if (state.atLeast) return <TimeText ui={ui} message={AFTER_GAP[kind]} times={times} />;
  // Nobody saw it first fall: when it was first seen down, and no length in all.
  if (kind === 'relapse' && state.firstSeen) return <TimeText ui={ui} message={RELAPSE_FIRST_SEEN} times={times} />;
  const from = state.firstDown ?? state.since;
  return (
    <TimeText ui={ui} message={HEADLINE[kind]} times={times} values={[formatDuration(durationMs(from, now), locale)]} />
  );
}

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
          <BannerHeadline state={state} now={now} ui={ui} />
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
