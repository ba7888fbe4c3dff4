/**
 * When the owner's own link fails (no network, a proxy, a captive portal, a slow link) the light says
 * "unknown" or blames the link, never Tesla: only an answer that is Tesla's own tells how Tesla is.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BackgroundDeps } from '../../utils/browser/background-service';
import { snapshotItem } from '../../utils/browser/storage';
import { classifyResponse, type ProbeOutcome } from '../../utils/engine/classify-response';
import { PROBES } from '../../utils/engine/probes';
import type { Fetch } from '../../utils/engine/run-probe';
import { emptySnapshot, parseSnapshot, type Snapshot } from '../../utils/engine/snapshot';
import { fakeTesla, type FakeTesla } from '../support/fake-tesla';
import { shown, workerOver } from '../support/outages';
import { T0, at, badgeText, freshBrowser, recordNotifications, stored } from '../support/worker';

const MIN = 60_000;
const OWNER = 'owner-api.teslamotors.com';

/** What the worker reads as navigator.onLine: a test may take the browser offline. */
let online = true;
const worker = (source: FakeTesla | Fetch, overrides: Partial<BackgroundDeps> = {}) =>
  workerOver(source, { browserOnline: () => online, ...overrides });

type Override = (url: URL) => Response | Promise<Response> | undefined;
/** fakeTesla, but a test may answer some requests itself (a proxy, a slow host...). */
function withOverride(tesla: FakeTesla, override: { fn: Override | null }): Fetch {
  return async (url, init) => {
    const r = override.fn?.(new URL(url));
    if (r) {
      tesla.calls.push({ url, init });
      return r;
    }
    return tesla.fetchFn(url, init);
  };
}

beforeEach(() => {
  freshBrowser();
  online = true;
});
afterEach(() => vi.useRealTimers());

describe('network lost right after a 503', () => {
  it('is "unknown", never a confirmed outage, when every host then refuses connections', async () => {
    const tesla = fakeTesla({ [OWNER]: 'maintenance' });
    const background = worker(tesla);
    await background.poll();
    // Hotel Wi-Fi without internet: navigator.onLine stays true, every connection fails.
    tesla.setAll('down-network');
    for (const offset of [30_000, 2 * MIN, 4 * MIN, 6 * MIN, 20 * MIN]) {
      at(offset);
      await background.poll();
      expect(await badgeText(), `after ${offset / 1000} s`).toBe('?');
    }
    const snapshot = await stored();
    expect(snapshot.online).toBe(false);
    expect(snapshot.incidents).toEqual([]);
    expect(await shown()).toBeUndefined();
  });

  it('still reads a throttled request as the last 503 while other Tesla hosts answer', async () => {
    const tesla = fakeTesla({ [OWNER]: 'maintenance' });
    const background = worker(tesla);
    await background.poll();
    tesla.modes[OWNER] = 'down-network';
    at(30_000);
    await background.poll();
    const snapshot = await stored();
    expect(snapshot.probes['owner-api']).toMatchObject({
      state: 'down',
      reason: { key: 'reasonMaintenance' },
      observedAt: T0,
    });
    expect(await badgeText()).toBe('✕');
  });
});

describe('a TLS-inspecting proxy whose upstream is down', () => {
  it('answers 502 for every host: the user is cut off, not Tesla', async () => {
    const tesla = fakeTesla();
    // Every host, China's, auth and www included, gets the proxy's own 502 page (not Tesla's).
    const proxyPage = '<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>';
    const o = {
      fn: (() => new Response(proxyPage, { status: 502, headers: { 'content-type': 'text/html' } })) as Override | null,
    };
    const seen = recordNotifications();
    const bg = worker(withOverride(tesla, o));
    await bg.poll();
    at(30_000);
    await bg.poll();
    expect(tesla.calls.length).toBeGreaterThan(8);
    expect(await badgeText()).toBe('?');
    expect((await stored()).incidents).toEqual([]);
    expect(seen).toEqual([]);
  });

  it("Tesla's own error page from every host but China's silent ones is Tesla's outage, not the owner offline", async () => {
    const tesla = fakeTesla();
    tesla.setAll('bad-gateway'); // the Owner API's Rails page, "We're sorry, but something went wrong"
    const o = {
      fn: ((u: URL) =>
        u.host.endsWith('.cn') ? Promise.reject(new TypeError('Failed to fetch')) : undefined) as Override | null,
    };
    const bg = worker(withOverride(tesla, o));
    await bg.poll();
    at(30_000);
    await bg.poll();
    expect(await badgeText()).toBe('✕');
    expect((await stored()).online).toBe(true);
    expect((await stored()).incidents).toHaveLength(1);
  });
});

describe('a proxy blocks one API host with an HTML 403', () => {
  it('"not Tesla\'s answer" on the Owner API is not a Tesla outage', async () => {
    const tesla = fakeTesla();
    const o = {
      fn: ((u: URL) =>
        u.host === OWNER
          ? new Response('<html><body>Blocked by policy</body></html>', {
              status: 403,
              headers: { 'content-type': 'text/html' },
            })
          : undefined) as Override,
    };
    const seen = recordNotifications();
    const bg = worker(withOverride(tesla, o));
    await bg.poll();
    at(30_000);
    await bg.poll();
    const s = await stored();
    expect(s.probes['owner-api']!.reason.key).toBe('reasonNotTesla');
    expect(await badgeText()).not.toBe('✕');
    expect(seen).toEqual([]);
  });
});

