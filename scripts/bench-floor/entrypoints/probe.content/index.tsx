import { render } from 'preact';
import { browser } from 'wxt/browser';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import { storedSchema } from '../../schema';

export default defineContentScript({
  matches: ['https://www.tesla.com/*'],
  cssInjectionMode: 'manual',
  async main(ctx) {
    const { snapshot } = await browser.storage.local.get('snapshot');
    if (!storedSchema.safeParse(snapshot).success) return;
    const ui = await createShadowRootUi(ctx, {
      name: 'stack-floor',
      position: 'inline',
      anchor: 'body',
      onMount: (container) => render(<p>ok</p>, container),
    });
    ui.mount();
  },
});
