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

  browser.runtime.onInstalled.addListener(() => void background.poll().catch(report));
  browser.runtime.onStartup.addListener(() => void background.poll().catch(report));
  browser.alarms.onAlarm.addListener((alarm) => void background.handleAlarm(alarm.name).catch(report));
  browser.runtime.onMessage.addListener((message, sender) => background.handleMessage(message, sender));
  browser.notifications.onClicked.addListener(() => {
    void browser.tabs.create({ url: browser.runtime.getURL('/popup.html') }).catch(report);
  });
  settingsItem.watch(() => void background.handleSettingsChanged().catch(report));
  self.addEventListener('online', () => void background.handleOnline().catch(report));

  void background.start().catch(report);
});
