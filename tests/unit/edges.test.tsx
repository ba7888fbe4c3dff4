// @vitest-environment happy-dom
/**
 * True at the edges: the twelve cases where the status light was wrong (issue 15), each replayed
 * through the real code paths (the worker over a fake fetch and WXT's fake browser, the tracker,
 * the classifier, the components). Each of them failed before the fix.
 */
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DEFAULT_SETTINGS } from '../../utils/engine/settings';
import { Banner } from '../../components/Banner';
import { timelineSegments } from '../../utils/engine/timeline';
import { NOTIFICATION_ID, type BackgroundDeps } from '../../utils/browser/background-service';
import { badgeFor } from '../../utils/engine/badge';
import { bannerState } from '../../utils/engine/banner';
import { classifyResponse, type ProbeOutcome } from '../../utils/engine/classify-response';
import { DEFAULT_TRACKER_CONFIG, reduceSnapshot } from '../../utils/engine/outage-tracker';
import { PROBES } from '../../utils/engine/probes';
import { POLL_ALARM } from '../../utils/engine/scheduler';
import { regionFromTimeZone } from '../../utils/engine/region-guess';
import type { ViewSettings } from '../../utils/engine/status-view';
import { emptySnapshot, parseSnapshot, type Snapshot } from '../../utils/engine/snapshot';
import { settingsItem, snapshotItem } from '../../utils/browser/storage';
import { fakeTesla, holdFetches, type FakeTesla } from '../support/fake-tesla';
import { tEn } from '../support/i18n';
import {
  CONTENT_SCRIPT,
  POPUP,
  T0,
  at,
  badgeText,
  freshBrowser,
  place,
  recordNotifications,
  stored,
  testWorker,
} from '../support/worker';
import { pollAt, probesWith } from '../support/polls';

const MIN = 60_000;
const HOUR = 60 * MIN;
const OWNER = 'owner-api.teslamotors.com';
const VIEW: ViewSettings = { pollMinutes: 2, services: ['owner-api', 'fleet-api', 'sign-in', 'website'] };

const worker = (tesla: FakeTesla, overrides: Partial<BackgroundDeps> = {}) => testWorker(tesla.fetchFn, overrides);
const shown = async () =>
  (await fakeBrowser.notifications.getAll())[NOTIFICATION_ID] as { title: string; message: string } | undefined;

/** An outage of the Owner API confirmed at T0 (first failing poll) and T0 + 30 s. */
async function confirmedOutage(tesla: FakeTesla, mode: 'maintenance' | 'bad-gateway' = 'maintenance') {
  tesla.modes[OWNER] = mode;
  const background = worker(tesla);
  at(0);
  await background.poll();
  at(30_000);
  await background.poll();
  return background;
}

/** The same outage an hour in, after a poll that holds the next one for 10 minutes (the backoff). */
async function backedOffOutage(tesla: FakeTesla) {
  await confirmedOutage(tesla);
  at(HOUR);
  const background = worker(tesla);
  await background.poll();
  return background;
}

beforeEach(() => freshBrowser());
afterEach(() => {
  vi.useRealTimers();
  cleanup();
});

describe('1. network lost right after a 503', () => {
  it('is "unknown", never a confirmed outage, when every host then refuses connections', async () => {
    const tesla = fakeTesla({ [OWNER]: 'maintenance' });
    const background = worker(tesla);
    await background.poll();
    // Hotel Wi-Fi without internet: navigator.onLine stays true, every connection fails.
    tesla.setAll('down-network');
    for (const offset of [30_000, 2 * MIN, 4 * MIN, 6 * MIN, 20 * MIN]) {
      at(offset);
      await background.poll();
      expect(await badgeText(), `after ${offset / 1000} s`).toBe('?');
    }
    const snapshot = await stored();
    expect(snapshot.online).toBe(false);
    expect(snapshot.incidents).toEqual([]);
    expect(await shown()).toBeUndefined();
  });

  it('still reads a throttled request as the last 503 while other Tesla hosts answer', async () => {
    const tesla = fakeTesla({ [OWNER]: 'maintenance' });
    const background = worker(tesla);
    await background.poll();
    tesla.modes[OWNER] = 'down-network';
    at(30_000);
    await background.poll();
    const snapshot = await stored();
    expect(snapshot.probes['owner-api']).toMatchObject({
      state: 'down',
      reason: { key: 'reasonMaintenance' },
      observedAt: T0,
    });
    expect(await badgeText()).toBe('✕');
  });
});

