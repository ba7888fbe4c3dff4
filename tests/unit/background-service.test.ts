import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DEFAULT_SETTINGS } from '../../utils/engine/settings';
import { createBackground, NOTIFICATION_ID, type BackgroundDeps } from '../../utils/browser/background-service';
import { PROBES } from '../../utils/engine/probes';
import { CONFIRM_ALARM, POLL_ALARM } from '../../utils/engine/scheduler';
import { parseSnapshot } from '../../utils/engine/snapshot';
import { settingsItem, snapshotItem } from '../../utils/browser/storage';
import { fakeTesla } from '../support/fake-tesla';
import { tEn } from '../support/i18n';

const T0 = Date.parse('2023-02-14T10:34:00Z');
/** The popup, as `runtime.onMessage` names it: an extension page may ask for work. */
const POPUP = { id: 'test-extension-id', url: 'chrome-extension://test-extension-id/popup.html' };

function setup(tesla = fakeTesla(), overrides: Partial<BackgroundDeps> = {}) {
  const deps: BackgroundDeps = {
    fetch: tesla.fetchFn,
    now: () => Date.now(),
    browserOnline: () => true,
    timeZone: () => 'Europe/Paris',
    t: tEn,
    locale: 'en-GB',
    random: () => 0,
    sleep: async () => undefined,
    ...overrides,
  };
  return { background: createBackground(deps), tesla };
}

// fake-browser has no setIcon: record the calls instead.
const setIcon = vi.fn(async (_details: unknown) => undefined);

beforeEach(() => {
  fakeBrowser.reset();
  setIcon.mockClear();
  fakeBrowser.action.setIcon = setIcon as unknown as typeof fakeBrowser.action.setIcon;
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(T0);
});
afterEach(() => vi.useRealTimers());

const badge = async () => ({
  text: await fakeBrowser.action.getBadgeText({}),
  title: await fakeBrowser.action.getTitle({}),
});

