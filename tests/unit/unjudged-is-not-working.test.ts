/**
 * Nothing the extension could not judge reads as working, as an outage, or as a recovery: a host
 * that refuses connections, a corporate filter's page, a region whose hosts only time out from here,
 * a setting that stops watching the car. And Tesla's own error page everywhere is Tesla's outage,
 * not the owner offline. Each test drives the real worker over a fake Tesla, on the alarms it sets,
 * and reads only what the owner sees: the badge, the notifications, the popup's view, the banner.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { bannerState } from '../../utils/engine/banner';
import { PROBES } from '../../utils/engine/probes';
import { observeProbe, type Fetch } from '../../utils/engine/run-probe';
import { DEFAULT_SETTINGS, type Settings } from '../../utils/engine/settings';
import { statusView } from '../../utils/engine/status-view';
import { settingsItem } from '../../utils/browser/storage';
import { fakeTesla, type FakeTesla } from '../support/fake-tesla';
import {
  T0,
  at,
  badgeText,
  badgeTitle,
  freshBrowser,
  place,
  recordBadges,
  recordNotifications,
  runAlarms,
  stored,
  testWorker,
} from '../support/worker';

const MIN = 60_000;
const HOUR = 60 * MIN;
const OWNER = 'owner-api.teslamotors.com';
const CAR_FEATURES = ['remote-access', 'sentry-camera', 'climate', 'dog-camp-mode', 'charging'] as const;

/** English badge titles (public/_locales/en/messages.json), the parts that claim a state. */
const ALL_WORKING = 'all systems working'; // badgeTitleOperational, badgeTitleRecovered
const BACK_SINCE = 'back since'; // badgeTitleRecovered
const OFFLINE_TITLE = 'you seem to be offline'; // badgeTitleOffline

const isChina = (url: string) => new URL(url).host.endsWith('.tesla.cn');

/** What a browser's fetch rejects with when a request's `AbortSignal.timeout` fires. */
const timedOut = () => new DOMException('The operation was aborted due to timeout', 'TimeoutError');

/** What a browser's fetch rejects with on a refused connection or a failed DNS look-up. */
const refused = () => new TypeError('Failed to fetch');

/**
 * fakeTesla, with some hosts answered by the test itself; each such answer is counted, so a test can
 * check that the situation it sets up was really met.
 */
function withHosts(
  tesla: FakeTesla,
  answer: (url: string) => (() => Response | never) | undefined,
): { fetchFn: Fetch; answered: string[] } {
  const answered: string[] = [];
  const fetchFn: Fetch = async (url, init) => {
    const own = answer(url);
    if (!own) return tesla.fetchFn(url, init);
    tesla.calls.push({ url, init });
    answered.push(url);
    return own();
  };
  return { fetchFn, answered };
}

const view = async (settings: Settings = DEFAULT_SETTINGS) => statusView(await stored(), Date.now(), settings);

beforeEach(() => freshBrowser());
afterEach(() => vi.useRealTimers());

/** What the popup would say wrongly of a car that cannot be judged. */
function carProblems(v: Awaited<ReturnType<typeof view>>, now: number): string[] {
  const car = v.features.filter((f) => (CAR_FEATURES as readonly string[]).includes(f.id));
  const problems: string[] = [];
  if (car.every((f) => f.status === 'unknown') && v.overall === 'operational')
    problems.push(`${now / MIN} min: popup says operational while the car is not judged`);
  if (car.some((f) => f.status !== 'unknown'))
    problems.push(`${now / MIN} min: car features judged: ${car.map((f) => `${f.id}=${f.status}`).join(', ')}`);
  return problems;
}

describe('A host that refuses connections for a day is not Tesla’s outage', () => {
  it('leaves the car unjudged, opens no incident and announces nothing, before and after the check is retired', async () => {
    const tesla = fakeTesla({ [OWNER]: 'down-network' }); // every other host answers as a healthy Tesla
    // The setup: the Owner API's request fails at the network level, as a refused connection does.
    const ownerProbe = PROBES.find((probe) => probe.id === 'owner-api')!;
    expect(await observeProbe(ownerProbe, tesla.fetchFn)).toMatchObject({ kind: 'error', error: 'network' });
    tesla.calls.length = 0;
    const ownerAsked: number[] = [];
    const fetchFn: Fetch = (url, init) => {
      if (new URL(url).host === OWNER) ownerAsked.push(Date.now() - T0);
      return tesla.fetchFn(url, init);
    };

    const seen = recordNotifications();
    const badges = recordBadges();
    const bg = testWorker(fetchFn);
    const problems: string[] = [];
    const check = async () => {
      const now = Date.now() - T0;
      const text = await badgeText();
      const title = await badgeTitle();
      if (text !== '?') problems.push(`${now / MIN} min: badge ${text} (${title})`);
      if (title.includes(BACK_SINCE)) problems.push(`${now / MIN} min: title says back: ${title}`);
      if ((await stored()).incidents.length > 0) problems.push(`${now / MIN} min: an incident was recorded`);
      problems.push(...carProblems(await view(), now));
    };
    at(0);
    await bg.poll();
    await check();
    const polls = await runAlarms(bg, { from: 0, until: 25 * HOUR, pollMinutes: 2, after: check });

    // The situation was really met: polls for 25 hours, the Owner API asked (and refused) from the
    // first poll to past a day, Tesla's other hosts asked too.
    expect(Date.now() - T0).toBeGreaterThan(24 * HOUR + 30 * MIN);
    expect(polls).toBeGreaterThan(100);
    expect(ownerAsked[0]).toBe(0);
    expect(ownerAsked.at(-1)!).toBeGreaterThan(24 * HOUR);
    expect(tesla.calls.some((call) => new URL(call.url).host === 'auth.tesla.com')).toBe(true);

    expect(problems.slice(0, 5)).toEqual([]);
    expect(badges.texts.filter((text) => text !== '?')).toEqual([]);
    expect(badges.titles.filter((title) => title.includes(ALL_WORKING) || title.includes(BACK_SINCE))).toEqual([]);
    expect(seen.map((n) => n.title)).not.toContain('Tesla outage');
    expect(seen).toEqual([]);
    expect((await stored()).incidents).toEqual([]);
    // A day on, retired or not, still nothing says working.
    expect(await badgeText()).not.toBe('✓');
    expect((await view()).overall).not.toBe('operational');
  }, 120_000);
});