describe('a slow network (in-flight or train Wi-Fi, tethering)', () => {
  it("every host, China's and Akamai's included, slow alike: the user's link, not a Tesla outage", async () => {
    const tesla = fakeTesla();
    const seen = recordNotifications();
    // Every answer is Tesla's healthy one, but takes 4.5 s on this link (the API threshold is 4 s):
    // the clock the probes read moves 4.5 s while all of them are out, without waiting for real.
    vi.useFakeTimers({ toFake: ['Date', 'performance'] });
    at(0);
    let out = 0;
    let release!: () => void;
    const arrived = new Promise<void>((resolve) => (release = resolve));
    const slow: Fetch = async (url, init) => {
      if (++out === PROBES.length) {
        vi.advanceTimersByTime(4_500);
        release();
      }
      await arrived;
      return tesla.fetchFn(url, init);
    };
    const bg = worker(slow);
    await bg.poll();
    // Nothing to confirm: the poll saw every host working, only through a slow link.
    const snapshot = await stored();
    expect(snapshot.regions.eu).toMatchObject({ level: 'up', pending: null });
    expect(
      Object.values(snapshot.features).every((feature) => feature.level === 'up' && feature.pending === null),
    ).toBe(true);
    expect(await badgeText()).toBe('✓');
    // Each answer was measured slow (the website's threshold is 6 s: it is merely late).
    for (const probe of PROBES)
      expect(snapshot.probes[probe.id]).toMatchObject(probe.slowMs < 4_500 ? { slow: true } : { state: 'up' });
    expect(seen).toEqual([]);
  });
});

describe("answers that are not Tesla's", () => {
  const response = (
    status: number,
    body: string,
    extra: Partial<Extract<ProbeOutcome, { kind: 'response' }>> = {},
  ): ProbeOutcome => ({
    kind: 'response',
    status,
    redirectNotFollowed: false,
    contentType: 'text/html',
    retryAfter: null,
    server: '',
    bodyStart: body,
    elapsedMs: 50,
    ...extra,
  });
  const owner = PROBES.find((p) => p.id === 'owner-api')!;
  const website = PROBES.find((p) => p.id === 'website')!;

  it('a TLS-inspecting proxy\'s HTML 403 on an API is not "the API answered"', () => {
    expect(classifyResponse(owner, response(403, '<html><body>Blocked by policy</body></html>'), T0).state).not.toBe(
      'up',
    );
  });

  it('a website redirected to another host, or a proxy page naming tesla, is not up', () => {
    expect(
      classifyResponse(
        website,
        response(200, '<html><title>Hotel</title></html>', { finalHost: 'portal.example', redirectNotFollowed: false }),
        T0,
      ).state,
    ).not.toBe('up');
    expect(
      classifyResponse(
        website,
        response(200, '<html><title>Blocked</title><body>www.tesla.com is blocked</body></html>'),
        T0,
      ).state,
    ).not.toBe('up');
  });

  it('a 400-digit Retry-After is clamped, and the probe result survives a reload', async () => {
    const result = classifyResponse(
      owner,
      response(429, '{}', { retryAfter: '9'.repeat(400), contentType: 'application/json' }),
      T0,
    );
    expect(result.retryAfterSec).toBe(900);
    const snapshot: Snapshot = { ...emptySnapshot('eu'), checkedAt: T0, probes: { 'owner-api': result } };
    await snapshotItem.setValue(JSON.parse(JSON.stringify(snapshot)));
    expect((await snapshotItem.getValue())!.probes['owner-api']).toMatchObject({ retryAfterSec: 900 });
    // One stored by an older version (Infinity became null in JSON) keeps the rest of the result.
    const old = parseSnapshot({ ...snapshot, probes: { 'owner-api': { ...result, retryAfterSec: null } } })!;
    expect(old.probes['owner-api']).toMatchObject({ state: 'degraded', reason: { key: 'reasonRateLimited' } });
  });
});

describe('attempts at a false state that hold', () => {
  it('offline for 30 min mid-outage: grey, then the outage continues without a second notification', async () => {
    const tesla = fakeTesla({ [OWNER]: 'maintenance' });
    const seen = recordNotifications();
    const bg = worker(tesla.fetchFn);
    for (const ms of [0, 30_000]) {
      at(ms);
      await bg.poll();
    }
    online = false;
    for (let m = 2; m <= 30; m += 2) {
      at(m * MIN);
      await bg.poll();
      expect(await badgeText()).toBe('?');
    }
    online = true;
    for (const ms of [32 * MIN, 32 * MIN + 30_000, 34 * MIN]) {
      at(ms);
      await bg.poll();
    }
    expect(await badgeText()).toBe('✕');
    expect(seen.map((n) => n.title)).toEqual(['Tesla outage']);
    expect((await snapshotItem.getValue())!.incidents).toHaveLength(1);
  });

  it('captive portal answering 200 HTML everywhere is offline', async () => {
    const seen = recordNotifications();
    const bg = worker(
      async () =>
        new Response('<html><title>Hotel Wi-Fi</title></html>', {
          status: 200,
          headers: { 'content-type': 'text/html' },
        }),
    );
    for (const ms of [0, 30_000, 2 * MIN]) {
      at(ms);
      await bg.poll();
    }
    expect(await badgeText()).toBe('?');
    expect(seen).toEqual([]);
  });
});
