// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { Banner } from '../../components/Banner';
import { BANNER_GLOBS } from '../../utils/engine/banner-pages';
import { isBannerPage } from '../support/banner-pages';
import { RESOLVED_NOTICE_MS, bannerState } from '../../utils/engine/banner';
import { DEFAULT_TRACKER_CONFIG, reduceSnapshot } from '../../utils/engine/outage-tracker';
import { DEFAULT_SETTINGS } from '../../utils/engine/settings';
import { overallTrack, type Snapshot } from '../../utils/engine/snapshot';
import { HOUR } from '../../utils/engine/time';
import { bannerDismissedItem, dismissBanner } from '../../utils/browser/storage';

const VIEW = DEFAULT_SETTINGS;
import { awake, feb14Outage, pollAt, probesWith } from '../support/polls';
import { tEn, tFr } from '../support/i18n';
import { samples } from '../support/snapshots';

describe('isBannerPage', () => {
  it.each([
    'https://www.tesla.com/teslaaccount',
    'https://www.tesla.com/teslaaccount/profile',
    'https://www.tesla.com/teslaaccount?redirect=1',
    'https://www.tesla.com/fr_FR/teslaaccount',
    'https://www.tesla.com/de_CH/teslaaccount/charging',
    'https://auth.tesla.com/oauth2/v3/authorize',
    'https://accounts.tesla.com/',
    'https://www.tesla.cn/teslaaccount',
    'https://auth.tesla.cn/oauth2/v3/authorize',
  ])('runs on %s', (url) => expect(isBannerPage(url)).toBe(true));

  it.each([
    'https://www.tesla.com/models',
    'https://www.tesla.com/',
    'https://www.tesla.com/fr_FR/models',
    'https://www.tesla.com/en/teslaaccount',
    'https://www.tesla.com/shop/teslaaccount-gift',
    'http://www.tesla.com/teslaaccount',
    'https://www.tesla.com.evil.example/teslaaccount',
    'https://evil.example/https://www.tesla.com/teslaaccount',
    'https://shop.tesla.com/teslaaccount',
    'https://www.tesla.com:8443/teslaaccount',
    'not a url',
  ])('does not run on %s', (url) => expect(isBannerPage(url)).toBe(false));

  // The built manifest declares exactly these lists (tests/e2e/manifest.test.ts).
  it.each(BANNER_GLOBS)('runs on a page of the include glob %s', (glob) => {
    expect(isBannerPage(glob.replace(/\*/g, 'x').replace(/\?/g, 'a'))).toBe(true);
  });
});

const config = { ...DEFAULT_TRACKER_CONFIG, region: 'eu' as const };

