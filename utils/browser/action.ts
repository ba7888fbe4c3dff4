import { browser } from 'wxt/browser';
import type { Badge } from '../engine/badge';

/** Firefox's Manifest V2 build calls it `browserAction`: resolve it here, once. */
function actionApi() {
  return browser.action ?? browser.browserAction;
}

export async function applyBadge(badge: Badge): Promise<void> {
  const action = actionApi();
  await Promise.all([
    action.setBadgeText({ text: badge.text }),
    action.setBadgeBackgroundColor({ color: badge.color }),
    action.setTitle({ title: badge.title }),
    action.setIcon({ path: { 16: `/icon/${badge.state}-16.png`, 32: `/icon/${badge.state}-32.png` } }),
    // Not in older browsers; the text stays readable on the default colour anyway.
    action.setBadgeTextColor?.({ color: '#ffffff' }),
  ]);
}
