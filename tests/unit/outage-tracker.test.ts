import { describe, expect, it } from 'vitest';
import { FEATURE_IDS } from '../../utils/engine/features';
import { durationMs } from '../../utils/engine/format';
import { DEFAULT_TRACKER_CONFIG, advanceTrack, isOffline, reduceSnapshot, type PollResult, type TrackerConfig } from '../../utils/engine/outage-tracker';
import { displayedOverall, emptySnapshot, emptyTrack, openIncident, MAX_INCIDENTS, MAX_SAMPLES, type Snapshot } from '../../utils/engine/snapshot';
import { awake, everyProbe, failed, feb14Outage, healthy, maintenance, pollAt, probesWith, slow, timedOut } from '../support/polls';

const eu: TrackerConfig = { ...DEFAULT_TRACKER_CONFIG, region: 'eu' };

function replay(polls: PollResult[], config = eu, start: Snapshot = emptySnapshot(config.region)): Snapshot[] {
  const out: Snapshot[] = [];
  let snapshot = start;
  for (const poll of polls) {
    snapshot = reduceSnapshot(snapshot, poll, config);
    out.push(snapshot);
  }
  return out;
}

/** Snapshots at each key poll, from a browser that stayed awake between them (see `awake`). */
function replayAwake(polls: PollResult[], config = eu): Snapshot[] {
  const { polls: all, keys } = awake(polls);
  const snapshots = replay(all, config);
  return keys.map((key) => snapshots[key]!);
}

describe('14 February 2023, replayed', () => {
  // 05:34 US Eastern is 10:34 UTC. Apparently fixed early afternoon, then down again.
  const steps = [
    pollAt('2023-02-14T10:30:00Z', probesWith()),
    pollAt('2023-02-14T10:34:00Z', feb14Outage()),
    pollAt('2023-02-14T10:34:30Z', feb14Outage()),
    pollAt('2023-02-14T11:30:00Z', feb14Outage()),
    pollAt('2023-02-14T12:30:00Z', probesWith()),
    pollAt('2023-02-14T12:32:00Z', probesWith()),
    pollAt('2023-02-14T13:10:00Z', feb14Outage()),
    pollAt('2023-02-14T13:10:30Z', feb14Outage()),
    pollAt('2023-02-14T15:00:00Z', probesWith()),
    pollAt('2023-02-14T15:02:00Z', probesWith()),
  ];
  const snapshots = replayAwake(steps);
  const at = (i: number) => snapshots[i]!;
  const t = (iso: string) => Date.parse(iso);

  it('starts operational', () => {
    expect(displayedOverall(at(0))).toBe('operational');
    expect(at(0).incidents).toEqual([]);
  });

  it('does not declare an outage on the first failing poll', () => {
    expect(displayedOverall(at(1))).toBe('operational');
    expect(at(1).regions.eu.pending).toBe('down');
    expect(at(1).incidents).toEqual([]);
  });

  it('declares it on the confirmation, dated from the first failing poll', () => {
    expect(displayedOverall(at(2))).toBe('outage');
    expect(at(2).regions.eu.since).toBe(t('2023-02-14T10:34:00Z'));
    expect(at(2).incidents).toHaveLength(1);
    expect(at(2).incidents[0]).toMatchObject({ start: t('2023-02-14T10:34:00Z'), end: null, worst: 'outage', recurred: 0 });
  });

  it('names what is down and keeps the phone key and the website working', () => {
    const features = at(2).features;
    for (const id of ['remote-access', 'sentry-camera', 'climate', 'dog-camp-mode', 'charging', 'third-party-apps'] as const) {
      expect(features[id].level, id).toBe('down');
      expect(features[id].since, id).toBe(t('2023-02-14T10:34:00Z'));
    }
    expect(features['remote-access'].reason).toEqual({ key: 'reasonMaintenance' });
    expect(features['phone-key']).toMatchObject({ level: 'up', reason: { key: 'reasonBluetooth' } });
    expect(features['account-website'].level).toBe('up');
    expect(features['sign-in'].level).toBe('up');
    expect(at(2).incidents[0]!.features).toEqual(['remote-access', 'sentry-camera', 'climate', 'dog-camp-mode', 'charging', 'third-party-apps']);
  });

  it('spares China, and says so per region', () => {
    for (const s of snapshots) expect(s.regions.cn.level).toBe('up');
    expect(at(3).regions.na.level).toBe('down');
    expect(at(3).incidents[0]!.regions).toEqual(['na', 'eu']);
  });

  it('waits for two healthy polls before calling it over, and ends it at the first', () => {
    expect(displayedOverall(at(4))).toBe('outage');
    expect(displayedOverall(at(5))).toBe('operational');
    expect(at(5).incidents[0]).toMatchObject({ end: t('2023-02-14T12:30:00Z'), recurred: 0 });
    expect(openIncident(at(5))).toBeUndefined();
  });

  it('reopens the same incident on the relapse and marks it recurred', () => {
    expect(displayedOverall(at(6))).toBe('operational');
    expect(displayedOverall(at(7))).toBe('outage');
    expect(at(7).incidents).toHaveLength(1);
    expect(at(7).incidents[0]).toMatchObject({ start: t('2023-02-14T10:34:00Z'), end: null, recurred: 1 });
    expect(at(7).regions.eu.since).toBe(t('2023-02-14T13:10:00Z'));
  });

  it('ends the day with one closed, recurred incident', () => {
    expect(displayedOverall(at(9))).toBe('operational');
    expect(at(9).incidents).toEqual([
      expect.objectContaining({ start: t('2023-02-14T10:34:00Z'), end: t('2023-02-14T15:00:00Z'), recurred: 1 }),
    ]);
  });

  it('keeps a timeline sample for every poll', () => {
    const all = awake(steps).polls;
    expect(at(9).samples.map((s) => s.t)).toEqual(all.map((poll) => poll.at));
    const keyTimes = new Set(steps.map((poll) => poll.at));
    expect(at(9).samples.filter((s) => keyTimes.has(s.t)).map((s) => s.s)).toEqual([
      'operational', 'operational', 'outage', 'outage', 'outage', 'operational', 'operational', 'outage', 'outage', 'operational',
    ]);
  });

  it('for a user in China, the same day is quiet', () => {
    const cn = replayAwake(steps, { ...eu, region: 'cn' });
    expect(cn.map(displayedOverall).every((s) => s === 'operational')).toBe(true);
    expect(cn.at(-1)!.incidents).toEqual([]);
  });
});

