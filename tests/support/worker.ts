import { vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createBackground, type BackgroundDeps } from '../../utils/browser/background-service';
import type { Fetch } from '../../utils/engine/run-probe';
import { snapshotItem } from '../../utils/browser/storage';
import { tEn } from './i18n';

/**
 * The worker's service in Node, over WXT's fake browser and a fake fetch, for the tests that replay
 * what owners live through: sleep, travel, a clock set back, a flapping Tesla.
 */
export const T0 = Date.parse('2023-02-14T10:34:00Z');
export const POPUP = { id: 'test-extension-id', url: 'chrome-extension://test-extension-id/popup.html' };
export const CONTENT_SCRIPT = { id: 'test-extension-id', url: 'https://www.tesla.com/teslaaccount' };

/** The owner's time zone, as the worker reads it; a test may move it (travel). */
export const place = { timeZone: 'Europe/Paris' };

export function testWorker(fetchFn: Fetch, overrides: Partial<BackgroundDeps> = {}) {
  return createBackground({
    fetch: fetchFn,
    now: () => Date.now(),
    browserOnline: () => true,
    timeZone: () => place.timeZone,
    t: tEn,
    locale: 'en-GB',
    random: () => 0,
    sleep: async () => undefined,
    ...overrides,
  });
}

/** A fresh browser at T0 + `ms` on a fake clock; fake-browser has no `action.setIcon`, so it does nothing. */
export function freshBrowser(ms = 0): void {
  fakeBrowser.reset();
  fakeBrowser.action.setIcon = (async () => undefined) as unknown as typeof fakeBrowser.action.setIcon;
  place.timeZone = 'Europe/Paris';
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(T0 + ms);
}

export const at = (ms: number) => vi.setSystemTime(T0 + ms);
export const badgeText = () => fakeBrowser.action.getBadgeText({});
export const stored = async () => (await snapshotItem.getValue())!;

/** Every notification shown from now on, in order. */
export function recordNotifications(): { title: string; message: string }[] {
  const seen: { title: string; message: string }[] = [];
  const create = fakeBrowser.notifications.create.bind(fakeBrowser.notifications);
  fakeBrowser.notifications.create = (async (id: string, options: { title: string; message: string }) => {
    seen.push({ title: options.title, message: options.message });
    return create(id, options as never);
  }) as unknown as typeof fakeBrowser.notifications.create;
  return seen;
}