describe('Unticking the Owner API during its outage is not a recovery', () => {
  it('never shows working, back, or a resolved banner, and never notifies "Tesla is back"', async () => {
    const tesla = fakeTesla({ [OWNER]: 'maintenance' }); // 503, Tesla's maintenance page
    const seen = recordNotifications();
    const bg = testWorker(tesla.fetchFn);
    at(0);
    await bg.poll();
    await runAlarms(bg, { from: 0, until: 1 * MIN, pollMinutes: 2 }); // the 30-second confirmation
    // The outage was confirmed and announced.
    expect(tesla.calls.filter((call) => new URL(call.url).host === OWNER).length).toBeGreaterThanOrEqual(2);
    expect(await badgeText()).toBe('✕');
    expect(seen.map((n) => n.title)).toEqual(['Tesla outage']);

    // The owner stops watching the Owner API; Tesla's maintenance goes on.
    const unticked: Settings = { ...DEFAULT_SETTINGS, services: ['fleet-api', 'sign-in', 'website'] };
    const badges = recordBadges();
    await settingsItem.setValue(unticked);
    at(1 * MIN + 10_000);
    const problems: string[] = [];
    const check = async () => {
      const now = Date.now();
      const v = await view(unticked);
      if (v.overall === 'operational') problems.push(`${(now - T0) / MIN} min: popup says operational`);
      if (v.story.kind === 'recovered') problems.push(`${(now - T0) / MIN} min: popup tells a recovery`);
      const banner = bannerState(await stored(), now, unticked, []);
      if (banner?.status === 'resolved') problems.push(`${(now - T0) / MIN} min: banner says the servers are back`);
    };
    const callsBefore = tesla.calls.length;
    await bg.handleSettingsChanged();
    await check();
    const polls = await runAlarms(bg, {
      from: 1 * MIN + 10_000,
      until: 11 * MIN + 10_000,
      pollMinutes: 2,
      after: check,
    });
    expect(polls).toBeGreaterThanOrEqual(5);
    // Polls went on without the Owner API.
    const afterUntick = tesla.calls.slice(callsBefore).map((call) => new URL(call.url).host);
    expect(afterUntick.length).toBeGreaterThan(0);
    expect(afterUntick).not.toContain(OWNER);

    expect(problems).toEqual([]);
    expect(badges.texts.length).toBeGreaterThan(0);
    expect(badges.texts.filter((text) => text === '✓')).toEqual([]);
    expect(badges.titles.filter((title) => title.includes(ALL_WORKING) || title.includes(BACK_SINCE))).toEqual([]);
    expect(seen.map((n) => n.title)).not.toContain('Tesla is back');
  });
});

describe('A corporate filter’s HTML 403 on the Owner API leaves the car unjudged', () => {
  it('is neither working nor an outage: the car features are not known, nothing is recorded or announced', async () => {
    const tesla = fakeTesla();
    const { fetchFn, answered } = withHosts(tesla, (url) =>
      new URL(url).host === OWNER
        ? () =>
            new Response('<html><body>Access denied by your organisation</body></html>', {
              status: 403,
              headers: { 'content-type': 'text/html' },
            })
        : undefined,
    );
    const seen = recordNotifications();
    const badges = recordBadges();
    const bg = testWorker(fetchFn);
    const problems: string[] = [];
    const check = async () => {
      const v = await view();
      const when = `${(Date.now() - T0) / MIN} min`;
      if (v.overall === 'operational') problems.push(`${when}: popup says operational`);
      for (const f of v.features)
        if ((CAR_FEATURES as readonly string[]).includes(f.id) && f.status !== 'unknown')
          problems.push(`${when}: ${f.id} is ${f.status}`);
    };
    at(0);
    await bg.poll();
    await check();
    let polls = 1;
    polls += await runAlarms(bg, { from: 0, until: 8 * MIN, pollMinutes: 2, after: check });
    // Five polls (or more), each of which asked the Owner API and got the filter's page.
    expect(polls).toBeGreaterThanOrEqual(5);
    expect(answered.length).toBeGreaterThanOrEqual(5);

    expect(problems).toEqual([]);
    expect(badges.texts.filter((text) => text === '✓')).toEqual([]);
    expect(badges.titles.filter((title) => title.includes(ALL_WORKING))).toEqual([]);
    expect(await badgeText()).not.toBe('✓');
    expect((await stored()).incidents).toEqual([]);
    expect(seen).toEqual([]);
  });
});

