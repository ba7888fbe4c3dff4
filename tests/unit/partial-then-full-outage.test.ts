/**
 * A partial outage that grows into a full one (issue 24, case 8): the account website fails first,
 * then the Owner API falls, with no setting touched. The owner must be told the full outage from the
 * poll that first saw it, with the car's features down and the phone key reassured, and notified of
 * it naming the car's features; one poll of it alone is no outage. Through the real worker service
 * over a fake Tesla, reading only what the owner sees.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { decideNotification, notificationContent } from '../../utils/engine/notifications';
import {
  DEFAULT_TRACKER_CONFIG,
  type PollResult,
  reduceSnapshot,
  type TrackerConfig,
} from '../../utils/engine/outage-tracker';
import { CONFIRM_ALARM, POLL_ALARM } from '../../utils/engine/scheduler';
import {
  affectedFeatures,
  displayedOverall,
  emptySnapshot,
  isChecking,
  overallTrack,
  type Snapshot,
} from '../../utils/engine/snapshot';
import { badgeFor } from '../../utils/engine/badge';
import { DEFAULT_SETTINGS } from '../../utils/engine/settings';
import { statusView } from '../../utils/engine/status-view';
import { incidentStory } from '../../utils/engine/story';
import { fakeTesla } from '../support/fake-tesla';
import { tEn } from '../support/i18n';
import { awake, feb14Outage, maintenance, pollAt, probesWith } from '../support/polls';
import { T0, at, badgeText, freshBrowser, recordNotifications, stored, testWorker } from '../support/worker';

const MIN = 60_000;
const WEBSITE = 'www.tesla.com';
const OWNER = 'owner-api.teslamotors.com';
const CAR_FEATURES = ['remote-access', 'sentry-camera', 'climate', 'dog-camp-mode', 'charging'];
/** The test worker formats times in UTC, on a 24-hour clock (en-GB). */
const clock = (minutes: number) =>
  new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'UTC' }).format(T0 + minutes * MIN);

beforeEach(() => freshBrowser());
afterEach(() => vi.useRealTimers());

/** The snapshot after each poll, folded by the tracker from an empty start. */
function snapshotsAfter(polls: readonly PollResult[], config: TrackerConfig): Snapshot[] {
  const snapshots: Snapshot[] = [];
  polls.reduce((s, poll) => {
    const next = reduceSnapshot(s, poll, config);
    snapshots.push(next);
    return next;
  }, emptySnapshot(config.region));
  return snapshots;
}

