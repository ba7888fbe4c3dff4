import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import { Banner } from '@/components/Banner';
import { UiContext } from '@/components/ui-context';
import { useNow } from '@/components/use-now';
import { BANNER_GLOBS, BANNER_MATCHES } from '@/utils/banner-pages';
import { bannerState } from '@/utils/banner';
import { browserLocale, browserTranslate } from '@/utils/browser-i18n';
import { parseSettings, type Settings } from '@/utils/settings';
import { parseSnapshot, type Snapshot } from '@/utils/snapshot';
import { bannerDismissedItem, dismissBanner, loadDismissed, loadForUi, settingsItem, snapshotItem } from '@/utils/storage';
// Inlined, not fetched: a web-accessible stylesheet would let any page detect the extension.
import css from './style.css?inline';

interface Initial {
  snapshot: Snapshot | null;
  settings: Settings;
  dismissed: string[];
}

function BannerApp({ initial, host }: { initial: Initial; host: HTMLElement }) {
  const [snapshot, setSnapshot] = useState(initial.snapshot);
  const [settings, setSettings] = useState(initial.settings);
  const [dismissed, setDismissed] = useState(initial.dismissed);
  const now = useNow(30_000, snapshot);

  useEffect(() => {
    const unwatch = [
      snapshotItem.watch((value) => setSnapshot(parseSnapshot(value))),
      settingsItem.watch((value) => setSettings(parseSettings(value))),
      bannerDismissedItem.watch(() => void loadDismissed().then(setDismissed)),
    ];
    return () => unwatch.forEach((stop) => stop());
  }, []);

  const state = bannerState(snapshot, now, settings, dismissed);
  // The host carries the state for tests and hides itself when there is nothing to say.
  if (state) host.dataset.status = state.status;
  else delete host.dataset.status;
  host.toggleAttribute('data-hidden', !state);
  if (!state) return null;
  return (
    <Banner
      state={state}
      now={now}
      onDismiss={() => {
        setDismissed([...dismissed, state.key]);
        void dismissBanner(state.key);
      }}
    />
  );
}

export default defineContentScript({
  matches: BANNER_MATCHES,
  includeGlobs: BANNER_GLOBS,
  runAt: 'document_idle',
  cssInjectionMode: 'manual',
  async main(ctx) {
    const [stored, dismissed] = await Promise.all([loadForUi(), loadDismissed()]);
    const ui = await createShadowRootUi(ctx, {
      name: 'tesla-status-banner',
      position: 'inline',
      anchor: 'body',
      append: 'last',
      css,
      onMount(container, _shadow, host) {
        host.setAttribute('data-tesla-status-banner', '');
        render(
          <UiContext.Provider value={{ t: browserTranslate, locale: browserLocale() }}>
            <BannerApp initial={{ ...stored, dismissed }} host={host} />
          </UiContext.Provider>,
          container,
        );
        return container;
      },
      onRemove(container) {
        if (container) render(null, container);
      },
    });
    ui.mount();
  },
});
