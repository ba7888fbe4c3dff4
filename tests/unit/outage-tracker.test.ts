import { describe, expect, it } from 'vitest';
import { bannerState } from '../../utils/engine/banner';
import { isTrouble, judgementOf } from '../../utils/engine/derive/judgement';
import { FEATURES, FEATURE_IDS } from '../../utils/engine/features';
import { durationMs } from '../../utils/engine/format';
import {
  DEFAULT_TRACKER_CONFIG,
  RETIRE_AFTER_MS,
  advanceTrack,
  isOffline,
  reduceSnapshot,
  sameScope,
  type PollResult,
  type TrackerConfig,
} from '../../utils/engine/outage-tracker';
import { PROBES, type Probe } from '../../utils/engine/probes';
import { CLOCK_TOLERANCE_MS } from '../../utils/engine/scheduler';
import { incidentStory } from '../../utils/engine/story';
import { decideNotification } from '../../utils/engine/notifications';
import {
  displayedOverall,
  emptySnapshot,
  featureInTrouble,
  emptyTrack,
  isChecking,
  openIncident,
  overallTrack,
  MAX_INCIDENTS,
  MAX_SAMPLES,
  type ProbeResult,
  type Snapshot,
} from '../../utils/engine/snapshot';
import {
  awake,
  everyProbe,
  failed,
  feb14Outage,
  healthy,
  maintenance,
  pollAt,
  probesWith,
  slow,
  timedOut,
} from '../support/polls';

