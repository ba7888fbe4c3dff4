import { describe, expect, it } from 'vitest';
import { headlineKey } from '../../components/StatusHeader';
import { badgeFor } from '../../utils/engine/badge';
import { decideNotification } from '../../utils/engine/notifications';
import { DEFAULT_TRACKER_CONFIG, RETIRE_AFTER_MS, reduceSnapshot } from '../../utils/engine/outage-tracker';
import { MAX_JITTER_MS, isPollDue, planAfterPoll } from '../../utils/engine/scheduler';
import type { ProbeResult } from '../../utils/engine/snapshot';
import { displayedOverall, emptySnapshot, type Snapshot } from '../../utils/engine/snapshot';
import { statusView } from '../../utils/engine/status-view';
import { DEFAULT_SETTINGS } from '../../utils/engine/settings';
import { tEn, tFr } from '../support/i18n';
import { failed, maintenance, probesWith, timedOut } from '../support/polls';

/**
 * A probe whose host Tesla retires (or a DNS filter sends to 0.0.0.0) fails to connect for ever
 * while the other hosts answer. That is no answer of Tesla's: the features it serves are not judged,
 * never "down" and never "working"; after a day it is "this check may be out of date". A real
 * outage, Tesla's own errors, even a long one, stays an outage.
 */
const MIN = 60_000;
const HOUR = 60 * MIN;
const T0 = Date.parse('2026-06-13T08:00:00Z');
const config = { ...DEFAULT_TRACKER_CONFIG, region: 'eu' as const };
const view = (s: Snapshot) => statusView(s, s.checkedAt!, DEFAULT_SETTINGS);

interface Step {
  snapshot: Snapshot;
  previous: Snapshot;
}

/**
 * Polls as the worker makes them: on the periodic alarm's ticks (its own phase, every interval),
 * skipped while a hold runs, each a few seconds late (jitter); and the confirmation alarm 30 s after
 * a first failure. From `from` for `hours`.
 */
function run(
  hours: number,
  probesAt: (elapsed: number) => Record<string, ProbeResult>,
  start: Snapshot = emptySnapshot('eu'),
  from = T0,
): Step[] {
  const steps: Step[] = [];
  let seed = 7;
  const jitter = () => {
    seed = (seed * 1664525 + 1013904223) >>> 0;
    return Math.floor((seed / 2 ** 32) * MAX_JITTER_MS);
  };
  const interval = config.pollMinutes * MIN;
  let s = start;
  let tick = from + 37_000; // the alarm's phase is not the first poll's
  let confirmAt: number | null = from;
  while (Math.min(tick, confirmAt ?? Infinity) <= from + hours * HOUR) {
    let at: number;
    if (confirmAt !== null && confirmAt <= tick) {
      at = confirmAt;
      confirmAt = null;
    } else {
      const due = isPollDue(s, config.pollMinutes, tick);
      at = tick + jitter();
      tick += interval;
      if (!due) continue;
    }
    const previous = s;
    s = reduceSnapshot(s, { at, online: true, probes: probesAt(at - from) }, config);
    steps.push({ snapshot: s, previous });
    confirmAt = planAfterPoll(s, config.pollMinutes, at).confirmAt;
  }
  return steps;
}

const ownerGone = () => probesWith({ 'owner-api': failed });
const notTeslas: ProbeResult = {
  state: 'unreachable',
  reason: { key: 'reasonNotTesla' },
  cause: 'not-tesla',
  status: 403,
  latencyMs: 30,
};