describe('a poll', () => {
  it('asks every probe once, without credentials or cache, and stores the snapshot', async () => {
    const { background, tesla } = setup();
    await background.poll();
    expect(tesla.calls.map((c) => c.url).sort()).toEqual(PROBES.map((p) => p.url).sort());
    for (const { url, init } of tesla.calls) {
      // Only the website's redirect to sign-in is followed, so that its final host can be checked.
      const redirect = PROBES.find((p) => p.url === url)!.healthy.kind === 'page' ? 'follow' : 'manual';
      expect(init).toMatchObject({ credentials: 'omit', cache: 'no-store', redirect });
      expect(init.signal).toBeInstanceOf(AbortSignal);
    }
    const stored = await snapshotItem.getValue();
    expect(stored).toMatchObject({ checkedAt: T0, region: 'eu', online: true });
    expect(await badge()).toMatchObject({ text: '✓' });
  });

  it('is single flight: an alarm, a start-up and a check now share one poll', async () => {
    const { background, tesla } = setup();
    await Promise.all([
      background.poll(),
      background.handleAlarm(POLL_ALARM),
      background.handleMessage({ type: 'checkNow' }, POPUP),
    ]);
    expect(tesla.calls).toHaveLength(PROBES.length);
  });

  it('confirms a first failure 30 seconds later, then shows the outage since at least its first poll', async () => {
    const tesla = fakeTesla({ 'owner-api.teslamotors.com': 'maintenance' });
    const { background } = setup(tesla);
    await background.poll();
    // A first poll that fails confirms nothing either way: never a green "all working" meanwhile.
    expect(await badge()).toEqual({
      text: '?',
      title: 'Tesla: checking — a check failed, confirming in a few seconds',
    });
    const confirm = await fakeBrowser.alarms.get(CONFIRM_ALARM);
    expect(confirm?.scheduledTime).toBe(T0 + 30_000);

    vi.setSystemTime(T0 + 30_000);
    await background.handleAlarm(CONFIRM_ALARM);
    // Installed during the outage: nobody saw it begin.
    expect(await badge()).toEqual({
      text: '✕',
      title: expect.stringMatching(
        /^Tesla: outage since at least 10:34 \(1\smin\) — phone key works\. Unavailable: Remote access to the car/,
      ),
    });
    expect(setIcon).toHaveBeenLastCalledWith({ path: { 16: '/icon/outage-16.png', 32: '/icon/outage-32.png' } });
    expect(await fakeBrowser.alarms.get(CONFIRM_ALARM)).toBeUndefined();
  });

  it('notifies once on the confirmed outage, and on the recovery', async () => {
    const tesla = fakeTesla({ 'owner-api.teslamotors.com': 'maintenance' });
    const { background } = setup(tesla);
    await background.poll();
    expect(await fakeBrowser.notifications.getAll()).toEqual({});
    vi.setSystemTime(T0 + 30_000);
    await background.poll();
    const shown = await fakeBrowser.notifications.getAll();
    expect(shown[NOTIFICATION_ID]).toMatchObject({
      title: 'Tesla outage',
      message: expect.stringContaining('Since at least 10:34'),
    });
    await fakeBrowser.notifications.clear(NOTIFICATION_ID);
    // Still down at each of the (backed-off) polls of the next hour; nothing new to say.
    for (let minutes = 10; minutes < 60; minutes += 10) {
      vi.setSystemTime(T0 + minutes * 60_000);
      await background.poll();
    }
    expect(await fakeBrowser.notifications.getAll()).toEqual({});

    tesla.setAll('healthy');
    vi.setSystemTime(T0 + 60 * 60_000);
    await background.poll();
    vi.setSystemTime(T0 + 62 * 60_000);
    await background.poll();
    expect((await fakeBrowser.notifications.getAll())[NOTIFICATION_ID]).toMatchObject({
      title: 'Tesla is back',
      message: 'Back since 11:34: the outage lasted at least 1\u00a0hr.',
    });
  });

  it('does not notify when notifications are off', async () => {
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, notifications: false });
    const { background } = setup(fakeTesla({ 'owner-api.teslamotors.com': 'maintenance' }));
    await background.poll();
    vi.setSystemTime(T0 + 30_000);
    await background.poll();
    expect(await fakeBrowser.notifications.getAll()).toEqual({});
  });

  it('goes grey, not red, and stays quiet when every host is unreachable', async () => {
    const tesla = fakeTesla();
    tesla.setAll('down-network');
    const { background } = setup(tesla);
    for (let i = 0; i < 4; i++) {
      vi.setSystemTime(T0 + i * 30_000);
      await background.poll();
    }
    expect(await badge()).toEqual({ text: '?', title: 'Tesla: status unknown — you seem to be offline' });
    expect(await fakeBrowser.notifications.getAll()).toEqual({});
    expect((await snapshotItem.getValue())?.incidents).toEqual([]);
  });

  it('does not touch the network when the browser says it is offline', async () => {
    const { background, tesla } = setup(fakeTesla(), { browserOnline: () => false });
    await background.poll();
    expect(tesla.calls).toHaveLength(0);
    expect((await snapshotItem.getValue())?.online).toBe(false);
  });

  it('honours Retry-After for the host that asked, and only for it, check now included', async () => {
    const { background, tesla } = setup(fakeTesla({ 'owner-api.teslamotors.com': 'rate-limited' }));
    const asked = (host: string) => tesla.calls.filter((call) => new URL(call.url).host === host).length;
    await background.poll();
    const calls = tesla.calls.length;
    vi.setSystemTime(T0 + 2 * 60_000);
    await background.handleAlarm(POLL_ALARM);
    // Every other host at its pace; the one that asked to wait (Retry-After: 300) is not asked.
    expect(tesla.calls).toHaveLength(2 * calls - 1);
    expect(asked('owner-api.teslamotors.com')).toBe(1);
    await background.handleMessage({ type: 'checkNow' }, POPUP);
    expect(asked('owner-api.teslamotors.com')).toBe(1);
    expect(asked('auth.tesla.com')).toBe(3);
    // While it waits, its last answer stands, with the time Tesla gave it.
    expect((await snapshotItem.getValue())?.probes['owner-api']).toMatchObject({
      cause: 'rate-limit',
      observedAt: T0,
    });
    vi.setSystemTime(T0 + 5 * 60_000);
    await background.handleAlarm(POLL_ALARM);
    expect(asked('owner-api.teslamotors.com')).toBe(2);
  });

  it('keeps the last good snapshot whole when the worker dies mid-poll', async () => {
    const { background, tesla } = setup(fakeTesla({ 'owner-api.teslamotors.com': 'maintenance' }));
    await background.poll();
    // Every write of a poll, as the storage saw it: a worker may be stopped between any two of them.
    const writes: Record<string, unknown>[] = [];
    const set = fakeBrowser.storage.local.set.bind(fakeBrowser.storage.local);
    fakeBrowser.storage.local.set = (async (items: Record<string, unknown>) => {
      writes.push(structuredClone(items));
      return set(items);
    }) as typeof fakeBrowser.storage.local.set;
    vi.setSystemTime(T0 + 30_000);
    await background.poll();
    expect(tesla.calls.length).toBeGreaterThan(0);
    // One write carries the snapshot, whole: read back, it needs no salvage.
    const snapshotWrites = writes.filter((items) => 'snapshot' in items);
    expect(snapshotWrites).toHaveLength(1);
    const written = snapshotWrites[0]!.snapshot;
    expect(parseSnapshot(JSON.parse(JSON.stringify(written)))).toEqual(written);
    // The poll's evidence and the notification it made due travel in that same write, not after it.
    expect(Object.keys(snapshotWrites[0]!).sort()).toEqual(['evidence', 'pendingNotification', 'snapshot']);
    // And a worker stopped while the fetches are out has written nothing yet.
    writes.length = 0;
    const stuck = setup(fakeTesla(), { fetch: () => new Promise<Response>(() => undefined) });
    void stuck.background.poll();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(writes.filter((items) => 'snapshot' in items)).toEqual([]);
  });
});