const eu: TrackerConfig = { ...DEFAULT_TRACKER_CONFIG, region: 'eu' };
const HOUR_MS = 60 * 60_000;

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

  it('does not declare an outage on the first failing poll, nor all working: it is checking', () => {
    expect(displayedOverall(at(1))).toBe('unknown');
    expect(isChecking(at(1))).toBe(true);
    expect(at(1).regions.eu.pending).toBe('down');
    expect(at(1).incidents).toEqual([]);
  });

  it('declares it on the confirmation, dated from the first failing poll', () => {
    expect(displayedOverall(at(2))).toBe('outage');
    expect(at(2).regions.eu.since).toBe(t('2023-02-14T10:34:00Z'));
    expect(at(2).incidents).toHaveLength(1);
    expect(at(2).incidents[0]).toMatchObject({
      start: t('2023-02-14T10:34:00Z'),
      end: null,
      worst: 'outage',
      recurred: 0,
    });
  });

  it('names what is down and keeps the phone key and the website working', () => {
    const features = at(2).features;
    for (const id of [
      'remote-access',
      'sentry-camera',
      'climate',
      'dog-camp-mode',
      'charging',
      'third-party-apps',
    ] as const) {
      expect(features[id].level, id).toBe('down');
      expect(features[id].since, id).toBe(t('2023-02-14T10:34:00Z'));
    }
    expect(features['remote-access'].reason).toEqual({ key: 'reasonMaintenance' });
    expect(features['phone-key']).toMatchObject({ level: 'up', reason: { key: 'reasonBluetooth' } });
    expect(features['account-website'].level).toBe('up');
    expect(features['sign-in'].level).toBe('up');
    expect(at(2).incidents[0]!.features).toEqual([
      'remote-access',
      'sentry-camera',
      'climate',
      'dog-camp-mode',
      'charging',
      'third-party-apps',
    ]);
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
    // The first failing poll of the relapse is being confirmed: neither working nor down yet.
    expect(displayedOverall(at(6))).toBe('unknown');
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
    expect(
      at(9)
        .samples.filter((s) => keyTimes.has(s.t))
        .map((s) => s.s),
    ).toEqual([
      'operational',
      // The first failing poll showed "checking"; once the outage is confirmed, the strip tells it
      // from that poll, as "since" does. Likewise the first healthy poll of each recovery.
      'outage',
      'outage',
      'outage',
      'operational',
      'operational',
      'outage',
      'outage',
      'operational',
      'operational',
    ]);
    // As shown at the time: checking, then the outage; still the outage, then working.
    expect([1, 4, 6, 8].map((i) => displayedOverall(at(i)))).toEqual(['unknown', 'outage', 'unknown', 'outage']);
  });

  it('leaves a change that was never confirmed as it was shown: a single failing poll stays "not known"', () => {
    const blip = replayAwake([
      pollAt('2023-02-14T10:30:00Z', probesWith()),
      pollAt('2023-02-14T10:34:00Z', feb14Outage()),
      pollAt('2023-02-14T10:34:30Z', probesWith()),
      pollAt('2023-02-14T10:36:30Z', probesWith()),
    ]).at(-1)!;
    expect(blip.samples.map((s) => s.s)).toEqual(['operational', 'unknown', 'operational', 'operational']);
    expect(blip.incidents).toEqual([]);
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

  it("takes one Tesla host silent while the others answer as not judged: it may be the owner's network", () => {
    const probes = probesWith({ 'owner-api': timedOut });
    const s = replay([pollAt('2023-02-14T10:00:00Z', probes), pollAt('2023-02-14T10:02:00Z', probes)]).at(-1)!;
    expect(displayedOverall(s)).toBe('unknown');
    expect(s.regions.eu.unjudged).toBe('no-tesla-answer');
    expect(s.features.charging).toMatchObject({ unjudged: 'no-tesla-answer', reason: { key: 'reasonTimeout' } });
    expect(s.incidents).toEqual([]);
  });

  it('says unknown, never outage, when the user is offline, and keeps what it knew', () => {
    const confirmed = replay([
      pollAt('2023-02-14T10:00:00Z', feb14Outage()),
      pollAt('2023-02-14T10:01:00Z', feb14Outage()),
    ]).at(-1)!;
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
      for (const [offset, probes] of [
        [0, feb14Outage()],
        [60_000, feb14Outage()],
        [120_000, probesWith()],
        [180_000, probesWith()],
      ] as const) {
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
  it('confirms a change of severity within trouble as a change of health: two polls, dated from the first', () => {
    let track = advanceTrack(emptyTrack(), { level: 'up' }, 0, eu);
    track = advanceTrack(track, { level: 'degraded' }, 1, eu);
    track = advanceTrack(track, { level: 'degraded' }, 2, eu);
    expect(track).toMatchObject({ level: 'degraded', since: 1 });
    // One poll of a full outage during a partial one: still partial, the escalation being confirmed.
    track = advanceTrack(track, { level: 'down' }, 3, eu);
    expect(track).toMatchObject({ level: 'degraded', since: 1, pending: 'down', pendingSince: 3, streak: 1 });
    expect(judgementOf(track)).toMatchObject({ state: 'confirming', level: 'degraded', toward: 'down' });
    // A partial poll between breaks the streak toward down; two in a row confirm it, from the first.
    track = advanceTrack(track, { level: 'degraded' }, 4, eu);
    expect(track).toMatchObject({ level: 'degraded', since: 1, pending: null });
    track = advanceTrack(track, { level: 'down' }, 5, eu);
    track = advanceTrack(track, { level: 'down' }, 6, eu);
    expect(track).toMatchObject({ level: 'down', since: 5, pending: null });
    // Better within trouble, likewise: still down after one partial poll.
    track = advanceTrack(track, { level: 'degraded' }, 7, eu);
    expect(track).toMatchObject({ level: 'down', since: 5, pending: 'degraded' });
    track = advanceTrack(track, { level: 'degraded' }, 8, eu);
    expect(track).toMatchObject({ level: 'degraded', since: 7 });
  });

  it('confirms the least of a streak of mixed trouble, and the worse last poll as a change of its own', () => {
    // Found by an adversarial review: a website failure, then one poll of the car falling too,
    // confirmed a full outage dated from the poll where only the website failed.
    let track = advanceTrack(emptyTrack(), { level: 'up' }, 0, eu);
    track = advanceTrack(track, { level: 'degraded' }, 1, eu);
    track = advanceTrack(track, { level: 'down' }, 2, eu);
    expect(track).toMatchObject({ level: 'degraded', since: 1, pending: 'down', pendingSince: 2, streak: 1 });
    track = advanceTrack(track, { level: 'down' }, 3, eu);
    expect(track).toMatchObject({ level: 'down', since: 2, pending: null });
    // The other way round: a full outage, then partial: partial since the first, nothing pending.
    track = advanceTrack(emptyTrack(), { level: 'up' }, 0, eu);
    track = advanceTrack(track, { level: 'down' }, 1, eu);
    track = advanceTrack(track, { level: 'degraded' }, 2, eu);
    expect(track).toMatchObject({ level: 'degraded', since: 1, pending: null });
  });

  it('restarts the streak when a healthy poll interrupts it', () => {
    let track = advanceTrack(emptyTrack(), { level: 'up' }, 0, eu);
    track = advanceTrack(track, { level: 'down' }, 1, eu);
    track = advanceTrack(track, { level: 'up' }, 2, eu);
    track = advanceTrack(track, { level: 'down' }, 3, eu);
    expect(track).toMatchObject({ level: 'up', pending: 'down', pendingSince: 3, streak: 1 });
  });

  it('honours other thresholds', () => {
    const strict = { ...eu, downAfter: 3 };
    let track = emptyTrack();
    for (const at of [1, 2]) track = advanceTrack(track, { level: 'down' }, at, strict);
    // Two failing polls from nothing confirmed: nothing is confirmed yet, least of all "working".
    expect(track.level).toBeNull();
    track = advanceTrack(track, { level: 'down' }, 3, strict);
    expect(track).toMatchObject({ level: 'down', since: 1 });
  });

  it('a poll that cannot judge breaks a streak; unwatched ends what was confirmed, silence keeps it', () => {
    let track = advanceTrack(emptyTrack(), { level: 'up' }, 0, eu);
    track = advanceTrack(track, { level: 'down' }, 1, eu);
    track = advanceTrack(track, { level: null, unjudged: 'no-tesla-answer' }, 2, eu);
    expect(track).toMatchObject({ level: 'up', since: 0, pending: null, streak: 0, unjudged: 'no-tesla-answer' });
    track = advanceTrack(track, { level: 'down' }, 3, eu);
    expect(track).toMatchObject({ level: 'up', pending: 'down', pendingSince: 3, streak: 1 });
    expect(track.unjudged).toBeUndefined();
    track = advanceTrack(track, { level: null, unjudged: 'not-watched' }, 4, eu);
    expect(track).toEqual({ ...emptyTrack(), unjudged: 'not-watched' });
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

describe('reduceSnapshot at its edges', () => {
  const at = (iso: string) => Date.parse(iso);
  const notTesla = {
    state: 'unreachable' as const,
    reason: { key: 'reasonNotTesla' as const },
    cause: 'not-tesla' as const,
    status: 200,
    latencyMs: 40,
  };
  const proxyAuth = {
    state: 'unreachable' as const,
    reason: { key: 'reasonProxy' as const },
    cause: 'proxy' as const,
    status: 407,
    latencyMs: 40,
  };
  const last = (polls: PollResult[], config = eu) => replay(polls, config).at(-1)!;
  const twice = (probes: Record<string, ProbeResult>, config = eu) =>
    last([pollAt('2023-02-14T10:00:00Z', probes), pollAt('2023-02-14T10:01:00Z', probes)], config);

  describe('a feature served by two hosts where the owner is takes the worst judged answer, in any order', () => {
    // A second Owner API host for Europe: no such host today, but a feature may well need two.
    const second: Probe = {
      ...PROBES.find((p) => p.id === 'owner-api')!,
      id: 'owner-api-eu2',
      region: 'eu',
      url: 'https://owner-api-eu2.teslamotors.com/api/1/products',
    };
    const config: TrackerConfig = { ...eu, probes: [...PROBES, second] };
    const remote = (first: ProbeResult, other: ProbeResult) =>
      twice({ ...probesWith(), 'owner-api': first, 'owner-api-eu2': other }, config).features['remote-access'];

    it('down wins over working, first or second', () => {
      expect(remote(healthy, maintenance)).toMatchObject({ level: 'down', reason: { key: 'reasonMaintenance' } });
      expect(remote(maintenance, healthy)).toMatchObject({ level: 'down', reason: { key: 'reasonMaintenance' } });
      expect(remote(slow, maintenance)).toMatchObject({ level: 'down', reason: { key: 'reasonMaintenance' } });
      expect(remote(maintenance, slow)).toMatchObject({ level: 'down', reason: { key: 'reasonMaintenance' } });
    });

    it("someone else's page judges nothing: the other host's answer stands", () => {
      expect(remote(notTesla, maintenance)).toMatchObject({ level: 'down', reason: { key: 'reasonMaintenance' } });
      expect(remote(notTesla, maintenance).unjudged).toBeUndefined();
      expect(remote(maintenance, notTesla)).toMatchObject({ level: 'down', reason: { key: 'reasonMaintenance' } });
      expect(remote(healthy, notTesla)).toMatchObject({ level: 'up', reason: { key: 'reasonAnswered' } });
      expect(remote(healthy, notTesla).unjudged).toBeUndefined();
      expect(remote(notTesla, notTesla)).toMatchObject({
        level: null,
        reason: { key: 'reasonNotTesla' },
        unjudged: 'no-tesla-answer',
      });
    });
  });

  it('a proxy asking for credentials judges nothing either: never "down"', () => {
    const s = twice(probesWith({ 'owner-api': proxyAuth }));
    expect(s.features['remote-access']).toMatchObject({
      level: null,
      unjudged: 'no-tesla-answer',
      reason: { key: 'reasonProxy' },
    });
    expect(s.regions.eu).toMatchObject({ level: null, unjudged: 'no-tesla-answer' });
  });

  it('marks as unjudged what was: a feature without any answer, never the phone key', () => {
    const s = twice(Object.fromEntries(Object.entries(probesWith()).filter(([id]) => id !== 'website')));
    expect('unjudged' in s.features['phone-key']).toBe(false);
    expect(s.features['phone-key'].level).toBe('up');
    expect(s.features['account-website']).toMatchObject({ level: null, unjudged: 'no-tesla-answer' });
  });

  it("slowness shared by every answering host is the owner's link, even when a host failed at once", () => {
    const shared = {
      ...probesWith(Object.fromEntries(Object.keys(probesWith()).map((id) => [id, { ...healthy, latencyMs: 2600 }]))),
      'owner-api': slow,
      'fleet-api-cn': failed,
    };
    expect(twice(shared).features['remote-access'].level).toBe('up');
    // Exactly half as slow as the slow one still counts as shared; faster than that does not.
    const boundary = probesWith(
      Object.fromEntries(Object.keys(probesWith()).map((id) => [id, { ...healthy, latencyMs: slow.latencyMs / 2 }])),
    );
    expect(twice({ ...boundary, 'owner-api': slow }).features['remote-access'].level).toBe('up');
    const faster = probesWith(
      Object.fromEntries(
        Object.keys(probesWith()).map((id) => [id, { ...healthy, latencyMs: slow.latencyMs / 2 - 1 }]),
      ),
    );
    expect(twice({ ...faster, 'owner-api': slow }).features['remote-access'].level).toBe('degraded');
  });

  it('an incident that was an outage stays one; a partial one that grows becomes one', () => {
    const websiteDown = probesWith({ website: maintenance });
    const fell = last([
      pollAt('2023-02-14T10:00:00Z', feb14Outage()),
      pollAt('2023-02-14T10:01:00Z', feb14Outage()),
      pollAt('2023-02-14T10:02:00Z', websiteDown),
      pollAt('2023-02-14T10:03:00Z', websiteDown),
    ]);
    expect(fell.incidents).toHaveLength(1);
    expect(fell.incidents[0]).toMatchObject({ worst: 'outage', end: null });
    // And after every partial poll, not every other one.
    const once = last([
      pollAt('2023-02-14T10:00:00Z', feb14Outage()),
      pollAt('2023-02-14T10:01:00Z', feb14Outage()),
      pollAt('2023-02-14T10:02:00Z', websiteDown),
    ]);
    expect(once.incidents[0]!.worst).toBe('outage');
    const grew = last([
      pollAt('2023-02-14T10:00:00Z', websiteDown),
      pollAt('2023-02-14T10:01:00Z', websiteDown),
      pollAt('2023-02-14T10:02:00Z', feb14Outage()),
      pollAt('2023-02-14T10:02:30Z', feb14Outage()),
    ]);
    expect(grew.incidents).toHaveLength(1);
    expect(grew.incidents[0]).toMatchObject({ worst: 'outage', start: Date.parse('2023-02-14T10:00:00Z') });
    // The outage is told from the first poll that saw it, not from the partial one before.
    expect(overallTrack(grew)).toMatchObject({ level: 'down', since: Date.parse('2023-02-14T10:02:00Z') });
    // One poll of it is not yet an outage.
    const blip = last([
      pollAt('2023-02-14T10:00:00Z', websiteDown),
      pollAt('2023-02-14T10:01:00Z', websiteDown),
      pollAt('2023-02-14T10:02:00Z', feb14Outage()),
    ]);
    expect(blip.incidents[0]!.worst).toBe('degraded');
    const partial = last([
      pollAt('2023-02-14T10:00:00Z', websiteDown),
      pollAt('2023-02-14T10:01:00Z', websiteDown),
      pollAt('2023-02-14T10:02:00Z', websiteDown),
    ]);
    expect(partial.incidents[0]!.worst).toBe('degraded');
  });

  it('a failure exactly the relapse window after a recovery reopens the same incident; a millisecond later, a new one', () => {
    const recovered = last([
      pollAt('2023-02-14T10:00:00Z', feb14Outage()),
      pollAt('2023-02-14T10:01:00Z', feb14Outage()),
      pollAt('2023-02-14T10:03:00Z', probesWith()),
      pollAt('2023-02-14T10:05:00Z', probesWith()),
    ]);
    const end = recovered.incidents[0]!.end!;
    const relapseAt = (start: number) => {
      let s = recovered;
      // Healthy polls every 2 minutes until the relapse, so no gap restarts a streak.
      for (let t = at('2023-02-14T10:07:00Z'); t < start; t += 2 * 60_000)
        s = reduceSnapshot(s, { at: t, online: true, probes: probesWith() }, eu);
      s = reduceSnapshot(s, { at: start, online: true, probes: feb14Outage() }, eu);
      return reduceSnapshot(s, { at: start + 60_000, online: true, probes: feb14Outage() }, eu);
    };
    const reopened = relapseAt(end + eu.relapseWindowMs);
    expect(reopened.incidents).toHaveLength(1);
    expect(reopened.incidents[0]).toMatchObject({ recurred: 1, end: null, start: at('2023-02-14T10:00:00Z') });
    const fresh = relapseAt(end + eu.relapseWindowMs + 1);
    expect(fresh.incidents).toHaveLength(2);
    expect(fresh.incidents[1]).toMatchObject({ recurred: 0, end: null, start: end + eu.relapseWindowMs + 1 });
  });

  it('keeps the timeline in time order when the clock is set back, and a day of one-minute polls at most', () => {
    const s = last([pollAt('2023-02-14T10:00:00Z', probesWith()), pollAt('2023-02-14T09:30:00Z', probesWith())]);
    expect(s.samples.map((sample) => sample.t)).toEqual([at('2023-02-14T09:30:00Z'), at('2023-02-14T10:00:00Z')]);

    let many = emptySnapshot('eu');
    const start = at('2023-02-14T00:00:00Z');
    for (let i = 0; i < MAX_SAMPLES + 200; i++)
      many = reduceSnapshot(many, { at: start + i * 30_000, online: true, probes: probesWith() }, eu);
    expect(many.samples).toHaveLength(MAX_SAMPLES);
    expect(many.samples.at(-1)!.t).toBe(start + (MAX_SAMPLES + 199) * 30_000);
  });

  describe('a host that stops connecting', () => {
    const gone = (at: string) => pollAt(at, probesWith({ 'fleet-api-cn': failed }));
    const silent = (at: string) => pollAt(at, probesWith({ 'fleet-api-cn': timedOut }));

    it('a timeout neither starts nor ends its streak; after a sleep it drops it', () => {
      expect(last([silent('2023-02-14T10:00:00Z')]).unreachableSince).toStrictEqual({});
      expect(last([gone('2023-02-14T10:00:00Z'), silent('2023-02-14T10:01:00Z')]).unreachableSince).toStrictEqual({
        'fleet-api-cn': at('2023-02-14T10:00:00Z'),
      });
      expect(last([gone('2023-02-14T10:00:00Z'), silent('2023-02-14T16:00:00Z')]).unreachableSince).toStrictEqual({});
    });

    it('a clock set back restarts the streak at the earlier time', () => {
      expect(last([gone('2023-02-14T10:00:00Z'), gone('2023-02-14T09:59:30Z')]).unreachableSince).toStrictEqual({
        'fleet-api-cn': at('2023-02-14T09:59:30Z'),
      });
    });

    it('is retired after more than a day, not at exactly a day', () => {
      const polls: PollResult[] = [];
      const start = at('2023-02-14T00:00:00Z');
      for (let t = start; t <= start + RETIRE_AFTER_MS; t += 2 * 60_000)
        polls.push({ at: t, online: true, probes: probesWith({ 'fleet-api-cn': failed }) });
      const day = replay(polls);
      expect(day.at(-1)!.checkedAt).toBe(start + RETIRE_AFTER_MS);
      expect(day.at(-1)!.retired).toEqual([]);
      const after = reduceSnapshot(
        day.at(-1)!,
        { at: start + RETIRE_AFTER_MS + 1, online: true, probes: probesWith({ 'fleet-api-cn': failed }) },
        eu,
      );
      expect(after.retired).toEqual(['fleet-api-cn']);
    });
  });

  it('forgets a retired check no longer watched, even on an offline poll', () => {
    const retired: Snapshot = { ...last([pollAt('2023-02-14T10:00:00Z', probesWith())]), retired: ['fleet-api-cn'] };
    const watched = { ...eu, probes: PROBES.filter((p) => p.id !== 'fleet-api-cn') };
    expect(reduceSnapshot(retired, pollAt('2023-02-14T10:02:00Z', everyProbe(failed), false), watched).retired).toEqual(
      [],
    );
    expect(reduceSnapshot(retired, pollAt('2023-02-14T10:02:00Z', everyProbe(failed), false), eu).retired).toEqual([
      'fleet-api-cn',
    ]);
  });

  it('records the active checks sorted, whatever the order they are watched in', () => {
    const s = reduceSnapshot(emptySnapshot('eu'), pollAt('2023-02-14T10:00:00Z', probesWith()), {
      ...eu,
      probes: [...PROBES].reverse(),
    });
    expect(s.activeProbes).toEqual(PROBES.map((p) => p.id).sort());
  });

  it("a first poll in another region than the empty snapshot's is no change of scope", () => {
    const s = reduceSnapshot(emptySnapshot('na'), pollAt('2023-02-14T10:00:00Z', probesWith()), eu);
    expect(s.rescoped).toBe(false);
    expect(s.region).toBe('eu');
  });

  it("a first poll in another region than the empty snapshot's that fails is no change of scope either: the outage it starts is news", () => {
    const first = reduceSnapshot(emptySnapshot('na'), pollAt('2023-02-14T10:00:00Z', feb14Outage()), eu);
    expect(first.rescoped).toBe(false);
    const s = reduceSnapshot(first, pollAt('2023-02-14T10:00:30Z', feb14Outage()), eu);
    expect(decideNotification(first, s)).toMatchObject({ kind: 'outage', delivery: 'show' });
  });

  it('a snapshot stored before polls said until when they hold: a poll within the interval continues the streak, one hours later does not', () => {
    const first = reduceSnapshot(emptySnapshot('eu'), pollAt('2023-02-14T10:00:00Z', feb14Outage()), eu);
    const older: Snapshot = { ...first, evidenceUntil: null };
    expect(displayedOverall(reduceSnapshot(older, pollAt('2023-02-14T10:00:30Z', feb14Outage()), eu))).toBe('outage');
    expect(displayedOverall(reduceSnapshot(older, pollAt('2023-02-14T13:00:00Z', feb14Outage()), eu))).toBe('unknown');
  });

  it('a poll ahead of the last evidence by up to the clock tolerance continues the streak; further back it restarts', () => {
    const first = pollAt('2023-02-14T10:00:00Z', feb14Outage());
    const within = { ...first, at: first.at - CLOCK_TOLERANCE_MS };
    expect(displayedOverall(last([first, within]))).toBe('outage');
    const beyond = { ...first, at: first.at - CLOCK_TOLERANCE_MS - 1 };
    expect(displayedOverall(last([first, beyond]))).toBe('unknown');
  });

  it('a poll exactly when the evidence expires still continues the streak; a millisecond later it restarts', () => {
    const first = reduceSnapshot(emptySnapshot('eu'), pollAt('2023-02-14T10:00:00Z', feb14Outage()), eu);
    const until = first.evidenceUntil!;
    expect(displayedOverall(reduceSnapshot(first, { at: until, online: true, probes: feb14Outage() }, eu))).toBe(
      'outage',
    );
    expect(displayedOverall(reduceSnapshot(first, { at: until + 1, online: true, probes: feb14Outage() }, eu))).toBe(
      'unknown',
    );
  });
});

describe('after a change of scope, the incidents', () => {
  const t = (hhmm: string) => Date.parse(`2023-02-14T${hhmm}Z`);
  const na: TrackerConfig = { ...DEFAULT_TRACKER_CONFIG, region: 'na' };
  const cn: TrackerConfig = { ...DEFAULT_TRACKER_CONFIG, region: 'cn' };
  /** Fewer checks watched: the website is no longer one of the services (an unrelated setting). */
  const noWebsite: TrackerConfig = { ...eu, probes: PROBES.filter((probe) => probe.id !== 'website') };
  const run = (steps: Array<[string, Record<string, ProbeResult>, TrackerConfig]>, start = emptySnapshot('eu')) =>
    steps.reduce(
      (s, [hhmm, probes, config]) => reduceSnapshot(s, pollAt(`2023-02-14T${hhmm}Z`, probes), config),
      start,
    );
  /** An outage in Europe confirmed at 10:02:30, dating from 10:02. */
  const outageInEurope: Array<[string, Record<string, ProbeResult>, TrackerConfig]> = [
    ['10:00:00', probesWith(), eu],
    ['10:02:00', feb14Outage(), eu],
    ['10:02:30', feb14Outage(), eu],
    ['10:04:00', feb14Outage(), eu],
  ];

  it('a setting changed mid-outage changes no track judged by the same checks: still down since its start', () => {
    const before = run(outageInEurope);
    const s = run([['10:06:00', feb14Outage(), noWebsite]], before);
    expect(s.rescoped).toBe(false);
    expect(s.regions.eu).toMatchObject({ level: 'down', since: t('10:02:00'), pending: null });
    expect(s.features['remote-access']).toMatchObject({ level: 'down', since: t('10:02:00'), pending: null });
    expect(s.incidents).toEqual([
      expect.objectContaining({ id: before.incidents[0]!.id, start: t('10:02:00'), end: null, recurred: 0 }),
    ]);
    expect(incidentStory(s, s.checkedAt!)).toEqual({ kind: 'outage', since: t('10:02:00') });
    expect(bannerState(s, s.checkedAt!, { pollMinutes: 2 }, [])).toMatchObject({
      status: 'outage',
      since: t('10:02:00'),
      firstDown: null,
    });
    expect(decideNotification(before, s)).toBeNull();
  });

  it('one healthy poll right after a setting change ends nothing: no recovery, then no relapse', () => {
    const before = run(outageInEurope);
    const flap = run([['10:06:00', probesWith(), noWebsite]], before);
    expect(flap.regions.eu).toMatchObject({ level: 'down', since: t('10:02:00'), pending: 'up' });
    expect(flap).toMatchObject({ rescoped: true, incidents: before.incidents });
    expect(displayedOverall(flap)).toBe('outage');
    expect(decideNotification(before, flap)).toBeNull();

    const s = run([['10:08:00', feb14Outage(), noWebsite]], flap);
    expect(s.regions.eu).toMatchObject({ level: 'down', since: t('10:02:00'), pending: null });
    expect(s.incidents).toEqual([expect.objectContaining({ start: t('10:02:00'), end: null, recurred: 0 })]);
    expect(decideNotification(flap, s)).toBeNull();
  });

  it('no longer watching the failing service announces nothing; the incident goes on as partial while a watched service still fails', () => {
    const noOwnerApi: TrackerConfig = { ...eu, probes: PROBES.filter((probe) => probe.service !== 'owner-api') };
    const before = run(outageInEurope);
    const first = run([['10:06:00', feb14Outage(), noOwnerApi]], before);
    const s = run([['10:08:00', feb14Outage(), noOwnerApi]], first);
    expect(s.regions.eu).toMatchObject({ level: 'degraded' });
    // The Fleet API is still down in Europe: the incident goes on, now partial.
    expect(s.incidents).toEqual([expect.objectContaining({ start: t('10:02:00'), end: null })]);
    expect(
      [decideNotification(before, first), decideNotification(first, s)].every(
        (d) => d === null || d.delivery === 'never',
      ),
    ).toBe(true);
  });

  it('a check gone from the catalogue (an update removed it) starts every feature again; the regions go on', () => {
    const before = { ...run(outageInEurope), activeProbes: [...PROBES.map((probe) => probe.id), 'zz-removed'].sort() };
    const s = run([['10:06:00', feb14Outage(), eu]], before);
    expect(s.regions.eu).toMatchObject({ level: 'down', since: t('10:02:00') });
    expect(s.features['remote-access']).toMatchObject({ level: null, since: null, pending: 'down' });
    expect(s.incidents).toEqual([expect.objectContaining({ start: t('10:02:00'), end: null })]);
  });

  it('a relapse keeps its two times through a change of scope', () => {
    const relapsed = run([
      ...outageInEurope,
      ['10:30:00', probesWith(), eu],
      ['10:32:00', probesWith(), eu],
      ['10:40:00', feb14Outage(), eu],
      ['10:40:30', feb14Outage(), eu],
    ]);
    expect(relapsed.incidents).toEqual([expect.objectContaining({ start: t('10:02:00'), end: null, recurred: 1 })]);
    const s = run(
      [
        ['10:42:00', feb14Outage(), noWebsite],
        ['10:42:30', feb14Outage(), noWebsite],
      ],
      relapsed,
    );
    expect(incidentStory(s, s.checkedAt!)).toEqual({
      kind: 'relapse',
      level: 'outage',
      since: t('10:40:00'),
      firstDown: t('10:02:00'),
    });
  });

  it('moving to a spared region keeps the outage at home open until home is seen working, and ends it at its first healthy poll', () => {
    const away = run([...outageInEurope, ['10:05:00', feb14Outage(), cn], ['10:06:00', feb14Outage(), cn]]);
    expect(away.regions.cn.level).toBe('up');
    expect(away).toMatchObject({ rescoped: true, incidents: [expect.objectContaining({ region: 'eu', end: null })] });

    const homeRecovering = run([['10:07:00', probesWith(), cn]], away);
    expect(homeRecovering).toMatchObject({ rescoped: true, incidents: [expect.objectContaining({ end: null })] });

    const s = run([['10:07:30', probesWith(), cn]], homeRecovering);
    expect(s.rescoped).toBe(false);
    expect(s.incidents).toEqual([
      expect.objectContaining({ region: 'eu', start: t('10:02:00'), end: t('10:07:00'), recurred: 0 }),
    ]);
  });

  it('moving to a spared region with no outage open settles at once', () => {
    const s = run([
      ['10:00:00', probesWith(), eu],
      ['10:02:00', probesWith(), eu],
      ['10:04:00', probesWith(), cn],
    ]);
    expect(s).toMatchObject({ rescoped: false, incidents: [] });
    const later = run(
      [
        ['10:06:00', feb14Outage(), cn],
        ['10:08:00', everyProbe(maintenance), cn],
        ['10:08:30', everyProbe(maintenance), cn],
      ],
      s,
    );
    expect(later.incidents).toEqual([expect.objectContaining({ region: 'cn', start: t('10:08:00'), end: null })]);
  });

  it('moving into another region already down too (a worldwide outage) is one incident, now belonging there: no second one, no news', () => {
    const before = run(outageInEurope);
    // The region entered is judged again from here: being checked at the first poll, down at the second.
    const first = run([['10:06:00', feb14Outage(), na]], before);
    expect(displayedOverall(first)).toBe('unknown');
    expect(first.incidents).toBe(before.incidents);
    const s = run([['10:06:30', feb14Outage(), na]], first);
    expect(s.rescoped).toBe(false);
    expect(s.regions.na).toMatchObject({ level: 'down', since: t('10:06:00') });
    expect(s.incidents).toEqual([
      expect.objectContaining({
        id: before.incidents[0]!.id,
        region: 'na',
        start: t('10:02:00'),
        end: null,
        recurred: 0,
      }),
    ]);
    expect(decideNotification(before, first)).toBeNull();
    expect(decideNotification(first, s)).toBeNull();
    // It ends when the region the owner is now in works again.
    const over = run(
      [
        ['10:08:00', probesWith(), na],
        ['10:08:30', probesWith(), na],
      ],
      s,
    );
    expect(over.incidents).toEqual([expect.objectContaining({ region: 'na', end: t('10:08:00') })]);
  });

  it('arriving exactly when home was last vouched for still continues its incident; a millisecond later it is news of its own', () => {
    const before = run(outageInEurope);
    const until = before.incidents[0]!.seenUntil!;
    const arrive = (at: number) =>
      [at, at + 30_000].reduce(
        (s, when) => reduceSnapshot(s, { at: when, online: true, probes: feb14Outage() }, na),
        before,
      );
    expect(arrive(until).incidents).toEqual([
      expect.objectContaining({ id: before.incidents[0]!.id, region: 'na', end: null }),
    ]);
    expect(arrive(until + 1).incidents).toEqual([
      expect.objectContaining({ region: 'eu', end: until }),
      expect.objectContaining({ region: 'na', start: until + 1, end: null }),
    ]);
  });

  it('arriving in China after its hosts only timed out from Europe says nothing of that silence: China is judged from here', () => {
    const silentChina = probesWith({ 'owner-api-cn': timedOut, 'fleet-api-cn': timedOut, 'sign-in-cn': timedOut });
    const before = run([
      ['09:00:00', silentChina, eu],
      ['09:02:00', silentChina, eu],
      ['09:04:00', silentChina, eu],
    ]);
    // Silence from there is no answer of Tesla's: not judged, never down.
    expect(before.regions.cn).toMatchObject({ level: null, unjudged: 'no-tesla-answer' });
    const s = run([['21:00:00', probesWith(), cn]], before);
    expect(displayedOverall(s)).toBe('operational');
    expect(s.regions.cn).toMatchObject({ level: 'up', since: t('21:00:00') });
    expect(s.incidents).toEqual([]);
  });

  it('an outage that begins where the owner arrived, after home was last seen down, is an incident of its own, and news', () => {
    const euOnly = probesWith({ 'fleet-api-eu': maintenance });
    const naToo = probesWith({ 'fleet-api-eu': maintenance, 'owner-api': maintenance });
    const home = run([
      ['10:00:00', probesWith(), eu],
      ['10:02:00', euOnly, eu],
      ['10:02:30', euOnly, eu],
    ]);
    const away = run(
      [
        ['10:04:00', euOnly, na],
        ['10:06:00', euOnly, na],
        ['10:20:00', naToo, na],
      ],
      home,
    );
    expect(away).toMatchObject({ rescoped: true, incidents: [expect.objectContaining({ region: 'eu', end: null })] });
    const s = run([['10:20:30', naToo, na]], away);
    expect(s.incidents).toEqual([
      expect.objectContaining({ region: 'eu', start: t('10:02:00') }),
      expect.objectContaining({ region: 'na', start: t('10:20:00'), end: null }),
    ]);
    expect(s.incidents[0]!.end).not.toBeNull();
    expect(s.incidents[0]!.end!).toBeLessThanOrEqual(home.incidents[0]!.seenUntil!);
    expect(decideNotification(away, s)).toMatchObject({ kind: 'outage', delivery: 'show' });
  });

  it('a new incident never takes an id the history already holds (a clock set back can repeat a start), and is announced', () => {
    const taken = {
      id: `incident-${t('10:02:00')}`,
      start: t('07:00:00'),
      end: t('07:30:00'),
      worst: 'outage' as const,
      features: [],
      regions: [],
      recurred: 0,
      region: 'eu' as const,
      seenUntil: t('07:30:00'),
    };
    const before = {
      ...run([
        ['10:00:00', probesWith(), eu],
        ['10:02:00', feb14Outage(), eu],
      ]),
      incidents: [taken],
    };
    const s = run([['10:02:30', feb14Outage(), eu]], before);
    // Its id is still made from its start, so it never takes the id (nor the dismissed banner) of an older one.
    expect(s.incidents.map((incident) => incident.id)).toEqual([
      `incident-${t('10:02:00')}`,
      `incident-${t('10:02:00')}-2`,
    ]);
    expect(decideNotification(before, s)).toMatchObject({
      kind: 'outage',
      delivery: 'show',
      incident: { id: `incident-${t('10:02:00')}-2` },
    });
  });

  it('trouble soon after a recovery, in the region the owner has moved to, is no "down again": an incident of its own, and news', () => {
    const cnDown = probesWith({ 'owner-api-cn': maintenance, 'fleet-api-cn': maintenance });
    const before = run([
      ...outageInEurope,
      ['10:06:00', feb14Outage(), eu],
      ['10:08:00', feb14Outage(), eu],
      ['10:10:00', probesWith(), eu],
      ['10:10:30', probesWith(), eu],
      ['10:20:00', probesWith(), cn],
      ['10:30:00', cnDown, cn],
    ]);
    expect(before.incidents).toEqual([expect.objectContaining({ region: 'eu', end: t('10:10:00') })]);
    const s = run([['10:30:30', cnDown, cn]], before);
    expect(s.incidents).toEqual([
      expect.objectContaining({ region: 'eu', end: t('10:10:00'), recurred: 0 }),
      expect.objectContaining({ region: 'cn', start: t('10:30:00'), end: null, recurred: 0 }),
    ]);
    expect(decideNotification(before, s)).toMatchObject({ kind: 'outage', delivery: 'show' });
  });

  it('keeps the history capped on the settling path too', () => {
    const closed = Array.from({ length: MAX_INCIDENTS }, (_, i) => ({
      id: `incident-${i}`,
      start: t('00:00:00') + i * 60_000,
      end: t('00:00:30') + i * 60_000,
      worst: 'outage' as const,
      features: [],
      regions: [],
      recurred: 0,
      region: 'eu' as const,
      seenUntil: t('00:00:30') + i * 60_000,
    }));
    const start = {
      ...run([
        ['10:00:00', probesWith(), eu],
        ['10:02:00', probesWith(), eu],
      ]),
      incidents: closed,
    };
    const s = run(
      [
        ['10:04:00', feb14Outage(), na],
        ['10:04:30', feb14Outage(), na],
      ],
      start,
    );
    expect(s.incidents).toHaveLength(MAX_INCIDENTS);
    expect(s.incidents[0]!.id).toBe('incident-1');
    expect(s.incidents.at(-1)).toMatchObject({ region: 'na', end: null });
  });
});

describe('sameScope', () => {
  const base = reduceSnapshot(emptySnapshot('eu'), pollAt('2023-02-14T10:00:00Z', probesWith()), eu);
  const ids = base.activeProbes!;
  it('is the same region and the same checks', () => {
    expect(sameScope(base, { ...base })).toBe(true);
    expect(sameScope(base, { ...base, region: 'na' })).toBe(false);
    expect(sameScope(base, { ...base, activeProbes: null })).toBe(false);
    expect(sameScope(base, { ...base, activeProbes: ids.slice(1) })).toBe(false);
    expect(sameScope(base, { ...base, activeProbes: [...ids.slice(1), 'zz-another'] })).toBe(false);
    expect(sameScope(base, { ...base, activeProbes: [ids[0]!, ...ids.slice(1).reverse()] })).toBe(false);
    // One more check watched whose id sorts last: the old list is a prefix of the new one.
    expect(sameScope({ ...base, activeProbes: ids.slice(0, -1) }, base)).toBe(false);
  });
  it('takes an older snapshot without its checks as the same checks', () => {
    expect(sameScope({ ...base, activeProbes: null }, base)).toBe(true);
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

  // biome-ignore lint/complexity/noExcessiveCognitiveComplexity: the invariants checked after every poll; replaced by the evidence engine's invariants (issue 24).
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
        const probes = offline
          ? everyProbe(failed)
          : probesWith(
              Object.fromEntries(
                [
                  'owner-api',
                  'owner-api-cn',
                  'fleet-api-na',
                  'fleet-api-eu',
                  'fleet-api-cn',
                  'sign-in',
                  'sign-in-cn',
                  'website',
                ].map((id) => [id, choices[Math.floor(random() * choices.length)]!]),
              ),
            );
        const online = !isOffline(probes, !offline);
        const before = s;
        s = reduceSnapshot(s, { at, online, probes }, config);

        if (online) {
          // A poll that saw trouble: one toward it (from a level or from nothing yet), or in it.
          const track = s.regions[config.region];
          const failing = track.pending !== null ? track.pending !== 'up' : isTrouble(track.level);
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
        for (const id of FEATURE_IDS) {
          const track = s.features[id];
          expect(['up', 'degraded', 'down', null]).toContain(track.level);
          // Nothing confirmed has no start, and nothing without a level has one.
          expect(track.level === null).toBe(track.since === null);
        }
      }
    }
  });

  // biome-ignore lint/complexity/noExcessiveCognitiveComplexity: the invariants checked after every poll; replaced by the evidence engine's invariants (issue 24).
  it('hold through moves and setting changes: 300 sequences of 40 polls', { timeout: 30_000 }, () => {
    // Found by an adversarial review: one healthy poll after a setting change ended an outage, and a
    // region entered already down gave two incidents with one id. Tesla is mostly in one state at a
    // time (70 % of hosts share it), the owner moves and changes the services watched now and then.
    const random = rng(7);
    const states = [healthy, healthy, healthy, healthy, maintenance, slow, timedOut, failed];
    const serviceSets = [
      ['owner-api', 'fleet-api', 'sign-in', 'website'],
      ['owner-api', 'fleet-api', 'sign-in'],
      ['owner-api', 'sign-in', 'website'],
      ['owner-api'],
      ['fleet-api', 'website'],
    ];
    const regions = ['na', 'eu', 'cn'] as const;
    for (let run = 0; run < 300; run++) {
      let region = regions[run % 3]!;
      let services = serviceSets[0]!;
      let s = emptySnapshot(region);
      let at = Date.parse('2023-02-14T00:00:00Z');
      for (let i = 0; i < 40; i++) {
        const r = random();
        at += r < 0.08 ? 3 * HOUR_MS : r < 0.5 ? 30_000 : Math.floor(random() * 4 * 60_000);
        const change = random();
        if (change < 0.08) region = regions[Math.floor(random() * 3)]!;
        else if (change < 0.14) services = serviceSets[Math.floor(random() * serviceSets.length)]!;
        const config: TrackerConfig = {
          ...DEFAULT_TRACKER_CONFIG,
          region,
          probes: PROBES.filter((probe) => services.includes(probe.service)),
        };
        const offline = random() < 0.05;
        const common = states[Math.floor(random() * states.length)]!;
        const probes = Object.fromEntries(
          config.probes!.map((probe) => [
            probe.id,
            offline ? failed : random() < 0.7 ? common : states[Math.floor(random() * states.length)]!,
          ]),
        );
        const online = !isOffline(probes, !offline);
        const before = s;
        s = reduceSnapshot(s, { at, online, probes }, config);

        const ids = s.incidents.map((incident) => incident.id);
        expect(new Set(ids).size).toBe(ids.length);
        expect(s.incidents.filter((incident) => incident.end === null).length).toBeLessThanOrEqual(1);
        for (const incident of s.incidents)
          if (incident.end !== null) expect(incident.end).toBeGreaterThanOrEqual(incident.start);
        for (const track of [...Object.values(s.regions), ...Object.values(s.features)]) {
          expect(track.level === null).toBe(track.since === null);
          // A pending level is a change: never the confirmed level itself.
          if (track.pending !== null && track.level !== null) expect(track.pending).not.toBe(track.level);
        }
        const overall = judgementOf(s.regions[s.region]);
        if (online && !s.rescoped && overall.state === 'confirmed') {
          // Settled: down means an open incident of the region the owner is in; working means none.
          // Trouble with no feature in it (failures flapping between checks) names nothing: it is
          // being checked, and opens no incident of its own.
          const open = openIncident(s);
          if (overall.level === 'up') expect(open).toBeUndefined();
          else if (featureInTrouble(s)) expect(open?.region).toBe(s.region);
          else {
            expect(displayedOverall(s)).toBe('unknown');
            if (open === undefined) expect(s.incidents).toEqual(before.incidents);
          }
        }
        if (online && displayedOverall(s) === 'operational') {
          const carDown = FEATURES.filter((feature) => feature.reachesCar && s.features[feature.id].level === 'down');
          expect(carDown).toEqual([]);
          // Nothing unjudged reads as working: every car feature was judged.
          const carUnjudged = FEATURES.filter(
            (feature) => feature.reachesCar && judgementOf(s.features[feature.id]).state === 'unjudged',
          );
          expect(carUnjudged).toEqual([]);
        }
      }
    }
  });
});