describe('bannerState', () => {
  it('says nothing when all is well, offline or stale', () => {
    const healthy = samples.healthy();
    expect(bannerState(healthy, healthy.checkedAt!, VIEW, [])).toBeNull();
    const offline = samples.offline();
    expect(bannerState(offline, offline.checkedAt!, VIEW, [])).toBeNull();
    const outage = samples.outage();
    expect(bannerState(outage, outage.checkedAt! + 3 * 60 * 60_000, VIEW, [])).toBeNull();
    expect(bannerState(null, 0, VIEW, [])).toBeNull();
  });

  it('names an outage with its start and what is down', () => {
    const s = samples.outage();
    expect(bannerState(s, s.checkedAt!, VIEW, [])).toMatchObject({
      status: 'outage',
      since: Date.parse('2023-02-14T09:42:00Z'),
      affected: ['remote-access', 'sentry-camera', 'climate', 'dog-camp-mode', 'charging', 'third-party-apps'],
    });
  });

  it('remembers a dismissal for that incident only: a relapse shows it again', () => {
    let s = reduceSnapshot(samples.healthy(), pollAt('2023-02-14T10:00:00Z', feb14Outage()), config);
    s = reduceSnapshot(s, pollAt('2023-02-14T10:00:30Z', feb14Outage()), config);
    const first = bannerState(s, s.checkedAt!, VIEW, [])!;
    expect(bannerState(s, s.checkedAt!, VIEW, [first.key])).toBeNull();
    s = reduceSnapshot(s, pollAt('2023-02-14T10:30:00Z', probesWith()), config);
    s = reduceSnapshot(s, pollAt('2023-02-14T10:32:00Z', probesWith()), config);
    s = reduceSnapshot(s, pollAt('2023-02-14T10:40:00Z', feb14Outage()), config);
    s = reduceSnapshot(s, pollAt('2023-02-14T10:40:30Z', feb14Outage()), config);
    const relapse = bannerState(s, s.checkedAt!, VIEW, [first.key]);
    expect(relapse).toMatchObject({ status: 'outage', since: Date.parse('2023-02-14T10:40:00Z') });
    expect(relapse!.key).not.toBe(first.key);
  });

  it('shows a resolved notice for 10 minutes after a recovery', () => {
    let s = samples.outage();
    s = reduceSnapshot(s, pollAt('2023-02-14T12:00:00Z', probesWith()), config);
    s = reduceSnapshot(s, pollAt('2023-02-14T12:02:00Z', probesWith()), config);
    const end = Date.parse('2023-02-14T12:00:00Z');
    expect(bannerState(s, end + 2 * 60_000, VIEW, [])).toMatchObject({ status: 'resolved', end });
    expect(bannerState(s, end + RESOLVED_NOTICE_MS + 1, VIEW, [])).toBeNull();
  });
});