describe('the schedule', () => {
  it('restores the badge from storage on start, before any network call', async () => {
    const first = setup(fakeTesla({ 'owner-api.teslamotors.com': 'maintenance' }));
    await first.background.poll();
    vi.setSystemTime(T0 + 30_000);
    await first.background.poll();
    await fakeBrowser.action.setBadgeText({ text: '' });

    const network: string[] = [];
    const restarted = setup(fakeTesla(), {
      fetch: async (url) => {
        network.push(url);
        expect(await fakeBrowser.action.getBadgeText({})).toBe('✕');
        return new Response('', { status: 401 });
      },
    });
    await restarted.background.start();
    expect(await fakeBrowser.action.getBadgeText({})).toBe('✕');
    expect(network).toHaveLength(0);
  });

  it('re-creates a missing alarm with the configured period when a message arrives', async () => {
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, pollMinutes: 5 });
    const { background } = setup();
    await background.start();
    await fakeBrowser.alarms.clearAll();
    await background.handleMessage({ type: 'refreshIfDue' }, POPUP);
    expect(await fakeBrowser.alarms.get(POLL_ALARM)).toMatchObject({ periodInMinutes: 5 });
  });

  it('re-creates an alarm whose period is wrong, and leaves a right one alone', async () => {
    const { background } = setup();
    await fakeBrowser.alarms.create(POLL_ALARM, { periodInMinutes: 7, when: T0 + 1 });
    await background.handleMessage({ type: 'refreshIfDue' }, POPUP);
    const alarm = await fakeBrowser.alarms.get(POLL_ALARM);
    expect(alarm?.periodInMinutes).toBe(2);
    const scheduled = alarm?.scheduledTime;
    vi.setSystemTime(T0 + 10_000);
    await background.handleMessage({ type: 'refreshIfDue' }, POPUP);
    expect((await fakeBrowser.alarms.get(POLL_ALARM))?.scheduledTime).toBe(scheduled);
  });

  it('polls at once on a start with a 3-hour-old snapshot', async () => {
    const { background, tesla } = setup();
    await background.poll();
    tesla.calls.length = 0;
    vi.setSystemTime(T0 + 3 * 60 * 60_000);
    await background.start();
    expect(tesla.calls).toHaveLength(PROBES.length);
  });

  it('does not poll on a start with a fresh snapshot', async () => {
    const { background, tesla } = setup();
    await background.poll();
    tesla.calls.length = 0;
    vi.setSystemTime(T0 + 60_000);
    await background.start();
    expect(tesla.calls).toHaveLength(0);
  });

  it('keeps the outage start through a 3-hour gap and does not end it by itself', async () => {
    const tesla = fakeTesla({ 'owner-api.teslamotors.com': 'maintenance' });
    const { background } = setup(tesla);
    await background.poll();
    vi.setSystemTime(T0 + 30_000);
    await background.poll();
    vi.setSystemTime(T0 + 3 * 60 * 60_000);
    await background.start();
    const s = (await snapshotItem.getValue())!;
    expect(s.regions.eu).toMatchObject({ level: 'down', since: T0 });
    expect(s.incidents).toEqual([expect.objectContaining({ start: T0, end: null })]);
  });

  it('reschedules when the settings change', async () => {
    const { background } = setup();
    await background.start();
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, pollMinutes: 10 });
    await background.handleSettingsChanged();
    expect(await fakeBrowser.alarms.get(POLL_ALARM)).toMatchObject({ periodInMinutes: 10 });
  });
});

