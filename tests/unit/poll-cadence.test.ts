import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { settingsItem, snapshotItem } from '../../utils/browser/storage';
import { DEFAULT_SETTINGS } from '../../utils/engine/settings';
import { CONFIRM_ALARM, POLL_ALARM } from '../../utils/engine/scheduler';
import { fakeTesla, type FakeTesla } from '../support/fake-tesla';
import { T0, at, freshBrowser, testWorker } from '../support/worker';

const MIN = 60_000;
const OWNER = 'owner-api.teslamotors.com';
const WEBSITE = 'www.tesla.com';

beforeEach(() => freshBrowser());

/** The worker as the browser drives it: the periodic alarm every `pollMinutes`, and each confirmation alarm. */
async function run(worker: ReturnType<typeof testWorker>, fromMin: number, toMin: number, pollMinutes = 2) {
  for (let minute = fromMin; minute <= toMin; minute += pollMinutes) {
    at(minute * MIN);
    await worker.handleAlarm(POLL_ALARM);
    const confirm = await fakeBrowser.alarms.get(CONFIRM_ALARM);
    if (confirm && confirm.scheduledTime <= T0 + (minute + pollMinutes) * MIN) {
      at(confirm.scheduledTime - T0);
      await worker.handleAlarm(CONFIRM_ALARM);
      await fakeBrowser.alarms.clear(CONFIRM_ALARM);
    }
  }
}

const hostsAsked = (tesla: FakeTesla, host: string) => tesla.calls.filter((call) => new URL(call.url).host === host);

describe('the polite cadence', () => {
  it('asks at most 90 times an hour while all is well, at the default 2 minutes, and the sign-in page 6 times', async () => {
    const tesla = fakeTesla();
    const worker = testWorker(tesla.fetchFn);
    await worker.poll();
    const before = tesla.calls.length;
    await run(worker, 2, 60);
    const hour = tesla.calls.slice(before);
    expect(hour.length).toBeLessThanOrEqual(90);
    // The car's own check every poll.
    expect(hour.filter((call) => new URL(call.url).host === OWNER)).toHaveLength(30);
    // Tesla's sign-in page is reached only by the account page's redirect: once per website check.
    expect(hour.filter((call) => new URL(call.url).host === WEBSITE).length).toBeLessThanOrEqual(6);
  });

  it('still finds a car-features outage within one interval and 30 s', async () => {
    const tesla = fakeTesla();
    const worker = testWorker(tesla.fetchFn);
    await worker.poll();
    await run(worker, 2, 10);
    const falls = T0 + 11 * MIN;
    tesla.modes[OWNER] = 'maintenance';
    for (let minute = 12; minute <= 16 && (await fakeBrowser.action.getBadgeText({})) !== '✕'; minute += 2)
      await run(worker, minute, minute);
    expect(await fakeBrowser.action.getBadgeText({})).toBe('✕');
    expect(Date.now() - falls).toBeLessThanOrEqual(2 * MIN + 30_000);
  });

  it('asks every host in the same poll as soon as the car check answers with trouble: a lone failure is not "offline"', async () => {
    const tesla = fakeTesla();
    const worker = testWorker(tesla.fetchFn);
    await worker.poll();
    await run(worker, 2, 4);
    tesla.modes[OWNER] = 'down-network';
    const before = tesla.calls.length;
    at(6 * MIN);
    await worker.handleAlarm(POLL_ALARM);
    const poll = tesla.calls.slice(before).map((call) => new URL(call.url).host);
    expect(new Set(poll).size).toBeGreaterThan(5);
    expect((await snapshotItem.getValue())?.online).toBe(true);
  });

  it('finds trouble at a resting host on its next turn, then confirms it at the confirmation pace', async () => {
    const tesla = fakeTesla();
    const worker = testWorker(tesla.fetchFn);
    await worker.poll();
    tesla.modes[WEBSITE] = 'bad-gateway';
    await run(worker, 2, 14);
    const website = (await snapshotItem.getValue())?.features['account-website'];
    expect(website?.level).toBe('down');
    // Seen on its first turn after the start (within five intervals), and confirmed 30 s later.
    expect(website?.since).toBeLessThanOrEqual(T0 + 10 * MIN);
    expect(hostsAsked(tesla, WEBSITE).length).toBeGreaterThanOrEqual(3);
  });
});

describe('the rest, at longer intervals', () => {
  it.each([
    [5, 2],
    [10, 1],
    [60, 1],
  ])(
    'at %i minutes, asks the website every %i poll(s): no answer shown is older than 10 minutes',
    async (pollMinutes, every) => {
      await settingsItem.setValue({ ...DEFAULT_SETTINGS, pollMinutes });
      const tesla = fakeTesla();
      const worker = testWorker(tesla.fetchFn);
      await worker.poll();
      for (let poll = 1; poll <= 4; poll++) {
        at(poll * pollMinutes * MIN);
        await worker.handleAlarm(POLL_ALARM);
      }
      expect(hostsAsked(tesla, WEBSITE)).toHaveLength(1 + Math.floor(4 / every));
    },
  );
});
