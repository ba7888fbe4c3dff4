/// <reference types="chrome" />
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ARTIFACTS, accessibilityViolations, useHarness } from './harness';

const h = useHarness();

async function openPopup() {
  const page = await h.context.newPage();
  await page.setViewportSize({ width: 360, height: 600 });
  await page.goto(`chrome-extension://${h.extensionId}/popup.html`);
  await page.waitForSelector('[data-overall-status]');
  return page;
}

describe('the popup, from the production build in Chromium', () => {
  it('shows every feature working, and fits without scrolling when all is well', async () => {
    const page = await openPopup();
    expect(await page.getAttribute('[data-overall-status]', 'data-overall-status')).toBe('operational');
    expect(await page.locator('[data-feature]').count()).toBe(9);
    expect(await page.locator('[data-feature][data-status="up"]').count()).toBe(9);
    expect(await page.getByRole('status').textContent()).toBe('All systems working');
    await page.screenshot({ path: join(ARTIFACTS, 'popup-operational.png'), fullPage: true });
    // Chromium caps a popup at 600 px high: the healthy answer must fit in one glance.
    expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThanOrEqual(600);
    await page.close();
  });

  it('shows the outage, its start time and the rows, and updates live', async () => {
    const page = await openPopup();
    h.server.set('owner-api.teslamotors.com', 'maintenance');
    h.server.set('fleet-api.prd.na.vn.cloud.tesla.com', 'maintenance');
    const before = Date.now();
    await h.checkNow();
    await h.checkNow();
    // The popup never polls: the change reaches it through storage.
    await page.waitForSelector('[data-overall-status="outage"]');
    const datetime = await page.getAttribute('time', 'datetime');
    expect(Date.parse(datetime!)).toBeGreaterThanOrEqual(before - 1000);
    expect(await page.getAttribute('[data-feature="remote-access"]', 'data-status')).toBe('down');
    expect(await page.textContent('[data-feature="remote-access"] .ts-row-detail')).toMatch(
      /^since \d{1,2}:\d\d [AP]M$/,
    );
    // The code is there for those who ask, in the technical details.
    expect(await page.textContent('[data-check="owner-api"]')).toContain('HTTP 503 — maintenance');
    expect(await page.getAttribute('[data-feature="phone-key"]', 'data-status')).toBe('up');
    expect(await page.getAttribute('[data-feature="third-party-apps"]', 'data-status')).toBe('down');
    expect(await page.getAttribute('[data-region="cn"]', 'data-status')).toBe('up');
    await page.screenshot({ path: join(ARTIFACTS, 'popup-outage.png'), fullPage: true });
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: join(ARTIFACTS, 'popup-outage-dark.png'), fullPage: true });
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.close();
  });

  it('changes the state with Check now, keyboard only', async () => {
    const page = await openPopup();
    expect(await page.getAttribute('[data-overall-status]', 'data-overall-status')).toBe('operational');
    h.server.set('*', 'reset');
    const button = page.getByRole('button', { name: 'Check now' });
    await button.focus();
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-overall-status="unknown"]');
    expect(await page.getByRole('status').textContent()).toBe('You seem to be offline');
    await page.screenshot({ path: join(ARTIFACTS, 'popup-offline.png'), fullPage: true });
    await page.close();
  });

  it('re-creates the polling alarm when it was lost, as soon as the popup opens', async () => {
    await h.worker.evaluate(() => chrome.alarms.clearAll());
    expect(await h.worker.evaluate(() => chrome.alarms.get('poll'))).toBeFalsy();
    const page = await openPopup();
    await expect
      .poll(() => h.worker.evaluate(async () => (await chrome.alarms.get('poll'))?.periodInMinutes), { timeout: 5000 })
      .toBe(2);
    expect(await page.textContent('.ts-checked')).toMatch(/^Last checked /);
    await page.close();
  });

  it('has an options page that meets WCAG AA in light and dark', async () => {
    const page = await h.context.newPage();
    await page.goto(`chrome-extension://${h.extensionId}/options.html`);
    await page.getByLabel('Your region').waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.close();
  });
});