describe('reduceSnapshot', () => {
  it('opens a new incident when the failure comes back more than an hour after recovery', () => {
    const s = replay([
      pollAt('2023-02-14T10:00:00Z', feb14Outage()),
      pollAt('2023-02-14T10:01:00Z', feb14Outage()),
      pollAt('2023-02-14T10:10:00Z', probesWith()),
      pollAt('2023-02-14T10:11:00Z', probesWith()),
      pollAt('2023-02-14T11:20:00Z', feb14Outage()),
      pollAt('2023-02-14T11:21:00Z', feb14Outage()),
    ]).at(-1)!;
    expect(s.incidents).toHaveLength(2);
    expect(s.incidents[1]).toMatchObject({ start: Date.parse('2023-02-14T11:20:00Z'), recurred: 0, end: null });
  });

  it('calls a failing website alone a partial outage', () => {
    const probes = probesWith({ website: maintenance });
    const s = replay([pollAt('2023-02-14T10:00:00Z', probes), pollAt('2023-02-14T10:02:00Z', probes)]).at(-1)!;
    expect(displayedOverall(s)).toBe('degraded');
    expect(s.features['account-website'].level).toBe('down');
    expect(s.features['remote-access'].level).toBe('up');
    expect(s.incidents[0]).toMatchObject({ worst: 'degraded', features: ['account-website'] });
  });

  it('calls a slow Owner API degraded, not an outage', () => {
    const probes = probesWith({ 'owner-api': slow });
    const s = replay([pollAt('2023-02-14T10:00:00Z', probes), pollAt('2023-02-14T10:02:00Z', probes)]).at(-1)!;
    expect(displayedOverall(s)).toBe('degraded');
  });

  it('treats one Tesla host unreachable while the others answer as that host down', () => {
    const probes = probesWith({ 'owner-api': timedOut });
    const s = replay([pollAt('2023-02-14T10:00:00Z', probes), pollAt('2023-02-14T10:02:00Z', probes)]).at(-1)!;
    expect(displayedOverall(s)).toBe('outage');
    expect(s.features.charging.reason).toEqual({ key: 'reasonTimeout', values: ['8'] });
  });

  it('says unknown, never outage, when the user is offline, and keeps what it knew', () => {
    const confirmed = replay([pollAt('2023-02-14T10:00:00Z', feb14Outage()), pollAt('2023-02-14T10:01:00Z', feb14Outage())]).at(-1)!;
    const offline = reduceSnapshot(confirmed, pollAt('2023-02-14T10:03:00Z', everyProbe(failed), false), eu);
    expect(displayedOverall(offline)).toBe('unknown');
    expect(offline.regions).toEqual(confirmed.regions);
    expect(offline.incidents).toEqual(confirmed.incidents);
    expect(offline.samples.at(-1)).toMatchObject({ t: Date.parse('2023-02-14T10:03:00Z'), s: 'unknown' });
  });

  it('lets neither a 3-hour gap nor an offline poll end an outage', () => {
    const s = replay([
      pollAt('2023-02-14T10:00:00Z', feb14Outage()),
      pollAt('2023-02-14T10:01:00Z', feb14Outage()),
      pollAt('2023-02-14T13:05:00Z', everyProbe(failed), false),
      pollAt('2023-02-14T13:06:00Z', feb14Outage()),
    ]).at(-1)!;
    expect(displayedOverall(s)).toBe('outage');
    expect(s.regions.eu.since).toBe(Date.parse('2023-02-14T10:00:00Z'));
    expect(s.incidents).toHaveLength(1);
    expect(s.incidents[0]!.start).toBe(Date.parse('2023-02-14T10:00:00Z'));
  });

  it('never ends an incident before it started when the clock jumps back', () => {
    const s = replay([
      pollAt('2023-02-14T10:00:00Z', feb14Outage()),
      pollAt('2023-02-14T10:01:00Z', feb14Outage()),
      pollAt('2023-02-14T09:00:00Z', probesWith()),
      pollAt('2023-02-14T09:01:00Z', probesWith()),
    ]).at(-1)!;
    const incident = s.incidents[0]!;
    expect(incident.end).not.toBeNull();
    expect(incident.end!).toBeGreaterThanOrEqual(incident.start);
    expect(durationMs(incident.start, incident.end!)).toBe(0);
  });

  it('caps the history and the 24-hour series', () => {
    let s = emptySnapshot('eu');
    const base = Date.parse('2023-01-01T00:00:00Z');
    for (let i = 0; i < 3 * (MAX_INCIDENTS + 5); i++) {
      // Failing, failing (declared), healthy, healthy (ended): one incident each 4 polls, 2 h apart.
      const at = base + i * 3 * 60 * 60_000;
      for (const [offset, probes] of [[0, feb14Outage()], [60_000, feb14Outage()], [120_000, probesWith()], [180_000, probesWith()]] as const) {
        s = reduceSnapshot(s, { at: at + offset, online: true, probes }, eu);
      }
    }
    expect(s.incidents).toHaveLength(MAX_INCIDENTS);
    expect(s.samples.length).toBeLessThanOrEqual(MAX_SAMPLES);
    const last = s.samples.at(-1)!.t;
    expect(s.samples.every((sample) => sample.t > last - 24 * 60 * 60_000)).toBe(true);
  });
});

