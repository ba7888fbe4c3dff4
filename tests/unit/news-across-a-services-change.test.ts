/**
 * A change of services is no news, and the state the new scope finds is a baseline; but when the
 * owner's region was being judged all along, a transition the next poll confirms is news (issue 24,
 * case 10): Tesla seen back, or a partial outage grown into a full one. Through the real worker
 * service over a fake Tesla: the settings change derives again and polls, as it does for the owner.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { CONFIRM_ALARM, POLL_ALARM } from '../../utils/engine/scheduler';
import { DEFAULT_SETTINGS, type Settings } from '../../utils/engine/settings';
import { settingsItem } from '../../utils/browser/storage';
import { fakeTesla } from '../support/fake-tesla';
import { T0, at, badgeText, freshBrowser, recordNotifications, stored, testWorker } from '../support/worker';

const MIN = 60_000;
const OWNER = 'owner-api.teslamotors.com';
const WEBSITE = 'www.tesla.com';

beforeEach(() => freshBrowser());
afterEach(() => vi.useRealTimers());

type Worker = ReturnType<typeof testWorker>;

/** The 30-second confirmation the worker asks for, if it asked. */
async function confirmIfAsked(bg: Worker): Promise<void> {
  const confirm = await fakeBrowser.alarms.get(CONFIRM_ALARM);
  if (!confirm) return;
  at(confirm.scheduledTime - T0);
  await fakeBrowser.alarms.clear(CONFIRM_ALARM);
  await bg.handleAlarm(CONFIRM_ALARM);
}

async function pollAt(bg: Worker, minutes: number): Promise<void> {
  at(minutes * MIN);
  await bg.handleAlarm(POLL_ALARM);
  await confirmIfAsked(bg);
}

/** The owner changes which services are watched; the worker derives again and polls. */
async function changeServices(bg: Worker, services: Settings['services'], atMs: number): Promise<void> {
  await settingsItem.setValue({ ...DEFAULT_SETTINGS, services });
  at(atMs);
  const polled = (await stored()).checkedAt;
  await bg.handleSettingsChanged();
  // The situation: the change made a poll of its own.
  expect((await stored()).checkedAt).toBe(T0 + atMs);
  expect(polled).not.toBe(T0 + atMs);
}

describe('News across a change of services', () => {
  it('announces Tesla back when the poll the change made confirms the recovery', async () => {
    const tesla = fakeTesla({ [OWNER]: 'maintenance' });
    const seen = recordNotifications();
    const bg = testWorker(tesla.fetchFn);
    at(0);
    await bg.poll();
    await confirmIfAsked(bg);
    expect(seen.map((n) => n.title)).toEqual(['Tesla outage']);
    tesla.modes[OWNER] = 'healthy';
    await pollAt(bg, 4); // the first healthy poll: the recovery is being confirmed
    expect(await badgeText()).toBe('✕');
    // Unticking the website, which no car feature needs, and the poll it makes confirms it.
    await changeServices(bg, ['owner-api', 'fleet-api', 'sign-in'], 4 * MIN + 10_000);
    expect(await badgeText()).toBe('✓');
    expect((await stored()).incidents).toEqual([expect.objectContaining({ end: T0 + 4 * MIN, ended: 'back' })]);
    await pollAt(bg, 6);
    expect(seen.map((n) => n.title)).toEqual(['Tesla outage', 'Tesla is back']);
    // And it stays on the screen: the outage's notification was replaced, not just cleared.
    expect(Object.values(await fakeBrowser.notifications.getAll())).toEqual([
      expect.objectContaining({ title: 'Tesla is back' }),
    ]);
  });

  it('announces a partial outage grown into a full one when the change’s poll confirms it', async () => {
    const tesla = fakeTesla({ [WEBSITE]: 'maintenance' });
    const seen = recordNotifications();
    const bg = testWorker(tesla.fetchFn);
    at(0);
    await bg.poll();
    await confirmIfAsked(bg);
    expect(await badgeText()).toBe('!');
    tesla.modes[OWNER] = 'maintenance';
    at(2 * MIN);
    await bg.handleAlarm(POLL_ALARM); // one poll of the full outage: not confirmed yet
    expect(await badgeText()).toBe('!');
    // Unticking sign-in, which no car feature needs; the change's poll confirms the full outage.
    await changeServices(bg, ['owner-api', 'fleet-api', 'website'], 2 * MIN + 10_000);
    expect(await badgeText()).toBe('✕');
    expect(seen).toEqual([
      expect.objectContaining({ title: 'Tesla partial outage' }),
      {
        title: 'Tesla outage',
        message: expect.stringMatching(
          /^Your phone key still works over Bluetooth\. Since 10:36, unavailable: Remote access/,
        ),
      },
    ]);
  });

  it('goes on with the same incident, announced once, when a service unticked in an outage is ticked again', async () => {
    const tesla = fakeTesla({ [OWNER]: 'maintenance' });
    const seen = recordNotifications();
    const bg = testWorker(tesla.fetchFn);
    at(0);
    await bg.poll();
    await confirmIfAsked(bg);
    // The owner stops watching the Owner API, then watches it again: the car is judged again from
    // nothing, and the outage it finds goes on as the incident it was; no second "Tesla outage".
    await changeServices(bg, ['fleet-api', 'sign-in', 'website'], 1 * MIN);
    await changeServices(bg, DEFAULT_SETTINGS.services, 2 * MIN);
    await pollAt(bg, 4);
    await pollAt(bg, 6);
    expect(await badgeText()).toBe('✕');
    expect(seen.map((n) => n.title)).toEqual(['Tesla outage']);
    expect((await stored()).incidents).toEqual([expect.objectContaining({ start: T0, end: null, recurred: 0 })]);
  });
});