describe('2. backoff and Retry-After survive a worker restart', () => {
  it('a restarted worker does not ask a host again before its Retry-After: 900 has passed', async () => {
    const tesla = fakeTesla({ [OWNER]: 'rate-limited' });
    tesla.retryAfter = '900';
    const askedOwner = () => tesla.calls.filter((call) => new URL(call.url).host === OWNER).length;
    await worker(tesla).poll();
    const calls = tesla.calls.length;
    for (const minutes of [6, 12]) {
      at(minutes * MIN);
      await worker(tesla).start(); // the MV3 worker starts again on every wake
      expect(askedOwner(), `+${minutes} min`).toBe(1);
    }
    // The other hosts kept their pace meanwhile.
    expect(tesla.calls.length).toBeGreaterThan(calls);
    at(15 * MIN);
    await worker(tesla).handleAlarm(POLL_ALARM);
    expect(askedOwner()).toBe(2);
  });

  it('a restarted worker keeps the 10-minute backoff of a long outage', async () => {
    const tesla = fakeTesla();
    await backedOffOutage(tesla);
    const calls = tesla.calls.length;
    at(HOUR + 6 * MIN);
    await worker(tesla).start();
    expect(tesla.calls).toHaveLength(calls);
  });
});

describe('3. the badge through a backed-off outage', () => {
  it('stays red, and the banner stays up, while the backoff holds the next poll', async () => {
    const tesla = fakeTesla();
    const background = await backedOffOutage(tesla);
    const calls = tesla.calls.length;
    for (const minutes of [2, 4, 6, 8]) {
      at(HOUR + minutes * MIN);
      await background.handleAlarm(POLL_ALARM); // skipped: it only refreshes the badge
      expect(await badgeText(), `+${minutes} min`).toBe('✕');
      expect(bannerState(await stored(), Date.now(), VIEW, []), `banner +${minutes} min`).toMatchObject({
        status: 'outage',
      });
    }
    expect(tesla.calls).toHaveLength(calls);
  });
});

describe('4. a clock set back', () => {
  it('does not stop the checks, and shows the old state as stale until one is made', async () => {
    const tesla = fakeTesla();
    const background = await backedOffOutage(tesla);
    tesla.setAll('healthy');
    const calls = tesla.calls.length;
    at(HOUR - 8 * HOUR); // an RTC fix or a dual boot: eight hours back
    const now = Date.now();
    expect(
      badgeFor(await stored(), { t: tEn, locale: 'en-GB', now, pollMinutes: 2, services: DEFAULT_SETTINGS.services })
        .state,
    ).toBe('unknown');
    expect(bannerState(await stored(), now, VIEW, [])).toBeNull();
    await background.handleAlarm(POLL_ALARM);
    expect(tesla.calls.length).toBeGreaterThan(calls);
    // And the checks go on at their pace: the outage that ended is seen ending.
    at(HOUR - 8 * HOUR + 2 * MIN);
    await background.handleAlarm(POLL_ALARM);
    expect(await badgeText()).toBe('✓');
  });
});

