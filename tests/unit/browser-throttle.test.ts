import { describe, expect, it } from 'vitest';
import { THROTTLE_MEMORY_MS, keepThrottledAnswers } from '../../utils/browser-throttle';
import { isOffline } from '../../utils/outage-tracker';
import type { ProbeResult } from '../../utils/snapshot';
import { everyProbe, failed, healthy, maintenance, probesWith, timedOut } from '../support/polls';

const T = 1_000_000;
const http503: ProbeResult = { state: 'down', reason: { key: 'reasonHttp', values: ['503'] }, latencyMs: 40 };
const http502: ProbeResult = { state: 'down', reason: { key: 'reasonHttp', values: ['502'] }, latencyMs: 40 };

describe('keepThrottledAnswers', () => {
  it('reads a refused request right after a 503 as the same 503, so a long outage never looks offline', () => {
    const previous = everyProbe(maintenance);
    const merged = keepThrottledAnswers(previous, T, everyProbe(failed), T + 120_000);
    expect(merged).toEqual(previous);
    expect(isOffline(merged, true)).toBe(false);
  });

  it('only for 500/503, which Chromium throttles; not for 502 or a timeout', () => {
    const previous = probesWith({ 'owner-api': http503, 'fleet-api-na': http502, 'fleet-api-eu': maintenance });
    const current = probesWith({ 'owner-api': failed, 'fleet-api-na': failed, 'fleet-api-eu': timedOut });
    const merged = keepThrottledAnswers(previous, T, current, T + 60_000);
    expect(merged['owner-api']).toEqual(http503);
    expect(merged['fleet-api-na']).toEqual(failed);
    expect(merged['fleet-api-eu']).toEqual(timedOut);
  });

  it('forgets an old answer, and never replaces a real one', () => {
    expect(keepThrottledAnswers(everyProbe(maintenance), T, everyProbe(failed), T + THROTTLE_MEMORY_MS + 1)).toEqual(everyProbe(failed));
    expect(keepThrottledAnswers(everyProbe(maintenance), T, everyProbe(healthy), T + 1)).toEqual(everyProbe(healthy));
    expect(keepThrottledAnswers(undefined, null, everyProbe(failed), T)).toEqual(everyProbe(failed));
    expect(keepThrottledAnswers(everyProbe(maintenance), T, everyProbe(failed), T - 1)).toEqual(everyProbe(failed));
  });
});
