/// <reference types="chrome" />
// Code passed to evaluate() runs inside Chromium, where the extension APIs are the `chrome` global.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { generate } from 'selfsigned';
import { startTeslaServer, type TeslaServer } from '../support/tesla-server';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const EXTENSION_DIR = resolve('.output/chrome-mv3');
export const ARTIFACTS = resolve('tests/e2e/artifacts');

export interface Harness {
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  server: TeslaServer;
  /** An extension page, from which the tests speak to the worker as the popup would. */
  extensionPage: Page;
  checkNow(): Promise<void>;
  badge(): Promise<{ text: string; color: number[]; title: string }>;
  close(): Promise<void>;
}

/**
 * Starts Debian's Chromium with the production build loaded and every host name, Tesla's and
 * Chromium's own, resolved to a local HTTPS server: nothing leaves 127.0.0.1.
 */
export async function launch(options: { locale?: string } = {}): Promise<Harness> {
  if (!existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: install Debian's chromium (apt-get install -y chromium).`);
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) throw new Error(`No build at ${EXTENSION_DIR}: run npm run build first.`);
  mkdirSync(ARTIFACTS, { recursive: true });

  const pems = await generate([{ name: 'commonName', value: 'www.tesla.com' }], {
    keyType: 'ec',
    notAfterDate: new Date(Date.now() + 24 * 60 * 60_000),
  });
  const server = await startTeslaServer({ tls: { key: pems.private, cert: pems.cert } });
  const userDataDir = mkdtempSync(join(tmpdir(), 'tesla-status-e2e-'));
  const locale = options.locale ?? 'en-US';

  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    locale,
    timezoneId: 'UTC',
    ignoreHTTPSErrors: true,
    env: { ...process.env, TZ: 'UTC', LANGUAGE: locale.split('-')[0]! },
    ignoreDefaultArgs: ['--disable-extensions', '--disable-component-extensions-with-background-pages'],
    args: [
      `--disable-extensions-except=${EXTENSION_DIR}`,
      `--load-extension=${EXTENSION_DIR}`,
      `--host-resolver-rules=MAP * 127.0.0.1:${server.port}`,
      // The worker's fetches to the self-signed server: playwright's option covers pages only.
      '--ignore-certificate-errors',
      // Chromium backs off an extension's requests to a URL that keeps answering 503; the tests ask
      // far faster than the extension ever does. The product copes with it (utils/browser-throttle.ts).
      '--disable-extensions-http-throttling',
      `--lang=${locale}`,
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      '--disable-gpu',
    ],
  });

  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 30_000 }));
  const extensionId = new URL(worker.url()).host;
  const extensionPage = await context.newPage();
  await extensionPage.goto(`chrome-extension://${extensionId}/popup.html`);

  return {
    context,
    worker,
    extensionId,
    server,
    extensionPage,
    async checkNow() {
      const reply = await extensionPage.evaluate(() => chrome.runtime.sendMessage({ type: 'checkNow' }));
      if (!reply?.ok) throw new Error(`checkNow failed: ${JSON.stringify(reply)}`);
    },
    badge: () =>
      worker.evaluate(async () => ({
        text: await chrome.action.getBadgeText({}),
        color: await chrome.action.getBadgeBackgroundColor({}),
        title: await chrome.action.getTitle({}),
      })),
    async close() {
      await context.close();
      await server.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Waits until the worker has finished its install-time poll, so tests start from a known state. */
export async function settled(harness: Harness): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const checkedAt = await harness.worker.evaluate(async () => {
      const { snapshot } = await chrome.storage.local.get('snapshot');
      return (snapshot as { checkedAt?: number } | undefined)?.checkedAt ?? null;
    });
    if (checkedAt) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the worker never completed its first poll');
}