describe('settings', () => {
  it('probes only the watched services', async () => {
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, services: ['owner-api'] });
    const { background, tesla } = setup();
    await background.poll();
    expect(tesla.calls.map((c) => new URL(c.url).host).sort()).toEqual([
      'owner-api.teslamotors.com',
      'owner-api.vn.cloud.tesla.cn',
    ]);
  });

  it('resets the history but keeps the current state and an open incident', async () => {
    const tesla = fakeTesla({ 'owner-api.teslamotors.com': 'maintenance' });
    const { background } = setup(tesla);
    await background.poll();
    vi.setSystemTime(T0 + 30_000);
    await background.poll();
    const before = (await snapshotItem.getValue())!;
    const reply = await background.handleMessage({ type: 'resetHistory' }, POPUP);
    expect(reply.ok).toBe(true);
    const after = (await snapshotItem.getValue())!;
    expect(after.samples).toEqual([]);
    expect(after.incidents).toEqual(before.incidents);
    expect(after.regions).toEqual(before.regions);

    tesla.setAll('healthy');
    for (const minutes of [60, 62]) {
      vi.setSystemTime(T0 + minutes * 60_000);
      await background.poll();
    }
    await background.handleMessage({ type: 'resetHistory' }, POPUP);
    expect((await snapshotItem.getValue())!.incidents).toEqual([]);
  });
});

describe('messages', () => {
  it('answers getSnapshot with the stored snapshot and refuses unknown requests', async () => {
    const { background } = setup();
    await background.poll();
    const reply = await background.handleMessage({ type: 'refreshIfDue' }, POPUP);
    expect(reply).toMatchObject({ ok: true, snapshot: { checkedAt: T0 } });
    expect(await background.handleMessage({ type: 'rm -rf' })).toEqual({ ok: false, error: 'unknown request' });
    expect(await background.handleMessage('checkNow')).toEqual({ ok: false, error: 'unknown request' });
  });

  it('answers getSnapshot from a corrupt store without throwing', async () => {
    await fakeBrowser.storage.local.set({ snapshot: '{{{ not json' });
    const { background } = setup();
    const reply = await background.handleMessage({ type: 'refreshIfDue' }, POPUP);
    expect(reply.ok).toBe(true);
  });
});

describe('coming back online', () => {
  it('polls at once', async () => {
    const { background, tesla } = setup();
    await background.handleOnline();
    expect(tesla.calls).toHaveLength(PROBES.length);
  });

  it('a UI opening on a stale snapshot gets a poll without asking', async () => {
    const { background, tesla } = setup();
    await background.poll();
    tesla.calls.length = 0;
    vi.setSystemTime(T0 + 60 * 60_000);
    const reply = await background.handleMessage({ type: 'refreshIfDue' }, POPUP);
    expect(reply).toMatchObject({ ok: true, snapshot: { checkedAt: T0 } });
    await vi.waitFor(() => expect(tesla.calls).toHaveLength(PROBES.length));
  });
});
