/// <reference types="chrome" />
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { overallTrack } from '../../utils/engine/snapshot';
import { ARTIFACTS, accessibilityViolations, useHarness } from './harness';

const ACCOUNT_PAGE = `<!doctype html><html><head><title>Tesla Account</title></head>
<body><header style="height:60px;background:#222;color:#fff">Tesla</header><main><h1>Tesla Account</h1><p>Welcome.</p></main></body></html>`;

// Everything a page can do to break an injected element.
const HOSTILE_PAGE = `<!doctype html><html><head><title>Tesla Account</title><style>
* { all: unset !important; }
html, body { display: block !important; margin: 0 !important; }
header { display: block !important; position: fixed !important; top: 0 !important; left: 0 !important; right: 0 !important; height: 64px !important; background: #e82127 !important; z-index: 99999 !important; }
tesla-status-banner, [data-tesla-status-banner] { display: none !important; visibility: hidden !important; }
div { color: transparent !important; }
</style></head><body><header id="tesla-header"><button id="menu">Menu</button></header><main style="display:block;padding-top:80px"><p>Tesla Account</p></main></body></html>`;

const h = useHarness();
beforeEach(() => {
  for (const path of ['/teslaaccount', '/fr_FR/teslaaccount', '/models']) h.server.page(path, ACCOUNT_PAGE);
  h.server.page('/de_DE/teslaaccount/hostile', HOSTILE_PAGE);
});

async function outage() {
  h.server.set('owner-api.teslamotors.com', 'maintenance');
  await h.checkNow();
  await h.checkNow();
}

const BANNER = '[data-tesla-status-banner]';

