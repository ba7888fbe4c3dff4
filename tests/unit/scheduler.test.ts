import { describe, expect, it } from 'vitest';
import {
  BACKOFF_CAP_MS,
  CLOCK_TOLERANCE_MS,
  CONFIRM_ALARM,
  CONFIRM_DELAY_MS,
  POLL_ALARM,
  evidenceEnd,
  MAX_JITTER_MS,
  RETRY_AFTER_CAP_MS,
  isOverdue,
  isPollDue,
  isStale,
  jitterMs,
  nextPollDue,
  planAfterPoll,
  probeHolds,
} from '../../utils/engine/scheduler';
import { emptySnapshot } from '../../utils/engine/snapshot';
import { everyProbe, failed, feb14Outage, pollAt, probesWith } from '../support/polls';
import { replaySnapshots } from '../support/snapshots';

const MIN = 60_000;

/** A 429 asking to wait 5 minutes, as classified. */
const limited = {
  state: 'degraded' as const,
  reason: { key: 'reasonRateLimited' },
  latencyMs: 50,
  retryAfterSec: 300,
};

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

  it('holds only the host that asked (capped at 15 minutes); a failure seen only there is re-checked when it may be asked', () => {
    const s = replaySnapshots([pollAt('2023-02-14T10:00:00Z', probesWith({ 'owner-api': limited }))]);
    const now = s.checkedAt!;
    expect(probeHolds(s, now)).toEqual({ 'owner-api': now + 5 * MIN });
    // The other hosts keep their pace: no hold on the whole poll.
    expect(planAfterPoll(s, 2, now)).toEqual({ confirmAt: now + 5 * MIN, notBefore: null });
    const greedy = replaySnapshots([
      pollAt('2023-02-14T10:00:00Z', probesWith({ 'owner-api': { ...limited, retryAfterSec: 86_400 } })),
    ]);
    expect(probeHolds(greedy, now)).toEqual({ 'owner-api': now + RETRY_AFTER_CAP_MS });
  });

  it('re-checks a failure at once when a host that did not ask to wait fails too', () => {
    const s = replaySnapshots([pollAt('2023-02-14T10:00:00Z', { ...feb14Outage(), 'fleet-api-cn': limited })]);
    const now = s.checkedAt!;
    expect(planAfterPoll(s, 2, now).confirmAt).toBe(now + CONFIRM_DELAY_MS);
  });

  it('holds the whole poll only when every host asked to wait, until the first may be asked', () => {
    const s = replaySnapshots([
      pollAt(
        '2023-02-14T10:00:00Z',
        Object.fromEntries(
          Object.keys(probesWith()).map((id, index) => [id, { ...limited, retryAfterSec: 120 + index * 60 }]),
        ),
      ),
    ]);
    const now = s.checkedAt!;
    expect(planAfterPoll(s, 2, now).notBefore).toBe(now + 2 * MIN);
  });

  it('counts Retry-After from when Tesla asked: an answer reused for a throttled request asks nothing new', () => {
    const s = replaySnapshots([
      pollAt(
        '2023-02-14T10:00:00Z',
        probesWith({ 'owner-api': { ...limited, observedAt: Date.parse('2023-02-14T09:58:00Z') } }),
      ),
    ]);
    const now = s.checkedAt!;
    expect(probeHolds(s, now)).toEqual({ 'owner-api': Date.parse('2023-02-14T10:03:00Z') });
    // Asked long enough ago: no hold left at all.
    const old = replaySnapshots([
      pollAt(
        '2023-02-14T10:00:00Z',
        probesWith({ 'owner-api': { ...limited, observedAt: Date.parse('2023-02-14T09:50:00Z') } }),
      ),
    ]);
    expect(probeHolds(old, old.checkedAt!)).toEqual({});
  });

  it('backs off gradually during a long outage, up to 10 minutes, never stopping', () => {
    const s = replaySnapshots([
      pollAt('2023-02-14T10:00:00Z', feb14Outage()),
      pollAt('2023-02-14T10:00:30Z', feb14Outage()),
    ]);
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
    const s = replaySnapshots([
      pollAt('2023-02-14T10:00:00Z', feb14Outage()),
      pollAt('2023-02-14T10:00:30Z', feb14Outage()),
    ]);
    expect(planAfterPoll(s, 30, Date.parse('2023-02-14T15:00:00Z')).notBefore).toBeNull();
  });
});

