// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Popup, type PopupProps } from '../../components/Popup';
import type { Ui } from '../../components/ui';
import { FEATURE_IDS } from '../../utils/engine/features';
import { DEFAULT_SETTINGS } from '../../utils/engine/settings';
import { emptySnapshot, parseSnapshot, type Snapshot } from '../../utils/engine/snapshot';
import { tEn, tFr } from '../support/i18n';
import {
  DEFAULT_TRACKER_CONFIG,
  type PollResult,
  reduceSnapshot,
  type TrackerConfig,
} from '../../utils/engine/outage-tracker';
import { everyProbe, failed, feb14Outage, maintenance, pollAt, probesWith, slow, timedOut } from '../support/polls';
import { replaySnapshots, samples } from '../support/snapshots';

afterEach(cleanup);

const en: Ui = { t: tEn, locale: 'en-GB' };
const fr: Ui = { t: tFr, locale: 'fr-FR' };

function show(snapshot: Snapshot | null, props: Partial<PopupProps> = {}, ui: Ui = en) {
  const now = props.now ?? (snapshot?.checkedAt ?? 0) + 60_000;
  const onCheckNow = vi.fn();
  const result = render(
    <Popup
      snapshot={snapshot}
      now={now}
      settings={DEFAULT_SETTINGS}
      checking={false}
      checkFailed={false}
      onCheckNow={onCheckNow}
      ui={ui}
      {...props}
    />,
  );
  const root = result.container.querySelector('[data-overall-status]') as HTMLElement;
  const row = (id: string) => result.container.querySelector(`[data-feature="${id}"]`) as HTMLElement;
  return { ...result, root, row, onCheckNow };
}

const at = (iso: string) => Date.parse(iso);
const times = (root: HTMLElement, selector = '.ts-story') =>
  [...root.querySelectorAll(`${selector} time`)].map((t) => [t.getAttribute('datetime'), t.textContent]);