describe('advanceTrack', () => {
  it('changes severity within trouble at once, and health only after the streak', () => {
    let track = advanceTrack(emptyTrack(), 'up', 0, eu);
    track = advanceTrack(track, 'degraded', 1, eu);
    track = advanceTrack(track, 'degraded', 2, eu);
    expect(track).toMatchObject({ level: 'degraded', since: 1 });
    track = advanceTrack(track, 'down', 3, eu);
    expect(track).toMatchObject({ level: 'down', since: 1 });
  });

  it('restarts the streak when a healthy poll interrupts it', () => {
    let track = advanceTrack(emptyTrack(), 'up', 0, eu);
    track = advanceTrack(track, 'down', 1, eu);
    track = advanceTrack(track, 'up', 2, eu);
    track = advanceTrack(track, 'down', 3, eu);
    expect(track).toMatchObject({ level: 'up', pending: 'down', pendingSince: 3, streak: 1 });
  });

  it('honours other thresholds', () => {
    const strict = { ...eu, downAfter: 3 };
    let track = emptyTrack();
    for (const at of [1, 2]) track = advanceTrack(track, 'down', at, strict);
    expect(track.level).toBe('up');
    track = advanceTrack(track, 'down', 3, strict);
    expect(track).toMatchObject({ level: 'down', since: 1 });
  });
});

