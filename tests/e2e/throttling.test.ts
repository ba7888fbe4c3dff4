/// <reference types="chrome" />
import { describe, expect, it } from 'vitest';
import { PROBES } from '../../utils/engine/probes';
import { displayedOverall } from '../../utils/engine/snapshot';
import { useHarness } from './harness';

// Chromium as users have it: it backs off an extension's requests to URLs that keep answering 503.
const h = useHarness({ httpThrottling: true });

/** Every host of the worldwide outage of 14 February 2023; China's hosts were spared and kept answering. */
const FEB14_HOSTS = [
  'owner-api.teslamotors.com',
  'fleet-api.prd.na.vn.cloud.tesla.com',
  'fleet-api.prd.eu.vn.cloud.tesla.com',
  'auth.tesla.com',
  'www.tesla.com',
];

// Chromium keeps its throttling state for the whole browser: the test that needs none runs first.
describe("with Chromium's throttling of extension requests", () => {
  it('one 503 poll, then every host refuses connections: grey "?", unknown, no notification', async () => {
    h.server.set('owner-api.teslamotors.com', 'maintenance');
    await h.checkNow();
    expect((await h.snapshot())!.probes['owner-api']).toMatchObject({ state: 'down' });
    // The network goes (hotel Wi-Fi without internet): every connection fails, Tesla says nothing.
    h.server.reset();
    h.server.set('*', 'reset');
    for (let poll = 0; poll < 4; poll++) {
      await h.checkNow();
      expect((await h.badge()).text, `poll ${poll + 1} after the network went`).toBe('?');
    }
    const snapshot = (await h.snapshot())!;
    expect(displayedOverall(snapshot)).toBe('unknown');
    expect(snapshot.online).toBe(false);
    expect(snapshot.incidents).toEqual([]);
    expect(await h.worker.evaluate(() => chrome.notifications.getAll())).toEqual({});
  });

  it('a long worldwide 503 outage stays an outage, never "you seem to be offline"', async () => {
    // A throttled request is read as the last 503 only while another Tesla host answers in the same
    // poll (China's, here): with nothing answering at all, the user may be the one offline.
    for (const host of FEB14_HOSTS) h.server.set(host, 'maintenance');
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