describe('a probe whose host disappears', () => {
  const steps = run(72, ownerGone);
  const last = steps.at(-1)!.snapshot;
  const firstRetired = steps.find((step) => step.snapshot.retired.includes('owner-api'))!;

  it("is not judged from the start: one host refusing while the others answer may be the owner's network", () => {
    for (const step of [steps[1]!, steps.find((step) => step.snapshot.checkedAt! >= T0 + 6 * HOUR)!]) {
      expect(displayedOverall(step.snapshot)).toBe('unknown');
      expect(view(step.snapshot).notJudged).toBe('no-tesla-answer');
      expect(headlineKey(view(step.snapshot))).toBe('statusNoTeslaAnswer');
    }
    expect(steps.every((step) => displayedOverall(step.snapshot) === 'unknown')).toBe(true);
  });

  it('is taken for retired after a day of connection failures, not before', () => {
    const retiredAt = firstRetired.snapshot.checkedAt!;
    expect(retiredAt - T0).toBeGreaterThan(RETIRE_AFTER_MS);
    expect(retiredAt - T0).toBeLessThan(RETIRE_AFTER_MS + 15 * MIN);
    expect(
      steps
        .filter((step) => step.snapshot.checkedAt! - T0 <= RETIRE_AFTER_MS)
        .every((step) => step.snapshot.retired.length === 0),
    ).toBe(true);
  });

  it('then drives nothing: the features it served say "this check may be out of date", the rest are judged as usual', () => {
    expect(last.retired).toEqual(['owner-api']);
    // The car's features are not judged at all: never "working".
    expect(displayedOverall(last)).toBe('unknown');
    expect(view(last).notJudged).toBe('retired');
    const features = view(last).features;
    for (const id of ['remote-access', 'sentry-camera', 'climate', 'dog-camp-mode', 'charging']) {
      expect(
        features.find((f) => f.id === id),
        id,
      ).toMatchObject({ status: 'unknown', reason: { key: 'reasonProbeOutdated' } });
    }
    expect(features.find((f) => f.id === 'third-party-apps')).toMatchObject({ status: 'up' });
    expect(view(last).outdated).toBe(true);
  });

  it('says so in the popup headline and the badge title, in English and French', () => {
    expect(headlineKey(view(last))).toBe('statusRetired');
    expect(tEn('statusRetired')).toBe("Can't tell — the car's check is out of date");
    const badge = badgeFor(last, {
      t: tEn,
      locale: 'en-GB',
      now: last.checkedAt!,
      pollMinutes: 2,
      services: DEFAULT_SETTINGS.services,
    });
    expect(badge).toMatchObject({ state: 'unknown', text: '?' });
    expect(badge.title).toMatch(
      /^Tesla: can't tell — the car's check may be out of date: update Tesla Status\. Last checked /,
    );
    expect(
      badgeFor(last, {
        t: tFr,
        locale: 'fr-FR',
        now: last.checkedAt!,
        pollMinutes: 2,
        services: DEFAULT_SETTINGS.services,
      }).title,
    ).toContain('mettez Tesla Status à jour');
  });

  it("says nothing of a retired check outside the owner's region: the popup and the badge agree", () => {
    // A network that blocks China's hosts, for a European owner: China's checks retire, Europe's do not.
    const cnGone = () => probesWith({ 'owner-api-cn': failed, 'fleet-api-cn': failed, 'sign-in-cn': failed });
    const far = run(30, cnGone).at(-1)!.snapshot;
    expect(far.retired).toEqual(['fleet-api-cn', 'owner-api-cn', 'sign-in-cn']);
    expect(view(far).outdated).toBe(false);
    expect(headlineKey(view(far))).toBe('statusOperational');
    expect(
      badgeFor(far, {
        t: tEn,
        locale: 'en-GB',
        now: far.checkedAt!,
        pollMinutes: 2,
        services: DEFAULT_SETTINGS.services,
      }).title,
    ).not.toContain('out of date');
  });

  it('records no incident and announces nothing: neither an outage nor a recovery that did not happen', () => {
    expect(steps.every((step) => step.snapshot.incidents.length === 0)).toBe(true);
    expect(steps.map((step) => decideNotification(step.previous, step.snapshot)).filter(Boolean)).toEqual([]);
  });

  it('stays retired through three days, and through a night asleep', () => {
    expect(
      steps
        .filter((step) => step.snapshot.checkedAt! > firstRetired.snapshot.checkedAt!)
        .every((step) => step.snapshot.retired.includes('owner-api')),
    ).toBe(true);
    const afterSleep = reduceSnapshot(
      last,
      { at: last.checkedAt! + 10 * HOUR, online: true, probes: ownerGone() },
      config,
    );
    expect(afterSleep.retired).toEqual(['owner-api']);
    expect(view(afterSleep).notJudged).toBe('retired');
  });

  it("stays retired through a timeout or someone else's answer: only its host answering brings it back", () => {
    let s = last;
    for (const [i, result] of [timedOut, notTeslas, failed].entries()) {
      s = reduceSnapshot(
        s,
        { at: last.checkedAt! + (i + 1) * 2 * MIN, online: true, probes: probesWith({ 'owner-api': result }) },
        config,
      );
      expect(s.retired, result.reason.key).toEqual(['owner-api']);
      expect(view(s).notJudged).toBe('retired');
    }
  });

  it('comes back by itself when its host answers again, and drives the state again', () => {
    const back = run(1, () => probesWith(), last, last.checkedAt! + 2 * MIN).at(-1)!.snapshot;
    expect(back.retired).toEqual([]);
    expect(view(back).features.find((f) => f.id === 'remote-access')).toMatchObject({ status: 'up' });
    expect(view(back).outdated).toBe(false);
    // An answer in trouble counts as an answer: the probe is back, and its 503 is an outage.
    const troubled = run(1, () => probesWith({ 'owner-api': maintenance }), last, last.checkedAt! + 2 * MIN).at(
      -1,
    )!.snapshot;
    expect(troubled.retired).toEqual([]);
    expect(displayedOverall(troubled)).toBe('outage');
  });
});

