/// <reference types="chrome" />
import { describe, expect, it } from 'vitest';
import { PROBES } from '../../utils/engine/probes';
import { overallTrack } from '../../utils/engine/snapshot';
import { useHarness } from './harness';

/** Badge colours as Chromium reports them: RGBA arrays. */
const GREEN = [0x1b, 0x7f, 0x3b, 255];
const RED = [0xc5, 0x22, 0x1f, 255];
const GREY = [0x5f, 0x63, 0x68, 255];

const h = useHarness();

describe('the toolbar badge, from the production build in Chromium', () => {
  it('is green with a check mark when Tesla answers as it does when healthy', async () => {
    const badge = await h.badge();
    expect(badge.text).toBe('✓');
    expect(badge.color).toEqual(GREEN);
    expect(badge.title).toMatch(/^Tesla: all systems working/);
  });

  it('asks each probed host once in a full poll (following the account page to sign-in), only the car check at rest, and nothing else', async () => {
    // The extension's fetches only: Chromium's own background requests (accounts.google.com…) also
    // land on the local server, which answers every host name. Both are `sec-fetch-dest: empty`; only
    // a fetch() is in CORS mode (the browser's own loaders ask in no-cors mode).
    const fromExtension = () =>
      h.server.requests.filter(
        (r) => r.headers['sec-fetch-dest'] === 'empty' && r.headers['sec-fetch-mode'] === 'cors',
      );
    const seen = () =>
      fromExtension()
        .map((r) => `${r.host}${r.path}`)
        .sort();
    await h.worker.evaluate(() => chrome.storage.local.clear());
    h.server.requests.length = 0;
    await h.checkNow(); // nothing known yet: every probe
    const probed = PROBES.map((p) => `${new URL(p.url).host}${new URL(p.url).pathname}`);
    expect(seen()).toEqual([...probed, 'auth.tesla.com/oauth2/v3/authorize'].sort());
    for (const request of fromExtension()) {
      expect(request.headers.cookie).toBeUndefined();
      expect(request.headers.authorization).toBeUndefined();
    }
    h.server.requests.length = 0;
    await h.checkNow(); // all well: the others rest (pollCadence)
    expect(seen()).toEqual(['owner-api.teslamotors.com/api/1/products']);
  });

  it('turns red with ✕ after two 503 maintenance answers, dated from the first', async () => {
    h.server.set('owner-api.teslamotors.com', 'maintenance');
    const before = Date.now();
    await h.checkNow();
    const after = Date.now();
    // One failing poll after a healthy one: no longer ✓, not yet ✕; being confirmed.
    const confirming = await h.badge();
    expect(confirming.text).toBe('?');
    expect(confirming.title).toBe('Tesla: checking — a check failed, confirming in a few seconds');
    await h.checkNow();
    const badge = await h.badge();
    expect(badge.text).toBe('✕');
    expect(badge.color).toEqual(RED);

    const since = overallTrack((await h.snapshot())!).since!;
    expect(since).toBeGreaterThanOrEqual(before - 1000);
    expect(since).toBeLessThanOrEqual(after);
    // A 12-hour clock without a leading zero, as US readers write it: "9:41 AM".
    const clock = new Intl.DateTimeFormat('en-US', { hour: 'numeric', minute: '2-digit', timeZone: 'UTC' }).format(
      since,
    );
    expect(badge.title).toMatch(
      new RegExp(
        `^Tesla: outage since ${clock} \\(1\\smin\\) — phone key works\\. Unavailable: Remote access to the car, .* and \\d+ more$`,
      ),
    );
  });

  it('goes back to green after two healthy answers and announces the recovery', async () => {
    h.server.set('owner-api.teslamotors.com', 'maintenance');
    await h.checkNow();
    await h.checkNow();
    expect((await h.badge()).text).toBe('✕');
    await h.worker.evaluate(() => chrome.notifications.clear('tesla-status'));
    h.server.reset();
    await h.checkNow();
    expect((await h.badge()).text).toBe('✕');
    await h.checkNow();
    expect((await h.badge()).text).toBe('✓');
    expect(Object.keys(await h.worker.evaluate(() => chrome.notifications.getAll()))).toEqual(['tesla-status']);
    const log = await h.worker.evaluate(
      async () => (await chrome.storage.local.get('notificationLog')).notificationLog,
    );
    // When the outage and the recovery were shown.
    expect(log).toEqual([expect.any(Number), expect.any(Number)]);
  });

  it('turns grey with ? and sends no notification when every host is unreachable', async () => {
    h.server.set('*', 'reset');
    await h.checkNow();
    await h.checkNow();
    await h.checkNow();
    const badge = await h.badge();
    expect(badge.text).toBe('?');
    expect(badge.color).toEqual(GREY);
    expect(badge.title).toBe('Tesla: status unknown — you seem to be offline');
    expect(await h.worker.evaluate(() => chrome.notifications.getAll())).toEqual({});
  });

  it('calls a captive portal offline, not an outage', async () => {
    h.server.set('*', 'portal');
    await h.checkNow();
    await h.checkNow();
    expect((await h.badge()).text).toBe('?');
  });
});
