// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Popup, type PopupProps } from '../../components/Popup';
import type { Ui } from '../../components/ui';
import { FEATURE_IDS } from '../../utils/engine/features';
import { DEFAULT_SETTINGS } from '../../utils/engine/settings';
import { parseSnapshot, type Snapshot } from '../../utils/engine/snapshot';
import { tEn, tFr } from '../support/i18n';
import { samples } from '../support/snapshots';

afterEach(cleanup);

const en: Ui = { t: tEn, locale: 'en-GB' };
const fr: Ui = { t: tFr, locale: 'fr-FR' };

function show(snapshot: Snapshot | null, props: Partial<PopupProps> = {}, ui: Ui = en) {
  const now = props.now ?? (snapshot?.checkedAt ?? 0) + 60_000;
  const onCheckNow = vi.fn();
  const result = render(
    <Popup snapshot={snapshot} now={now} settings={DEFAULT_SETTINGS} checking={false} checkFailed={false} onCheckNow={onCheckNow} ui={ui} {...props} />,
  );
  const root = result.container.querySelector('[data-overall-status]') as HTMLElement;
  const row = (id: string) => result.container.querySelector(`[data-feature="${id}"]`) as HTMLElement;
  return { ...result, root, row, onCheckNow };
}

describe('the popup', () => {
  it('says all is well, and when it last checked', () => {
    const { root, row } = show(samples.healthy());
    expect(root.dataset.overallStatus).toBe('operational');
    expect(screen.getByRole('status').textContent).toBe('All systems working');
    expect(screen.getByText('Last checked 1 minute ago')).toBeTruthy();
    for (const id of FEATURE_IDS) expect(row(id).dataset.status, id).toBe('up');
    expect(root.querySelector('time')).toBeNull();
  });

  it('lists every feature as a real list, the phone key reassuring', () => {
    const { row } = show(samples.outage());
    const list = screen.getAllByRole('list')[0]!;
    expect(within(list).getAllByRole('listitem')).toHaveLength(FEATURE_IDS.length);
    expect(row('phone-key').dataset.status).toBe('up');
    expect(row('phone-key').textContent).toContain("Works over Bluetooth even while Tesla's servers are down");
  });

  it('shows a full outage with its start time as <time datetime>, the reason and a running duration', () => {
    const s = samples.outage();
    const { root, row } = show(s, { now: Date.parse('2023-02-14T11:55:00Z') });
    expect(root.dataset.overallStatus).toBe('outage');
    expect(screen.getByRole('status').textContent).toBe('Outage');
    const time = root.querySelector('time')!;
    expect(time.getAttribute('datetime')).toBe('2023-02-14T09:42:00.000Z');
    // en-GB spells units its own way ("hrs", "mins"): Intl's words, not ours.
    expect(time.textContent).toBe('since 09:42 — 2 hrs 13 mins');
    expect(row('remote-access').dataset.status).toBe('down');
    expect(row('remote-access').textContent).toContain('HTTP 503 — maintenance · Down since 09:42');
    expect(row('account-website').dataset.status).toBe('up');
    expect(row('third-party-apps').dataset.status).toBe('down');
  });

  it('shows a partial outage', () => {
    const { root, row } = show(samples.partial());
    expect(root.dataset.overallStatus).toBe('degraded');
    expect(screen.getByRole('status').textContent).toBe('Partial outage');
    expect(row('account-website').dataset.status).toBe('down');
    expect(row('account-website').textContent).toContain('HTTP 502');
    expect(row('remote-access').dataset.status).toBe('up');
  });

  it('says the user seems offline, never an outage, and the phone key still works', () => {
    const { root, row } = show(samples.offline());
    expect(root.dataset.overallStatus).toBe('unknown');
    expect(screen.getByRole('status').textContent).toBe('You seem to be offline');
    expect(screen.getByText('Tesla cannot be judged from here: check your internet connection.')).toBeTruthy();
    expect(row('remote-access').dataset.status).toBe('unknown');
    expect(row('phone-key').dataset.status).toBe('up');
  });

  it('shows regions with the user\'s own first and marked, and China spared', () => {
    const { container } = show(samples.outage());
    const regions = [...container.querySelectorAll<HTMLElement>('[data-region]')];
    expect(regions.map((r) => r.dataset.region)).toEqual(['eu', 'na', 'cn']);
    expect(regions[0]!.getAttribute('aria-current')).toBe('true');
    expect(regions[0]!.textContent).toContain('(your region)');
    expect(regions.map((r) => r.dataset.status)).toEqual(['down', 'down', 'up']);
  });

  it('shows a relapse as one recurred, ongoing incident on the timeline', () => {
    const { container } = show(samples.relapse());
    const incidents = container.querySelectorAll<HTMLElement>('[data-incident]');
    expect(incidents).toHaveLength(1);
    expect(incidents[0]!.dataset.ongoing).toBe('true');
    expect(incidents[0]!.textContent).toMatch(/^09:42 – ongoing \(3 hrs 29 mins\) · recurred$/);
    expect(container.querySelector('svg[role="img"]')!.getAttribute('aria-label')).toBe('Status over the last 24 hours');
    expect(container.querySelectorAll('rect.ts-seg-outage').length).toBeGreaterThanOrEqual(2);
  });

  it('renders a clear "no data yet" state from a corrupt snapshot, never a blank popup', () => {
    const { root, row } = show(parseSnapshot('corrupt{{'), { now: Date.parse('2023-02-14T10:00:00Z') });
    expect(root.dataset.overallStatus).toBe('unknown');
    expect(screen.getByRole('status').textContent).toBe('No data yet');
    expect(screen.getByText('Not checked yet')).toBeTruthy();
    expect(row('charging').dataset.status).toBe('unknown');
    expect(screen.getByRole('button', { name: 'Check now' })).toBeTruthy();
  });

  it('shows a stale snapshot as such, never as current', () => {
    const s = samples.healthy();
    const { root } = show(s, { now: s.checkedAt! + 3 * 60 * 60_000 });
    expect(root.dataset.stale).toBe('true');
    expect(screen.getByRole('status').textContent).toBe('Status unknown — not checked recently');
    expect(screen.getByText('Last checked 3 hours ago — this may be out of date')).toBeTruthy();
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

  it('says when a check could not run', () => {
    show(samples.healthy(), { checkFailed: true });
    expect(screen.getByRole('alert').textContent).toBe('The check could not run. Try again in a moment.');
  });

  it('speaks French', () => {
    const { row } = show(samples.outage(), { now: Date.parse('2023-02-14T11:55:00Z') }, fr);
    expect(screen.getByRole('status').textContent).toBe('Panne');
    expect(screen.getByRole('button', { name: 'Vérifier maintenant' })).toBeTruthy();
    expect(row('remote-access').textContent).toContain('HTTP 503 — maintenance en cours · En panne depuis 09:42');
    expect(row('phone-key').textContent).toContain('Fonctionne en Bluetooth');
    expect(document.querySelector('time')!.textContent).toMatch(/^depuis 09:42 — 2\sh 13\smin$/);
  });

  it('shows reason text, never a raw key, when the stored reason is unknown', () => {
    const s = samples.outage();
    s.features['remote-access'].reason = { key: 'reasonFromTheFuture' };
    const { row } = show(s);
    expect(row('remote-access').textContent).not.toContain('reasonFromTheFuture');
  });

  it('shows a feature whose service is not watched as unknown, and says why', () => {
    const { row } = show(samples.healthy(), { settings: { ...DEFAULT_SETTINGS, services: ['owner-api'] } });
    expect(row('third-party-apps').dataset.status).toBe('unknown');
    expect(row('third-party-apps').textContent).toContain('Not watched (see settings)');
    expect(row('remote-access').dataset.status).toBe('up');
  });

  it('renders hostile stored text as text', () => {
    const s = samples.outage();
    s.features['remote-access'].reason = { key: 'reasonHttp', values: ['<img src=x onerror=alert(1)>'] };
    const { row } = show(s);
    expect(row('remote-access').querySelector('img')).toBeNull();
    expect(row('remote-access').textContent).toContain('HTTP <img src=x onerror=alert(1)>');
  });
});
