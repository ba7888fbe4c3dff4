/**
 * After a sleep (a closed laptop, a closed browser) nobody watched: the owner is told the trouble
 * "since at least" the first poll after the gap, and what was seen before it, never a start or a
 * length that no poll saw (issue 24, case 6).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { badgeFor } from '../../utils/engine/badge';
import { bannerState } from '../../utils/engine/banner';
import { carriedFrom, derive } from '../../utils/engine/derive/derive';
import type { PollEvidence } from '../../utils/engine/evidence/log';
import { decideNotification, notificationContent } from '../../utils/engine/notifications';
import { DEFAULT_TRACKER_CONFIG, type PollResult, reduceSnapshot } from '../../utils/engine/outage-tracker';
import { DEFAULT_SETTINGS } from '../../utils/engine/settings';
import { emptySnapshot, parseBannerSnapshot, type ProbeResult, type Snapshot } from '../../utils/engine/snapshot';
import { statusView, type ViewSettings } from '../../utils/engine/status-view';
import { statusSummaryText } from '../../utils/engine/status-text';
import { incidentStory } from '../../utils/engine/story';
import { tEn } from '../support/i18n';
import {
  awake,
  everyProbe,
  failed,
  feb14Outage,
  installedDuringOutageThenBack,
  installedDuringOutageThenRelapse,
  pollAt,
  probesWith,
  timedOut,
} from '../support/polls';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { POLL_ALARM } from '../../utils/engine/scheduler';
import { fakeTesla, type FakeTesla } from '../support/fake-tesla';
import { confirmedOutage, workerOver } from '../support/outages';
import { T0, at, badgeText, freshBrowser, recordNotifications, stored } from '../support/worker';

const t = (iso: string) => Date.parse(iso);

function replay(polls: readonly PollResult[], pollMinutes = 2): Snapshot {
  const config = { ...DEFAULT_TRACKER_CONFIG, region: 'eu' as const, pollMinutes };
  return polls.reduce((s, poll) => reduceSnapshot(s, poll, config), emptySnapshot('eu'));
}

const title = (s: Snapshot, now: number, pollMinutes = 2) =>
  badgeFor(s, { t: tEn, locale: 'en-GB', now, pollMinutes, services: DEFAULT_SETTINGS.services }).title;

describe('After a sleep', () => {
  it('tells an outage found on waking "since at least" then, and when Tesla was last seen working', () => {
    const s = replay([
      ...awake([pollAt('2023-02-14T10:00:00Z', probesWith()), pollAt('2023-02-14T11:02:00Z', probesWith())], 2 * 60_000)
        .polls,
      // The laptop closed; opened at 18:34 with Tesla down.
      pollAt('2023-02-14T18:34:00Z', feb14Outage()),
      pollAt('2023-02-14T18:34:30Z', feb14Outage()),
    ]);
    const now = t('2023-02-14T18:35:00Z');
    expect(incidentStory(s, now)).toEqual({
      kind: 'outage',
      since: t('2023-02-14T18:34:00Z'),
      beforeGap: { status: 'operational', at: t('2023-02-14T11:02:00Z') },
    });
    expect(title(s, now)).toMatch(/^Tesla: outage since at least 18:34 \(1\smin\) — phone key works\. Unavailable: /);
  });

  it('never tells three days unwatched as a three-day outage', () => {
    const s = replay(
      [
        pollAt('2023-02-14T10:04:00Z', probesWith()),
        pollAt('2023-02-14T10:34:00Z', feb14Outage()),
        pollAt('2023-02-14T10:34:30Z', feb14Outage()),
        // Three days asleep at a 30-minute interval; Tesla down on waking too.
        pollAt('2023-02-17T10:34:00Z', feb14Outage()),
      ],
      30,
    );
    const now = t('2023-02-17T10:35:00Z');
    expect(incidentStory(s, now)).toEqual({
      kind: 'outage',
      since: t('2023-02-17T10:34:00Z'),
      // The last poll before the sleep saw it down.
      beforeGap: { status: 'trouble', at: t('2023-02-14T10:34:30Z') },
    });
    const badge = title(s, now, 30);
    expect(badge).toMatch(/^Tesla: outage since at least 10:34 \(1\smin\)/);
    expect(badge).not.toContain('3 days');
  });

  it('tells an outage found at the first poll ever (installed during it) "since at least" then', () => {
    const s = replay([pollAt('2023-02-14T10:34:00Z', feb14Outage()), pollAt('2023-02-14T10:34:30Z', feb14Outage())]);
    const now = t('2023-02-14T10:35:00Z');
    expect(incidentStory(s, now)).toEqual({
      kind: 'outage',
      since: t('2023-02-14T10:34:00Z'),
      beforeGap: { status: 'unknown', at: t('2023-02-14T10:34:00Z') },
    });
    expect(title(s, now)).toMatch(/^Tesla: outage since at least 10:34 \(1\smin\) — phone key works\./);
    expect(statusSummaryText(statusView(s, now, DEFAULT_SETTINGS), now, tEn, 'en-GB')).toMatch(
      /^Tesla outage since at least 10:34/,
    );
  });

  it('tells an outage found once hosts that only timed out answer "since at least" then', () => {
    // Installed while every host timed out (nothing spoke for Tesla: offline), then Tesla answers with its outage.
    const s = replay([
      pollAt('2023-02-14T10:00:00Z', everyProbe(timedOut), false),
      pollAt('2023-02-14T10:02:00Z', everyProbe(timedOut), false),
      pollAt('2023-02-14T10:04:00Z', everyProbe(timedOut), false),
      pollAt('2023-02-14T10:06:00Z', feb14Outage()),
      pollAt('2023-02-14T10:06:30Z', feb14Outage()),
    ]);
    expect(s.watch).toMatchObject({ from: t('2023-02-14T10:06:00Z') });
    expect(incidentStory(s, t('2023-02-14T10:07:00Z'))).toEqual({
      kind: 'outage',
      since: t('2023-02-14T10:06:00Z'),
      beforeGap: { status: 'unknown', at: t('2023-02-14T10:06:00Z') },
    });
  });

  it('says nothing of a gap when the watch was unbroken', () => {
    const s = replay(
      awake([
        pollAt('2023-02-14T10:00:00Z', probesWith()),
        pollAt('2023-02-14T10:34:00Z', feb14Outage()),
        pollAt('2023-02-14T10:34:30Z', feb14Outage()),
        pollAt('2023-02-14T11:30:00Z', feb14Outage()),
      ]).polls,
    );
    expect(incidentStory(s, t('2023-02-14T11:31:00Z'))).toEqual({ kind: 'outage', since: t('2023-02-14T10:34:00Z') });
  });

  it('never reads a clock set back as a gap in the watch', () => {
    const s = replay([
      // A morning sleep: what was seen before it is known, so a "since at least" could be told.
      pollAt('2023-02-14T07:00:00Z', probesWith()),
      ...awake([pollAt('2023-02-14T10:00:00Z', probesWith()), pollAt('2023-02-14T12:00:00Z', probesWith())], 2 * 60_000)
        .polls,
      // The clock is set back four hours, and polls go on every two minutes; Tesla falls at 08:40.
      ...awake(
        [pollAt('2023-02-14T08:00:00Z', probesWith()), pollAt('2023-02-14T08:40:00Z', feb14Outage())],
        2 * 60_000,
      ).polls,
      pollAt('2023-02-14T08:40:30Z', feb14Outage()),
    ]);
    const now = t('2023-02-14T08:41:00Z');
    // Watched from its first poll: no "since at least" a time the clock left behind.
    expect(incidentStory(s, now)).toEqual({ kind: 'outage', since: t('2023-02-14T08:40:00Z') });
    expect(title(s, now)).toMatch(/^Tesla: outage since 08:40 \(1\smin\)/);
  });

  it('tells an outage watched for more than a day from its first poll, not as after a gap', () => {
    const s = replay(
      awake([
        pollAt('2023-02-14T10:00:00Z', probesWith()),
        pollAt('2023-02-14T10:34:00Z', feb14Outage()),
        pollAt('2023-02-14T10:34:30Z', feb14Outage()),
        // Watched every ten minutes for thirty hours: longer than the day's strip.
        pollAt('2023-02-15T16:34:00Z', feb14Outage()),
      ]).polls,
    );
    expect(incidentStory(s, t('2023-02-15T16:35:00Z'))).toEqual({ kind: 'outage', since: t('2023-02-14T10:34:00Z') });
  });

  describe('a relapse found on waking', () => {
    // Down at 10:34, back at 11:00, the laptop closed at 11:02 and opened at 11:40 with Tesla down.
    const polls = [
      ...awake(
        [
          pollAt('2023-02-14T10:30:00Z', probesWith()),
          pollAt('2023-02-14T10:34:00Z', feb14Outage()),
          pollAt('2023-02-14T10:34:30Z', feb14Outage()),
          pollAt('2023-02-14T11:00:00Z', probesWith()),
          pollAt('2023-02-14T11:00:30Z', probesWith()),
          pollAt('2023-02-14T11:02:00Z', probesWith()),
        ],
        2 * 60_000,
      ).polls,
      pollAt('2023-02-14T11:40:00Z', feb14Outage()),
      pollAt('2023-02-14T11:40:30Z', feb14Outage()),
    ];
    const s = replay(polls);
    const before = replay(polls.slice(0, -1));
    const now = t('2023-02-14T11:41:00Z');

    it('is down again "since at least" the first poll after the gap', () => {
      expect(incidentStory(s, now)).toEqual({
        kind: 'relapse',
        level: 'outage',
        since: t('2023-02-14T11:40:00Z'),
        firstDown: t('2023-02-14T10:34:00Z'),
        beforeGap: { status: 'operational', at: t('2023-02-14T11:02:00Z') },
      });
      expect(title(s, now)).toMatch(/^Tesla: down again since at least 11:40, first down at 10:34 — phone key works\./);
    });

    it('is notified, copied and bannered "since at least", with no length that spans the gap', () => {
      const decision = decideNotification(before, s);
      expect(decision?.kind).toBe('relapse');
      if (!decision) return;
      expect(notificationContent(decision, s, tEn, 'en-GB', now).message).toMatch(
        /^Your phone key still works over Bluetooth\. Down again since at least 11:40 \(first down at 10:34\), unavailable: /,
      );
      const copied = statusSummaryText(statusView(s, now, DEFAULT_SETTINGS), now, tEn, 'en-GB');
      expect(copied).toMatch(
        /^Tesla down again since at least 11:40 \(first down at 10:34\): .* unavailable; phone key works\./,
      );
      const banner = bannerState(parseBannerSnapshot(JSON.parse(JSON.stringify(s))), now, DEFAULT_SETTINGS, []);
      expect(banner).toMatchObject({ status: 'outage', since: t('2023-02-14T11:40:00Z'), atLeast: true });
      expect(banner?.firstDown).toBe(t('2023-02-14T10:34:00Z'));
    });
  });

  it('banners and notifies an outage found after three days asleep "since at least", not "3 days"', () => {
    const polls = [
      pollAt('2023-02-14T10:04:00Z', probesWith()),
      pollAt('2023-02-14T11:02:00Z', probesWith()),
      pollAt('2023-02-17T10:34:00Z', feb14Outage()),
      pollAt('2023-02-17T10:34:30Z', feb14Outage()),
    ];
    const s = replay(polls, 30);
    const now = t('2023-02-17T10:35:00Z');
    const banner = bannerState(parseBannerSnapshot(JSON.parse(JSON.stringify(s))), now, { pollMinutes: 30 }, []);
    expect(banner).toMatchObject({
      status: 'outage',
      since: t('2023-02-17T10:34:00Z'),
      atLeast: true,
      firstDown: null,
    });
    const decision = decideNotification(replay(polls.slice(0, -1), 30), s);
    expect(decision?.kind).toBe('outage');
    if (!decision) return;
    expect(notificationContent(decision, s, tEn, 'en-GB', now).message).toMatch(
      /^Your phone key still works over Bluetooth\. Since at least 10:34, unavailable: /,
    );
  });

  it('keeps what was seen before the gap when the story is derived from a log that begins after it', () => {
    const evidence = (iso: string, results: Record<string, ProbeResult>): PollEvidence => ({
      at: t(iso),
      vantage: { kind: 'here', region: 'eu' },
      browserOnline: true,
      results,
      watching: { services: DEFAULT_SETTINGS.services, pollMinutes: 30 },
    });
    const settings = { ...DEFAULT_SETTINGS, pollMinutes: 30 };
    const stored = replay(
      [
        pollAt('2023-02-14T10:34:00Z', feb14Outage()),
        pollAt('2023-02-14T10:34:30Z', feb14Outage()),
        pollAt('2023-02-17T10:34:00Z', feb14Outage()),
      ],
      30,
    );
    // The log keeps only the poll after the three days asleep; the rest is older than it reaches.
    const log = [evidence('2023-02-17T10:34:00Z', feb14Outage()), evidence('2023-02-17T10:34:30Z', feb14Outage())];
    const derived = derive(log, carriedFrom(stored, log), settings, 'eu');
    expect(derived && incidentStory(derived, t('2023-02-17T10:35:00Z'))).toEqual({
      kind: 'outage',
      since: t('2023-02-17T10:34:00Z'),
      beforeGap: { status: 'trouble', at: t('2023-02-14T10:34:30Z') },
    });
  });

  it('counts the watch from the first poll online after waking, not from one made offline', () => {
    const s = replay([
      ...awake([pollAt('2023-02-14T10:00:00Z', probesWith()), pollAt('2023-02-14T11:02:00Z', probesWith())], 2 * 60_000)
        .polls,
      // Woken at 18:33 with no network yet: that poll saw nothing, Tesla included.
      pollAt('2023-02-14T18:33:00Z', everyProbe(failed), false),
      pollAt('2023-02-14T18:35:00Z', feb14Outage()),
      pollAt('2023-02-14T18:35:30Z', feb14Outage()),
    ]);
    expect(incidentStory(s, t('2023-02-14T18:36:00Z'))).toEqual({
      kind: 'outage',
      since: t('2023-02-14T18:35:00Z'),
      beforeGap: { status: 'operational', at: t('2023-02-14T11:02:00Z') },
    });
  });

  it('keeps an outage found on waking "since at least" when the clock is then set back', () => {
    const found = [
      pollAt('2023-02-14T11:02:00Z', probesWith()),
      pollAt('2023-02-14T18:34:00Z', feb14Outage()),
      pollAt('2023-02-14T18:34:30Z', feb14Outage()),
    ];
    // The clock is set back an hour; Tesla is still down, then back, then down again, watched.
    const setBack = awake(
      [
        pollAt('2023-02-14T17:36:00Z', feb14Outage()),
        pollAt('2023-02-14T17:50:00Z', probesWith()),
        pollAt('2023-02-14T17:50:30Z', probesWith()),
        pollAt('2023-02-14T18:00:00Z', feb14Outage()),
        pollAt('2023-02-14T18:00:30Z', feb14Outage()),
      ],
      2 * 60_000,
    );
    const stillDown = replay([...found, ...setBack.polls.slice(0, setBack.keys[1])]);
    expect(incidentStory(stillDown, t('2023-02-14T17:49:00Z'))).toEqual({
      kind: 'outage',
      since: t('2023-02-14T18:34:00Z'),
      beforeGap: { status: 'operational', at: t('2023-02-14T11:02:00Z') },
    });
    const relapse = incidentStory(replay([...found, ...setBack.polls]), t('2023-02-14T18:01:00Z'));
    expect(relapse).toMatchObject({ since: t('2023-02-14T18:00:00Z') });
    expect(relapse).not.toHaveProperty('beforeGap');
  });

  it('finds the gap in the samples of a snapshot kept before the watch was', () => {
    const polls = [
      ...awake([pollAt('2023-02-14T10:00:00Z', probesWith()), pollAt('2023-02-14T11:02:00Z', probesWith())], 2 * 60_000)
        .polls,
      pollAt('2023-02-14T18:34:00Z', feb14Outage()),
      pollAt('2023-02-14T18:34:30Z', feb14Outage()),
    ];
    const older: Snapshot = { ...replay(polls), watch: null };
    const config = { ...DEFAULT_TRACKER_CONFIG, region: 'eu' as const, pollMinutes: 2 };
    const upgraded = reduceSnapshot(older, pollAt('2023-02-14T18:36:00Z', feb14Outage()), config);
    expect(incidentStory(upgraded, t('2023-02-14T18:37:00Z'))).toEqual({
      kind: 'outage',
      since: t('2023-02-14T18:34:00Z'),
      beforeGap: { status: 'operational', at: t('2023-02-14T11:02:00Z') },
    });
  });
});

describe('A recovery from an outage nobody saw begin', () => {
  const polls = awake(installedDuringOutageThenBack(), 2 * 60_000).polls;
  const s = replay(polls);
  const before = replay(polls.slice(0, -1));
  const now = t('2023-02-14T11:15:00Z');

  it('says it lasted at least 40 minutes, in the popup, the badge, the notification and the banner', () => {
    expect(incidentStory(s, now)).toEqual({
      kind: 'recovered',
      back: t('2023-02-14T11:14:00Z'),
      lasted: 40 * 60_000,
      lastSeenDown: null,
      begunUnseen: true,
    });
    expect(title(s, now)).toMatch(
      /^Tesla: all systems working — back since 11:14, the outage lasted at least 40\smins;/,
    );
    const decision = decideNotification(before, s);
    expect(decision).toMatchObject({ kind: 'recovered' });
    expect(decision && notificationContent(decision, s, tEn, 'en-GB', now).message).toMatch(
      /^Back since 11:14: the outage lasted at least 40\smins\.$/,
    );
    expect(bannerState(parseBannerSnapshot(s), now, DEFAULT_SETTINGS, [])).toMatchObject({
      status: 'resolved',
      atLeast: true,
    });
  });

  it('says it lasted 40 minutes when a poll saw it begin', () => {
    const watched = replay([pollAt('2023-02-14T10:30:00Z', probesWith()), ...polls]);
    expect(incidentStory(watched, now)).toEqual({
      kind: 'recovered',
      back: t('2023-02-14T11:14:00Z'),
      lasted: 40 * 60_000,
      lastSeenDown: null,
    });
    expect(bannerState(parseBannerSnapshot(watched), now, DEFAULT_SETTINGS, [])).toMatchObject({ atLeast: false });
  });
});

const MIN = 60_000;
const HOUR = 60 * MIN;
const OWNER = 'owner-api.teslamotors.com';
const VIEW: ViewSettings = { pollMinutes: 2, services: ['owner-api', 'fleet-api', 'sign-in', 'website'] };

const worker = workerOver;

/** The same outage an hour in, after a poll that holds the next one for 10 minutes (the backoff). */
async function backedOffOutage(tesla: FakeTesla) {
  await confirmedOutage(tesla);
  at(HOUR);
  const background = worker(tesla);
  await background.poll();
  return background;
}

