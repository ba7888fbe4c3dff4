/**
 * Two things at once in the worker (a poll and a history reset or a settings change, "Check now" and
 * the alarm, a start and a poll) end as one after the other would: nothing old is written back, and
 * a notification that falls due is shown, once.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { settingsItem } from '../../utils/browser/storage';
import { PROBES } from '../../utils/engine/probes';
import { POLL_ALARM } from '../../utils/engine/scheduler';
import { DEFAULT_SETTINGS } from '../../utils/engine/settings';
import { fakeTesla, holdFetches } from '../support/fake-tesla';
import { workerOver } from '../support/outages';
import { POPUP, T0, at, badgeText, freshBrowser, recordNotifications, stored } from '../support/worker';

const MIN = 60_000;
const OWNER = 'owner-api.teslamotors.com';

const worker = workerOver;

beforeEach(() => freshBrowser());
afterEach(() => vi.useRealTimers());

describe('writers race', () => {
  it('a poll that starts right after a history reset does not write the old history back', async () => {
    const tesla = fakeTesla();
    const background = worker(tesla);
    for (let i = 0; i < 5; i++) {
      at(i * 2 * MIN);
      await background.poll();
    }
    expect((await stored()).samples).toHaveLength(5);
    at(10 * MIN);
    const callsBefore = tesla.calls.length;
    const release = holdFetches(tesla);
    // The poll starts at the worst moment: when the reset has made sure none is running and reads
    // the snapshot it is about to clear.
    let poll: Promise<unknown> | undefined;
    const get = fakeBrowser.storage.local.get.bind(fakeBrowser.storage.local);
    fakeBrowser.storage.local.get = ((keys: unknown) => {
      if (!poll && keys === 'snapshot') poll = background.poll();
      return get(keys as string);
    }) as typeof fakeBrowser.storage.local.get;
    const reset = background.handleMessage({ type: 'resetHistory' }, POPUP);
    await vi.waitFor(() => expect(poll).toBeDefined());
    // Its fetches are out (the car's own check at least: the others rest while all is well).
    await vi.waitFor(() => expect(tesla.calls.length).toBeGreaterThan(callsBefore));
    release();
    await Promise.all([reset, poll]);
    const kept = (await stored()).samples;
    expect(kept).toHaveLength(1);
    expect(kept[0]!.t).toBeGreaterThanOrEqual(T0 + 10 * MIN);
  });

  it('a settings change during a poll gets a poll of its own, with the new settings', async () => {
    const tesla = fakeTesla();
    const background = worker(tesla);
    const release = holdFetches(tesla);
    const running = background.poll();
    await vi.waitFor(() => expect(tesla.calls).toHaveLength(PROBES.length));
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, services: ['owner-api'] });
    const changed = background.handleSettingsChanged();
    release();
    await Promise.all([running, changed]);
    const after = tesla.calls
      .slice(PROBES.length)
      .map((call) => new URL(call.url).host)
      .sort();
    // Only the Owner API is watched now; China's host, asked a moment ago, rests while all is well.
    expect(after).toEqual(['owner-api.teslamotors.com']);
  });
});

describe('a "Check now" racing the periodic alarm', () => {
  it('the notification the poll makes due is shown, not judged by the state before it', async () => {
    // A first failure, while the Fleet API asks to wait 5 minutes: the routine alarm is held.
    const tesla = fakeTesla({ [OWNER]: 'maintenance', 'fleet-api.prd.eu.vn.cloud.tesla.com': 'rate-limited' });
    const seen = recordNotifications();
    const bg = worker(tesla.fetchFn);
    await bg.poll();
    at(10_000);
    // The worst interleaving: the alarm reads the old snapshot, the poll then writes the new one
    // with its due notification, and only then does the alarm deliver what is pending.
    let wrote!: () => void;
    const written = new Promise<void>((resolve) => (wrote = resolve));
    const set = fakeBrowser.storage.local.set.bind(fakeBrowser.storage.local);
    fakeBrowser.storage.local.set = (async (items: Record<string, unknown>) => {
      await set(items);
      if ('snapshot' in items) wrote();
    }) as typeof fakeBrowser.storage.local.set;
    const setBadgeText = fakeBrowser.action.setBadgeText.bind(fakeBrowser.action);
    let alarmsBadge = true;
    fakeBrowser.action.setBadgeText = (async (details: { text: string }) => {
      if (alarmsBadge) {
        alarmsBadge = false;
        await written;
      }
      return setBadgeText(details);
    }) as typeof fakeBrowser.action.setBadgeText;
    const release = holdFetches(tesla);
    const checkNow = bg.handleMessage({ type: 'checkNow' }, POPUP); // a person asks: it confirms the outage
    const alarm = bg.handleAlarm(POLL_ALARM); // the same moment: held, it only refreshes and delivers
    await vi.waitFor(() => expect(tesla.calls.length).toBeGreaterThan(PROBES.length));
    release();
    await Promise.all([checkNow, alarm]);
    expect(await badgeText()).toBe('✕');
    expect(seen.map((n) => n.title)).toEqual(['Tesla outage']);
  });
});

describe('attempts at a false state that hold', () => {
  it('a pending notification delivered by start() and a concurrent poll is shown once', async () => {
    const tesla = fakeTesla({ [OWNER]: 'maintenance' });
    const bg = worker(tesla.fetchFn);
    await bg.poll();
    at(30_000);
    const create = fakeBrowser.notifications.create;
    fakeBrowser.notifications.create = (async () => {
      throw new Error('x');
    }) as never;
    await expect(bg.poll()).rejects.toThrow();
    fakeBrowser.notifications.create = create;
    const seen = recordNotifications();
    at(40_000);
    const w = worker(tesla.fetchFn);
    await Promise.all([w.start(), w.poll()]);
    expect(seen.map((n) => n.title)).toEqual(['Tesla outage']);
  });
});
