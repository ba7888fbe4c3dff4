import { vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createBackground, type BackgroundDeps } from '../../utils/browser/background-service';
import type { Fetch } from '../../utils/engine/run-probe';
import { snapshotItem } from '../../utils/browser/storage';
import { CONFIRM_ALARM, POLL_ALARM } from '../../utils/engine/scheduler';
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

const MIN = 60_000;

/** Every badge the worker shows from now on (text and title), in order. */
export function recordBadges(): { texts: string[]; titles: string[] } {
  const texts: string[] = [];
  const titles: string[] = [];
  const setText = fakeBrowser.action.setBadgeText.bind(fakeBrowser.action);
  const setTitle = fakeBrowser.action.setTitle.bind(fakeBrowser.action);
  fakeBrowser.action.setBadgeText = (async (details: { text: string }) => {
    texts.push(details.text);
    return setText(details);
  }) as typeof fakeBrowser.action.setBadgeText;
  fakeBrowser.action.setTitle = (async (details: { title: string }) => {
    titles.push(details.title);
    return setTitle(details);
  }) as typeof fakeBrowser.action.setTitle;
  return { texts, titles };
}

export const badgeTitle = () => fakeBrowser.action.getTitle({});

export type Worker = ReturnType<typeof testWorker>;

/**
 * Time goes on as for the real worker: the periodic alarm every `pollMinutes` (it polls only when a
 * poll is due), the confirmation alarm whenever the worker sets one, until `until` or `count` polls.
 * `after` runs after each poll made. Returns the number of polls made.
 */
export async function runAlarms(
  bg: Worker,
  {
    from,
    until,
    pollMinutes,
    count = Number.POSITIVE_INFINITY,
    after,
  }: { from: number; until: number; pollMinutes: number; count?: number; after?: () => Promise<void> },
): Promise<number> {
  let tick = from + pollMinutes * MIN;
  let polls = 0;
  for (;;) {
    const confirm = await fakeBrowser.alarms.get(CONFIRM_ALARM);
    const confirmAt = confirm && confirm.scheduledTime - T0 < tick ? confirm.scheduledTime - T0 : null;
    const when = confirmAt ?? tick;
    if (when > until || polls >= count) return polls;
    at(when);
    const before = (await stored()).checkedAt;
    if (confirmAt !== null) {
      await fakeBrowser.alarms.clear(CONFIRM_ALARM);
      await bg.handleAlarm(CONFIRM_ALARM);
    } else {
      tick += pollMinutes * MIN;
      await bg.handleAlarm(POLL_ALARM);
    }
    if ((await stored()).checkedAt !== before) {
      polls++;
      await after?.();
    }
  }
}
