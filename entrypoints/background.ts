import { browser } from 'wxt/browser';
import { createBackground } from '@/utils/browser/background-service';
import { browserLocale, browserTranslate } from '@/utils/browser/browser-i18n';
import { settingsItem } from '@/utils/browser/storage';

export default defineBackground(() => {
  const background = createBackground({
    fetch: (input, init) => fetch(input, init),
    now: () => Date.now(),
    browserOnline: () => navigator.onLine,
    timeZone: () => Intl.DateTimeFormat().resolvedOptions().timeZone,
    t: browserTranslate,
    locale: browserLocale(),
  });
  const report = (error: unknown) => console.error('[tesla-status]', error);

  // Chromium starts a worker at browser start-up only for an extension listening to onStartup: this
  // listener is what wakes it. It does nothing itself: `start()` runs on every wake and polls when
  // one is due (a poll here would ignore a Retry-After still running). Install wakes the worker anyway.
  browser.runtime.onStartup.addListener(() => undefined);
  browser.alarms.onAlarm.addListener((alarm) => void background.handleAlarm(alarm.name).catch(report));
  browser.runtime.onMessage.addListener((message, sender) => background.handleMessage(message, sender));
  browser.notifications.onClicked.addListener(() => {
    void browser.tabs.create({ url: browser.runtime.getURL('/popup.html') }).catch(report);
  });
  settingsItem.watch(() => void background.handleSettingsChanged().catch(report));
  self.addEventListener('online', () => void background.handleOnline().catch(report));

  void background.start().catch(report);
});
