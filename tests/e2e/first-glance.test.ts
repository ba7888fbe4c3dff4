/// <reference types="chrome" />
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ARTIFACTS, accessibilityViolations, useHarness, type Harness } from './harness';

/**
 * The owner's first glance, from the production build against the local "Tesla": an outage, a
 * recovery, then a relapse, each as the popup tells it at 360 × 600, the size Chromium gives it.
 */
async function openPopup(h: Harness): Promise<Page> {
  const page = await h.context.newPage();
  await page.setViewportSize({ width: 360, height: 600 });
  await page.goto(`chrome-extension://${h.extensionId}/popup.html`);
  await page.waitForSelector('[data-overall-status]');
  return page;
}

/** The bottom of an element, in px from the top of the page. */
const bottomOf = (page: Page, selector: string) => page.locator(selector).evaluate((el) => el.getBoundingClientRect().bottom);
const storyTimes = (page: Page) => page.locator('.ts-story time').evaluateAll((els) => els.map((el) => el.getAttribute('datetime')));

async function down(h: Harness) {
  h.server.set('owner-api.teslamotors.com', 'maintenance');
  h.server.set('fleet-api.prd.na.vn.cloud.tesla.com', 'maintenance');
  h.server.set('fleet-api.prd.eu.vn.cloud.tesla.com', 'maintenance');
  await h.checkNow();
  await h.checkNow();
}

async function up(h: Harness) {
  h.server.reset();
  await h.checkNow();
  await h.checkNow();
}

describe('the first glance, in English', () => {
  const h = useHarness();

  it('tells an outage, its recovery, then the relapse with both times', async () => {
    const page = await openPopup(h);
    const start = Date.now();
    await down(h);
    await page.waitForSelector('[data-overall-status="outage"]');
    expect(await page.getByRole('status').textContent()).toBe('Outage');
    const [firstDown] = await storyTimes(page);
    expect(Date.parse(firstDown!)).toBeGreaterThanOrEqual(start - 1000);
    // The phone key line stands above the first feature row; the story, the summary and what to do fit the first 600 px.
    expect(await bottomOf(page, '[data-phone-key]')).toBeLessThan(await page.locator('[data-feature]').first().evaluate((el) => el.getBoundingClientRect().top));
    expect(await page.getAttribute('[data-link="downdetector"]', 'href')).toBe('https://downdetector.com/status/tesla/');
    expect(await bottomOf(page, '.ts-whatnow')).toBeLessThanOrEqual(600);
    await page.screenshot({ path: join(ARTIFACTS, 'first-glance-outage.png') });
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: join(ARTIFACTS, 'first-glance-outage-dark.png') });
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.emulateMedia({ colorScheme: 'light' });

    await up(h);
    await page.waitForSelector('[data-overall-status="operational"]');
    expect(await page.locator('.ts-story').textContent()).toMatch(/^Back since \d{1,2}:\d\d [AP]M · the outage lasted 1\smin$/);
    const [back] = await storyTimes(page);
    expect(Date.parse(back!)).toBeGreaterThan(Date.parse(firstDown!));
    await page.screenshot({ path: join(ARTIFACTS, 'first-glance-recovered.png') });

    await down(h);
    await page.waitForSelector('[data-overall-status="outage"]');
    expect(await page.getByRole('status').textContent()).toBe('Down again');
    expect(await page.locator('.ts-story').textContent()).toMatch(/^Since \d{1,2}:\d\d [AP]M · first down at \d{1,2}:\d\d [AP]M, 1\smin in all$/);
    const [relapse, first] = await storyTimes(page);
    expect(first).toBe(firstDown);
    expect(Date.parse(relapse!)).toBeGreaterThan(Date.parse(back!) - 1000);
    expect(await bottomOf(page, '.ts-whatnow')).toBeLessThanOrEqual(600);
    await page.screenshot({ path: join(ARTIFACTS, 'first-glance-relapse.png') });
    await page.close();
  });
});
