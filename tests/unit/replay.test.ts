import { beforeEach, describe, expect, it } from 'vitest';
import { evidenceLogItem } from '../../utils/browser/evidence-storage';
import { settingsItem, snapshotItem } from '../../utils/browser/storage';
import { replayLog } from '../../utils/engine/derive/apply-poll';
import { fakeTesla } from '../support/fake-tesla';
import { at, freshBrowser, testWorker } from '../support/worker';

const MIN = 60_000;

beforeEach(() => freshBrowser());

describe('replaying the evidence log', () => {
  it.each([
    ['an outage, being offline and the recovery', {}],
    [
      "the same, with China's Fleet API asking to wait",
      { 'fleet-api.prd.cn.vn.cloud.tesla.cn': 'rate-limited' as const },
    ],
  ])('gives back, poll by poll, the very snapshot the worker stored: %s', async (_, modes) => {
    const tesla = fakeTesla({ ...modes });
    const online = { now: true };
    const worker = testWorker(tesla.fetchFn, { browserOnline: () => online.now });
    const story: [number, () => void][] = [
      [0, () => undefined],
      [2 * MIN, () => Object.assign(tesla.modes, { 'owner-api.teslamotors.com': 'maintenance' })],
      [2 * MIN + 30_000, () => undefined],
      [4 * MIN, () => (online.now = false)],
      [6 * MIN, () => (online.now = true)],
      [8 * MIN, () => Object.assign(tesla.modes, { 'owner-api.teslamotors.com': 'healthy' })],
      [8 * MIN + 30_000, () => undefined],
    ];
    const stored = [];
    for (const [ms, change] of story) {
      change();
      at(ms);
      await worker.poll();
      stored.push(await snapshotItem.getValue());
    }
    const replayed = replayLog(await evidenceLogItem.getValue(), await settingsItem.getValue());
    expect(replayed.map((step) => step.snapshot)).toEqual(stored);
    // The story it tells has the outage in it, and its end.
    expect(stored.at(-1)?.incidents).toHaveLength(1);
    expect(stored.at(-1)?.incidents[0]?.end).not.toBeNull();
  });
});