describe('a real outage is never taken for a retired probe', () => {
  it('six hours of one host refusing connections retire nothing, and stay not judged', () => {
    const steps = run(6, ownerGone);
    expect(steps.every((step) => step.snapshot.retired.length === 0)).toBe(true);
    expect(view(steps.at(-1)!.snapshot).notJudged).toBe('no-tesla-answer');
  });

  it('three days of 503s stay an outage; three days of timeouts stay not judged; neither retires', () => {
    const maintained = run(72, () => probesWith({ 'owner-api': maintenance })).at(-1)!.snapshot;
    expect(maintained.retired).toEqual([]);
    expect(displayedOverall(maintained)).toBe('outage');
    const silent = run(72, () => probesWith({ 'owner-api': timedOut })).at(-1)!.snapshot;
    expect(silent.retired).toEqual([]);
    expect(view(silent).notJudged).toBe('no-tesla-answer');
  });

  it('a timeout after a night asleep carries no streak across the gap', () => {
    let s = reduceSnapshot(emptySnapshot('eu'), { at: T0, online: true, probes: ownerGone() }, config);
    s = reduceSnapshot(s, { at: T0 + 25 * HOUR, online: true, probes: probesWith({ 'owner-api': timedOut }) }, config);
    s = reduceSnapshot(s, { at: T0 + 25 * HOUR + 2 * MIN, online: true, probes: ownerGone() }, config);
    expect(s.retired).toEqual([]);
    expect(s.unreachableSince['owner-api']).toBe(T0 + 25 * HOUR + 2 * MIN);
  });

  it('needs fresh evidence: a refusing host glimpsed once an hour between offline polls retires nothing', () => {
    let s = emptySnapshot('eu');
    // The owner is offline most of the time: each hour, one poll reaches Tesla and the host refuses.
    for (let hour = 0; hour <= 48; hour++) {
      const at = T0 + hour * HOUR;
      s = reduceSnapshot(s, { at, online: false, probes: probesWith({ 'owner-api': failed }) }, config);
      s = reduceSnapshot(s, { at: at + MIN, online: true, probes: ownerGone() }, config);
    }
    // Every online poll came after a gap: no streak ever lasted, nothing is retired.
    expect(s.retired).toEqual([]);
    expect(s.unreachableSince['owner-api']).toBe(T0 + 48 * HOUR + MIN);
  });
});
