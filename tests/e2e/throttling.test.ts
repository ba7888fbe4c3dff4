/// <reference types="chrome" />
import { describe, expect, it } from 'vitest';
import { PROBES } from '../../utils/probes';
import { useHarness } from './harness';

// Chromium as users have it: it backs off an extension's requests to URLs that keep answering 503.
const h = useHarness({ httpThrottling: true });

describe("with Chromium's throttling of extension requests", () => {
  it('a long worldwide 503 outage stays an outage, never "you seem to be offline"', async () => {
    h.server.set('*', 'maintenance');
    for (let poll = 0; poll < 8; poll++) {
      await h.checkNow();
      if (poll >= 1) expect((await h.badge()).text, `poll ${poll + 1}`).toBe('✕');
    }
    // The scenario is real only if Chromium refused some requests: fewer reached the server than were made.
    expect(h.server.requests.length).toBeLessThan(8 * PROBES.length);
    const snapshot = (await h.snapshot())!;
    expect(snapshot.online).toBe(true);
    expect(snapshot.probes['owner-api']).toMatchObject({ state: 'down', reason: { key: 'reasonMaintenance' } });
  });
});
