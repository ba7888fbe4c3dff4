import { describe, expect, it } from 'vitest';
import { THROTTLE_MEMORY_MS, keepThrottledAnswers } from '../../utils/engine/throttled-answers';
import { isOffline } from '../../utils/engine/outage-tracker';
import type { ProbeResult } from '../../utils/engine/snapshot';
import { everyProbe, failed, healthy, maintenance, probesWith, timedOut } from '../support/polls';

const T = 1_000_000;
const http503: ProbeResult = {
  state: 'down',
  reason: { key: 'reasonHttp', values: ['503'] },
  status: 503,
  latencyMs: 40,
};
const http502: ProbeResult = {
  state: 'down',
  reason: { key: 'reasonHttp', values: ['502'] },
  status: 502,
  generic: true,
  latencyMs: 40,
};

describe('keepThrottledAnswers', () => {
  it('reads a refused request right after a 503 as the same 503 while other Tesla hosts answer', () => {
    const previous = probesWith({ 'owner-api': maintenance, 'fleet-api-na': maintenance });
    const current = probesWith({ 'owner-api': failed, 'fleet-api-na': failed });
    const merged = keepThrottledAnswers(previous, T, current, T + 120_000);
    expect(merged['owner-api']).toEqual({ ...maintenance, observedAt: T });
    expect(merged['fleet-api-na']).toEqual({ ...maintenance, observedAt: T });
  });

  it('reuses nothing when no probe got an HTTP answer: the user may be the one offline', () => {
    const merged = keepThrottledAnswers(everyProbe(maintenance), T, everyProbe(failed), T + 120_000);
    expect(merged).toEqual(everyProbe(failed));
    expect(isOffline(merged, true)).toBe(true);
  });

  it('counts the memory from when Tesla gave the answer, not from the last reuse', () => {
    const current = probesWith({ 'owner-api': failed });
    const reused = keepThrottledAnswers(probesWith({ 'owner-api': maintenance }), T, current, T + 10 * 60_000);
    expect(reused['owner-api']).toEqual({ ...maintenance, observedAt: T });
    // The next poll sees the reused answer as its previous one: its time is still T.
    const again = keepThrottledAnswers(reused, T + 10 * 60_000, current, T + THROTTLE_MEMORY_MS + 1);
    expect(again['owner-api']).toEqual(failed);
  });

  it('only for 500/503, which Chromium throttles; not for 502 or a timeout', () => {
    const previous = probesWith({ 'owner-api': http503, 'fleet-api-na': http502, 'fleet-api-eu': maintenance });
    const current = probesWith({ 'owner-api': failed, 'fleet-api-na': failed, 'fleet-api-eu': timedOut });
    const merged = keepThrottledAnswers(previous, T, current, T + 60_000);
    expect(merged['owner-api']).toEqual({ ...http503, observedAt: T });
    expect(merged['fleet-api-na']).toEqual(failed);
    expect(merged['fleet-api-eu']).toEqual(timedOut);
  });

  it('forgets an old answer, and never replaces a real one', () => {
    expect(keepThrottledAnswers(everyProbe(maintenance), T, everyProbe(failed), T + THROTTLE_MEMORY_MS + 1)).toEqual(
      everyProbe(failed),
    );
    expect(keepThrottledAnswers(everyProbe(maintenance), T, everyProbe(healthy), T + 1)).toEqual(everyProbe(healthy));
    expect(keepThrottledAnswers(undefined, null, everyProbe(failed), T)).toEqual(everyProbe(failed));
    expect(keepThrottledAnswers(everyProbe(maintenance), T, everyProbe(failed), T - 1)).toEqual(everyProbe(failed));
  });
});

describe('keepThrottledAnswers at its edges', () => {
  const owner = (result: ProbeResult) => probesWith({ 'owner-api': result });
  const current = owner(failed);

  it('reuses nothing without a previous poll, whatever half of it is missing', () => {
    expect(keepThrottledAnswers(undefined, T, current, T + 60_000)).toEqual(current);
    // Probes without the time of their poll: nothing says how old they are.
    expect(keepThrottledAnswers(owner({ ...http503, observedAt: T }), null, current, T + 60_000)).toEqual(current);
  });

  it('never reuses an answer from the future (a clock set back), and reuses one from this very instant', () => {
    expect(keepThrottledAnswers(owner(http503), T + 60_000, current, T)['owner-api']).toEqual(failed);
    expect(keepThrottledAnswers(owner(http503), T, current, T)['owner-api']).toEqual({ ...http503, observedAt: T });
  });

  it('keeps an answer for exactly its memory, not a millisecond more', () => {
    expect(keepThrottledAnswers(owner(http503), T, current, T + THROTTLE_MEMORY_MS)['owner-api']).toEqual({
      ...http503,
      observedAt: T,
    });
    expect(keepThrottledAnswers(owner(http503), T, current, T + THROTTLE_MEMORY_MS + 1)['owner-api']).toEqual(failed);
  });

  it('reuses only a failing answer: a stored 503 that is not "down" (another version) is not one', () => {
    expect(keepThrottledAnswers(owner({ ...http503, state: 'up' }), T, current, T + 60_000)['owner-api']).toEqual(
      failed,
    );
    expect(keepThrottledAnswers(owner({ ...http503, state: 'degraded' }), T, current, T + 60_000)['owner-api']).toEqual(
      failed,
    );
  });
});
