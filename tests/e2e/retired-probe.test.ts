/// <reference types="chrome" />
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TRACKER_CONFIG, reduceSnapshot } from '../../utils/engine/outage-tracker';
import { emptySnapshot } from '../../utils/engine/snapshot';
import { failed, probesWith } from '../support/polls';
import { ARTIFACTS, accessibilityViolations, useHarness } from './harness';

const h = useHarness();

/**
 * A Tesla host gone for more than a day (a probe retired), as the production build shows it. A day
 * of polls cannot be lived through here: the tracker builds the day, and the popup reads it from
 * storage as it reads any snapshot. The local "Tesla" then answers the Owner API with connection
 * resets, so the worker's own polls keep the probe retired.
 */
describe('a probe whose host disappeared', () => {
  it('shows its features as "this check may be out of date", suggests an update, and says it in the badge title', async () => {
    const config = { ...DEFAULT_TRACKER_CONFIG, region: 'na' as const };
    const now = Date.now();
    let s = emptySnapshot('na');
    for (let at = now - 26 * 3_600_000; at <= now; at += 120_000)
      s = reduceSnapshot(s, { at, online: true, probes: probesWith({ 'owner-api': failed }) }, config);
    expect(s.retired).toEqual(['owner-api']);
    h.server.set('owner-api.teslamotors.com', 'reset');
    await h.worker.evaluate(
      (snapshot) => chrome.storage.local.set({ snapshot }),
      s as unknown as Record<string, unknown>,
    );
    await h.checkNow();
    expect((await h.snapshot())!.retired).toEqual(['owner-api']);

    const page = await h.context.newPage();
    await page.setViewportSize({ width: 360, height: 600 });
    await page.goto(`chrome-extension://${h.extensionId}/popup.html`);
    await page.waitForSelector('[data-outdated]');
    // The car's features are not judged at all: never "no trouble seen".
    expect(await page.getByRole('status').textContent()).toBe("Can't tell — the car's check is out of date");
    for (const id of ['remote-access', 'sentry-camera', 'climate', 'dog-camp-mode', 'charging']) {
      expect(await page.getAttribute(`[data-feature="${id}"]`, 'data-status'), id).toBe('unknown');
      expect(await page.locator(`[data-feature="${id}"]`).textContent(), id).toContain('This check may be out of date');
    }
    expect(await page.getAttribute('[data-feature="third-party-apps"]', 'data-status')).toBe('up');
    expect(await page.locator('[data-outdated]').textContent()).toContain('Update Tesla Status');
    expect(await h.badge()).toMatchObject({ text: '?' });
    expect((await h.badge()).title).toMatch(
      /^Tesla: can't tell — the car's check may be out of date: update Tesla Status\./,
    );
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'popup-retired-probe.png'), fullPage: true });
    await page.close();
  });
});
