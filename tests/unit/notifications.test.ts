import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  NOTIFICATION_CAP,
  NOTIFICATION_CAP_WINDOW_MS,
  decideNotification,
  notificationContent,
  underCap,
} from '../../utils/engine/notifications';
import { DEFAULT_TRACKER_CONFIG, reduceSnapshot } from '../../utils/engine/outage-tracker';
import { awake, everyProbe, failed, feb14Outage, pollAt, probesWith } from '../support/polls';
import { tEn } from '../support/i18n';
import { emptySnapshot } from '../../utils/engine/snapshot';
import { replaySnapshots } from '../support/snapshots';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { bannerState } from '../../utils/engine/banner';
import { fakeTesla } from '../support/fake-tesla';
import { confirmedOutage, shown, workerOver } from '../support/outages';
import { at, badgeText, freshBrowser, recordNotifications, stored } from '../support/worker';

const config = { ...DEFAULT_TRACKER_CONFIG, region: 'eu' as const };
const first = replaySnapshots([
  pollAt('2023-02-14T10:30:00Z', probesWith()),
  pollAt('2023-02-14T10:34:00Z', feb14Outage()),
]);
const declared = reduceSnapshot(first, pollAt('2023-02-14T10:34:30Z', feb14Outage()), config);

describe('decideNotification', () => {
  it('stays quiet on a first failing poll, speaks on the confirmed outage', () => {
    expect(decideNotification(null, first)).toBeNull();
    expect(decideNotification(first, declared)).toMatchObject({ kind: 'outage' });
  });

  it('says it once: the next poll of the same outage is quiet', () => {
    const later = reduceSnapshot(declared, pollAt('2023-02-14T10:40:00Z', feb14Outage()), config);
    expect(decideNotification(declared, later)).toBeNull();
  });

  it('announces the recovery with its duration, and the relapse', () => {
    // Watched without a break through the outage, until the first healthy poll at 12:30.
    const { polls } = awake([
      pollAt('2023-02-14T10:34:30Z', feb14Outage()),
      pollAt('2023-02-14T12:30:00Z', probesWith()),
    ]);
    const before = polls.slice(1, -1).reduce((s, poll) => reduceSnapshot(s, poll, config), declared);
    const healthy1 = reduceSnapshot(before, polls.at(-1)!, config);
    const healthy2 = reduceSnapshot(healthy1, pollAt('2023-02-14T12:32:00Z', probesWith()), config);
    expect(decideNotification(before, healthy1)).toBeNull();
    const recovered = decideNotification(healthy1, healthy2)!;
    expect(recovered.kind).toBe('recovered');
    expect(notificationContent(recovered, healthy2, tEn, 'en', healthy2.checkedAt!)).toEqual({
      title: 'Tesla is back',
      message: 'Back since 12:30 PM: the outage lasted 1\u00a0hr 56\u00a0min.',
    });
    // Watched on, working, until Tesla falls again at 13:10 (after a gap it would be "since at least").
    const watched = awake([
      pollAt('2023-02-14T12:32:00Z', probesWith()),
      pollAt('2023-02-14T13:10:00Z', feb14Outage()),
    ]);
    const beforeRelapse = watched.polls.slice(1, -1).reduce((s, poll) => reduceSnapshot(s, poll, config), healthy2);
    const again1 = reduceSnapshot(beforeRelapse, watched.polls.at(-1)!, config);
    const again2 = reduceSnapshot(again1, pollAt('2023-02-14T13:10:30Z', feb14Outage()), config);
    const relapse = decideNotification(again1, again2)!;
    expect(relapse.kind).toBe('relapse');
    expect(notificationContent(relapse, again2, tEn, 'en-GB', again2.checkedAt!).message).toMatch(
      /^Your phone key still works over Bluetooth\. Down again since 13:10 \(first down at 10:34\), unavailable: Remote access to the car, .* and 3 more\.$/,
    );
  });

  it('is silent while the user is offline', () => {
    const offline = reduceSnapshot(declared, pollAt('2023-02-14T10:40:00Z', everyProbe(failed), false), config);
    expect(decideNotification(first, offline)).toBeNull();
  });

  it('lets at most four an hour through, of all kinds together', () => {
    const now = declared.checkedAt!;
    const full = Array.from({ length: NOTIFICATION_CAP }, (_, i) => now - (i + 1) * 60_000);
    expect(underCap(full, now)).toBe(false);
    expect(underCap(full.slice(1), now)).toBe(true);
    expect(
      underCap(
        full.map((at) => at - NOTIFICATION_CAP_WINDOW_MS + 4 * 60_000),
        now,
      ),
    ).toBe(true);
    expect(decideNotification(first, declared)).toMatchObject({ kind: 'outage', delivery: 'show' });
  });

  it('announces a partial outage that grows into a full one', () => {
    const websiteDown = { state: 'down' as const, reason: { key: 'reasonHttp', values: ['502'] }, latencyMs: 50 };
    const partial1 = replaySnapshots([pollAt('2023-02-14T10:00:00Z', probesWith({ website: websiteDown }))]);
    const partial = reduceSnapshot(
      partial1,
      pollAt('2023-02-14T10:00:30Z', probesWith({ website: websiteDown })),
      config,
    );
    expect(decideNotification(partial1, partial)).toMatchObject({ kind: 'outage', incident: { worst: 'degraded' } });
    const worse1 = reduceSnapshot(
      partial,
      pollAt('2023-02-14T10:02:00Z', { ...feb14Outage(), website: websiteDown }),
      config,
    );
    // One poll of a full outage confirms nothing: no escalation yet.
    expect(decideNotification(partial, worse1)).toBeNull();
    const worse2 = reduceSnapshot(
      worse1,
      pollAt('2023-02-14T10:02:30Z', { ...feb14Outage(), website: websiteDown }),
      config,
    );
    const escalation = decideNotification(worse1, worse2);
    expect(escalation).toMatchObject({ kind: 'outage', delivery: 'show', incident: { worst: 'outage' } });
    // It names the car's features, confirmed down by the same poll, and dates the outage from when it fell.
    expect(notificationContent(escalation!, worse2, tEn, 'en-GB', worse2.checkedAt!).message).toMatch(
      /^Your phone key still works over Bluetooth\. Since 10:02, unavailable: Remote access to the car, .*\.$/,
    );
    const worse3 = reduceSnapshot(
      worse2,
      pollAt('2023-02-14T10:04:30Z', { ...feb14Outage(), website: websiteDown }),
      config,
    );
    expect(decideNotification(worse2, worse3)).toBeNull();
  });

  it('writes the outage with its start and what is lost, and reassures about the phone key', () => {
    const decision = decideNotification(first, declared)!;
    const content = notificationContent(decision, declared, tEn, 'en-GB', declared.checkedAt!);
    expect(content.title).toBe('Tesla outage');
    expect(content.message).toMatch(
      /^Your phone key still works over Bluetooth\. Since 10:34, unavailable: Remote access to the car, .* and 3 more\.$/,
    );
  });

  it('tells a partial relapse as a partial outage, not as "down again"', () => {
    const website502 = {
      website: { state: 'down' as const, reason: { key: 'reasonHttp', values: ['502'] }, status: 502, latencyMs: 80 },
    };
    const { polls } = awake(
      [
        pollAt('2023-02-14T10:34:00Z', feb14Outage()),
        pollAt('2023-02-14T10:34:30Z', feb14Outage()),
        pollAt('2023-02-14T11:00:00Z', probesWith()),
        pollAt('2023-02-14T11:02:00Z', probesWith()),
        pollAt('2023-02-14T11:30:00Z', probesWith(website502)),
      ],
      2 * 60_000,
    );
    const before = polls.reduce((s, poll) => reduceSnapshot(s, poll, config), emptySnapshot('eu'));
    const after = reduceSnapshot(before, pollAt('2023-02-14T11:30:30Z', probesWith(website502)), config);
    const decision = decideNotification(before, after)!;
    expect(decision.kind).toBe('relapse');
    const content = notificationContent(decision, after, tEn, 'en-GB', after.checkedAt!);
    expect(content.title).toBe('Tesla partial outage');
    expect(content.message).toBe(
      'Your phone key still works over Bluetooth. Since 11:30, affected: Tesla account website.',
    );
  });
});