describe('freshness: one rule for when the next poll is due', () => {
  const s = replaySnapshots([pollAt('2023-02-14T10:00:00Z', probesWith())]);
  const at = s.checkedAt!;
  it('is due one interval after the last poll; overdue a minute later; stale after another interval and a margin', () => {
    expect(nextPollDue(s, 2, at)).toEqual({ at: at + 2 * MIN, held: false });
    expect(isOverdue(s, 2, at + 3 * MIN - 1)).toBe(false);
    expect(isOverdue(s, 2, at + 3 * MIN)).toBe(true);
    expect(isStale(s, 2, at + 5 * MIN)).toBe(false);
    expect(isStale(s, 2, at + 5 * MIN + 1)).toBe(true);
    expect(isStale(null, 2, at)).toBe(true);
    expect(isStale(emptySnapshot(), 2, at)).toBe(true);
  });

  it('is held by notBefore: routine alarms skip, and nothing is overdue or stale before it', () => {
    const held = { ...s, notBefore: at + 10 * MIN };
    expect(nextPollDue(held, 2, at)).toEqual({ at: at + 10 * MIN, held: true });
    expect(isPollDue(held, 2, at + 9 * MIN)).toBe(false);
    expect(isPollDue(held, 2, at + 10 * MIN)).toBe(true);
    expect(isOverdue(held, 2, at + 10 * MIN)).toBe(false);
    expect(isStale(held, 2, at + 12 * MIN)).toBe(false);
    expect(isPollDue(null, 2, at)).toBe(true);
    // Without a hold the alarm's own period sets the pace: it polls whenever it fires.
    expect(isPollDue(s, 2, at + MIN)).toBe(true);
  });

  it('distrusts times from the future: a checkedAt ahead of the clock, or a notBefore beyond the cap', () => {
    expect(nextPollDue(s, 2, at - 8 * 60 * MIN)).toBeNull();
    expect(isStale(s, 2, at - 8 * 60 * MIN)).toBe(true);
    expect(isOverdue(s, 2, at - 8 * 60 * MIN)).toBe(true);
    const corrupt = { ...s, notBefore: at + RETRY_AFTER_CAP_MS + 5 * MIN };
    expect(nextPollDue(corrupt, 2, at)).toBeNull();
    expect(isPollDue(corrupt, 2, at)).toBe(true);
    // A small skew is not a jump.
    expect(nextPollDue(s, 2, at - 30_000)).toEqual({ at: at + 2 * MIN, held: false });
  });

  it('jitters within a few seconds', () => {
    expect(jitterMs(() => 0)).toBe(0);
    expect(jitterMs(() => 0.999999)).toBeLessThan(MAX_JITTER_MS);
  });
});