describe('bannerState at its edges', () => {
  const recovered = () => {
    let s = samples.outage();
    const { polls } = awake([
      pollAt('2023-02-14T11:55:00Z', feb14Outage()),
      pollAt('2023-02-14T12:00:00Z', probesWith()),
      pollAt('2023-02-14T12:02:00Z', probesWith()),
    ]);
    for (const poll of polls.slice(1)) s = reduceSnapshot(s, poll, config);
    return s;
  };
  const end = Date.parse('2023-02-14T12:00:00Z');

  it('shows the resolved notice from the recovery for exactly 10 minutes, and not before it (a clock set back)', () => {
    const s = recovered();
    expect(bannerState(s, s.checkedAt!, VIEW, [])).toMatchObject({
      status: 'resolved',
      since: Date.parse('2023-02-14T09:42:00Z'),
      end,
      affected: [],
      checkedAt: s.checkedAt,
    });
    expect(bannerState({ ...s, checkedAt: end }, end, VIEW, [])).toMatchObject({ status: 'resolved' });
    // Polled again since (no staleness in the way): the notice lasts to the millisecond.
    const polledSince = { ...s, checkedAt: end + RESOLVED_NOTICE_MS - 60_000 };
    expect(bannerState(polledSince, end + RESOLVED_NOTICE_MS - 1, VIEW, [])).not.toBeNull();
    expect(bannerState(polledSince, end + RESOLVED_NOTICE_MS, VIEW, [])).toBeNull();
    expect(bannerState({ ...s, checkedAt: end - 2 * 60_000 }, end - 1, VIEW, [])).toBeNull();
  });

  it('keeps a dismissed resolved notice dismissed, and says nothing before the first poll', () => {
    const s = recovered();
    const notice = bannerState(s, s.checkedAt!, VIEW, [])!;
    expect(notice.key).toMatch(/#resolved$/);
    expect(bannerState(s, s.checkedAt!, VIEW, [notice.key])).toBeNull();
    expect(bannerState({ ...s, checkedAt: null }, s.checkedAt!, VIEW, [])).toBeNull();
  });

  it('names a partial outage as such, and keys a dismissal by incident, relapse count and severity', () => {
    const partial = samples.partial();
    const state = bannerState(partial, partial.checkedAt!, VIEW, [])!;
    expect(state).toMatchObject({
      status: 'degraded',
      affected: ['account-website'],
      end: null,
      checkedAt: partial.checkedAt,
    });
    expect(state.key).toBe(`${partial.incidents[0]!.id}#0#degraded`);
  });

  it('keys an outage without an open incident (history reset mid-way) by its start', () => {
    const s = samples.outage();
    const since = Date.parse('2023-02-14T09:42:00Z');
    expect(bannerState({ ...s, incidents: [] }, s.checkedAt!, VIEW, [])!.key).toBe(`since-${since}#outage`);
  });
});

/** happy-dom cannot make a real user's event: mark one as the browser would. */
function asTrusted<T extends Event>(event: T): T {
  Object.defineProperty(event, 'isTrusted', { value: true });
  return event;
}

/** The banner as drawn right after the snapshot's last poll, in English. */
function bannerAtLastPoll(s: Snapshot): void {
  render(
    <Banner
      state={bannerState(s, s.checkedAt!, VIEW, [])!}
      now={s.checkedAt!}
      onDismiss={vi.fn()}
      ui={{ t: tEn, locale: 'en-GB' }}
    />,
  );
}

describe('the banner', () => {
  afterEach(cleanup);

  it('tells a relapse of an outage nobody saw begin from when it was first seen down', () => {
    bannerAtLastPoll(samples.installedThenRelapse());
    expect(screen.getByRole('alert').querySelector('.ts-banner-headline')!.textContent).toBe(
      'Tesla down again since 10:30 · first seen down at 10:00',
    );
  });

  it('says a recovered outage that nobody saw begin lasted "at least" its length', () => {
    bannerAtLastPoll(samples.installedThenBack());
    expect(screen.getByRole('status').textContent).toContain(
      "Tesla's servers are back: the outage lasted at least 40\u00a0mins.",
    );
  });

  it('says what is down, since when, that the phone key works, and when it was checked', () => {
    const s = samples.outage();
    const onDismiss = vi.fn();
    render(
      <Banner
        state={bannerState(s, s.checkedAt!, VIEW, [])!}
        now={s.checkedAt! + 60_000}
        onDismiss={onDismiss}
        ui={{ t: tEn, locale: 'en-GB' }}
      />,
    );
    const alert = screen.getByRole('alert');
    expect(alert.querySelector('.ts-banner-headline')!.textContent).toBe(
      'Tesla outage since 09:42 — 2\u00a0hrs 14\u00a0mins',
    );
    // Three features named at most; the popup has the list.
    expect(alert.textContent).toContain(
      'Unavailable: Remote access to the car, Dog and Camp mode check, Sentry Mode camera and 3 more',
    );
    expect(alert.textContent).toContain(
      'Your phone key still works: you can unlock and drive. Keep your key card with you.',
    );
    expect(alert.textContent).toContain('Tesla Status, last checked 1 minute ago');
    const link = alert.querySelector('a')!;
    expect([link.textContent, link.href, link.target, link.rel]).toEqual([
      'Crowd reports on Downdetector',
      'https://downdetector.com/status/tesla/',
      '_blank',
      'noreferrer',
    ]);
    expect(alert.querySelector('time')!.getAttribute('datetime')).toBe('2023-02-14T09:42:00.000Z');
    // What a person does (the browser marks it trusted) dismisses; what the page makes up does not.
    const dismissButton = screen.getByRole('button', { name: 'Dismiss' });
    fireEvent.click(dismissButton);
    fireEvent.keyDown(alert, { key: 'Escape' });
    expect(onDismiss).not.toHaveBeenCalled();
    dismissButton.dispatchEvent(asTrusted(new MouseEvent('click', { bubbles: true })));
    alert.dispatchEvent(asTrusted(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true })));
    expect(onDismiss).toHaveBeenCalledTimes(2);
  });

  it('speaks French and says when it is resolved', () => {
    let s = samples.outage();
    // Watched without a break until the recovery (the outage sample's last poll is at 11:55).
    const { polls } = awake([
      pollAt('2023-02-14T11:55:00Z', feb14Outage()),
      pollAt('2023-02-14T12:54:00Z', probesWith()),
      pollAt('2023-02-14T12:56:00Z', probesWith()),
    ]);
    for (const poll of polls.slice(1)) s = reduceSnapshot(s, poll, config);
    render(
      <Banner
        state={bannerState(s, s.checkedAt!, VIEW, [])!}
        now={s.checkedAt!}
        onDismiss={() => undefined}
        ui={{ t: tFr, locale: 'fr-FR' }}
      />,
    );
    expect(screen.getByRole('status').textContent).toMatch(
      /Les serveurs de Tesla sont de retour : la panne a duré 3\sh 12\smin\./,
    );
    expect(screen.getByRole('status').querySelector('a')).toBeNull();
  });

  it('tells a relapse with both times, as the popup does', () => {
    const s = samples.relapse();
    render(
      <Banner
        state={bannerState(s, s.checkedAt!, VIEW, [])!}
        now={s.checkedAt!}
        onDismiss={() => undefined}
        ui={{ t: tEn, locale: 'en-GB' }}
      />,
    );
    const headline = screen.getByRole('alert').querySelector('.ts-banner-headline')!;
    expect(headline.textContent).toBe(
      'Tesla down again since 13:10 · first down at 09:42, 3\u00a0hrs 28\u00a0mins in all',
    );
    expect([...headline.querySelectorAll('time')].map((time) => time.getAttribute('datetime'))).toEqual([
      '2023-02-14T13:10:00.000Z',
      '2023-02-14T09:42:00.000Z',
    ]);
  });
});