const MIN = 60_000;
const OWNER = 'owner-api.teslamotors.com';

const worker = workerOver;

// The worker's own scenarios start on a fresh fake browser, its clock at T0.
beforeEach(() => freshBrowser());
afterEach(() => vi.useRealTimers());

describe('notifications', () => {
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

describe('a degraded incident that becomes an outage', () => {
  it('notifies the outage (the user was only told "partly degraded")', async () => {
    const tesla = fakeTesla({ 'www.tesla.com': 'bad-gateway' });
    const seen = recordNotifications();
    const bg = worker(tesla.fetchFn);
    await bg.poll();
    at(30_000);
    await bg.poll();
    expect(await badgeText()).toBe('!');
    const VIEW = { pollMinutes: 2, services: ['owner-api', 'fleet-api', 'sign-in', 'website'] as const } as never;
    const dismissedKey = bannerState(await stored(), Date.now(), VIEW, [])!.key; // the owner dismisses the "degraded" banner
    tesla.modes[OWNER] = 'maintenance'; // then the Owner API goes: the app cannot reach the car
    at(2 * MIN);
    await bg.poll();
    at(2 * MIN + 30_000);
    await bg.poll();
    expect(await badgeText()).toBe('✕');
    expect(seen.map((n) => n.title)).toContain('Tesla outage');
    // The banner the owner dismissed was the partial outage's: the full one shows again.
    expect(bannerState(await stored(), Date.now(), VIEW, [dismissedKey])).toMatchObject({ status: 'outage' });
  });
});

describe('the hourly cap', () => {
  it('an outage whose notification fell over the cap is announced once the hour frees up', async () => {
    const tesla = fakeTesla();
    const seen = recordNotifications();
    const bg = worker(tesla.fetchFn);
    // Two flaps (outage, back, down again, back) then it goes down for good.
    const plan: [number, 'maintenance' | 'healthy'][] = [
      [0, 'maintenance'],
      [4, 'healthy'],
      [8, 'maintenance'],
      [12, 'healthy'],
      [16, 'maintenance'],
    ];
    for (let minute = 0; minute <= 120; minute += 2) {
      const mode = [...plan].reverse().find(([m]) => minute >= m)![1];
      tesla.setAll(mode);
      at(minute * MIN);
      await bg.poll();
      at(minute * MIN + 30_000);
      await bg.poll();
    }
    expect(await badgeText()).toBe('✕');
    // Observed: the last thing the user was told is "Tesla is back"; the real outage (2 h now) is never announced.
    expect(seen.at(-1)?.title).not.toBe('Tesla is back');
  });
});