describe('5. travelling or changing a setting', () => {
  it('makes up no recovery and no relapse when the automatic region follows the time zone', async () => {
    const tesla = fakeTesla({ [OWNER]: 'maintenance', 'fleet-api.prd.eu.vn.cloud.tesla.com': 'maintenance' });
    const background = worker(tesla);
    await background.poll();
    at(30_000);
    await background.poll();
    expect((await shown())?.title).toBe('Tesla outage');
    await fakeBrowser.notifications.clear(NOTIFICATION_ID);

    place.timeZone = 'Asia/Shanghai'; // the owner lands in China, which is spared
    for (const minutes of [2, 4, 6]) {
      at(minutes * MIN);
      await background.poll();
    }
    expect(await shown()).toBeUndefined();
    expect((await stored()).incidents).toEqual([expect.objectContaining({ start: T0, end: null, recurred: 0 })]);

    place.timeZone = 'Europe/Paris'; // and back, while Europe is still down
    for (const minutes of [8, 10, 12]) {
      at(minutes * MIN);
      await background.poll();
    }
    expect(await shown()).toBeUndefined();
    expect((await stored()).incidents).toEqual([expect.objectContaining({ start: T0, end: null, recurred: 0 })]);
    expect(await badgeText()).toBe('✕');
  });

  it('announces nothing when the owner stops watching the failing service', async () => {
    const tesla = fakeTesla();
    const background = await confirmedOutage(tesla);
    await fakeBrowser.notifications.clear(NOTIFICATION_ID);
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, services: ['fleet-api', 'sign-in', 'website'] });
    for (const minutes of [2, 4]) {
      at(minutes * MIN);
      await background.handleSettingsChanged();
    }
    expect(await shown()).toBeUndefined();
    // Told as what it is: no longer watched, ending where it was last seen (the confirming poll),
    // never "back" at the settings change.
    const incident = (await stored()).incidents[0]!;
    expect(incident).toMatchObject({ ended: 'unwatched', end: T0 + 30_000 });
    expect(await badgeText()).toBe('?');
  });
});

describe('6. evidence of any age', () => {
  const config = { ...DEFAULT_TRACKER_CONFIG, region: 'eu' as const };
  const bad = probesWith({
    'owner-api': { state: 'down', reason: { key: 'reasonHttp', values: ['502'] }, latencyMs: 50 },
  });
  const replay = (polls: ReturnType<typeof pollAt>[]) =>
    polls.reduce((s, p) => reduceSnapshot(s, p, config), emptySnapshot('eu'));

  it('two 502s three days apart confirm nothing; the streak starts again after the gap', () => {
    const s = replay([pollAt('2023-02-14T10:34:00Z', bad), pollAt('2023-02-17T10:34:00Z', bad)]);
    expect(s.regions.eu).toMatchObject({ level: null, pending: 'down', streak: 1 });
    expect(s.incidents).toEqual([]);
    const confirmed = reduceSnapshot(s, pollAt('2023-02-17T10:34:30Z', bad), config);
    expect(confirmed.regions.eu).toMatchObject({ level: 'down', since: Date.parse('2023-02-17T10:34:00Z') });
  });

  it('a recovery after the same gap is not "resolved after 3 days"', () => {
    const s = replay([
      pollAt('2023-02-14T10:34:00Z', bad),
      pollAt('2023-02-17T10:34:00Z', bad),
      pollAt('2023-02-17T10:34:30Z', bad),
      pollAt('2023-02-17T10:36:00Z', probesWith()),
      pollAt('2023-02-17T10:38:00Z', probesWith()),
    ]);
    const incident = s.incidents[0]!;
    expect(incident.end! - incident.start).toBe(2 * MIN);
  });
});

describe('7. the region guess', () => {
  it('puts the Atlantic and Arctic parts of Europe, and Famagusta, in Europe', () => {
    for (const zone of [
      'Atlantic/Reykjavik',
      'Atlantic/Canary',
      'Atlantic/Madeira',
      'Atlantic/Faroe',
      'Atlantic/Faeroe',
      'Atlantic/Azores',
      'Arctic/Longyearbyen',
      'Asia/Famagusta',
    ]) {
      expect(regionFromTimeZone(zone), zone).toBe('eu');
    }
  });
});