describe('the schedule at its edges', () => {
  const T = Date.parse('2023-02-14T10:00:00Z');
  const furthest = RETRY_AFTER_CAP_MS + CLOCK_TOLERANCE_MS;

  it('keeps its alarm names from one version to the next: a renamed alarm would leave the old one firing', () => {
    expect([POLL_ALARM, CONFIRM_ALARM]).toEqual(['poll', 'confirm']);
  });

  it('trusts a last poll up to the clock tolerance in the future, not a millisecond more', () => {
    expect(nextPollDue(null, 2, T)).toBeNull();
    expect(nextPollDue({ checkedAt: null, notBefore: null }, 2, T)).toBeNull();
    expect(nextPollDue({ checkedAt: T + CLOCK_TOLERANCE_MS, notBefore: null }, 2, T)).toEqual({
      at: T + CLOCK_TOLERANCE_MS + 2 * MIN,
      held: false,
    });
    expect(nextPollDue({ checkedAt: T + CLOCK_TOLERANCE_MS + 1, notBefore: null }, 2, T)).toBeNull();
  });

  it('holds the next poll only for a notBefore past the regular time, and not further than any plan sets it', () => {
    const regular = T + 2 * MIN;
    expect(nextPollDue({ checkedAt: T, notBefore: regular }, 2, T)).toEqual({ at: regular, held: false });
    expect(nextPollDue({ checkedAt: T, notBefore: regular + 1 }, 2, T)).toEqual({ at: regular + 1, held: true });
    // At most the Retry-After cap plus the clock tolerance ahead, of now and of the last poll alike.
    expect(nextPollDue({ checkedAt: T, notBefore: T + furthest }, 2, T)).toEqual({ at: T + furthest, held: true });
    expect(nextPollDue({ checkedAt: T, notBefore: T + furthest + 1 }, 2, T)).toBeNull();
    // Far from the last poll but near now (a poll long ago): still more than any plan sets.
    expect(nextPollDue({ checkedAt: T - furthest, notBefore: T + 3 * MIN }, 2, T)).toBeNull();
    // Near the last poll but far from now (the clock was set back, less than the tolerance).
    expect(nextPollDue({ checkedAt: T + CLOCK_TOLERANCE_MS, notBefore: T + furthest + 1 }, 2, T)).toBeNull();
  });

  it('ends the evidence of an untrusted snapshot at its own last poll, or at once', () => {
    expect(evidenceEnd({ checkedAt: null, notBefore: null }, 2, T)).toBe(T);
    // A last poll from the future is not trusted for a schedule: its evidence ends where it says it was taken.
    expect(evidenceEnd({ checkedAt: T + 2 * CLOCK_TOLERANCE_MS, notBefore: null }, 2, T)).toBe(
      T + 2 * CLOCK_TOLERANCE_MS,
    );
  });

  it('spreads polls over up to 5 seconds of jitter, never more', () => {
    expect(MAX_JITTER_MS).toBe(5_000);
    expect(jitterMs(() => 0)).toBe(0);
    expect(jitterMs(() => 0.5)).toBe(2_500);
    expect(jitterMs(() => 0.9999)).toBe(4_999);
  });

  it('waits for a Retry-After only while it runs: one that ends now holds nothing', () => {
    const s = replaySnapshots([pollAt('2023-02-14T10:00:00Z', probesWith())]);
    const probes = {
      ...s.probes,
      'owner-api': { ...s.probes['owner-api']!, retryAfterSec: 60, observedAt: s.checkedAt! - 60_000 },
    };
    expect(probeHolds({ ...s, probes }, s.checkedAt!)).toEqual({});
    expect(probeHolds({ ...s, probes }, s.checkedAt! - 1)).toEqual({ 'owner-api': s.checkedAt! });
  });

  it('never backs off while all is well, however long it has been well', () => {
    const s = replaySnapshots([
      pollAt('2023-02-14T06:00:00Z', probesWith()),
      pollAt('2023-02-14T10:00:00Z', probesWith()),
    ]);
    expect(s.regions.eu.since).toBe(Date.parse('2023-02-14T06:00:00Z'));
    expect(planAfterPoll(s, 2, s.checkedAt!)).toEqual({ confirmAt: null, notBefore: null });
  });

  it('backs off only while Tesla is reached and down, never while the user is offline', () => {
    const long = replaySnapshots([
      pollAt('2023-02-14T08:00:00Z', feb14Outage()),
      pollAt('2023-02-14T08:00:30Z', feb14Outage()),
      pollAt('2023-02-14T10:00:00Z', feb14Outage()),
    ]);
    expect(planAfterPoll(long, 2, long.checkedAt!).notBefore).toBe(long.checkedAt! + BACKOFF_CAP_MS);
    expect(planAfterPoll({ ...long, online: false }, 2, long.checkedAt!).notBefore).toBeNull();
  });

  it('confirms soon a feature that fails while the whole is steady', () => {
    const s = replaySnapshots([pollAt('2023-02-14T10:00:00Z', probesWith())]);
    const features = {
      ...s.features,
      'sign-in': { ...s.features['sign-in'], pending: 'down' as const, pendingSince: s.checkedAt!, streak: 1 },
    };
    expect(planAfterPoll({ ...s, features }, 2, s.checkedAt!).confirmAt).toBe(s.checkedAt! + CONFIRM_DELAY_MS);
  });
});
