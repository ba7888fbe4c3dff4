import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { NOTIFICATION_ID } from '../../utils/browser/background-service';
import { evidenceLogItem } from '../../utils/browser/evidence-storage';
import { snapshotItem } from '../../utils/browser/storage';
import { PROBES } from '../../utils/engine/probes';
import { fakeTesla } from '../support/fake-tesla';
import { T0, at, badgeText, freshBrowser, testWorker } from '../support/worker';
import { POLL_ALARM } from '../../utils/engine/scheduler';

const MIN = 60_000;
const title = () => fakeBrowser.action.getTitle({});

/** From now on every write to storage.local fails, as a full quota or a damaged profile makes it. */
function refuseWrites() {
  vi.spyOn(fakeBrowser.storage.local, 'set').mockRejectedValue(new Error('QUOTA_BYTES quota exceeded'));
  // The worker's console says why, for a maintainer: kept out of the test's output.
  return vi.spyOn(console, 'error').mockImplementation(() => undefined);
}

beforeEach(() => {
  vi.restoreAllMocks();
  freshBrowser();
});

describe('the evidence log, as the worker keeps it', () => {
  it('holds each poll: when, from where, whether the browser was online, and what each probe answered', async () => {
    const tesla = fakeTesla({ 'owner-api.teslamotors.com': 'maintenance' });
    const online = { now: true };
    const worker = testWorker(tesla.fetchFn, { browserOnline: () => online.now });
    await worker.poll();
    at(2 * MIN);
    online.now = false;
    await worker.poll();
    const log = await evidenceLogItem.getValue();
    expect(log.map((poll) => [poll.at, poll.vantage, poll.browserOnline])).toEqual([
      [T0, { kind: 'here', region: 'eu' }, true],
      [T0 + 2 * MIN, { kind: 'here', region: 'eu' }, false],
    ]);
    expect(Object.keys(log[0]?.results ?? {}).sort()).toEqual(PROBES.map((probe) => probe.id).sort());
    expect(log[0]?.results['owner-api']).toMatchObject({ state: 'down', reason: { key: 'reasonMaintenance' } });
    // Offline, nothing was asked: no answer is invented for the poll.
    expect(log[1]?.results).toEqual({});
  });
});

/** A healthy poll saved, then storage refuses every write while Tesla falls and the outage is confirmed. */
async function outageConfirmedUnsaved() {
  const tesla = fakeTesla();
  const worker = testWorker(tesla.fetchFn);
  await worker.poll();
  expect(await fakeBrowser.action.getBadgeText({})).toBe('✓');
  const lastSaved = await snapshotItem.getValue();
  refuseWrites();
  tesla.setAll('maintenance');
  at(2 * MIN);
  await worker.poll();
  at(2 * MIN + 30_000);
  await worker.poll();
  return { worker, lastSaved };
}

describe('when storage refuses to save a poll', () => {
  it('the badge still tells the outage, from memory, and says the history is not being saved', async () => {
    const { worker, lastSaved } = await outageConfirmedUnsaved();
    // Three hours into the outage, polls still failing to save.
    at(3 * 60 * MIN);
    await worker.poll();

    expect(await fakeBrowser.action.getBadgeText({})).toBe('✕');
    expect(await title()).toMatch(/^Tesla: outage since .*The history is not being saved/);
    // Nothing stored was lost or half-written: the last good poll is still there.
    expect(await snapshotItem.getValue()).toEqual(lastSaved);
  });

  it('still notifies the outage it confirmed', async () => {
    await outageConfirmedUnsaved();
    const shown = await fakeBrowser.notifications.getAll();
    expect(shown[NOTIFICATION_ID]).toMatchObject({ title: expect.stringMatching(/outage/i) });
  });

  it('stops saying so once a write succeeds again', async () => {
    const tesla = fakeTesla();
    const worker = testWorker(tesla.fetchFn);
    const logged = refuseWrites();
    await worker.poll();
    expect(await title()).toContain('The history is not being saved');
    expect(logged).toHaveBeenCalledWith('[tesla-status] the poll could not be saved', expect.any(Error));
    vi.restoreAllMocks();
    at(2 * MIN);
    await worker.poll();
    expect(await title()).not.toContain('The history is not being saved');
    expect((await evidenceLogItem.getValue()).map((poll) => poll.at)).toEqual([T0, T0 + 2 * MIN]);
  });
});

const worker = testWorker;

describe('attempts at a false state that hold', () => {
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
});