describe('the popup', () => {
  it('says all is well, and when it last checked', () => {
    const { root, row } = show(samples.healthy());
    expect(root.dataset.overallStatus).toBe('operational');
    expect(screen.getByRole('status').textContent).toBe('All systems working');
    expect(screen.getByText('Last checked 1 minute ago')).toBeTruthy();
    for (const id of FEATURE_IDS) expect(row(id).dataset.status, id).toBe('up');
    // No time but since when nothing was seen amiss.
    expect([...root.querySelectorAll('time')].map((time) => time.closest('[data-no-incidents]') !== null)).toEqual([
      true,
    ]);
    expect(root.querySelector('[data-phone-key]')).toBeNull();
    expect(root.querySelector('.ts-whatnow')).toBeNull();
  });

  it('lists every feature as a real list, the phone key reassuring', () => {
    const { row } = show(samples.healthy());
    const list = screen.getAllByRole('list')[0]!;
    expect(within(list).getAllByRole('listitem')).toHaveLength(FEATURE_IDS.length);
    expect(row('phone-key').dataset.status).toBe('up');
    expect(row('phone-key').textContent).toContain("Works without Tesla's servers");
  });

  it('tells an outage in words and times: since when, for how long, as <time datetime>', () => {
    const { root } = show(samples.outage(), { now: at('2023-02-14T11:55:00Z') });
    expect(root.dataset.overallStatus).toBe('outage');
    expect(screen.getByRole('status').textContent).toBe('Outage');
    // en-GB spells units its own way ("hrs", "mins"): Intl's words, not ours.
    expect(root.querySelector('.ts-story')!.textContent).toBe('Since 09:42 — 2\u00a0hrs 13\u00a0mins');
    expect(times(root)).toEqual([['2023-02-14T09:42:00.000Z', '09:42']]);
  });

  it('tells an outage found after a sleep "since at least", with when Tesla was last seen working', () => {
    const woke = [
      pollAt('2023-02-14T11:00:00Z', probesWith()),
      pollAt('2023-02-14T11:02:00Z', probesWith()),
      pollAt('2023-02-14T18:34:00Z', feb14Outage()),
      pollAt('2023-02-14T18:34:30Z', feb14Outage()),
    ].reduce((s, poll) => reduceSnapshot(s, poll, { ...DEFAULT_TRACKER_CONFIG, region: 'eu' }), emptySnapshot('eu'));
    const { root } = show(woke, { now: at('2023-02-14T18:35:00Z') });
    expect(root.querySelector('.ts-story')!.textContent).toBe('Since at least 18:34 · last seen working at 11:02');
    expect(times(root)).toEqual([
      ['2023-02-14T18:34:00.000Z', '18:34'],
      ['2023-02-14T11:02:00.000Z', '11:02'],
    ]);
    cleanup();
    const french = show(woke, { now: at('2023-02-14T18:35:00Z') }, fr);
    expect(french.root.querySelector('.ts-story')!.textContent).toBe(
      'Depuis au moins 18:34 · vu en service pour la dernière fois à 11:02',
    );
  });

  it('tells an open incident nobody watched for days until it was last seen, not as ongoing', () => {
    const config = { ...DEFAULT_TRACKER_CONFIG, region: 'eu' as const, pollMinutes: 30 };
    const slept = [
      pollAt('2023-02-14T10:04:00Z', probesWith()),
      pollAt('2023-02-14T10:34:00Z', feb14Outage()),
      pollAt('2023-02-14T10:34:30Z', feb14Outage()),
      // Opened on 17 February, offline.
      pollAt('2023-02-17T10:34:00Z', {}, false),
    ].reduce((s, poll) => reduceSnapshot(s, poll, config), emptySnapshot('eu'));
    const { container } = show(slept, {
      now: at('2023-02-17T10:35:00Z'),
      settings: { ...DEFAULT_SETTINGS, pollMinutes: 30 },
    });
    const item = container.querySelector('[data-incident]')!;
    expect(item.textContent).toBe('14 Feb, 10:34 – last seen at 10:34 (1\u00a0min)');
    expect(item.textContent).not.toContain('ongoing');
    expect(item.textContent).not.toContain('3 days');
  });

  it('says whose an ongoing incident is when the owner is elsewhere: Europe’s, seen from New York', () => {
    const europeDown = probesWith({ 'owner-api': maintenance, 'fleet-api-eu': maintenance });
    const eu = { ...DEFAULT_TRACKER_CONFIG, region: 'eu' as const };
    const away = [
      [pollAt('2023-02-14T10:30:00Z', probesWith()), eu],
      [pollAt('2023-02-14T10:34:00Z', europeDown), eu],
      [pollAt('2023-02-14T10:34:30Z', europeDown), eu],
      // Flown to New York: North America's own hosts answer there.
      [
        pollAt('2023-02-14T16:00:00Z', { ...europeDown, 'owner-api': probesWith()['owner-api']! }),
        { ...eu, region: 'na' as const },
      ],
      [
        pollAt('2023-02-14T16:02:00Z', { ...europeDown, 'owner-api': probesWith()['owner-api']! }),
        { ...eu, region: 'na' as const },
      ],
    ].reduce(
      (s, [poll, config]) => reduceSnapshot(s, poll as PollResult, config as TrackerConfig),
      emptySnapshot('eu'),
    );
    const { root, container } = show(away, { now: at('2023-02-14T16:03:00Z') });
    expect(root.dataset.overallStatus).toBe('operational');
    const item = container.querySelector('[data-incident]')!;
    expect(item.getAttribute('data-ongoing')).toBe('true');
    expect(item.textContent).toContain(' · Europe, Middle East and Africa');
  });

  it('puts the phone key first, then what is down and why in a line, then what to do now', () => {
    const { root, row } = show(samples.outage(), { now: at('2023-02-14T11:55:00Z') });
    const phoneKey = root.querySelector('[data-phone-key]')!;
    expect(phoneKey.textContent).toContain(
      'Your phone key still works: you can unlock and drive. Keep your key card with you.',
    );
    // Above the feature list, right under the header.
    expect(phoneKey.compareDocumentPosition(row('remote-access')) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(root.querySelector('.ts-summary')!.textContent).toBe(
      '5 car features unavailable, plus 1 other service — Tesla maintenance',
    );
    const links = [...root.querySelectorAll<HTMLAnchorElement>('.ts-whatnow a')];
    expect(links.map((a) => [a.dataset.link, a.href, a.target, a.rel])).toEqual([
      ['downdetector', 'https://downdetector.com/status/tesla/', '_blank', 'noreferrer'],
      ['support', 'https://www.tesla.com/support', '_blank', 'noreferrer'],
    ]);
    expect(links[0]!.textContent).toBe('Crowd reports on Downdetector (opens in a new tab)');
    expect(root.querySelector('.ts-whatnow')!.textContent).toContain("Don't sign out of the Tesla app");
    expect(root.querySelector('.ts-whatnow')!.textContent).toContain('Remote features come back on their own.');
  });

  it('rows say Unavailable since when, in words; codes and hosts wait in the technical details', () => {
    const { root, row } = show(samples.outage(), { now: at('2023-02-14T11:55:00Z') });
    expect(row('remote-access').dataset.status).toBe('down');
    expect(row('remote-access').textContent).toBe('✕Remote access to the carsince 09:42Unavailable');
    expect(row('account-website').dataset.status).toBe('up');
    expect(row('third-party-apps').dataset.status).toBe('down');
    const details = root.querySelector<HTMLDetailsElement>('details.ts-tech')!;
    expect(details.open).toBe(false);
    expect(details.querySelector('summary')!.textContent).toBe('Technical details');
    expect(details.querySelector('[data-check="owner-api"]')!.textContent).toBe(
      'owner-api.teslamotors.com — HTTP 503 — maintenance · 90 ms',
    );
  });

  it('copies a paste-ready summary', () => {
    const onCopy = vi.fn();
    show(samples.outage(), { now: at('2023-02-14T11:55:00Z'), onCopy });
    fireEvent.click(screen.getByRole('button', { name: 'Copy status' }));
    expect(onCopy).toHaveBeenCalledWith(
      'Tesla outage since 09:42 (2\u00a0hrs 13\u00a0mins): Remote access to the car, Sentry Mode camera, Climate preconditioning, Dog and Camp mode check, Remote charging control and Third-party apps (TeslaMate…) unavailable; phone key works. Still working: China. Checked 11:55 with Tesla Status.',
    );
    cleanup();
    show(samples.outage(), { now: at('2023-02-14T11:55:00Z'), onCopy, copied: true });
    expect(screen.getByRole('button', { name: 'Copied' })).toBeTruthy();
  });

  it('tells a relapse with both times: down again since, and first down at', () => {
    const { root } = show(samples.relapse(), { now: at('2023-02-14T13:11:00Z') });
    expect(screen.getByRole('status').textContent).toBe('Down again');
    expect(root.querySelector('.ts-story')!.textContent).toBe(
      'Since 13:10 · first down at 09:42, 3\u00a0hrs 29\u00a0mins in all',
    );
    expect(times(root)).toEqual([
      ['2023-02-14T13:10:00.000Z', '13:10'],
      ['2023-02-14T09:42:00.000Z', '09:42'],
    ]);
  });

  it('tells a partial relapse as what it is now, and copies it so', () => {
    const s = samples.partialRelapse();
    const onCopy = vi.fn();
    const { root } = show(s, { now: at('2023-02-14T10:31:00Z'), onCopy });
    expect(root.dataset.overallStatus).toBe('degraded');
    expect(screen.getByRole('status').textContent).toBe('Partial outage again');
    expect(root.querySelector('[data-phone-key]')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Copy status' }));
    expect(onCopy.mock.calls[0]![0]).toMatch(
      /^Tesla partial outage since 10:30 \(1\smin\): Tesla account website affected; phone key works\./,
    );
  });

  it('after a recovery, says when Tesla came back and how long the outage lasted, for an hour', () => {
    const s = samples.recovered();
    const { root } = show(s, { now: at('2023-02-14T11:00:00Z') });
    expect(screen.getByRole('status').textContent).toBe('All systems working');
    expect(root.querySelector('.ts-story')!.textContent).toBe(
      'Back since 10:53 · the outage lasted 1\u00a0hr 11\u00a0mins',
    );
    expect(times(root)).toEqual([['2023-02-14T10:53:00.000Z', '10:53']]);
    expect(root.querySelector('[data-phone-key]')).toBeNull();
    cleanup();
    const later = show(s, { now: at('2023-02-14T11:53:00Z'), settings: { ...DEFAULT_SETTINGS, pollMinutes: 60 } });
    expect(later.root.querySelector('.ts-story')).toBeNull();
  });

  it('after a recovery from an outage nobody saw begin, says it lasted at least that long', () => {
    const s = samples.installedThenBack();
    const { root } = show(s, { now: at('2023-02-14T11:15:00Z') });
    expect(root.querySelector('.ts-story')!.textContent).toBe(
      'Back since 11:14 · the outage lasted at least 40\u00a0mins',
    );
    expect(root.querySelector('[data-incident]')!.textContent).toBe('10:34 – 11:14 (at least 40\u00a0mins)');
  });

  it('tells a relapse of an outage nobody saw begin from when it was first seen down, with no length in all', () => {
    const s = samples.installedThenRelapse();
    const { root } = show(s, { now: at('2023-02-14T10:33:00Z') });
    expect(root.querySelector('.ts-story')!.textContent).toBe('Since 10:30 · first seen down at 10:00');
  });

  it('says "no incidents" only of what it saw: nothing before the first check, then since its first poll, then the day', () => {
    const hint = (root: HTMLElement) => root.querySelector('[data-no-incidents]')?.textContent ?? null;
    expect(hint(show(emptySnapshot('eu'), { now: at('2023-02-14T09:40:00Z') }).root)).toBeNull();
    cleanup();
    const { root } = show(samples.healthy(), { now: at('2023-02-14T09:43:00Z') });
    expect(hint(root)).toBe('Watching since 09:40 — no incidents so far');
    expect(times(root, '[data-no-incidents]')).toEqual([['2023-02-14T09:40:00.000Z', '09:40']]);
    cleanup();
    const day = replaySnapshots(
      [pollAt('2023-02-13T09:40:00Z', probesWith()), pollAt('2023-02-14T09:40:00Z', probesWith())],
      'eu',
      2 * 60_000,
    );
    expect(hint(show(day, { now: at('2023-02-14T09:41:00Z') }).root)).toBe('No incidents seen in the last 24 hours');
    cleanup();
    // A day of "not known" (offline all along) saw nothing: it says nothing of incidents either.
    const unknownDay = replaySnapshots(
      [
        pollAt('2023-02-13T09:40:00Z', everyProbe(failed), false),
        pollAt('2023-02-14T09:40:00Z', everyProbe(failed), false),
      ],
      'eu',
      2 * 60_000,
    );
    expect(hint(show(unknownDay, { now: at('2023-02-14T09:41:00Z') }).root)).toBeNull();
  });

  it("draws a minute of trouble wide enough to see on the day's strip", () => {
    const s = replaySnapshots(
      [
        pollAt('2023-02-14T10:00:00Z', probesWith()),
        pollAt('2023-02-14T10:30:00Z', feb14Outage()),
        pollAt('2023-02-14T10:30:30Z', feb14Outage()),
      ],
      'eu',
      2 * 60_000,
    );
    const { container } = show(s, { now: at('2023-02-14T10:31:00Z') });
    const day = container.querySelector('svg[aria-label="Status over the last 24 hours"]')!;
    const widths = [...day.querySelectorAll('rect.ts-seg-outage')].map((rect) => Number(rect.getAttribute('width')));
    expect(widths.length).toBeGreaterThan(0);
    for (const width of widths) expect(width).toBeGreaterThanOrEqual(4);
    // Inside the strip, not drawn past its end.
    for (const rect of day.querySelectorAll('rect.ts-seg-outage'))
      expect(Number(rect.getAttribute('x')) + Number(rect.getAttribute('width'))).toBeLessThanOrEqual(332);
  });

  it('says a slow site is slow to answer, not unavailable, and gives no other cause', () => {
    const s = replaySnapshots([
      pollAt('2023-02-14T09:40:00Z', probesWith()),
      pollAt('2023-02-14T09:42:00Z', probesWith({ website: slow })),
      pollAt('2023-02-14T09:42:30Z', probesWith({ website: slow })),
    ]);
    const { root } = show(s, { now: at('2023-02-14T09:43:00Z') });
    expect(root.querySelector('.ts-summary')!.textContent).toBe('1 service slow to answer');
  });

  it('keys the strips in words: each state the day holds, and the hatching where nothing was checked', () => {
    const { root } = show(samples.outage(), { now: at('2023-02-14T11:55:00Z') });
    const legend = root.querySelector('.ts-legend')!;
    expect(legend.getAttribute('aria-label')).toBe('Key to the strips');
    expect([...legend.querySelectorAll('li')].map((li) => [li.getAttribute('data-legend'), li.textContent])).toEqual([
      ['operational', 'working'],
      ['outage', 'outage'],
      ['none', 'not checked'],
    ]);
    cleanup();
    // Before the first check, the whole strip is hatched, and says why.
    const before = show(emptySnapshot('eu'), { now: at('2023-02-14T09:40:00Z') }).root;
    expect([...before.querySelectorAll('.ts-legend li')].map((li) => li.textContent)).toEqual(['not checked']);
  });

  it('while a failure is confirmed, says it checks again in a few seconds', () => {
    const { root } = show(samples.confirming(), { now: at('2023-02-14T09:42:10Z') });
    // Not "All systems working" while a failure is being confirmed, and not an outage yet either.
    expect(root.dataset.overallStatus).toBe('unknown');
    expect(screen.getByRole('status').textContent).toBe("Checking Tesla's servers…");
    expect(root.textContent).not.toContain('All systems working');
    expect(root.textContent).toContain('A check failed — checking again in a few seconds');
  });

  it('never says all is well before any level is confirmed: a first poll that fails, a change of region', () => {
    const first = replaySnapshots([pollAt('2023-02-14T09:42:00Z', feb14Outage())]);
    const { root, row } = show(first, { now: at('2023-02-14T09:42:10Z') });
    expect(root.dataset.overallStatus).toBe('unknown');
    expect(screen.getByRole('status').textContent).toBe("Checking Tesla's servers…");
    expect(root.textContent).not.toContain('All systems working');
    expect(row('remote-access').dataset.status).toBe('unknown');
    expect(row('remote-access').querySelector('.ts-row-detail')!.textContent).toBe('Checking…');
    expect(row('phone-key').dataset.status).toBe('up');
    cleanup();
    // During a confirmed outage the owner picks another region: it is judged again from here, its
    // features too: being checked, never "All systems working" or "Working" under an outage.
    const moved = reduceSnapshot(samples.outage(), pollAt('2023-02-14T11:57:00Z', feb14Outage()), {
      ...DEFAULT_TRACKER_CONFIG,
      region: 'na',
    });
    const after = show(moved, { now: at('2023-02-14T11:57:10Z') });
    expect(screen.getByRole('status').textContent).toBe("Checking Tesla's servers…");
    expect(after.root.textContent).not.toContain('All systems working');
    expect(after.row('remote-access').dataset.status).toBe('unknown');
    expect(after.row('remote-access').querySelector('.ts-row-detail')!.textContent).toBe('Checking…');
  });

  it('while a recovery is confirmed, rows follow the header: Recovering — confirming', () => {
    const { root, row } = show(samples.recovering(), { now: at('2023-02-14T10:53:30Z') });
    expect(root.textContent).toContain('Tesla answers again — confirming the recovery');
    expect(row('remote-access').querySelector('.ts-row-detail')!.textContent).toBe('Recovering — confirming');
    // The features are still confirmed down, but Tesla's last answers were healthy: no cause to give.
    expect(root.querySelector('.ts-summary')!.textContent).toBe('5 car features unavailable, plus 1 other service');
  });

  it('shows a partial outage in plain words', () => {
    const { root, row } = show(samples.partial());
    expect(root.dataset.overallStatus).toBe('degraded');
    expect(screen.getByRole('status').textContent).toBe('Partial outage');
    expect(row('account-website').dataset.status).toBe('down');
    expect(root.querySelector('.ts-summary')!.textContent).toBe("1 service unavailable — errors on Tesla's servers");
    expect(root.querySelector('[data-phone-key]')).toBeNull();
    expect(row('remote-access').dataset.status).toBe('up');
  });

  it('says the user seems offline, never an outage, and the phone key still works', () => {
    const { root, row } = show(samples.offline());
    expect(root.dataset.overallStatus).toBe('unknown');
    expect(screen.getByRole('status').textContent).toBe('You seem to be offline');
    expect(screen.getByText("Can't check Tesla: your internet connection seems down.")).toBeTruthy();
    expect(row('remote-access').dataset.status).toBe('unknown');
    expect(row('phone-key').dataset.status).toBe('up');
  });

  it('offline during an outage, says when Tesla was last confirmed, never "checked now"', () => {
    const { root } = show(samples.offlineDuringOutage(), { now: at('2023-02-14T10:55:10Z') });
    expect(screen.getByRole('status').textContent).toBe('You seem to be offline');
    expect(root.querySelector('.ts-checked')!.textContent).toBe('Last heard from Tesla at 10:53');
    expect(times(root, '.ts-checked')).toEqual([['2023-02-14T10:53:00.000Z', '10:53']]);
    expect(root.textContent).not.toMatch(/Last checked/);
    expect(root.querySelector('.ts-whatnow')).toBeNull();
  });

  it("shows regions with the user's own first and marked, and China spared", () => {
    const { container } = show(samples.outage());
    const regions = [...container.querySelectorAll<HTMLElement>('[data-region]')];
    expect(regions.map((r) => r.dataset.region)).toEqual(['eu', 'na', 'cn']);
    expect(regions[0]!.getAttribute('aria-current')).toBe('true');
    expect(regions[0]!.textContent).toContain('(your region)');
    expect(regions.map((r) => r.dataset.status)).toEqual(['down', 'down', 'up']);
  });

  it("says it cannot tell, and why, when the car's server only times out: never an outage, never working", () => {
    const silent = replaySnapshots([
      pollAt('2023-02-14T09:42:00Z', probesWith({ 'owner-api': timedOut })),
      pollAt('2023-02-14T09:42:30Z', probesWith({ 'owner-api': timedOut })),
    ]);
    const { root } = show(silent);
    expect(root.querySelector('.ts-headline')!.textContent).toBe("Can't tell whether your car can be reached");
    expect(root.querySelector('.ts-header')!.textContent).toContain('your network (a filter, a VPN, a firewall)');
    expect(root.querySelector('.ts-summary')).toBeNull();
    const remote = root.querySelector<HTMLElement>('[data-feature="remote-access"]')!;
    expect(remote.dataset.status).toBe('unknown');
    expect(remote.textContent).toContain('Timed out after 8 s');
  });

  it("reads another region whose hosts only time out from here as can't tell, not down", () => {
    const { container } = show(samples.chinaSilent());
    const china = container.querySelector<HTMLElement>('[data-region="cn"]')!;
    expect(china.dataset.status).toBe('unknown');
    expect(china.querySelector('.ts-row-status')!.textContent).toBe("Can't tell from here");
    expect(container.querySelector<HTMLElement>('[data-region="na"]')!.dataset.status).toBe('down');
  });

  it("reads every region a silent shared host serves as can't tell, never down", () => {
    // The global Owner API host times out: it serves Europe (where the user is) and North America alike.
    const shared = replaySnapshots([
      pollAt('2023-02-14T09:42:00Z', probesWith({ 'owner-api': timedOut })),
      pollAt('2023-02-14T09:42:30Z', probesWith({ 'owner-api': timedOut })),
    ]);
    const { container } = show(shared);
    const status = (region: string) =>
      container.querySelector<HTMLElement>(`[data-region="${region}"]`)!.dataset.status;
    expect(status('eu')).toBe('unknown');
    expect(status('na')).toBe('unknown');
    expect(container.querySelector('[data-region="na"] .ts-row-status')!.textContent).toBe("Can't tell from here");
  });

  it('tells a recovery first seen after a gap in times polls saw: back by, last seen down at', () => {
    const s = samples.recovered();
    const incident = s.incidents[0]!;
    const seenAt = incident.end! - 60_000;
    const backAt = incident.end! + 5 * 60 * 60_000;
    const asleep = { ...s, checkedAt: backAt, incidents: [{ ...incident, seenAt, backAt }] };
    const { root } = show(asleep, { now: backAt + 60_000 });
    expect(root.querySelector('.ts-story')!.textContent).toBe('Back by 15:53 · last seen down at 10:52');
    expect(root.querySelector('[data-incident]')!.textContent).toContain('· back by 15:53');
  });

  it('shows a relapse as one recurred, ongoing incident on the timeline', () => {
    const { container } = show(samples.relapse());
    const incidents = container.querySelectorAll<HTMLElement>('[data-incident]');
    expect(incidents).toHaveLength(1);
    expect(incidents[0]!.dataset.ongoing).toBe('true');
    expect(incidents[0]!.textContent).toMatch(/^09:42 – ongoing \(3\shrs 29\smins\) · down again$/);
    expect([...container.querySelectorAll('svg[role="group"]')].map((svg) => svg.getAttribute('aria-label'))).toEqual([
      'Status over the last 3 hours',
      'Status over the last 24 hours',
    ]);
    expect(
      container.querySelectorAll('svg[aria-label="Status over the last 24 hours"] rect.ts-seg-outage').length,
    ).toBeGreaterThanOrEqual(2);
  });

  it('labels each stretch of the day for pointer, keyboard and screen reader, with hour marks and now', () => {
    const { container } = show(samples.fortyMinutes(), { now: at('2023-02-14T11:00:00Z') });
    const day = container.querySelector('svg[aria-label="Status over the last 24 hours"]')!;
    const trouble = [...day.querySelectorAll<SVGRectElement>('rect[role="img"]')];
    // The strip paints confirmed states from the first poll that showed them, as "since" tells them:
    // from the first failing poll to the first healthy one, not from the polls that confirmed them.
    expect(trouble.map((rect) => rect.getAttribute('aria-label'))).toEqual(['10:00–10:40 outage']);
    expect(trouble.every((rect) => rect.getAttribute('tabindex') === '0')).toBe(true);
    expect([...day.querySelectorAll('rect.ts-seg-operational title')].map((title) => title.textContent)).toEqual([
      '09:00–10:00 working',
      '10:40–11:00 working',
    ]);
    expect(day.querySelector('rect.ts-seg-unknown')).toBeNull();
    expect(day.querySelectorAll('rect.ts-seg-operational[tabindex]')).toHaveLength(0);
    // The stretch before the first poll is drawn as no data, not as any state.
    expect(day.querySelector('rect.ts-seg-none title')!.textContent).toBe('No data (not checked)');
    const marks = [...day.parentElement!.querySelectorAll('.ts-mark')].map((mark) => mark.textContent);
    expect(marks).toEqual(['18:00', '00:00', '06:00', 'now']);
  });

  it('zooms on the last 3 hours during an incident, and only then', () => {
    const during = show(samples.fortyMinutes(), { now: at('2023-02-14T11:00:00Z') });
    const zoom = during.container.querySelector('svg[aria-label="Status over the last 3 hours"]')!;
    // 40 minutes of a 3-hour strip are wide enough to see: over a fifth of it (a 24-hour strip gives them 9 px).
    const outage = zoom.querySelector<SVGRectElement>('rect.ts-seg-outage')!;
    expect(Number(outage.getAttribute('width'))).toBeGreaterThan(332 / 5);
    expect([...zoom.parentElement!.querySelectorAll('.ts-mark')].map((mark) => mark.textContent)).toEqual([
      '09:00',
      '10:00',
      'now',
    ]);
    cleanup();
    const healthy = show(samples.healthy());
    expect(healthy.container.querySelector('svg[aria-label="Status over the last 3 hours"]')).toBeNull();
  });

  it('keeps every hour mark whole and clear of "now", "12:00 AM" in a 12-hour clock too', () => {
    const s = replaySnapshots(
      [
        pollAt('2023-02-14T21:00:00Z', probesWith()),
        pollAt('2023-02-15T00:10:00Z', feb14Outage()),
        pollAt('2023-02-15T00:10:30Z', feb14Outage()),
        pollAt('2023-02-15T00:20:00Z', feb14Outage()),
      ],
      'eu',
      2 * 60_000,
    );
    const { container } = show(s, { now: at('2023-02-15T00:22:00Z') }, { t: tEn, locale: 'en-US' });
    const zoom = container.querySelector('svg[aria-label="Status over the last 3 hours"]')!;
    expect([...zoom.parentElement!.querySelectorAll('.ts-mark')].map((mark) => mark.textContent)).toEqual([
      '10:00 PM',
      '11:00 PM',
      'now',
    ]);
  });

  it('on first install says it is checking, with progress, never "use Check now"', () => {
    const { root, row } = show(parseSnapshot('corrupt{{'), { now: at('2023-02-14T10:00:00Z') });
    expect(root.dataset.overallStatus).toBe('unknown');
    expect(screen.getByRole('status').textContent).toBe("Checking Tesla's servers…");
    expect(root.querySelector('.ts-header .ts-spinner')).toBeTruthy();
    expect(root.textContent).not.toContain('Use Check now');
    expect(screen.getByText('Not checked yet')).toBeTruthy();
    expect(row('charging').dataset.status).toBe('unknown');
  });

  it('shows a stale snapshot as such: rows greyed, last known, never current', () => {
    const s = samples.outage();
    const { root, row } = show(s, { now: s.checkedAt! + 3 * 60 * 60_000 });
    expect(root.dataset.stale).toBe('true');
    expect(screen.getByRole('status').textContent).toBe('Status unknown — not checked recently');
    expect(screen.getByText('Last checked 3 hours ago — this may be out of date')).toBeTruthy();
    expect(row('remote-access').classList.contains('ts-row-muted')).toBe(true);
    expect(row('remote-access').querySelector('.ts-row-detail')!.textContent).toBe('last known · 3 hours ago');
    expect(root.querySelector('.ts-story')).toBeNull();
    expect(root.querySelector('.ts-whatnow')).toBeNull();
    // Nothing zooms on "the last 3 hours" of a day nobody watched.
    expect(root.querySelector('svg[aria-label="Status over the last 3 hours"]')).toBeNull();
  });

  it('has a real Check now button that shows progress and is disabled while checking', () => {
    const { onCheckNow } = show(samples.healthy());
    fireEvent.click(screen.getByRole('button', { name: 'Check now' }));
    expect(onCheckNow).toHaveBeenCalledOnce();
    cleanup();
    show(samples.healthy(), { checking: true });
    const busy = screen.getByRole('button', { name: 'Checking…' }) as HTMLButtonElement;
    expect(busy.disabled).toBe(true);
    expect(busy.getAttribute('aria-busy')).toBe('true');
  });

  it('reaches the settings', () => {
    const { root } = show(samples.healthy());
    const gear = screen.getByRole('link', { name: 'Settings' }) as HTMLAnchorElement;
    expect(gear.getAttribute('href')).toBe('/options.html');
    expect(gear.target).toBe('_blank');
    expect(root.contains(gear)).toBe(true);
  });

  it('says when a check could not run', () => {
    show(samples.healthy(), { checkFailed: true });
    expect(screen.getByRole('alert').textContent).toBe('The check could not run. Try again in a moment.');
  });

  it('speaks French, with the words owners use', () => {
    const { root, row } = show(samples.relapse(), { now: at('2023-02-14T13:11:00Z') }, fr);
    expect(screen.getByRole('status').textContent).toBe('De nouveau en panne');
    expect(root.querySelector('.ts-checked')!.textContent).toBe("Dernière vérification à l'instant");
    expect(root.querySelector('.ts-story')!.textContent).toMatch(
      /^Depuis 13:10 · première panne à 09:42, 3\sh 29\smin en tout$/,
    );
    expect(screen.getByRole('button', { name: 'Vérifier' })).toBeTruthy();
    expect(row('remote-access').textContent).toContain('depuis 13:10');
    expect(row('phone-key').textContent).toContain('Fonctionne sans les serveurs de Tesla');
    expect(root.querySelector('[data-phone-key]')!.textContent).toContain('Votre clé téléphone fonctionne toujours');
    expect(root.querySelector<HTMLAnchorElement>('[data-link="downdetector"]')!.href).toBe(
      'https://downdetector.fr/statut/tesla/',
    );
    expect(root.querySelector('.ts-summary')!.textContent).toBe(
      '5 fonctions de la voiture indisponibles, plus 1 autre service — maintenance chez Tesla',
    );
  });

  it('shows reason text, never a raw key, when the stored reason is unknown', () => {
    const s = samples.outage();
    s.probes['owner-api']!.reason = { key: 'reasonFromTheFuture' };
    const { root } = show(s);
    expect(root.textContent).not.toContain('reasonFromTheFuture');
  });

  it('shows a feature whose service is not watched as unknown, and says why', () => {
    const { row } = show(samples.healthy(), { settings: { ...DEFAULT_SETTINGS, services: ['owner-api'] } });
    expect(row('third-party-apps').dataset.status).toBe('unknown');
    expect(row('third-party-apps').textContent).toContain('Not watched (see settings)');
    expect(row('remote-access').dataset.status).toBe('up');
  });

  it('renders hostile stored text as text', () => {
    const s = samples.outage();
    s.probes['owner-api']!.reason = { key: 'reasonHttp', values: ['<img src=x onerror=alert(1)>'] };
    const { root } = show(s);
    expect(root.querySelector('.ts-tech img')).toBeNull();
    expect(root.querySelector('[data-check="owner-api"]')!.textContent).toContain('HTTP <img src=x onerror=alert(1)>');
  });

  it('offers "Report a wrong status" in the technical details, with what the file holds', () => {
    const onReport = vi.fn();
    show(samples.outage(), { onReport });
    const button = screen.getByRole('button', { name: 'Report a wrong status' });
    expect(button.closest('details')?.querySelector('summary')?.textContent).toBe('Technical details');
    expect(button.getAttribute('aria-describedby')).toBe('ts-report-hint');
    expect(document.getElementById('ts-report-hint')?.textContent).toContain('nothing about you or your car');
    fireEvent.click(button);
    expect(onReport).toHaveBeenCalledTimes(1);
  });

  it('has no report button where nothing can make the file', () => {
    show(samples.outage());
    expect(screen.queryByRole('button', { name: 'Report a wrong status' })).toBeNull();
  });
});