describe('A partial outage that grows into a full one', () => {
  it('is no full outage when the car falls on the poll that confirms the website’s failure', () => {
    // Found by an adversarial review: the website seen failing once, then with the car: a streak of
    // mixed trouble, which confirmed a full outage from the website's poll, naming the website.
    const config = { ...DEFAULT_TRACKER_CONFIG, region: 'eu' as const };
    const websiteDown = probesWith({ website: maintenance });
    const both = { ...feb14Outage(), website: maintenance };
    const polls = [
      pollAt('2023-02-14T10:00:00Z', probesWith()),
      pollAt('2023-02-14T10:02:00Z', probesWith()),
      pollAt('2023-02-14T10:04:00Z', websiteDown),
      pollAt('2023-02-14T10:04:30Z', both),
      pollAt('2023-02-14T10:06:00Z', both),
    ];
    const snapshots = snapshotsAfter(polls, config);
    const [, , , confirmedPartial, confirmedFull] = snapshots as [Snapshot, Snapshot, Snapshot, Snapshot, Snapshot];
    expect(displayedOverall(confirmedPartial)).toBe('degraded');
    const partialNews = decideNotification(snapshots[2]!, confirmedPartial)!;
    expect(notificationContent(partialNews, confirmedPartial, tEn, 'en-GB', confirmedPartial.checkedAt!)).toEqual({
      title: 'Tesla partial outage',
      message: 'Your phone key still works over Bluetooth. Since 10:04, affected: Tesla account website.',
    });
    expect(displayedOverall(confirmedFull)).toBe('outage');
    expect(overallTrack(confirmedFull).since).toBe(Date.parse('2023-02-14T10:04:30Z'));
    const fullNews = decideNotification(confirmedPartial, confirmedFull)!;
    expect(notificationContent(fullNews, confirmedFull, tEn, 'en-GB', confirmedFull.checkedAt!).message).toMatch(
      /^Your phone key still works over Bluetooth\. Since 10:04, unavailable: Remote access to the car, /,
    );
  });

  it('is no outage of nothing while the failures flap from one check to another', () => {
    // Found by an adversarial review: the website's failure confirmed, then the car failing every
    // other poll and the website back: "partial outage … Affected: " with nothing named.
    const config = { ...DEFAULT_TRACKER_CONFIG, region: 'eu' as const };
    const s = [
      pollAt('2023-02-14T10:00:00Z', probesWith({ website: maintenance })),
      pollAt('2023-02-14T10:02:00Z', probesWith({ website: maintenance })),
      pollAt('2023-02-14T10:04:00Z', feb14Outage()),
      pollAt('2023-02-14T10:04:30Z', probesWith()),
      pollAt('2023-02-14T10:06:00Z', feb14Outage()),
    ].reduce((snapshot, poll) => reduceSnapshot(snapshot, poll, config), emptySnapshot('eu'));
    // The situation: the region's trouble still stands, no feature's does.
    expect(overallTrack(s).level).toBe('degraded');
    expect(affectedFeatures(s)).toEqual([]);
    const badge = badgeFor(s, {
      t: tEn,
      locale: 'en-GB',
      now: s.checkedAt!,
      pollMinutes: 2,
      services: DEFAULT_SETTINGS.services,
    });
    expect(badge.text).toBe('?');
    expect(badge.title).not.toMatch(/Affected: $|Affected: \./);
    expect(displayedOverall(s)).toBe('unknown');
    expect(isChecking(s)).toBe(true);
  });

  it('opens no incident, and announces nothing, until a feature is in trouble: never "affected: ."', () => {
    // Found by an adversarial review: the Owner API failing once, then the website alone, confirmed
    // the region's trouble with no feature confirmed: an incident and "Since 10:04, affected: ."
    const config = { ...DEFAULT_TRACKER_CONFIG, region: 'eu' as const };
    const websiteDown = probesWith({ website: maintenance });
    const polls = [
      pollAt('2023-02-14T10:00:00Z', probesWith()),
      pollAt('2023-02-14T10:02:00Z', probesWith()),
      pollAt('2023-02-14T10:04:00Z', feb14Outage()),
      pollAt('2023-02-14T10:04:30Z', websiteDown),
      pollAt('2023-02-14T10:06:00Z', websiteDown),
    ];
    const snapshots = snapshotsAfter(polls, config);
    const news = snapshots.map((s, i) => (i === 0 ? null : decideNotification(snapshots[i - 1]!, s)));
    const [, , , flapped, websiteConfirmed] = snapshots as [Snapshot, Snapshot, Snapshot, Snapshot, Snapshot];
    // The region's trouble stands on two different checks failing once each: nothing to name yet.
    expect(overallTrack(flapped).level).toBe('degraded');
    expect(flapped.incidents).toEqual([]);
    expect(news[3]).toBeNull();
    expect(displayedOverall(flapped)).toBe('unknown');
    // The website's second failure names it: now the incident, and its news.
    expect(displayedOverall(websiteConfirmed)).toBe('degraded');
    expect(websiteConfirmed.incidents).toHaveLength(1);
    expect(notificationContent(news[4]!, websiteConfirmed, tEn, 'en-GB', websiteConfirmed.checkedAt!)).toEqual({
      title: 'Tesla partial outage',
      message: 'Your phone key still works over Bluetooth. Since 10:04, affected: Tesla account website.',
    });
  });

  it('is a full outage from the poll that saw the car fall, named and announced as such', async () => {
    const tesla = fakeTesla();
    const seen = recordNotifications();
    const bg = testWorker(tesla.fetchFn);
    const view = async () => statusView(await stored(), Date.now(), DEFAULT_SETTINGS);
    at(0);
    await bg.poll();
    tesla.modes[WEBSITE] = 'maintenance';
    const websiteAsked: number[] = [];
    const states: Record<number, { badge: string; overall: string; since: number | null; car: string[] }> = {};
    let ownerFellAt: number | null = null;
    for (let minute = 2; minute <= 40; minute += 2) {
      if (minute === 20) tesla.modes[OWNER] = 'maintenance';
      const asked = tesla.calls.length;
      at(minute * MIN);
      await bg.handleAlarm(POLL_ALARM);
      if (tesla.calls.slice(asked).some((call) => new URL(call.url).host === WEBSITE)) websiteAsked.push(minute);
      if (minute === 20) {
        // The poll that first saw the Owner API fall, before its confirmation: no outage yet.
        ownerFellAt = (await stored()).checkedAt;
        const v = await view();
        expect(await badgeText()).not.toBe('✕');
        expect(v.overall).not.toBe('outage');
        expect(seen.map((n) => n.title)).not.toContain('Tesla outage');
      }
      const confirm = await fakeBrowser.alarms.get(CONFIRM_ALARM);
      if (confirm) {
        at(confirm.scheduledTime - T0);
        await fakeBrowser.alarms.clear(CONFIRM_ALARM);
        await bg.handleAlarm(CONFIRM_ALARM);
      }
      const v = await view();
      states[minute] = {
        badge: await badgeText(),
        overall: v.overall,
        since: v.since,
        car: v.features.filter((f) => CAR_FEATURES.includes(f.id)).map((f) => f.status),
      };
    }
    // The situation was met: the website was asked and failing before the Owner API fell.
    const websiteFirstSeenDown = websiteAsked[0]!;
    expect(websiteFirstSeenDown).toBeLessThan(20);
    expect(ownerFellAt).toBe(T0 + 20 * MIN);

    // Before: a partial outage, the car working.
    expect(states[18]).toMatchObject({ badge: '!', overall: 'degraded', car: Array(5).fill('up') });
    // After: a full outage since the poll that saw the Owner API fall, the car's features down.
    expect(states[22]).toMatchObject({
      badge: '✕',
      overall: 'outage',
      since: T0 + 20 * MIN,
      car: Array(5).fill('down'),
    });
    const after = await view();
    expect(after.remoteDown).toBe(true);
    expect(await fakeBrowser.action.getTitle({})).toMatch(
      new RegExp(
        `^Tesla: outage since ${clock(20)} \\(.*\\) — phone key works\\. Unavailable: Remote access to the car, `,
      ),
    );
    // Announced twice, each naming what it is about: the website, then the car, from when it fell.
    expect(seen).toEqual([
      {
        title: 'Tesla partial outage',
        message: `Your phone key still works over Bluetooth. Since ${clock(websiteFirstSeenDown)}, affected: Tesla account website.`,
      },
      {
        title: 'Tesla outage',
        message: expect.stringMatching(
          new RegExp(
            `^Your phone key still works over Bluetooth\\. Since ${clock(20)}, unavailable: Remote access to the car, `,
          ),
        ),
      },
    ]);
    // One incident, from the first trouble seen, now a full outage.
    expect((await stored()).incidents).toEqual([
      expect.objectContaining({ start: T0 + websiteFirstSeenDown * MIN, end: null, worst: 'outage' }),
    ]);
  });
});

