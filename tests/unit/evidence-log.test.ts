import { describe, expect, it } from 'vitest';
import { LOG_MAX_BYTES, LOG_RETENTION_MS, appendPoll, type PollEvidence } from '../../utils/engine/evidence/log';
import { KEYFRAME_EVERY, encodeLog, parseLog, storedLogBytes } from '../../utils/engine/evidence/stored-log';
import type { ProbeResult } from '../../utils/engine/snapshot';
import { MINUTE } from '../../utils/engine/time';
import { feb14Outage, probesWith, timedOut } from '../support/polls';

const START = Date.parse('2023-02-14T00:00:00Z');

/** A poll with latencies that vary as real ones do, so that only the answers can repeat. */
function pollAtMinute(minute: number, results: Record<string, ProbeResult>, region: 'eu' | 'na' = 'eu'): PollEvidence {
  const varied = Object.fromEntries(
    Object.entries(results).map(([id, result], index) => [
      id,
      { ...result, latencyMs: 60 + ((minute * 7 + index * 13) % 90) },
    ]),
  );
  return { at: START + minute * MINUTE, vantage: { kind: 'here', region }, browserOnline: true, results: varied };
}

/** 27 hours at a 1-minute interval, the worst interval the settings allow, with the 14 February outage in it. */
function dayAtOneMinute(): PollEvidence[] {
  return Array.from({ length: 27 * 60 }, (_, minute) => {
    const down = minute >= 9 * 60 + 34 && minute < 15 * 60;
    const relapse = minute >= 13 * 60 && minute < 13 * 60 + 40;
    return pollAtMinute(minute, down && !relapse ? feb14Outage() : probesWith());
  });
}

/**
 * 27 hours of a flapping Tesla at a 1-minute interval: down one minute, up the next, and every
 * failure checked again 30 s later (found working), with latencies up to a second.
 */
function flappingDay(): PollEvidence[] {
  return Array.from({ length: 27 * 60 }, (_, minute) => {
    const poll = pollAtMinute(minute, minute % 2 ? feb14Outage() : probesWith());
    const latency = (at: PollEvidence, k: number) =>
      Object.fromEntries(
        Object.entries(at.results).map(([id, r], i) => [
          id,
          { ...r, latencyMs: 60 + ((minute * 7 + i * 13 + k) % 900) },
        ]),
      );
    const first = { ...poll, results: latency(poll, 0) };
    if (minute % 2 === 0) return [first];
    const again = pollAtMinute(minute, probesWith());
    return [first, { ...again, at: again.at + 30_000, results: latency(again, 5) }];
  }).flat();
}

const roundTrip = (log: PollEvidence[]) => parseLog(JSON.parse(JSON.stringify(encodeLog(log))));