describe('dismissal memory', () => {
  beforeEach(() => fakeBrowser.reset());

  it('keeps keys across reads, without duplicates, and survives a corrupt value', async () => {
    await dismissBanner('incident-1#0');
    await dismissBanner('incident-1#0');
    await dismissBanner('incident-1#1');
    expect(await bannerDismissedItem.getValue()).toEqual(['incident-1#0', 'incident-1#1']);
    await fakeBrowser.storage.local.set({ bannerDismissed: 'garbage' });
    expect(await bannerDismissedItem.getValue()).toEqual([]);
  });
});

describe('bannerState: when it first fell', () => {
  it('is said for a relapse into a full outage only', () => {
    const relapse = samples.relapse();
    expect(bannerState(relapse, relapse.checkedAt!, VIEW, [])!.firstDown).toBe(Date.parse('2023-02-14T09:42:00Z'));
    const outage = samples.outage();
    expect(bannerState(outage, outage.checkedAt!, VIEW, [])!.firstDown).toBeNull();
    const partial = samples.partial();
    expect(bannerState(partial, partial.checkedAt!, VIEW, [])!.firstDown).toBeNull();
  });

  it('is not said for a partial relapse, nor for an incident whose start is its own since', () => {
    const s = samples.partialRelapse();
    expect(s.incidents.at(-1)!.recurred).toBe(1);
    expect(bannerState(s, s.checkedAt!, VIEW, [])!.firstDown).toBeNull();
    const outage = samples.outage();
    const sameStart = { ...outage, incidents: outage.incidents.map((incident) => ({ ...incident, recurred: 1 })) };
    expect(bannerState(sameStart, sameStart.checkedAt!, VIEW, [])!.firstDown).toBeNull();
  });

  it('is not said for an incident that never looked fixed, even one that started before its track (continued in the region the owner moved to)', () => {
    const outage = samples.outage();
    const earlier = {
      ...outage,
      incidents: outage.incidents.map((incident) => ({ ...incident, start: incident.start - HOUR, recurred: 0 })),
    };
    expect(bannerState(earlier, earlier.checkedAt!, VIEW, [])).toMatchObject({
      status: 'outage',
      since: overallTrack(outage).since,
      firstDown: null,
    });
  });
});
