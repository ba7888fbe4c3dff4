import { describe, expect, it } from 'vitest';
import {
  BACKOFF_CAP_MS,
  CONFIRM_DELAY_MS,
  MAX_JITTER_MS,
  RETRY_AFTER_CAP_MS,
  isPollDue,
  isStale,
  jitterMs,
  needsCatchUp,
  planAfterPoll,
} from '../../utils/scheduler';
import { emptySnapshot } from '../../utils/snapshot';
import { everyProbe, failed, feb14Outage, pollAt, probesWith } from '../support/polls';
import { replaySnapshots } from '../support/snapshots';

const MIN = 60_000;

describe('planAfterPoll', () => {
  it('plans nothing special when all is well', () => {
    const s = replaySnapshots([pollAt('2023-02-14T10:00:00Z', probesWith())]);
    expect(planAfterPoll(s, 2, s.checkedAt!)).toEqual({ confirmAt: null, notBefore: null });
  });

  it('confirms a first failure 30 seconds later', () => {
    const s = replaySnapshots([pollAt('2023-02-14T10:00:00Z', feb14Outage())]);
    expect(planAfterPoll(s, 2, s.checkedAt!).confirmAt).toBe(s.checkedAt! + CONFIRM_DELAY_MS);
  });

  it('does not confirm anything from an offline poll', () => {
    const s = replaySnapshots([pollAt('2023-02-14T10:00:00Z', everyProbe(failed), false)]);
    expect(planAfterPoll(s, 2, s.checkedAt!)).toEqual({ confirmAt: null, notBefore: null });
  });

  it('honours Retry-After, capped at 15 minutes, for the confirmation too', () => {
    const limited = { state: 'degraded' as const, reason: { key: 'reasonRateLimited' }, latencyMs: 50, retryAfterSec: 300 };
    const s = replaySnapshots([pollAt('2023-02-14T10:00:00Z', probesWith({ 'owner-api': limited }))]);
    const now = s.checkedAt!;
    expect(planAfterPoll(s, 2, now)).toEqual({ confirmAt: now + 5 * MIN, notBefore: now + 5 * MIN });
    const greedy = replaySnapshots([pollAt('2023-02-14T10:00:00Z', probesWith({ 'owner-api': { ...limited, retryAfterSec: 86_400 } }))]);
    expect(planAfterPoll(greedy, 2, now).notBefore).toBe(now + RETRY_AFTER_CAP_MS);
  });

  it('backs off gradually during a long outage, up to 10 minutes, never stopping', () => {
    const s = replaySnapshots([pollAt('2023-02-14T10:00:00Z', feb14Outage()), pollAt('2023-02-14T10:00:30Z', feb14Outage())]);
    const start = Date.parse('2023-02-14T10:00:00Z');
    expect(planAfterPoll(s, 2, start + 1 * MIN).notBefore).toBeNull();
    const after20 = planAfterPoll(s, 2, start + 20 * MIN).notBefore!;
    expect(after20 - (start + 20 * MIN)).toBe(5 * MIN);
    const after3h = planAfterPoll(s, 2, start + 180 * MIN).notBefore!;
    expect(after3h - (start + 180 * MIN)).toBe(BACKOFF_CAP_MS);
  });

  it('confirms a recovery at the normal pace', () => {
    const s = replaySnapshots([
      pollAt('2023-02-14T10:00:00Z', feb14Outage()),
      pollAt('2023-02-14T10:00:30Z', feb14Outage()),
      pollAt('2023-02-14T13:00:00Z', probesWith()),
    ]);
    expect(planAfterPoll(s, 2, s.checkedAt!)).toEqual({ confirmAt: null, notBefore: null });
  });

  it('never backs off below the chosen interval', () => {
    const s = replaySnapshots([pollAt('2023-02-14T10:00:00Z', feb14Outage()), pollAt('2023-02-14T10:00:30Z', feb14Outage())]);
    expect(planAfterPoll(s, 30, Date.parse('2023-02-14T15:00:00Z')).notBefore).toBeNull();
  });
});

describe('freshness', () => {
  const s = replaySnapshots([pollAt('2023-02-14T10:00:00Z', probesWith())]);
  const at = s.checkedAt!;
  it('calls a snapshot stale after three intervals and catches up after two', () => {
    expect(isStale(s, 2, at + 6 * MIN)).toBe(false);
    expect(isStale(s, 2, at + 6 * MIN + 1)).toBe(true);
    expect(needsCatchUp(s, 2, at + 4 * MIN)).toBe(false);
    expect(needsCatchUp(s, 2, at + 4 * MIN + 1)).toBe(true);
    expect(isStale(null, 2, at)).toBe(true);
    expect(isStale(emptySnapshot(), 2, at)).toBe(true);
  });

  it('skips routine polls before notBefore', () => {
    expect(isPollDue({ ...s, notBefore: at + MIN }, at)).toBe(false);
    expect(isPollDue({ ...s, notBefore: at + MIN }, at + MIN)).toBe(true);
    expect(isPollDue(null, at)).toBe(true);
  });

  it('jitters within a few seconds', () => {
    expect(jitterMs(() => 0)).toBe(0);
    expect(jitterMs(() => 0.999999)).toBeLessThan(MAX_JITTER_MS);
  });
});
