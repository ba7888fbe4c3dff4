// @vitest-environment happy-dom
/**
 * What an adversarial review of the edges tried that held: kept as tests so that it keeps holding.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createBackground, type BackgroundDeps } from '../../utils/browser/background-service';
import type { Fetch } from '../../utils/engine/run-probe';
import { POLL_ALARM } from '../../utils/engine/scheduler';
import { snapshotItem } from '../../utils/browser/storage';
import { fakeTesla } from '../support/fake-tesla';
import { tEn } from '../support/i18n';

const MIN = 60_000;
const T0 = Date.parse('2023-02-14T10:34:00Z');
const OWNER = 'owner-api.teslamotors.com';
let online = true;
function worker(fetchFn: Fetch, o: Partial<BackgroundDeps> = {}) {
  return createBackground({
    fetch: fetchFn,
    now: () => Date.now(),
    browserOnline: () => online,
    timeZone: () => 'Europe/Paris',
    t: tEn,
    locale: 'en-GB',
    random: () => 0,
    sleep: async () => undefined,
    ...o,
  });
}
const badgeText = () => fakeBrowser.action.getBadgeText({});
const at = (ms: number) => vi.setSystemTime(T0 + ms);
function record() {
  const seen: string[] = [];
  const create = fakeBrowser.notifications.create.bind(fakeBrowser.notifications);
  fakeBrowser.notifications.create = (async (id: string, options: { title: string }) => {
    seen.push(options.title);
    return create(id, options as never);
  }) as never;
  return seen;
}
beforeEach(() => {
  fakeBrowser.reset();
  fakeBrowser.action.setIcon = (async () => undefined) as never;
  online = true;
  vi.useFakeTimers({ toFake: ['Date'] });
  at(0);
});
afterEach(() => vi.useRealTimers());

describe('attempts at a false state that hold', () => {
  it('sender spoofing: other id or look-alike origin is refused', async () => {
    const tesla = fakeTesla();
    const bg = worker(tesla.fetchFn);
    for (const sender of [
      { id: 'other', url: 'chrome-extension://test-extension-id/popup.html' },
      { id: 'test-extension-id', url: 'chrome-extension://test-extension-id.evil/popup.html' },
      { id: 'test-extension-id' },
      undefined,
    ]) {
      expect(await bg.handleMessage({ type: 'checkNow' }, sender)).toMatchObject({ ok: false });
    }
    expect(tesla.calls).toHaveLength(0);
  });

  it('offline for 30 min mid-outage: grey, then the outage continues without a second notification', async () => {
    const tesla = fakeTesla({ [OWNER]: 'maintenance' });
    const seen = record();
    const bg = worker(tesla.fetchFn);
    for (const ms of [0, 30_000]) {
      at(ms);
      await bg.poll();
    }
    online = false;
    for (let m = 2; m <= 30; m += 2) {
      at(m * MIN);
      await bg.poll();
      expect(await badgeText()).toBe('?');
    }
    online = true;
    for (const ms of [32 * MIN, 32 * MIN + 30_000, 34 * MIN]) {
      at(ms);
      await bg.poll();
    }
    expect(await badgeText()).toBe('✕');
    expect(seen).toEqual(['Tesla outage']);
    expect((await snapshotItem.getValue())!.incidents).toHaveLength(1);
  });

  it('captive portal answering 200 HTML everywhere is offline', async () => {
    const tesla = fakeTesla();
    const seen = record();
    const bg = worker(
      async () =>
        new Response('<html><title>Hotel Wi-Fi</title></html>', {
          status: 200,
          headers: { 'content-type': 'text/html' },
        }),
    );
    for (const ms of [0, 30_000, 2 * MIN]) {
      at(ms);
      await bg.poll();
    }
    expect(await badgeText()).toBe('?');
    expect(seen).toEqual([]);
    void tesla;
  });

  it('garbage in storage: a poll still works', async () => {
    // Written around the typed items, as another version or a manual edit would.
    await fakeBrowser.storage.local.set({
      snapshot: { regions: 'x', incidents: [{ id: 1 }, null], samples: 'nope', checkedAt: -5, notBefore: 1e30 },
      settings: { pollMinutes: 0, services: [], region: 'mars' },
      pendingNotification: { kind: 'outage', incidentId: 'x', at: Infinity },
    });
    const tesla = fakeTesla();
    const bg = worker(tesla.fetchFn);
    await bg.start();

    at(2 * MIN);
    await bg.handleAlarm(POLL_ALARM);
    expect(await badgeText()).toBe('✓');
  });

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
    const seen = record();
    at(40_000);
    const w = worker(tesla.fetchFn);
    await Promise.all([w.start(), w.poll()]);
    expect(seen).toEqual(['Tesla outage']);
  });
});
