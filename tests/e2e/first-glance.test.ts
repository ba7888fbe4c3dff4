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
const bottomOf = (page: Page, selector: string) =>
  page.locator(selector).evaluate((el) => el.getBoundingClientRect().bottom);
const storyTimes = (page: Page) =>
  page.locator('.ts-story time').evaluateAll((els) => els.map((el) => el.getAttribute('datetime')));

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
    // The phone key line stands above the first feature row; the story, the summary and what to do
    // fit the first 600 px.
    expect(await bottomOf(page, '[data-phone-key]')).toBeLessThan(
      await page
        .locator('[data-feature]')
        .first()
        .evaluate((el) => el.getBoundingClientRect().top),
    );
    expect(await page.getAttribute('[data-link="downdetector"]', 'href')).toBe(
      'https://downdetector.com/status/tesla/',
    );
    expect(await bottomOf(page, '.ts-whatnow')).toBeLessThanOrEqual(600);
    await page.screenshot({ path: join(ARTIFACTS, 'first-glance-outage.png') });
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: join(ARTIFACTS, 'first-glance-outage-dark.png') });
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.emulateMedia({ colorScheme: 'light' });

    await up(h);
    await page.waitForSelector('[data-overall-status="operational"]');
    expect(await page.locator('.ts-story').textContent()).toMatch(
      /^Back since \d{1,2}:\d\d [AP]M · the outage lasted 1\smin$/,
    );
    const [back] = await storyTimes(page);
    expect(Date.parse(back!)).toBeGreaterThan(Date.parse(firstDown!));
    await page.screenshot({ path: join(ARTIFACTS, 'first-glance-recovered.png') });

    await down(h);
    await page.waitForSelector('[data-overall-status="outage"]');
    expect(await page.getByRole('status').textContent()).toBe('Down again');
    expect(await page.locator('.ts-story').textContent()).toMatch(
      /^Since \d{1,2}:\d\d [AP]M · first down at \d{1,2}:\d\d [AP]M, 1\smin in all$/,
    );
    const [relapse, first] = await storyTimes(page);
    expect(first).toBe(firstDown);
    expect(Date.parse(relapse!)).toBeGreaterThan(Date.parse(back!) - 1000);
    expect(await bottomOf(page, '.ts-whatnow')).toBeLessThanOrEqual(600);
    await page.screenshot({ path: join(ARTIFACTS, 'first-glance-relapse.png') });
    await page.close();
  });
});

describe('every other state, as the owner sees it', () => {
  const h = useHarness();

  it('confirming a first failure, offline during an outage, stale, and the very first check', async () => {
    // Confirming: one failing poll after a healthy one.
    const page = await openPopup(h);
    h.server.set('owner-api.teslamotors.com', 'maintenance');
    await h.checkNow();
    await page.locator('.ts-hint', { hasText: 'A check failed — checking again in a few seconds' }).waitFor();
    // Not yet an outage, and no longer "All systems working": a failure is being confirmed.
    expect(await page.getByRole('status').textContent()).toBe("Checking Tesla's servers…");
    expect(await page.locator('[data-overall-status]').getAttribute('data-overall-status')).toBe('unknown');
    await page.screenshot({ path: join(ARTIFACTS, 'first-glance-confirming.png') });

    // Offline during an outage: the outage confirmed, then nothing answers.
    await h.checkNow();
    await page.waitForSelector('[data-overall-status="outage"]');
    // A host's own mode outranks '*': clear it, then nothing answers.
    h.server.reset();
    h.server.set('*', 'reset');
    await h.checkNow();
    await page.waitForSelector('[data-overall-status="unknown"]');
    expect(await page.locator('.ts-checked').textContent()).toMatch(/^Last heard from Tesla at \d{1,2}:\d\d [AP]M$/);
    await page.screenshot({ path: join(ARTIFACTS, 'first-glance-offline-during-outage.png') });

    // Stale: the last poll three hours ago (as after a laptop slept), shown before any new one.
    h.server.reset();
    await h.worker.evaluate(async () => {
      const { snapshot } = await chrome.storage.local.get('snapshot');
      const hours = 3 * 60 * 60_000;
      const old = snapshot as {
        checkedAt: number;
        evidenceAt: number | null;
        evidenceUntil: number | null;
        notBefore: number | null;
      };
      await chrome.storage.local.set({
        snapshot: {
          ...old,
          checkedAt: old.checkedAt - hours,
          evidenceAt: null,
          evidenceUntil: null,
          notBefore: null,
          online: true,
        },
      });
    });
    await page.waitForSelector('[data-stale="true"]');
    expect(await page.getByRole('status').textContent()).toBe('Status unknown — not checked recently');
    await page.screenshot({ path: join(ARTIFACTS, 'first-glance-stale.png') });
    await page.close();

    // The very first check: no snapshot yet, and Tesla slow to answer.
    h.server.set('*', 'hang');
    await h.worker.evaluate(() => chrome.storage.local.clear());
    const first = await openPopup(h);
    expect(await first.getByRole('status').textContent()).toBe("Checking Tesla's servers…");
    expect(await first.locator('.ts-header .ts-spinner').count()).toBe(1);
    await first.screenshot({ path: join(ARTIFACTS, 'first-glance-first-check.png') });
    await first.close();
    h.server.reset();
  });
});
