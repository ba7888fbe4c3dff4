// Code run inside Firefox is passed as strings: the test build auto-imports `browser` from wxt, which
// would turn a function's `browser` into a reference to a module that does not exist in the page.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { parseSnapshot, type Snapshot } from '../../utils/engine/snapshot';
import { startTeslaServer } from '../support/tesla-server';
import { ARTIFACTS, testCertificate } from './harness';
import type { BrowserUnderTest, PageUnderTest } from './browser-under-test';

export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
export const FIREFOX_BUILD = resolve('.output/firefox-mv2');
/** The extension's internal UUID, pinned by a pref so that its pages have a known address. */
const UUID = '5e51a5a7-7e57-4a11-9c0d-7e51a57a7e50';

/** An error's message and those of its causes, outermost first. */
function causes(error: unknown): string[] {
  const messages: string[] = [];
  for (let current = error; current; current = (current as { cause?: unknown }).cause) messages.push(String(current));
  return messages;
}

/**
 * Waits for an element. A page opened without waiting on its load (see `open`) may still be
 * swapping about:blank for the extension page: a query that lands in the realm being torn down
 * fails with a protocol error rather than finding nothing, so it is asked again.
 */
async function waitForSelector(page: Page, selector: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await page.waitForSelector(selector, { timeout: Math.max(1, deadline - Date.now()) });
      return;
    } catch (error) {
      if (Date.now() >= deadline || !causes(error).some((cause) => cause.includes('Protocol error'))) throw error;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/** A page of Firefox, through puppeteer over WebDriver BiDi. */
function pageUnderTest(page: Page): PageUnderTest {
  return {
    waitFor: (selector) => waitForSelector(page, selector),
    text: (selector) => page.$eval(selector, (el) => el.textContent ?? ''),
    attribute: (selector, name) => page.$eval(selector, (el, attribute) => el.getAttribute(attribute), name),
    count: (selector) => page.$$eval(selector, (els) => els.length),
    scrollHeight: () => page.evaluate(() => document.documentElement.scrollHeight),
    screenshot: async (name) => void (await page.screenshot({ path: join(ARTIFACTS, name) })),
    close: () => page.close(),
  };
}

/**
 * Firefox can neither be told where a page's load ends on an extension page (BiDi never reports it)
 * nor load one without `--remote-allow-system-access`: start the navigation, then wait on the DOM.
 */
async function open(browserInstance: Browser, url: string, width: number, height: number): Promise<Page> {
  const page = await newPage(browserInstance);
  await setViewport(page, width, height);
  void page.goto(url, { timeout: 5_000 }).catch(() => undefined);
  return page;
}

/**
 * A new tab; Firefox ESR 140 cannot always find the window to open one in once a tab was closed
 * ("TabManager.getTabBrowser(...) is undefined"), and then a new window serves as well.
 */
async function newPage(browserInstance: Browser): Promise<Page> {
  try {
    return await browserInstance.newPage();
  } catch (error) {
    if (!causes(error).some((cause) => cause.includes('getTabBrowser'))) throw error;
    return await browserInstance.newPage({ type: 'window' });
  }
}

/**
 * Puppeteer sends the viewport and a screen orientation together; Firefox ESR 140 (Debian bookworm's)
 * knows no `emulation.setScreenOrientationOverride`, which a page at a set width does not need. The
 * width is then checked, so a viewport that did not apply fails here rather than passing as wide.
 */
async function setViewport(page: Page, width: number, height: number): Promise<void> {
  try {
    await page.setViewport({ width, height });
  } catch (error) {
    if (!causes(error).some((cause) => cause.includes('setScreenOrientationOverride'))) throw error;
  }
  // The viewport alone, as WebDriver BiDi says it; puppeteer's frame holds its browsing context.
  const frame = page.mainFrame() as unknown as {
    browsingContext: { setViewport(options: { viewport: { width: number; height: number } }): Promise<void> };
  };
  for (let attempt = 0; ; attempt++) {
    const applied = await page.evaluate('window.innerWidth');
    if (applied === width) return;
    if (attempt === 20) throw new Error(`Firefox did not take the ${width} px viewport: it is ${String(applied)} px`);
    await frame.browsingContext.setViewport({ viewport: { width, height } });
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Debian's Firefox ESR with the production build installed as a temporary add-on, every request
 * (Tesla's and Firefox's own) sent through a local proxy to the local "Tesla": nothing leaves
 * 127.0.0.1.
 */
export async function launchFirefox(options: { locale?: string } = {}): Promise<BrowserUnderTest> {
  if (!existsSync(FIREFOX))
    throw new Error(`No Firefox at ${FIREFOX}: install Debian's firefox-esr (apt-get install -y firefox-esr).`);
  if (!existsSync(join(FIREFOX_BUILD, 'manifest.json')))
    throw new Error(`No build at ${FIREFOX_BUILD}: run npm run build:firefox first.`);
  mkdirSync(ARTIFACTS, { recursive: true });
  const server = await startTeslaServer({ tls: await testCertificate(), proxy: true });
  const geckoId = (
    JSON.parse(readFileSync(join(FIREFOX_BUILD, 'manifest.json'), 'utf8')) as {
      browser_specific_settings: { gecko: { id: string } };
    }
  ).browser_specific_settings.gecko.id;
  const locale = options.locale ?? 'en-US';

  const instance = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    acceptInsecureCerts: true,
    args: ['--remote-allow-system-access'],
    env: { ...process.env, TZ: 'UTC' },
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [geckoId]: UUID }),
      // Every connection through the local proxy, which hands each tunnel to the local "Tesla".
      'network.proxy.type': 1,
      'network.proxy.ssl': '127.0.0.1',
      'network.proxy.ssl_port': server.proxyPort,
      'network.proxy.http': '127.0.0.1',
      'network.proxy.http_port': server.proxyPort,
      'network.proxy.no_proxies_on': '',
      'network.proxy.allow_hijacking_localhost': true,
      'network.trr.mode': 5,
      'intl.locale.requested': locale,
      'intl.accept_languages': locale,
      'browser.shell.checkDefaultBrowser': false,
      'app.update.enabled': false,
      'datareporting.policy.dataSubmissionEnabled': false,
      'toolkit.telemetry.enabled': false,
    },
  });
  await instance.installExtension(FIREFOX_BUILD);
  const base = `moz-extension://${UUID}`;

  // An extension page from which the tests speak to the background page as the popup would.
  const control = await open(instance, `${base}/popup.html`, 360, 600);
  await waitForSelector(control, '[data-overall-status]', 30_000);

  const checkNow = async () => {
    const reply = (await control.evaluate(`browser.runtime.sendMessage({ type: 'checkNow' })`)) as
      | { ok?: boolean }
      | undefined;
    if (!reply?.ok) throw new Error(`checkNow failed: ${JSON.stringify(reply)}`);
  };

  return {
    name: 'firefox',
    server,
    checkNow,
    async fresh() {
      server.reset();
      await control.evaluate(`browser.storage.local.clear()`);
      await checkNow();
      server.requests.length = 0;
    },
    snapshot: async (): Promise<Snapshot | null> =>
      parseSnapshot(await control.evaluate(`browser.storage.local.get('snapshot').then((stored) => stored.snapshot)`)),
    // The Firefox build is MV2: its action is `browserAction`.
    badge: () =>
      control.evaluate(`Promise.all([
        browser.browserAction.getBadgeText({}),
        browser.browserAction.getBadgeBackgroundColor({}),
        browser.browserAction.getTitle({}),
      ]).then(([text, color, title]) => ({ text, color, title }))`) as Promise<{
        text: string;
        color: number[];
        title: string;
      }>,
    openPopup: async (width = 360) => pageUnderTest(await open(instance, `${base}/popup.html`, width, 600)),
    openPage: async (url, width = 1280) => pageUnderTest(await open(instance, url, width, 800)),
    async close() {
      await instance.close();
      await server.close();
    },
  };
}