describe('A full outage that eases to a partial one and falls again', () => {
  it('is an outage since it fell again, not since it first was one', () => {
    const partial = probesWith({ website: maintenance });
    const full = feb14Outage();
    const { polls } = awake(
      [
        pollAt('2023-02-14T10:00:00Z', probesWith()),
        pollAt('2023-02-14T10:10:00Z', partial),
        pollAt('2023-02-14T10:10:30Z', partial),
        pollAt('2023-02-14T10:30:00Z', full),
        pollAt('2023-02-14T10:30:30Z', full),
        pollAt('2023-02-14T10:40:00Z', partial),
        pollAt('2023-02-14T10:40:30Z', partial),
        pollAt('2023-02-14T10:50:00Z', full),
        pollAt('2023-02-14T10:50:30Z', full),
      ],
      2 * 60_000,
    );
    const config = { ...DEFAULT_TRACKER_CONFIG, region: 'eu' as const, pollMinutes: 2 };
    const s = polls.reduce((snapshot, poll) => reduceSnapshot(snapshot, poll, config), emptySnapshot('eu'));
    expect(s.incidents).toHaveLength(1);
    expect(incidentStory(s, Date.parse('2023-02-14T10:51:00Z'))).toEqual({
      kind: 'outage',
      since: Date.parse('2023-02-14T10:50:00Z'),
    });
  });
});