describe('8. notifications', () => {
  /** Tesla flapping for an hour: 4 minutes down, 4 minutes up, each poll confirmed 30 s later. */
  async function flapForAnHour(afterEach: (minute: number) => Promise<void> = async () => undefined) {
    const tesla = fakeTesla();
    const background = worker(tesla);
    for (let minute = 0; minute < 60; minute += 2) {
      tesla.setAll(Math.floor(minute / 4) % 2 === 0 ? 'maintenance' : 'healthy');
      at(minute * MIN);
      await background.poll();
      at(minute * MIN + 30_000);
      await background.poll();
      await afterEach(minute);
    }
  }

  it('a recovery over the hourly cap still takes "down again" off the screen', async () => {
    await flapForAnHour(async (minute) => {
      const badge = await badgeText();
      const note = await shown();
      if (badge === '✓') expect(note?.title ?? 'Tesla is back', `minute ${minute}`).toBe('Tesla is back');
    });
  });

  it('flapping 4 minutes down, 4 up shows at most 4 notifications an hour', async () => {
    const seen = recordNotifications();
    await flapForAnHour();
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.length).toBeLessThanOrEqual(4);
  });

  it('a notification that failed to show after the snapshot was written is shown on the next start', async () => {
    const tesla = fakeTesla({ [OWNER]: 'maintenance' });
    const background = worker(tesla);
    await background.poll();
    const create = fakeBrowser.notifications.create;
    fakeBrowser.notifications.create = (async () => {
      throw new Error('notifications are unavailable');
    }) as typeof fakeBrowser.notifications.create;
    at(30_000);
    await expect(background.poll()).rejects.toThrow();
    expect((await stored()).incidents).toHaveLength(1);
    fakeBrowser.notifications.create = create;
    at(40_000);
    await worker(tesla).start();
    expect(await shown()).toMatchObject({ title: 'Tesla outage', message: expect.stringContaining('phone key') });
  });

  it('every outage and relapse notification names the phone key', async () => {
    const tesla = fakeTesla();
    const background = await confirmedOutage(tesla);
    expect((await shown())?.message).toContain('phone key');
    tesla.setAll('healthy');
    for (const minutes of [20, 22]) {
      at(minutes * MIN);
      await background.poll();
    }
    tesla.modes[OWNER] = 'maintenance';
    for (const ms of [40 * MIN, 40 * MIN + 30_000]) {
      at(ms);
      await background.poll();
    }
    expect(await shown()).toMatchObject({
      title: 'Tesla is down again',
      message: expect.stringContaining('phone key'),
    });
  });
});