// The worker's own scenarios start on a fresh fake browser, its clock at T0.
beforeEach(() => freshBrowser());
afterEach(() => vi.useRealTimers());

describe('an outage that ends while the laptop sleeps', () => {
  it('is not "resolved after 14 hours" when the last failing evidence is 14 hours old', async () => {
    const tesla = fakeTesla({ [OWNER]: 'maintenance' });
    const seen = recordNotifications();
    const bg = worker(tesla.fetchFn);
    await bg.poll();
    at(30_000);
    await bg.poll();
    at(2 * MIN);
    await bg.poll(); // last evidence of the outage: T0 + 2 min; then the lid closes
    tesla.setAll('healthy');
    at(14 * HOUR);
    await worker(tesla.fetchFn).start();
    at(14 * HOUR + 2 * MIN);
    await bg.poll();
    const incident = (await stored()).incidents[0]!;
    expect(seen.at(-1)?.title).toBe('Tesla is back');
    // Nothing says the outage lasted past the last failing poll plus its due time.
    expect(incident.end! - incident.start).toBeLessThan(HOUR);
    // Only times a poll saw: back by the poll after the wake, last seen down at the last failing poll.
    expect(incident).toMatchObject({ seenAt: 2 * MIN + T0, backAt: 14 * HOUR + T0 });
    expect(seen.at(-1)?.message).toBe('Back by 00:34; last seen down at 14 Feb, 10:36.');
    const story = incidentStory(await stored(), Date.now());
    expect(story).toEqual({ kind: 'recovered', back: T0 + 14 * HOUR, lastSeenDown: T0 + 2 * MIN, lasted: 2 * MIN });
    expect(await fakeBrowser.action.getTitle({})).toBe(
      'Tesla: all systems working — back by 00:34, last seen down at 14 Feb, 10:36; last checked just now',
    );
  });
});