describe('China picked by hand from Europe, where China’s hosts only time out, is not China’s outage', () => {
  it('shows no outage or partial outage, records no incident and announces nothing', async () => {
    // A genuine `AbortSignal.timeout` would cost 8 real seconds a poll (the harness fakes only Date):
    // the fetch rejects at once with the very error a browser's fetch gives when that signal fires.
    place.timeZone = 'Europe/Berlin';
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, region: 'cn' });
    const tesla = fakeTesla();
    const { fetchFn, answered } = withHosts(tesla, (url) =>
      isChina(url)
        ? () => {
            throw timedOut();
          }
        : undefined,
    );
    const chinaProbe = PROBES.find((probe) => probe.id === 'owner-api-cn')!;
    expect(await observeProbe(chinaProbe, fetchFn)).toMatchObject({ kind: 'error', error: 'timeout' });
    answered.length = 0;

    const seen = recordNotifications();
    const badges = recordBadges();
    const bg = testWorker(fetchFn);
    const cnSettings: Settings = { ...DEFAULT_SETTINGS, region: 'cn' };
    const overalls: string[] = [];
    const check = async () => {
      const v = await view(cnSettings);
      // China is the region judged: the owner's, picked by hand, whatever the time zone says.
      expect(v.regions.find((region) => region.mine)?.region).toBe('cn');
      overalls.push(v.overall);
    };
    at(0);
    await bg.poll();
    await check();
    let polls = 1;
    polls += await runAlarms(bg, { from: 0, until: 10 * MIN, pollMinutes: 2, after: check });
    expect(polls).toBeGreaterThanOrEqual(6);
    // China's hosts were asked (and timed out) in every poll; Tesla's other hosts answered.
    expect(new Set(answered.map((url) => new URL(url).host)).size).toBe(3);
    expect(answered.length).toBeGreaterThanOrEqual(polls);
    expect(tesla.calls.some((call) => new URL(call.url).host === OWNER)).toBe(true);

    expect(badges.texts.filter((text) => text === '✕' || text === '!')).toEqual([]);
    expect(seen).toEqual([]);
    expect((await stored()).incidents).toEqual([]);
    expect(overalls.filter((overall) => overall === 'outage')).toEqual([]);
  });
});

describe('Tesla’s own error page everywhere is Tesla’s outage, not the owner offline', () => {
  /*
   * What tells Tesla's page from a proxy's: the fixture (tests/fixtures/tesla-answers/owner-api-502-html)
   * is the Rails error page of the application behind the Owner API, "We're sorry, but something went
   * wrong" in its title and body, which classify-response.ts recognises (TESLA_RAILS_ERROR) as Tesla's
   * own; a proxy's generic 502 says "502 Bad Gateway" and stays `generic`. Status (502) and headers
   * (none) are the same for both: the body alone distinguishes them.
   */
  for (const [silence, fail] of [
    ['time out', timedOut],
    ['refuse connections', refused],
  ] as const) {
    it(`when China's hosts ${silence}`, async () => {
      const tesla = fakeTesla();
      tesla.setAll('bad-gateway'); // every non-China host: Tesla's Rails 502 page
      const { fetchFn, answered } = withHosts(tesla, (url) =>
        isChina(url)
          ? () => {
              throw fail();
            }
          : undefined,
      );
      const bg = testWorker(fetchFn);
      at(0);
      await bg.poll();
      let polls = 1;
      polls += await runAlarms(bg, { from: 0, until: HOUR, pollMinutes: 2, count: 2 });
      expect(polls).toBeGreaterThanOrEqual(3);
      // The setup: the non-China hosts were asked and given the fixture page, China's were silent.
      const teslaPages = tesla.calls.filter((call) => !isChina(call.url));
      expect(teslaPages.some((call) => new URL(call.url).host === OWNER)).toBe(true);
      expect(teslaPages.some((call) => new URL(call.url).host === 'www.tesla.com')).toBe(true);
      expect(answered.length).toBeGreaterThan(0);

      const v = await view();
      expect(v.offline).toBe(false);
      const text = await badgeText();
      const title = await badgeTitle();
      expect({ text, offline: title.includes(OFFLINE_TITLE) }).not.toEqual({ text: '?', offline: true });
      expect(title).not.toContain(OFFLINE_TITLE);
    });
  }
});
