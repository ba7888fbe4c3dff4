/**
 * Travel: arriving where Tesla is already down, the owner finds an outage that nobody here saw begin.
 * It is "since at least" the first poll there, never "since" as if it had just begun (issue 24, point 4).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { badgeFor } from '../../utils/engine/badge';
import { DEFAULT_TRACKER_CONFIG, reduceSnapshot, type TrackerConfig } from '../../utils/engine/outage-tracker';
import { DEFAULT_SETTINGS } from '../../utils/engine/settings';
import { emptySnapshot, endedBack, type ProbeResult, type Snapshot } from '../../utils/engine/snapshot';
import { incidentStory } from '../../utils/engine/story';
import { tEn } from '../support/i18n';
import { feb14Outage, maintenance, pollAt, probesWith } from '../support/polls';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { NOTIFICATION_ID } from '../../utils/browser/background-service';
import { settingsItem } from '../../utils/browser/storage';
import { regionFromTimeZone } from '../../utils/engine/region-guess';
import { fakeTesla } from '../support/fake-tesla';
import { confirmedOutage, shown, workerOver } from '../support/outages';
import { T0, at, badgeText, freshBrowser, place, recordNotifications, stored } from '../support/worker';

const eu: TrackerConfig = { ...DEFAULT_TRACKER_CONFIG, region: 'eu' };
const na: TrackerConfig = { ...DEFAULT_TRACKER_CONFIG, region: 'na' };
const t = (hhmm: string) => Date.parse(`2023-02-14T${hhmm}Z`);

function run(steps: Array<[string, Record<string, ProbeResult>, TrackerConfig]>): Snapshot {
  return steps.reduce(
    (s, [hhmm, probes, config]) => reduceSnapshot(s, pollAt(`2023-02-14T${hhmm}Z`, probes), config),
    emptySnapshot('eu'),
  );
}

describe('Arriving where Tesla is already down', () => {
  const naDown = probesWith({ 'fleet-api-na': maintenance });
  const steps: Array<[string, Record<string, ProbeResult>, TrackerConfig]> = [
    ['10:00:00', naDown, eu],
    ['10:02:00', naDown, eu],
    ['10:04:00', naDown, eu],
    // Landed in New York: the Fleet API there has been down all along.
    ['10:06:00', naDown, na],
    ['10:06:30', naDown, na],
    ['10:08:00', naDown, na],
  ];

  it('is down "since at least" the first poll there, not since then', () => {
    const s = run(steps);
    const now = t('10:09:00');
    expect(incidentStory(s, now)).toEqual({
      kind: 'degraded',
      since: t('10:06:00'),
      beforeGap: { status: 'unknown', at: t('10:06:00') },
    });
    const title = badgeFor(s, {
      t: tEn,
      locale: 'en-GB',
      now,
      pollMinutes: 2,
      services: DEFAULT_SETTINGS.services,
    }).title;
    expect(title).toMatch(/^Tesla: partial outage since at least 10:06 /);
  });

  /** Tesla down worldwide from 10:02, watched from Europe. */
  const downInEurope: Array<[string, Record<string, ProbeResult>, TrackerConfig]> = [
    ['10:00:00', probesWith(), eu],
    ['10:02:00', feb14Outage(), eu],
    ['10:02:30', feb14Outage(), eu],
    ['10:04:00', feb14Outage(), eu],
  ];

  it('never tells the outage left behind as back: nobody saw Europe recover', () => {
    const s = run([
      ...downInEurope,
      // Asleep on the flight; awake in New York, Tesla still down.
      ['18:00:00', feb14Outage(), na],
      ['18:00:30', feb14Outage(), na],
      ['18:02:00', feb14Outage(), na],
    ]);
    const europe = s.incidents.find((incident) => incident.region === 'eu');
    expect(europe).toMatchObject({ ended: 'unwatched' });
    expect(europe && endedBack(europe)).toBe(false);
  });

  it('tells an outage watched since 10:02 and met again on arrival since 10:02, not since the arrival', () => {
    const s = run([
      ...downInEurope,
      // The region set to North America, down too: one outage as the owner lives it.
      ['10:06:00', feb14Outage(), na],
      ['10:06:30', feb14Outage(), na],
      ['10:08:00', feb14Outage(), na],
    ]);
    expect(s.incidents).toHaveLength(1);
    expect(incidentStory(s, t('10:09:00'))).toEqual({ kind: 'outage', since: t('10:02:00') });
  });

  it('tells an outage that falls after the arrival, watched, since it fell', () => {
    const s = run([
      ['10:00:00', probesWith(), eu],
      ['10:02:00', probesWith(), na],
      ['10:04:00', probesWith(), na],
      ['10:06:00', naDown, na],
      ['10:06:30', naDown, na],
    ]);
    expect(incidentStory(s, t('10:07:00'))).toEqual({ kind: 'degraded', since: t('10:06:00') });
  });
});

const MIN = 60_000;
const OWNER = 'owner-api.teslamotors.com';

const worker = workerOver;

// The worker's own scenarios start on a fresh fake browser, its clock at T0, the owner in Paris.
beforeEach(() => freshBrowser());
afterEach(() => vi.useRealTimers());

describe('the region guess', () => {
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

describe('travelling or changing a setting', () => {
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

describe('a traveller during an open incident', () => {
  it('an outage in the region the owner is now in is notified', async () => {
    const tesla = fakeTesla({ 'fleet-api.prd.eu.vn.cloud.tesla.com': 'maintenance' }); // EU Fleet API down: EU degraded
    const seen = recordNotifications();
    const bg = worker(tesla.fetchFn);
    for (const ms of [0, 30_000]) {
      at(ms);
      await bg.poll();
    }
    expect(seen.map((n) => n.title)).toEqual(['Tesla partial outage']);
    place.timeZone = 'America/New_York'; // the owner flies to New York; EU stays degraded for hours
    for (let m = 2; m <= 20; m += 2) {
      at(m * MIN);
      await bg.poll();
    }
    expect(await badgeText()).toBe('✓');
    tesla.modes[OWNER] = 'maintenance'; // now the Owner API fails: NA cannot reach the car
    for (const ms of [22 * MIN, 22 * MIN + 30_000, 24 * MIN]) {
      at(ms);
      await bg.poll();
    }
    expect(await badgeText()).toBe('✕');
    expect(seen.map((n) => n.title)).toContain('Tesla outage');
  });
});