describe('evidence of any age', () => {
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

describe('a clock set back', () => {
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

describe('backoff and Retry-After survive a worker restart', () => {
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

describe('the badge through a backed-off outage', () => {
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

describe('A relapse of an outage nobody saw begin', () => {
  const polls = awake(installedDuringOutageThenRelapse(), 2 * 60_000).polls;
  const s = replay(polls);
  const before = replay(polls.slice(0, -1));
  const now = t('2023-02-14T10:33:00Z');

  it('says when it was first seen down, never "first down", and no length in all', () => {
    expect(incidentStory(s, now)).toEqual({
      kind: 'relapse',
      level: 'outage',
      since: t('2023-02-14T10:30:00Z'),
      firstDown: t('2023-02-14T10:00:00Z'),
      firstSeen: true,
    });
    const badge = title(s, now);
    expect(badge).toMatch(/^Tesla: down again since 10:30, first seen down at 10:00 — phone key works\./);
    const decision = decideNotification(before, s);
    expect(decision).toMatchObject({ kind: 'relapse' });
    expect(decision && notificationContent(decision, s, tEn, 'en-GB', now).message).toMatch(
      /Down again since 10:30 \(first seen down at 10:00\)/,
    );
    const copied = statusSummaryText(statusView(s, now, DEFAULT_SETTINGS), now, tEn, 'en-GB');
    expect(copied).toMatch(/^Tesla down again since 10:30 \(first seen down at 10:00\):/);
    expect(bannerState(parseBannerSnapshot(s), now, DEFAULT_SETTINGS, [])).toMatchObject({ firstSeen: true });
    for (const text of [badge, copied]) expect(text).not.toMatch(/in all/);
  });
});