describe('isOffline', () => {
  it('is true when the browser says so or nothing reached any host', () => {
    expect(isOffline(probesWith(), false)).toBe(true);
    expect(isOffline(everyProbe(timedOut), true)).toBe(true);
    expect(isOffline({}, true)).toBe(true);
    expect(isOffline(probesWith({ 'owner-api': timedOut }), true)).toBe(false);
    expect(isOffline(everyProbe(maintenance), true)).toBe(false);
  });
});

describe('invariants over random poll sequences', () => {
  function rng(seed: number) {
    return () => {
      seed = (seed * 1664525 + 1013904223) >>> 0;
      return seed / 2 ** 32;
    };
  }
  const choices = [healthy, healthy, healthy, maintenance, slow, timedOut, failed];

  it('hold for 300 sequences of 40 polls', { timeout: 30_000 }, () => {
    const random = rng(42);
    for (let run = 0; run < 300; run++) {
      const config: TrackerConfig = { ...eu, region: (['na', 'eu', 'cn'] as const)[run % 3]! };
      let s = emptySnapshot(config.region);
      let at = Date.parse('2023-02-14T00:00:00Z');
      let failingStreak = 0;
      let everTwoInARow = false;
      for (let i = 0; i < 40; i++) {
        // Mostly forward, sometimes a long gap, sometimes the clock jumps back.
        const r = random();
        at += r < 0.1 ? -30 * 60_000 : r < 0.2 ? 3 * 60 * 60_000 : Math.floor(random() * 5 * 60_000);
        const offline = random() < 0.1;
        const probes = offline ? everyProbe(failed) : probesWith(Object.fromEntries(
          ['owner-api', 'owner-api-cn', 'fleet-api-na', 'fleet-api-eu', 'fleet-api-cn', 'sign-in', 'sign-in-cn', 'website']
            .map((id) => [id, choices[Math.floor(random() * choices.length)]!]),
        ));
        const online = !isOffline(probes, !offline);
        const before = s;
        s = reduceSnapshot(s, { at, online, probes }, config);

        if (online) {
          const failing = s.regions[config.region].pending !== null
            ? s.regions[config.region].pending !== 'up'
            : s.regions[config.region].level !== 'up';
          failingStreak = failing ? failingStreak + 1 : 0;
          if (failingStreak >= 2) everTwoInARow = true;
        } else {
          expect(displayedOverall(s)).toBe('unknown');
          expect(s.incidents).toEqual(before.incidents);
        }
        for (const incident of s.incidents) {
          if (incident.end !== null) expect(incident.end).toBeGreaterThanOrEqual(incident.start);
        }
        expect(s.incidents.filter((incident) => incident.end === null).length).toBeLessThanOrEqual(1);
        if (!everTwoInARow) expect(s.incidents).toEqual([]);
        for (const id of FEATURE_IDS) expect(['up', 'degraded', 'down']).toContain(s.features[id].level);
      }
    }
  });
});