describe('9. writers race', () => {
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

describe('10. a page that pokes at the extension', () => {
  it('a content script cannot make the worker poll, even 50 times', async () => {
    const tesla = fakeTesla({ [OWNER]: 'rate-limited' });
    const background = worker(tesla);
    await background.poll();
    const calls = tesla.calls.length;
    const replies = await Promise.all(
      Array.from({ length: 50 }, () => background.handleMessage({ type: 'checkNow' }, CONTENT_SCRIPT)),
    );
    expect(replies.every((reply) => !reply.ok)).toBe(true);
    expect(await background.handleMessage({ type: 'resetHistory' }, CONTENT_SCRIPT)).toMatchObject({ ok: false });
    expect(tesla.calls).toHaveLength(calls);
    // The popup still can: a person asked. Every host is asked but the one that asked to wait.
    expect(await background.handleMessage({ type: 'checkNow' }, POPUP)).toMatchObject({ ok: true });
    expect(tesla.calls).toHaveLength(2 * calls - 1);
  });

  it("the banner's dismiss button ignores a click the page makes up", () => {
    const s = [
      pollAt(
        '2023-02-14T09:42:00Z',
        probesWith({ 'owner-api': { state: 'down', reason: { key: 'reasonMaintenance' }, latencyMs: 50 } }),
      ),
      pollAt(
        '2023-02-14T09:42:30Z',
        probesWith({ 'owner-api': { state: 'down', reason: { key: 'reasonMaintenance' }, latencyMs: 50 } }),
      ),
    ].reduce(
      (snapshot, poll) => reduceSnapshot(snapshot, poll, { ...DEFAULT_TRACKER_CONFIG, region: 'eu' }),
      emptySnapshot('eu'),
    );
    const onDismiss = vi.fn();
    render(
      <Banner
        state={bannerState(s, s.checkedAt!, VIEW, [])!}
        now={s.checkedAt!}
        onDismiss={onDismiss}
        ui={{ t: tEn, locale: 'en-GB' }}
      />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss' })); // element.click() from the page: untrusted
    expect(onDismiss).not.toHaveBeenCalled();
  });
});

describe("11. answers that are not Tesla's", () => {
  const response = (
    status: number,
    body: string,
    extra: Partial<Extract<ProbeOutcome, { kind: 'response' }>> = {},
  ): ProbeOutcome => ({
    kind: 'response',
    status,
    redirected: false,
    contentType: 'text/html',
    retryAfter: null,
    server: '',
    bodyStart: body,
    elapsedMs: 50,
    ...extra,
  });
  const owner = PROBES.find((p) => p.id === 'owner-api')!;
  const website = PROBES.find((p) => p.id === 'website')!;

  it('a TLS-inspecting proxy\'s HTML 403 on an API is not "the API answered"', () => {
    expect(classifyResponse(owner, response(403, '<html><body>Blocked by policy</body></html>'), T0).state).not.toBe(
      'up',
    );
  });

  it('a website redirected to another host, or a proxy page naming tesla, is not up', () => {
    expect(
      classifyResponse(
        website,
        response(200, '<html><title>Hotel</title></html>', { finalHost: 'portal.example', redirected: false }),
        T0,
      ).state,
    ).not.toBe('up');
    expect(
      classifyResponse(
        website,
        response(200, '<html><title>Blocked</title><body>www.tesla.com is blocked</body></html>'),
        T0,
      ).state,
    ).not.toBe('up');
  });

  it('a 400-digit Retry-After is clamped, and the probe result survives a reload', async () => {
    const result = classifyResponse(
      owner,
      response(429, '{}', { retryAfter: '9'.repeat(400), contentType: 'application/json' }),
      T0,
    );
    expect(result.retryAfterSec).toBe(900);
    const snapshot: Snapshot = { ...emptySnapshot('eu'), checkedAt: T0, probes: { 'owner-api': result } };
    await snapshotItem.setValue(JSON.parse(JSON.stringify(snapshot)));
    expect((await snapshotItem.getValue())!.probes['owner-api']).toMatchObject({ retryAfterSec: 900 });
    // One stored by an older version (Infinity became null in JSON) keeps the rest of the result.
    const old = parseSnapshot({ ...snapshot, probes: { 'owner-api': { ...result, retryAfterSec: null } } })!;
    expect(old.probes['owner-api']).toMatchObject({ state: 'degraded', reason: { key: 'reasonRateLimited' } });
  });
});

describe('12. the 24-hour strip', () => {
  const config = { ...DEFAULT_TRACKER_CONFIG, region: 'eu' as const };

  it('keeps the samples when the clock jumps back', () => {
    let s = emptySnapshot('eu');
    for (let i = 0; i <= 60; i++)
      s = reduceSnapshot(s, { at: T0 + i * MIN, online: true, probes: probesWith() }, config);
    expect(s.samples).toHaveLength(61);
    s = reduceSnapshot(s, { at: T0 - 8 * HOUR, online: true, probes: probesWith() }, config);
    expect(s.samples).toHaveLength(62);
  });

  it('leaves a 20-hour sleep as no data, not as 20 hours of the last state seen', () => {
    const maintenance = probesWith({
      'owner-api': { state: 'down', reason: { key: 'reasonMaintenance' }, latencyMs: 50 },
    });
    let s = emptySnapshot('eu');
    for (const offset of [0, 30_000, 2 * MIN])
      s = reduceSnapshot(s, { at: T0 + offset, online: true, probes: maintenance }, config);
    s = reduceSnapshot(s, { at: T0 + 20 * HOUR, online: true, probes: probesWith() }, config);
    const painted = timelineSegments(s.samples, T0 + 20 * HOUR + MIN)
      .filter((segment) => segment.status === 'outage')
      .reduce((sum, segment) => sum + segment.to - segment.from, 0);
    expect(painted).toBeLessThan(10 * MIN);
  });
});