describe('the banner on Tesla account pages', () => {
  it('appears during an outage with the start time, on the plain and the locale-prefixed page', async () => {
    await outage();
    const since = overallTrack((await h.snapshot())!).since!;
    for (const url of ['https://www.tesla.com/teslaaccount', 'https://www.tesla.com/fr_FR/teslaaccount']) {
      const page = await h.context.newPage();
      await page.goto(url);
      const banner = page.locator(`${BANNER}[data-status="outage"]`);
      await banner.waitFor();
      await expect
        .poll(() => page.locator(`${BANNER} time`).getAttribute('datetime'))
        .toBe(new Date(since).toISOString());
      expect(await page.locator(`${BANNER} [role="alert"]`).textContent()).toContain(
        'Your phone key still works: you can unlock and drive.',
      );
      if (url.endsWith('/teslaaccount')) {
        await page.screenshot({ path: join(ARTIFACTS, 'banner-outage.png') });
        expect(await accessibilityViolations(page, BANNER)).toEqual([]);
        await page.emulateMedia({ colorScheme: 'dark' });
        expect(await accessibilityViolations(page, BANNER)).toEqual([]);
      }
      await page.close();
    }
  });

  it('says "since at least" when installed during the outage: nobody saw it begin', async () => {
    h.server.set('owner-api.teslamotors.com', 'maintenance');
    // As just installed: nothing stored, so the first poll ever finds Tesla down.
    await h.worker.evaluate(() => chrome.storage.local.clear());
    await h.checkNow();
    await h.checkNow();
    const page = await h.context.newPage();
    await page.goto('https://www.tesla.com/teslaaccount');
    await page.locator(`${BANNER}[data-status="outage"]`).waitFor();
    const headline = page.locator(`${BANNER} .ts-banner-headline`);
    await expect.poll(() => headline.textContent()).toMatch(/^Tesla outage since at least \d{1,2}:\d\d [AP]M$/);
    await page.screenshot({ path: join(ARTIFACTS, 'banner-installed-during-outage.png') });
    await page.close();
  });

  it('leaves no trace in a healthy page, and appears there once an outage is confirmed', async () => {
    await h.checkNow();
    const page = await h.context.newPage();
    await page.goto('https://www.tesla.com/teslaaccount');
    await page.waitForTimeout(1000);
    // Nothing for the page (or a script injected into it) to find: no host element, no shadow root.
    expect(await page.locator(BANNER).count()).toBe(0);
    expect(
      await page.evaluate(
        () => [...document.querySelectorAll('*')].filter((e) => e.shadowRoot || e.tagName.includes('-')).length,
      ),
    ).toBe(0);
    // The content script was there all along: the banner comes into the same page.
    await outage();
    await page.locator(`${BANNER}[data-status="outage"]`).waitFor();
    await page.close();
  });

  it('cannot be dismissed by the page itself', async () => {
    await outage();
    const page = await h.context.newPage();
    await page.goto('https://www.tesla.com/teslaaccount');
    await page.locator(`${BANNER}[data-status="outage"]`).waitFor();
    // A script of the page clicks the button and presses Escape: untrusted events, ignored.
    await page.evaluate(() => {
      const root = document.querySelector('[data-tesla-status-banner]')?.shadowRoot;
      root?.querySelector('button')?.click();
      root
        ?.querySelector('[role="alert"]')
        ?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    });
    await page.waitForTimeout(500);
    expect(await page.locator(`${BANNER}[data-status="outage"]`).isVisible()).toBe(true);
    expect(
      await h.worker.evaluate(async () => (await chrome.storage.local.get('bannerDismissed')).bannerDismissed ?? []),
    ).toEqual([]);
    await page.close();
  });

  it('is not injected on a page that is not an account page', async () => {
    await outage();
    const page = await h.context.newPage();
    await page.goto('https://www.tesla.com/models');
    await page.waitForTimeout(1000);
    expect(await page.locator(BANNER).count()).toBe(0);
    await page.close();
  });

  it('stays dismissed after a reload, and comes back with a relapse', async () => {
    await outage();
    const page = await h.context.newPage();
    await page.goto('https://www.tesla.com/teslaaccount');
    await page.locator(`${BANNER}[data-status="outage"]`).waitFor();
    await page.locator(`${BANNER} button`).focus();
    await page.keyboard.press('Enter');
    await page.locator(BANNER).waitFor({ state: 'detached' });
    await page.reload();
    await page.waitForTimeout(1000);
    expect(await page.locator(BANNER).count()).toBe(0);

    // Recovery, then down again: the same incident reopened, which the user has not dismissed yet.
    h.server.reset();
    await h.checkNow();
    await h.checkNow();
    await page.locator(`${BANNER}[data-status="resolved"]`).waitFor({ timeout: 5000 });
    await outage();
    await page.locator(`${BANNER}[data-status="outage"]`).waitFor();
    expect(await page.locator(BANNER).isVisible()).toBe(true);
    await page.close();
  });

  it('stays readable on a phone-sized window, 390 px wide', async () => {
    await outage();
    const page = await h.context.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('https://www.tesla.com/teslaaccount');
    const banner = page.locator(`${BANNER}[data-status="outage"]`);
    await banner.waitFor();
    const box = (await banner.boundingBox())!;
    // Inside the window with a margin on each side, no line cut off, and short enough to leave the page usable.
    expect(box.x).toBeGreaterThanOrEqual(8);
    expect(box.x + box.width).toBeLessThanOrEqual(390 - 8);
    expect(box.height).toBeLessThan(844 / 2);
    const overflow = await page.locator(`${BANNER} .ts-banner`).evaluate((el) => el.scrollWidth - el.clientWidth);
    expect(overflow).toBe(0);
    expect(await page.locator(`${BANNER} a`).getAttribute('href')).toBe('https://downdetector.com/status/tesla/');
    await page.screenshot({ path: join(ARTIFACTS, 'banner-390.png') });
    expect(await accessibilityViolations(page, BANNER)).toEqual([]);
    await page.close();
  });

  it('survives hostile CSS without covering the page header', async () => {
    await outage();
    const page = await h.context.newPage();
    await page.setViewportSize({ width: 1024, height: 700 });
    await page.goto('https://www.tesla.com/de_DE/teslaaccount/hostile');
    const banner = page.locator(`${BANNER}[data-status="outage"]`);
    await banner.waitFor();
    expect(await banner.isVisible()).toBe(true);
    const box = (await banner.boundingBox())!;
    const header = (await page.locator('#tesla-header').boundingBox())!;
    expect(box.height).toBeGreaterThan(30);
    expect(box.y).toBeGreaterThanOrEqual(header.y + header.height);
    // The banner is on top where it is, and the header's control is still reachable.
    const topmost = await page.evaluate(
      ([x, y]) => document.elementFromPoint(x!, y!)?.hasAttribute('data-tesla-status-banner'),
      [box.x + box.width / 2, box.y + box.height / 2],
    );
    expect(topmost).toBe(true);
    await page.locator('#menu').click({ timeout: 2000 });
    await page.screenshot({ path: join(ARTIFACTS, 'banner-hostile.png') });
    await page.close();
  });
});
