/// <reference types="chrome" />
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { Snapshot } from '../../utils/engine/snapshot';
import type { TeslaServer } from '../support/tesla-server';
import { ARTIFACTS, launch, settled } from './harness';

/**
 * What the shared scenarios need of a browser with the production build installed: one interface
 * for Chromium (playwright) and Firefox (puppeteer over WebDriver BiDi), so that one list of
 * scenarios runs in both, not two copies.
 */
export interface PageUnderTest {
  waitFor(selector: string): Promise<void>;
  text(selector: string): Promise<string>;
  attribute(selector: string, name: string): Promise<string | null>;
  count(selector: string): Promise<number>;
  scrollHeight(): Promise<number>;
  /** Into tests/e2e/artifacts. */
  screenshot(name: string): Promise<void>;
  close(): Promise<void>;
}

export interface BrowserUnderTest {
  name: 'chromium' | 'firefox';
  server: TeslaServer;
  checkNow(): Promise<void>;
  /** A healthy Tesla, no history, after one poll. */
  fresh(): Promise<void>;
  snapshot(): Promise<Snapshot | null>;
  badge(): Promise<{ text: string; color: number[]; title: string }>;
  openPopup(width?: number): Promise<PageUnderTest>;
  openPage(url: string, width?: number): Promise<PageUnderTest>;
  close(): Promise<void>;
}

function playwrightPage(page: Page): PageUnderTest {
  return {
    waitFor: async (selector) => void (await page.waitForSelector(selector)),
    text: async (selector) => (await page.textContent(selector)) ?? '',
    attribute: (selector, name) => page.getAttribute(selector, name),
    count: (selector) => page.locator(selector).count(),
    scrollHeight: () => page.evaluate(() => document.documentElement.scrollHeight),
    screenshot: async (name) => void (await page.screenshot({ path: join(ARTIFACTS, name) })),
    close: () => page.close(),
  };
}

export async function launchChromium(options: { locale?: string } = {}): Promise<BrowserUnderTest> {
  const h = await launch(options);
  await settled(h);
  const open = async (url: string, width: number, height: number) => {
    const page = await h.context.newPage();
    await page.setViewportSize({ width, height });
    await page.goto(url);
    return playwrightPage(page);
  };
  return {
    name: 'chromium',
    server: h.server,
    checkNow: h.checkNow,
    fresh: h.fresh,
    snapshot: h.snapshot,
    badge: h.badge,
    openPopup: (width = 360) => open(`chrome-extension://${h.extensionId}/popup.html`, width, 600),
    openPage: (url, width = 1280) => open(url, width, 800),
    close: h.close,
  };
}
