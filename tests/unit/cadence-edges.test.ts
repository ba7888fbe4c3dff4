import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { snapshotItem } from '../../utils/browser/storage';
import { applyPoll } from '../../utils/engine/derive/apply-poll';
import type { PollEvidence } from '../../utils/engine/evidence/log';
import { pollCadence } from '../../utils/engine/poll-cadence';
import { PROBES } from '../../utils/engine/probes';
import { POLL_ALARM } from '../../utils/engine/scheduler';
import { DEFAULT_SETTINGS } from '../../utils/engine/settings';
import type { ProbeResult } from '../../utils/engine/snapshot';
import { fakeTesla } from '../support/fake-tesla';
import { healthy, probesWith } from '../support/polls';
import { replaySnapshots } from '../support/snapshots';
import { POPUP, T0, at, freshBrowser, place, testWorker } from '../support/worker';

const MIN = 60_000;
const DAY = 24 * 60 * MIN;
const OWNER = 'owner-api.teslamotors.com';
const asked = (calls: { url: string }[], host: string) =>
  calls.filter((call) => new URL(call.url).host === host).length;

beforeEach(() => freshBrowser());

// Each case below was found by an adversarial review of the polite cadence and per-host Retry-After.
describe('the cadence at its edges', () => {
  it('a check when every host asked to wait asks nothing, and is not "you seem to be offline"', async () => {
    const tesla = fakeTesla();
    tesla.setAll('rate-limited');
    tesla.retryAfter = '900';
    const worker = testWorker(tesla.fetchFn);
    await worker.poll();
    const calls = tesla.calls.length;
    at(3 * MIN);
    await worker.handleMessage({ type: 'checkNow' }, POPUP);
    expect(tesla.calls).toHaveLength(calls);
    expect((await snapshotItem.getValue())?.online).toBe(true);
    expect(await fakeBrowser.action.getTitle({})).not.toMatch(/offline/i);
  });

  it('a clock set back a day does not freeze a host that asked to wait', async () => {
    freshBrowser(DAY);
    const tesla = fakeTesla({ [OWNER]: 'rate-limited' });
    const worker = testWorker(tesla.fetchFn);
    await worker.poll();
    tesla.modes[OWNER] = 'healthy';
    for (let minute = 2; minute <= 10; minute += 2) {
      at(minute * MIN); // a day earlier than the poll above
      await worker.handleAlarm(POLL_ALARM);
    }
    expect(asked(tesla.calls, OWNER)).toBeGreaterThan(1);
    expect((await snapshotItem.getValue())?.features['remote-access'].level).toBe('up');
  });

  it("the owner's slow link is still the owner's, beside a fast answer kept from a host that asked to wait", () => {
    const slow = (result: ProbeResult): ProbeResult => ({ ...result, latencyMs: 5_200, slow: true, state: 'degraded' });
    const heldFast: ProbeResult = {
      ...healthy,
      latencyMs: 150,
      retryAfterSec: 900,
      state: 'degraded',
      cause: 'rate-limit',
    };
    let s = replaySnapshots([{ at: T0, online: true, probes: probesWith({ 'fleet-api-cn': heldFast }) }]);
    for (const ms of [2 * MIN, 4 * MIN]) {
      const results = Object.fromEntries(
        PROBES.filter((probe) => probe.id !== 'fleet-api-cn').map((probe) => [probe.id, slow(healthy)]),
      );
      const poll: PollEvidence = { at: T0 + ms, vantage: { kind: 'here', region: 'eu' }, browserOnline: true, results };
      s = applyPoll(s, poll, DEFAULT_SETTINGS);
    }
    expect(s.features['remote-access'].level).toBe('up');
  });

  it("another region's recovery is confirmed by fresh answers, not by one answer kept", () => {
    const down: ProbeResult = { state: 'down', reason: { key: 'reasonMaintenance' }, latencyMs: 50, status: 503 };
    let s = replaySnapshots([
      { at: T0, online: true, probes: probesWith({ 'fleet-api-na': down }) },
      { at: T0 + 30_000, online: true, probes: probesWith({ 'fleet-api-na': down }) },
    ]);
    expect(s.regions.na.level).not.toBe('up');
    // It recovers: the next poll that asks it sees it healthy; the one after must ask it again.
    const first = pollCadence(s, PROBES, 'eu', 2, T0 + 10 * MIN).first.map((probe) => probe.id);
    expect(first).toContain('fleet-api-na');
    s = applyPoll(
      s,
      { at: T0 + 10 * MIN, vantage: { kind: 'here', region: 'eu' }, browserOnline: true, results: probesWith() },
      DEFAULT_SETTINGS,
    );
    expect(s.regions.na.pending).toBe('up');
    expect(pollCadence(s, PROBES, 'eu', 2, T0 + 12 * MIN).first.map((probe) => probe.id)).toContain('fleet-api-na');
  });

  it('a move judges the region entered from its own answers, every one, on the first poll there', async () => {
    place.timeZone = 'Asia/Shanghai';
    const tesla = fakeTesla();
    const worker = testWorker(tesla.fetchFn);
    await worker.poll();
    at(2 * MIN);
    await worker.poll();
    place.timeZone = 'Europe/Paris';
    const before = tesla.calls.length;
    at(4 * MIN);
    await worker.poll();
    expect(asked(tesla.calls.slice(before), OWNER)).toBe(1);
    expect(tesla.calls.length - before).toBe(PROBES.length);
  });
});
