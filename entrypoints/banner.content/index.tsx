import { render } from 'preact';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import { Banner } from '@/components/Banner';
import { UiContext } from '@/components/ui-context';
import { BANNER_GLOBS, BANNER_MATCHES } from '@/utils/engine/banner-pages';
import { bannerState } from '@/utils/engine/banner';
import { browserLocale, browserTranslate } from '@/utils/browser/browser-i18n';
import { parseSettings } from '@/utils/engine/settings';
import { parseSnapshot } from '@/utils/engine/snapshot';
import { bannerDismissedItem, dismissBanner, loadDismissed, loadForUi, settingsItem, snapshotItem } from '@/utils/browser/storage';
// Inlined, not fetched: a web-accessible stylesheet would let any page detect the extension.
import css from './style.css?inline';

/** How often the banner re-reads the clock: "checked 2 min ago", the end of a resolved notice, staleness. */
const TICK_MS = 30_000;

export default defineContentScript({
  matches: BANNER_MATCHES,
  includeGlobs: BANNER_GLOBS,
  runAt: 'document_idle',
  cssInjectionMode: 'manual',
  async main(ctx) {
    const [stored, initialDismissed] = await Promise.all([loadForUi(), loadDismissed()]);
    let { snapshot, settings } = stored;
    let dismissed = initialDismissed;
    const ui = await createShadowRootUi(ctx, {
      name: 'tesla-status-banner',
      position: 'inline',
      anchor: 'body',
      append: 'last',
      css,
      onMount(container, _shadow, host) {
        host.setAttribute('data-tesla-status-banner', '');
        return container;
      },
      onRemove(container) {
        if (container) render(null, container);
      },
    });
    const ui18n = { t: browserTranslate, locale: browserLocale() };

    /**
     * The host element is in the page only while there is something to say: a healthy page carries
     * no trace of the extension for the page (or a script injected into it) to find.
     */
    const update = () => {
      const now = Date.now();
      const state = bannerState(snapshot, now, settings, dismissed);
      if (!state) {
        if (ui.mounted) ui.remove();
        return;
      }
      if (!ui.mounted) ui.mount();
      ui.shadowHost.dataset.status = state.status;
      const dismiss = () => {
        dismissed = [...dismissed, state.key];
        void dismissBanner(state.key);
        update();
      };
      render(
        <UiContext.Provider value={ui18n}>
          <Banner state={state} now={now} onDismiss={dismiss} />
        </UiContext.Provider>,
        ui.mounted!,
      );
    };

    const unwatch = [
      snapshotItem.watch((value) => {
        snapshot = parseSnapshot(value);
        update();
      }),
      settingsItem.watch((value) => {
        settings = parseSettings(value);
        update();
      }),
      bannerDismissedItem.watch(() =>
        void loadDismissed().then((keys) => {
          dismissed = keys;
          update();
        }),
      ),
    ];
    ctx.onInvalidated(() => unwatch.forEach((stop) => stop()));
    ctx.setInterval(update, TICK_MS);
    update();
  },
});
