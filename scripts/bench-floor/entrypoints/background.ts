import { browser } from 'wxt/browser';
import { storedSchema } from '../schema';

export default defineBackground(() => {
  browser.runtime.onInstalled.addListener(async () => {
    const { snapshot } = await browser.storage.local.get('snapshot');
    console.log(storedSchema.safeParse(snapshot).success);
  });
});