describe('the evidence log', () => {
  it('reads back every poll as it was seen: time, vantage point, connectivity and each answer', () => {
    const log = [
      pollAtMinute(0, probesWith()),
      pollAtMinute(1, feb14Outage()),
      { ...pollAtMinute(2, {}), browserOnline: false },
      pollAtMinute(3, probesWith({ website: timedOut }), 'na'),
      pollAtMinute(4, probesWith({ website: timedOut }), 'na'),
    ];
    expect(roundTrip(log)).toEqual(log);
  });

  it('holds 27 hours of polls at a 1-minute interval well within its budget', () => {
    const log = dayAtOneMinute();
    const bytes = storedLogBytes(log);
    // About 62 bytes a poll: 89 KB a day at 1 minute, 44 KB at the default 2 (docs/architecture.md).
    expect(bytes).toBeLessThan(LOG_MAX_BYTES / 2);
    expect(roundTrip(log)).toEqual(log);
  });

  it('holds 27 hours of a flapping Tesla at a 1-minute interval, each failure checked again, within its budget', () => {
    const log = flappingDay();
    // An answer given a few polls before is stored as how far back: about 105 bytes a poll.
    expect(storedLogBytes(log)).toBeLessThanOrEqual(LOG_MAX_BYTES);
    const last = log.at(-1) as PollEvidence;
    expect(appendPoll(log.slice(0, -1), last, storedLogBytes)).toHaveLength(log.length);
    expect(roundTrip(log)).toEqual(log);
  });

  it.each([1, 0, -2, 2.5, 'two', KEYFRAME_EVERY])(
    'drops an entry that refers back to %j entries, and those built on it, up to the next whole one',
    (back) => {
      const log = flappingDay().slice(0, KEYFRAME_EVERY + 10);
      const stored = encodeLog(log);
      // Entry 2 is the check 30 s after the first failure: "up", as two entries before.
      const entry = stored.polls[2] as unknown as { p: Record<string, unknown> };
      expect(entry.p['owner-api']).toBe(2);
      entry.p['owner-api'] = back;
      expect(parseLog(JSON.parse(JSON.stringify(stored)))).toEqual([...log.slice(0, 2), ...log.slice(KEYFRAME_EVERY)]);
    },
  );

  it('never refers back past a whole entry: one corrupt entry before it costs nothing after it', () => {
    const log = flappingDay().slice(0, KEYFRAME_EVERY + 10);
    const stored = encodeLog(log);
    (stored.polls[KEYFRAME_EVERY - 1] as unknown as Record<string, unknown>).d = 'later';
    expect(parseLog(JSON.parse(JSON.stringify(stored)))).toEqual([
      ...log.slice(0, KEYFRAME_EVERY - 1),
      ...log.slice(KEYFRAME_EVERY),
    ]);
  });

  it('drops a corrupt entry and the entries built on it, up to the next whole one, and keeps the rest', () => {
    const log = Array.from({ length: KEYFRAME_EVERY * 2 + 5 }, (_, minute) =>
      pollAtMinute(minute, minute % 2 ? feb14Outage() : probesWith()),
    );
    const stored = encodeLog(log);
    (stored.polls[5] as unknown as Record<string, unknown>).t = 'yesterday';
    const read = parseLog(JSON.parse(JSON.stringify(stored)));
    expect(read).toEqual([...log.slice(0, 5), ...log.slice(KEYFRAME_EVERY)]);
  });

  it('never tells a poll with answers that belong to another', () => {
    const log = Array.from({ length: 6 }, (_, minute) =>
      pollAtMinute(minute, minute < 3 ? probesWith() : feb14Outage()),
    );
    const stored = encodeLog(log);
    const changed = stored.polls[3] as unknown as { p: Record<string, unknown> };
    changed.p['owner-api'] = { state: 'on fire' };
    expect(parseLog(JSON.parse(JSON.stringify(stored)))).toEqual(log.slice(0, 3));
  });

  it.each([null, undefined, 42, 'log', [], { polls: 'many' }, { polls: [null, 1, 'x'] }])(
    'reads %j as an empty log',
    (raw) => {
      expect(parseLog(raw)).toEqual([]);
    },
  );

  it('forgets polls beyond its retention on either side of the new one, and keeps the order they were made in', () => {
    const old = pollAtMinute(0, probesWith());
    const recent = pollAtMinute(60, probesWith());
    const now = { ...pollAtMinute(61, feb14Outage()), at: old.at + LOG_RETENTION_MS + 30 * MINUTE };
    // Polls made before the clock was set back an hour: later than now, but plausible.
    const aheadAfterClockSetBack = { ...recent, at: now.at + 60 * MINUTE };
    const far = { ...recent, at: now.at + LOG_RETENTION_MS + MINUTE };
    const log = appendPoll([old, recent, far, aheadAfterClockSetBack], now, storedLogBytes);
    expect(log.map((poll) => poll.at)).toEqual([recent.at, aheadAfterClockSetBack.at, now.at]);
  });

  it('keeps within its byte budget by forgetting the oldest polls first', () => {
    const log = dayAtOneMinute().slice(0, 200);
    const last = pollAtMinute(200, feb14Outage());
    const kept = appendPoll(log, last, (entries) => entries.length * 2_000);
    expect(kept.length * 2_000).toBeLessThanOrEqual(LOG_MAX_BYTES);
    expect(kept.at(-1)).toBe(last);
    expect(kept[0]?.at).toBeGreaterThan(log[0]?.at ?? Number.POSITIVE_INFINITY);
    expect(kept.map((poll) => poll.at)).toEqual([...log, last].slice(-kept.length).map((poll) => poll.at));
  });
});
