import { render } from 'preact';
import { Banner } from '@/components/Banner';
import { BANNER_GLOBS, BANNER_MATCHES } from '@/utils/engine/banner-pages';
import { bannerState } from '@/utils/engine/banner';
import { SECOND } from '@/utils/engine/time';
import { uiText } from '@/utils/browser/browser-i18n';
import { bannerDismissedItem, bannerSnapshotItem, dismissBanner } from '@/utils/browser/storage';
import { createShadowHost } from '@/utils/browser/shadow-host';
import { loadForUi, watchUiState } from '@/utils/browser/ui-state';
// Inlined, not fetched: a web-accessible stylesheet would let any page detect the extension.
import css from './style.css?inline';

/** How often the banner re-reads the clock: "checked 2 min ago", the end of a resolved notice, staleness. */
const TICK_MS = 30 * SECOND;

export default defineContentScript({
  matches: BANNER_MATCHES,
  includeGlobs: BANNER_GLOBS,
  runAt: 'document_idle',
  cssInjectionMode: 'manual',
  async main(ctx) {
    const [stored, initialDismissed] = await Promise.all([
      loadForUi(bannerSnapshotItem),
      bannerDismissedItem.getValue(),
    ]);
    let { snapshot, settings } = stored;
    let dismissed = initialDismissed;
    const ui = createShadowHost('tesla-status-banner', css);
    ui.host.setAttribute('data-tesla-status-banner', '');

    /**
     * The host element is in the page only while there is something to say: a healthy page carries
     * no trace of the extension for the page (or a script injected into it) to find.
     */
    const update = () => {
      const now = Date.now();
      const state = bannerState(snapshot, now, settings, dismissed);
      if (!state) {
        render(null, ui.container);
        ui.remove();
        return;
      }
      if (!ui.mounted) ui.mount();
      ui.host.dataset.status = state.status;
      const dismiss = () => {
        dismissed = [...dismissed, state.key];
        void dismissBanner(state.key);
        update();
      };
      render(<Banner state={state} now={now} ui={uiText} onDismiss={dismiss} />, ui.container);
    };

    const unwatch = [
      watchUiState(bannerSnapshotItem, (change) => {
        if ('snapshot' in change) snapshot = change.snapshot ?? null;
        if (change.settings) settings = change.settings;
        update();
      }),
      bannerDismissedItem.watch((keys) => {
        dismissed = keys;
        update();
      }),
    ];
    ctx.onInvalidated(() => {
      for (const stop of unwatch) stop();
      render(null, ui.container);
      ui.remove();
    });
    ctx.setInterval(update, TICK_MS);
    update();
  },
});
