import { describe, expect, it } from 'vitest';
import type { FeatureId } from '../../utils/engine/features';
import { reduceSnapshot, DEFAULT_TRACKER_CONFIG } from '../../utils/engine/outage-tracker';
import { DEFAULT_SETTINGS } from '../../utils/engine/settings';
import type { ProbeResult, Snapshot } from '../../utils/engine/snapshot';
import { REGION_LABELS, statusView, type StatusView, type ViewSettings } from '../../utils/engine/status-view';
import { HOUR, MINUTE } from '../../utils/engine/time';
import { tEn, tFr } from '../support/i18n';
import {
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
import { replaySnapshots, samples } from '../support/snapshots';

/** What the popup and the banner are given: one view per state, read field by field. */
const settings: ViewSettings = { pollMinutes: DEFAULT_SETTINGS.pollMinutes, services: DEFAULT_SETTINGS.services };
const at = (iso: string) => Date.parse(iso);
const viewOf = (s: Snapshot, now = s.checkedAt!, with_: ViewSettings = settings) => statusView(s, now, with_);
const feature = (view: StatusView, id: FeatureId) => view.features.find((f) => f.id === id)!;
/** Tesla's website answering a 502, as the classifier records it. */
const http502: ProbeResult = {
  state: 'down',
  reason: { key: 'reasonHttp', values: ['502'] },
  status: 502,
  latencyMs: 80,
};
const CAR: FeatureId[] = ['remote-access', 'sentry-camera', 'climate', 'dog-camp-mode', 'charging'];

describe('statusView, state by state', () => {
  it('before any check: nothing known but the phone key, my region first, no checks', () => {
    const view = statusView(null, 0, settings);
    expect(view).toMatchObject({
      overall: 'unknown',
      hasData: false,
      offline: false,
      stale: false,
      checkedAt: null,
      since: null,
      // Checking means Tesla was reached: nothing was yet.
      checking: false,
      confirming: false,
      recovering: false,
      confirmedAt: null,
      story: { kind: 'none' },
      remoteDown: false,
      summary: null,
      checks: [],
      outdated: false,
    });
    expect(view.features.map((f) => [f.id, f.status, f.reason])).toEqual([
      ...CAR.map((id) => [id, 'unknown', null]),
      ['phone-key', 'up', { key: 'reasonBluetooth' }],
      ['sign-in', 'unknown', null],
      ['account-website', 'unknown', null],
      ['third-party-apps', 'unknown', null],
    ]);
    expect(view.regions).toEqual([
      { region: 'na', mine: true, status: 'unknown', since: null, cantTell: false, checking: false },
      { region: 'eu', mine: false, status: 'unknown', since: null, cantTell: false, checking: false },
      { region: 'cn', mine: false, status: 'unknown', since: null, cantTell: false, checking: false },
    ]);
  });

  it('healthy: all working, nothing since, every check in catalogue order with its host', () => {
    const s = samples.healthy();
    const view = viewOf(s, s.checkedAt! + MINUTE);
    expect(view).toMatchObject({
      overall: 'operational',
      hasData: true,
      offline: false,
      stale: false,
      checkedAt: s.checkedAt,
      since: null,
      checking: false,
      confirming: false,
      recovering: false,
      confirmedAt: s.checkedAt,
      story: { kind: 'none' },
      remoteDown: false,
      summary: null,
    });
    expect(view.features.every((f) => f.status === 'up' && f.since === null)).toBe(true);
    expect(view.checks.map((c) => [c.id, c.host, c.state])).toEqual([
      ['owner-api', 'owner-api.teslamotors.com', 'up'],
      ['owner-api-cn', 'owner-api.vn.cloud.tesla.cn', 'up'],
      ['fleet-api-na', 'fleet-api.prd.na.vn.cloud.tesla.com', 'up'],
      ['fleet-api-eu', 'fleet-api.prd.eu.vn.cloud.tesla.com', 'up'],
      ['fleet-api-cn', 'fleet-api.prd.cn.vn.cloud.tesla.cn', 'up'],
      ['sign-in', 'auth.tesla.com', 'up'],
      ['sign-in-cn', 'auth.tesla.cn', 'up'],
      ['website', 'www.tesla.com', 'up'],
    ]);
    expect(view.checks[0]).toEqual({
      id: 'owner-api',
      host: 'owner-api.teslamotors.com',
      state: 'up',
      reason: { key: 'reasonAnswered' },
      latencyMs: 120,
    });
    expect(view.regions.map((r) => [r.region, r.mine, r.status])).toEqual([
      ['eu', true, 'up'],
      ['na', false, 'up'],
      ['cn', false, 'up'],
    ]);
  });

  it('an outage: since the first failing poll, car features down since then, the phone key working, maintenance as the cause', () => {
    const s = samples.outage();
    const view = viewOf(s);
    const since = at('2023-02-14T09:42:00Z');
    expect(view).toMatchObject({
      overall: 'outage',
      since,
      confirming: false,
      recovering: false,
      remoteDown: true,
      story: { kind: 'outage', since },
    });
    expect(view.summary).toEqual({ car: 5, other: 1, cause: 'maintenance' });
    for (const id of CAR)
      expect(feature(view, id)).toMatchObject({ status: 'down', reason: { key: 'reasonMaintenance' }, since });
    expect(feature(view, 'phone-key')).toMatchObject({ status: 'up', since: null });
    expect(feature(view, 'sign-in')).toMatchObject({ status: 'up', since: null });
    expect(view.regions).toEqual([
      { region: 'eu', mine: true, status: 'down', since, cantTell: false, checking: false },
      { region: 'na', mine: false, status: 'down', since, cantTell: false, checking: false },
      { region: 'cn', mine: false, status: 'up', since: null, cantTell: false, checking: false },
    ]);
  });

  it('a partial outage: degraded since its first poll, one other service, no car feature', () => {
    const s = samples.partial();
    const view = viewOf(s);
    expect(view).toMatchObject({
      overall: 'degraded',
      since: at('2023-02-14T09:40:00Z'),
      remoteDown: false,
      summary: { car: 0, other: 1, cause: 'errors' },
    });
  });

  it('one failing poll: neither working nor down, the failure being confirmed', () => {
    const view = viewOf(samples.confirming());
    // The features that failed, and the owner's region, are being checked: not "Working" meanwhile.
    expect(view.features.find((f) => f.id === 'remote-access')).toMatchObject({
      status: 'unknown',
      reason: { key: 'checking' },
    });
    expect(view.features.find((f) => f.id === 'phone-key')).toMatchObject({ status: 'up' });
    expect(view.regions.find((r) => r.mine)).toMatchObject({ status: 'unknown', checking: true });
    expect(view).toMatchObject({
      overall: 'unknown',
      checking: true,
      since: null,
      confirming: true,
      recovering: false,
      summary: null,
      remoteDown: false,
    });
  });

  it('one healthy poll in an outage: still down, the recovery being confirmed, no cause any more', () => {
    const view = viewOf(samples.recovering());
    expect(view).toMatchObject({
      overall: 'outage',
      confirming: false,
      recovering: true,
      summary: { car: 5, other: 1, cause: null },
    });
  });

  it('a relapse tells both times', () => {
    const view = viewOf(samples.relapse());
    expect(view.story).toEqual({
      kind: 'relapse',
      level: 'outage',
      since: at('2023-02-14T13:10:00Z'),
      firstDown: at('2023-02-14T09:42:00Z'),
    });
  });

  it('an incident that never looked fixed is no relapse, even one that started before its track', () => {
    const s = samples.outage();
    const earlier: Snapshot = {
      ...s,
      incidents: s.incidents.map((incident) => ({ ...incident, start: incident.start - HOUR, recurred: 0 })),
    };
    expect(viewOf(earlier).story).toEqual({ kind: 'outage', since: at('2023-02-14T09:42:00Z') });
  });

  it('offline: nothing judged but the phone key, and the last poll that reached Tesla', () => {
    const s = samples.offlineDuringOutage();
    const view = viewOf(s);
    expect(view).toMatchObject({
      overall: 'unknown',
      hasData: true,
      offline: true,
      since: null,
      confirming: false,
      recovering: false,
      story: { kind: 'none' },
      remoteDown: false,
      summary: null,
    });
    expect(view.confirmedAt).toBe(at('2023-02-14T10:53:00Z'));
    expect(view.features.filter((f) => f.status !== 'unknown').map((f) => f.id)).toEqual(['phone-key']);
    expect(view.regions.every((r) => r.status === 'unknown' && r.since === null)).toBe(true);
    expect(view.checks.every((c) => c.state === 'unreachable')).toBe(true);
  });

  it('stale once the next poll is overdue by more than an interval, not before', () => {
    const s = samples.healthy();
    expect(viewOf(s, s.checkedAt! + 2 * settings.pollMinutes * MINUTE).stale).toBe(false);
    expect(viewOf(s, s.checkedAt! + HOUR).stale).toBe(true);
  });
});

describe('statusView at its edges', () => {
  it('a service not watched reads "not watched", a feature without a level yet "checking"', () => {
    const s = samples.healthy();
    const view = viewOf(s, s.checkedAt!, { ...settings, services: ['owner-api', 'sign-in', 'website'] });
    expect(feature(view, 'third-party-apps')).toMatchObject({
      status: 'unknown',
      reason: { key: 'reasonNotWatched' },
      since: null,
    });
    expect(feature(view, 'remote-access').status).toBe('up');

    // After a move to another region it is judged again from here, its features too: a first
    // failing poll leaves them without a level.
    const moved = reduceSnapshot(samples.healthy(), pollAt('2023-02-14T09:44:00Z', feb14Outage()), {
      ...DEFAULT_TRACKER_CONFIG,
      region: 'na',
    });
    expect(viewOf(moved)).toMatchObject({ checking: true, overall: 'unknown', confirming: true });
    expect(feature(viewOf(moved), 'remote-access')).toMatchObject({
      status: 'unknown',
      reason: { key: 'checking' },
      since: null,
    });

    // A first poll that fails confirms nothing yet: the whole view is checking.
    const firstFails = replaySnapshots([pollAt('2023-02-14T09:42:00Z', feb14Outage())]);
    expect(viewOf(firstFails)).toMatchObject({ checking: true, overall: 'unknown', since: null, confirming: true });
  });

  it('a feature whose checks Tesla retired reads "out of date"; the others are judged', () => {
    const s: Snapshot = { ...samples.healthy(), retired: ['fleet-api-eu'] };
    const view = viewOf(s);
    expect(view.outdated).toBe(true);
    expect(feature(view, 'third-party-apps')).toMatchObject({
      status: 'unknown',
      reason: { key: 'reasonProbeOutdated' },
      since: null,
    });
    expect(feature(view, 'remote-access').status).toBe('up');
    expect(viewOf({ ...samples.healthy(), retired: ['fleet-api-cn'] }).outdated).toBe(false);
  });

  it("a feature seen only through someone else's page is unknown, with what was seen", () => {
    const blocked = {
      state: 'unreachable' as const,
      reason: { key: 'reasonNotTesla' as const },
      cause: 'not-tesla' as const,
      status: 200,
      latencyMs: 40,
    };
    const s = replaySnapshots([
      pollAt('2023-02-14T09:40:00Z', probesWith()),
      pollAt('2023-02-14T09:42:00Z', probesWith()),
      pollAt('2023-02-14T09:44:00Z', probesWith({ website: blocked })),
    ]);
    expect(feature(viewOf(s), 'account-website')).toMatchObject({
      status: 'unknown',
      reason: { key: 'reasonNotTesla' },
      since: null,
    });
  });

  it('the cause: timeouts alone judge nothing, so name no trouble; an error among them is errors', () => {
    const silent = replaySnapshots([
      pollAt('2023-02-14T09:40:00Z', { ...probesWith(), 'sign-in': timedOut }),
      pollAt('2023-02-14T09:42:00Z', { ...probesWith(), 'sign-in': timedOut }),
    ]);
    expect(viewOf(silent).summary).toBeNull();
    expect(feature(viewOf(silent), 'sign-in')).toMatchObject({ status: 'unknown', reason: { key: 'reasonTimeout' } });
    const mixed = replaySnapshots([
      pollAt('2023-02-14T09:40:00Z', { ...probesWith(), 'sign-in': timedOut, website: http502 }),
      pollAt('2023-02-14T09:42:00Z', { ...probesWith(), 'sign-in': failed, website: http502 }),
    ]);
    expect(viewOf(mixed).summary).toEqual({ car: 0, other: 1, cause: 'errors' });
  });

  it('the cause comes from what the answers were, never from the words a row shows', () => {
    const down = (website: ProbeResult) =>
      viewOf(
        replaySnapshots([
          pollAt('2023-02-14T09:40:00Z', probesWith({ website })),
          pollAt('2023-02-14T09:42:00Z', probesWith({ website })),
        ]),
      ).summary?.cause;
    expect(down({ ...maintenance, reason: { key: 'reasonHttp', values: ['503'] } })).toBe('maintenance');
    expect(down({ ...http502, reason: { key: 'reasonMaintenance' } })).toBe('errors');
    expect(down(http502)).toBe('errors');
    // A healthy answer, only late: slow, never "errors on Tesla's servers".
    expect(down(slow)).toBe('slow');
    expect(down({ ...slow, reason: { key: 'reasonHttp', values: ['500'] } })).toBe('slow');
  });

  it("another region whose own hosts only time out: can't tell; one that answers errors: down", () => {
    const cn = viewOf(samples.chinaSilent()).regions.find((r) => r.region === 'cn')!;
    expect(cn).toEqual({ region: 'cn', mine: false, status: 'unknown', since: null, cantTell: true, checking: false });

    const erring = { ...feb14Outage(), 'owner-api-cn': maintenance, 'fleet-api-cn': timedOut };
    const s = replaySnapshots([pollAt('2023-02-14T09:42:00Z', erring), pollAt('2023-02-14T09:42:30Z', erring)]);
    expect(viewOf(s).regions.find((r) => r.region === 'cn')).toEqual({
      region: 'cn',
      mine: false,
      status: 'down',
      since: at('2023-02-14T09:42:00Z'),
      cantTell: false,
      checking: false,
    });
  });

  it('a shared host silent where I am is not judged for either region it serves: never down', () => {
    const shared = { ...probesWith(), 'owner-api': timedOut, 'fleet-api-na': timedOut };
    const s = replaySnapshots([pollAt('2023-02-14T09:42:00Z', shared), pollAt('2023-02-14T09:42:30Z', shared)]);
    for (const region of ['eu', 'na'] as const)
      expect(viewOf(s).regions.find((r) => r.region === region)).toMatchObject({
        status: 'unknown',
        cantTell: true,
        checking: false,
      });
    expect(viewOf(s).notJudged).toBe('no-tesla-answer');
  });

  it('my own region, when its hosts only time out, is "can\'t tell" too: silence is never down', () => {
    const silent = { ...probesWith(), 'owner-api-cn': timedOut, 'fleet-api-cn': timedOut, 'sign-in-cn': timedOut };
    const s = replaySnapshots([pollAt('2023-02-14T09:42:00Z', silent), pollAt('2023-02-14T09:42:30Z', silent)], 'cn');
    expect(viewOf(s).regions[0]).toMatchObject({
      region: 'cn',
      mine: true,
      status: 'unknown',
      cantTell: true,
      checking: false,
    });
    expect(viewOf(s)).toMatchObject({ overall: 'unknown', notJudged: 'no-tesla-answer' });
  });

  it("another region whose own hosts partly answer and partly time out: still can't tell", () => {
    // China's sign-in answers from here while its API hosts time out: only silence failed.
    const partlySilent = { ...probesWith(), 'owner-api-cn': timedOut, 'fleet-api-cn': timedOut };
    const s = replaySnapshots([
      pollAt('2023-02-14T09:42:00Z', partlySilent),
      pollAt('2023-02-14T09:42:30Z', partlySilent),
    ]);
    expect(s.probes['sign-in-cn']?.state).toBe('up');
    expect(viewOf(s).regions.find((r) => r.region === 'cn')).toEqual({
      region: 'cn',
      mine: false,
      status: 'unknown',
      since: null,
      cantTell: true,
      checking: false,
    });
  });

  it("another region with a host not checked (a service not watched), the others silent: can't tell", () => {
    const all: Record<string, ProbeResult> = { ...probesWith(), 'owner-api-cn': timedOut, 'sign-in-cn': timedOut };
    const { 'fleet-api-cn': _notChecked, ...silent } = all;
    const s = replaySnapshots([pollAt('2023-02-14T09:42:00Z', silent), pollAt('2023-02-14T09:42:30Z', silent)]);
    expect(s.probes['fleet-api-cn']).toBeUndefined();
    expect(viewOf(s).regions.find((r) => r.region === 'cn')).toMatchObject({
      status: 'unknown',
      cantTell: true,
      checking: false,
    });
  });

  it('another region that falls silent is "can\'t tell" at once: silence confirms nothing, not even "up"', () => {
    const s = replaySnapshots([
      pollAt('2023-02-14T09:40:00Z', probesWith()),
      pollAt('2023-02-14T09:42:00Z', {
        ...probesWith(),
        'owner-api-cn': timedOut,
        'fleet-api-cn': timedOut,
        'sign-in-cn': timedOut,
      }),
    ]);
    expect(s.regions.cn).toMatchObject({ level: 'up', pending: null, unjudged: 'no-tesla-answer' });
    expect(viewOf(s).regions.find((r) => r.region === 'cn')).toEqual({
      region: 'cn',
      mine: false,
      status: 'unknown',
      since: null,
      cantTell: true,
      checking: false,
    });
  });

  it('another region recovering (every host answers again, not yet confirmed) is still down, never "can\'t tell"', () => {
    const view = viewOf(samples.recovering());
    expect(view.regions.find((r) => r.region === 'na')).toMatchObject({
      status: 'down',
      cantTell: false,
      checking: false,
    });
    expect(view.regions.find((r) => r.region === 'na')!.since).not.toBeNull();
  });

  it('slow car features are degraded, counted as trouble, and their cause is slowness', () => {
    const s = replaySnapshots([
      pollAt('2023-02-14T09:40:00Z', probesWith({ 'owner-api': slow })),
      pollAt('2023-02-14T09:42:00Z', probesWith({ 'owner-api': slow })),
    ]);
    const view = viewOf(s);
    expect(feature(view, 'remote-access')).toMatchObject({
      status: 'degraded',
      reason: { key: 'reasonSlow', values: ['5.2'] },
      since: at('2023-02-14T09:40:00Z'),
    });
    expect(view).toMatchObject({
      overall: 'degraded',
      remoteDown: true,
      summary: { car: 5, other: 0, cause: 'slow' },
    });
  });

  it('refused connections alone are no answer: not judged, no trouble named', () => {
    const refused = replaySnapshots([
      pollAt('2023-02-14T09:40:00Z', probesWith({ 'sign-in': failed })),
      pollAt('2023-02-14T09:42:00Z', probesWith({ 'sign-in': failed })),
    ]);
    expect(viewOf(refused).summary).toBeNull();
    expect(feature(viewOf(refused), 'sign-in')).toMatchObject({
      status: 'unknown',
      reason: { key: 'reasonConnectionFailed' },
    });
  });

  it.each([
    [
      'the website redirecting to sign-in',
      'website',
      { ...healthy, reason: { key: 'reasonRedirected' as const }, status: 302 },
    ],
    [
      'the Owner API refusing a third party',
      'owner-api',
      { ...healthy, reason: { key: 'reasonApiRefused' as const, values: ['412'] }, status: 412 },
    ],
    [
      'a CDN wall in front of a healthy host',
      'owner-api',
      {
        state: 'up' as const,
        reason: { key: 'reasonCdnBlocked' as const },
        cause: 'cdn-wall' as const,
        status: 403,
        latencyMs: 60,
      },
    ],
  ])('trouble still confirmed while %s: no cause any more', (_, probe, answer) => {
    const down = probesWith({ [probe]: maintenance });
    const s = replaySnapshots([
      pollAt('2023-02-14T09:40:00Z', down),
      pollAt('2023-02-14T09:42:00Z', down),
      pollAt('2023-02-14T09:44:00Z', probesWith({ [probe]: answer })),
    ]);
    const view = viewOf(s);
    expect(view.summary).not.toBeNull();
    expect(view.summary!.cause).toBeNull();
  });

  it('a feature whose reason did not survive a read still counts, and the others give the cause', () => {
    const s = samples.outage();
    const withoutReason: Snapshot = {
      ...s,
      features: { ...s.features, climate: { ...s.features.climate, reason: null } },
    };
    expect(viewOf(withoutReason).summary).toEqual({ car: 5, other: 1, cause: 'maintenance' });
  });

  it("a feature down whose checks now get someone else's page is not judged; its incident stays open", () => {
    const blocked = {
      state: 'unreachable' as const,
      reason: { key: 'reasonNotTesla' as const },
      cause: 'not-tesla' as const,
      status: 200,
      latencyMs: 40,
    };
    const s = replaySnapshots([
      pollAt('2023-02-14T09:40:00Z', probesWith({ website: maintenance })),
      pollAt('2023-02-14T09:42:00Z', probesWith({ website: maintenance })),
      pollAt('2023-02-14T09:44:00Z', probesWith({ website: blocked })),
    ]);
    // What was last seen stays stored, but vouches for nothing: the row says what answered instead.
    expect(s.features['account-website']).toMatchObject({ level: 'down', unjudged: 'no-tesla-answer' });
    expect(feature(viewOf(s), 'account-website')).toMatchObject({
      status: 'unknown',
      reason: { key: 'reasonNotTesla' },
    });
    expect(s.incidents).toEqual([expect.objectContaining({ start: at('2023-02-14T09:40:00Z'), end: null })]);
    // Not seen back: the region stays in the trouble last seen, however long the page answers.
    const later = replaySnapshots([
      pollAt('2023-02-14T09:40:00Z', probesWith({ website: maintenance })),
      pollAt('2023-02-14T09:42:00Z', probesWith({ website: maintenance })),
      pollAt('2023-02-14T09:44:00Z', probesWith({ website: blocked })),
      pollAt('2023-02-14T09:46:00Z', probesWith({ website: blocked })),
      pollAt('2023-02-14T09:48:00Z', probesWith({ website: blocked })),
    ]);
    expect(viewOf(later)).toMatchObject({ overall: 'degraded', since: at('2023-02-14T09:40:00Z') });
    expect(later.incidents).toEqual([expect.objectContaining({ end: null })]);
  });

  it('offline just after a failing poll, or just after a healthy one in an outage: neither confirming nor recovering', () => {
    const afterFailure = replaySnapshots([
      pollAt('2023-02-14T09:40:00Z', probesWith()),
      pollAt('2023-02-14T09:42:00Z', feb14Outage()),
      pollAt('2023-02-14T09:44:00Z', everyProbe(failed), false),
    ]);
    expect(afterFailure.regions.eu.pending).toBe('down');
    expect(viewOf(afterFailure)).toMatchObject({ offline: true, confirming: false, recovering: false });

    const offline = reduceSnapshot(samples.recovering(), pollAt('2023-02-14T10:55:00Z', everyProbe(failed), false), {
      ...DEFAULT_TRACKER_CONFIG,
      region: 'eu',
    });
    expect(offline.regions.eu).toMatchObject({ level: 'down', pending: 'up' });
    expect(viewOf(offline)).toMatchObject({ offline: true, confirming: false, recovering: false });
  });

  it('recovering is only ever from trouble: a stored track up and pending up (no version writes one) is not', () => {
    const s = samples.healthy();
    const odd: Snapshot = {
      ...s,
      regions: { ...s.regions, eu: { ...s.regions.eu, pending: 'up', pendingSince: s.checkedAt, streak: 1 } },
    };
    expect(viewOf(odd)).toMatchObject({ overall: 'operational', recovering: false });
  });

  it('each region has its own name, in English and in French', () => {
    const names = (t: typeof tEn) => Object.values(REGION_LABELS).map((key) => t(key));
    for (const t of [tEn, tFr]) {
      const list = names(t);
      expect(list.every((name) => name.length > 0)).toBe(true);
      expect(new Set(list).size).toBe(3);
    }
  });
});
