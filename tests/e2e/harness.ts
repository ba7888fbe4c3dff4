/// <reference types="chrome" />
// Code passed to evaluate() runs inside Chromium, where the extension APIs are the `chrome` global.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { generate } from 'selfsigned';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { parseSnapshot, type Snapshot } from '../../utils/engine/snapshot';
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
  /** A healthy Tesla, a worker with no history and no notification, after one poll. */
  fresh(): Promise<void>;
  /** The stored snapshot, read through the same schema as the extension. */
  snapshot(): Promise<Snapshot | null>;
  badge(): Promise<{ text: string; color: number[]; title: string }>;
  close(): Promise<void>;
}

/** The flags that load the build and keep every request on loopback, for playwright and plain launches alike. */
export function chromiumArgs(
  port: number,
  locale = 'en-US',
  httpThrottling = false,
  alsoLoad: readonly string[] = [],
): string[] {
  const extensions = [EXTENSION_DIR, ...alsoLoad].join(',');
  return [
    `--disable-extensions-except=${extensions}`,
    `--load-extension=${extensions}`,
    `--host-resolver-rules=MAP * 127.0.0.1:${port}`,
    // The worker's fetches to the self-signed server: playwright's option covers pages only.
    '--ignore-certificate-errors',
    // Chromium backs off an extension's requests to a URL that keeps answering 503; the tests ask
    // far faster than the extension ever does. The product copes with it (utils/throttled-answers.ts).
    ...(httpThrottling ? [] : ['--disable-extensions-http-throttling']),
    // Chromium's UI languages are `fr`, `en-US`, `en-GB`…: `fr-FR` is not one and would fall back to English.
    `--lang=${locale.startsWith('en') ? locale : locale.split('-')[0]}`,
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
    '--disable-gpu',
  ];
}

/** A self-signed certificate for the local "Tesla", made at test time and valid for a day. */
export async function testCertificate(): Promise<{ key: string; cert: string }> {
  const pems = await generate([{ name: 'commonName', value: 'www.tesla.com' }], {
    keyType: 'ec',
    notAfterDate: new Date(Date.now() + 24 * 60 * 60_000),
  });
  return { key: pems.private, cert: pems.cert };
}

/**
 * Starts Debian's Chromium with the production build loaded and every host name, Tesla's and
 * Chromium's own, resolved to a local HTTPS server: nothing leaves 127.0.0.1.
 */
export interface LaunchOptions {
  locale?: string;
  /** Keep Chromium's backoff for extension requests to URLs answering 503, as users have it. */
  httpThrottling?: boolean;
  /** Other unpacked extensions to load beside ours (the bench's stack floor). */
  alsoLoad?: readonly string[];
}

/** Our worker, among those of every loaded extension: the one whose extension is Tesla Status. */
async function ourWorker(context: BrowserContext): Promise<Worker> {
  // Names are localised at run time: the probed hosts tell ours apart.
  const ours = JSON.stringify(
    (JSON.parse(readFileSync(join(EXTENSION_DIR, 'manifest.json'), 'utf8')) as { host_permissions: string[] })
      .host_permissions,
  );
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    for (const candidate of context.serviceWorkers()) {
      const hosts = await candidate
        .evaluate(() => JSON.stringify(chrome.runtime.getManifest().host_permissions))
        .catch(() => null);
      if (hosts === ours) return candidate;
    }
    await context.waitForEvent('serviceworker', { timeout: 1_000 }).catch(() => undefined);
  }
  throw new Error("the extension's worker never started");
}

export async function launch(options: LaunchOptions = {}): Promise<Harness> {
  if (!existsSync(CHROMIUM))
    throw new Error(`No Chromium at ${CHROMIUM}: install Debian's chromium (apt-get install -y chromium).`);
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json')))
    throw new Error(`No build at ${EXTENSION_DIR}: run npm run build first.`);
  mkdirSync(ARTIFACTS, { recursive: true });

  const server = await startTeslaServer({ tls: await testCertificate() });
  const userDataDir = mkdtempSync(join(tmpdir(), 'tesla-status-e2e-'));
  const locale = options.locale ?? 'en-US';

  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    locale,
    timezoneId: 'UTC',
    ignoreHTTPSErrors: true,
    env: { ...process.env, TZ: 'UTC' },
    ignoreDefaultArgs: ['--disable-extensions', '--disable-component-extensions-with-background-pages'],
    args: chromiumArgs(server.port, locale, options.httpThrottling, options.alsoLoad),
  });

  const worker = await ourWorker(context);
  const extensionId = new URL(worker.url()).host;
  const extensionPage = await context.newPage();
  await extensionPage.goto(`chrome-extension://${extensionId}/popup.html`);

  const checkNow = async () => {
    const reply = await extensionPage.evaluate(() => chrome.runtime.sendMessage({ type: 'checkNow' }));
    if (!reply?.ok) throw new Error(`checkNow failed: ${JSON.stringify(reply)}`);
  };

  return {
    context,
    worker,
    extensionId,
    server,
    extensionPage,
    checkNow,
    async fresh() {
      server.reset();
      await worker.evaluate(async () => {
        await chrome.storage.local.clear();
        await chrome.notifications.clear('tesla-status');
      });
      await checkNow();
      server.requests.length = 0;
    },
    snapshot: async () =>
      parseSnapshot(await worker.evaluate(async () => (await chrome.storage.local.get('snapshot')).snapshot)),
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

/**
 * One browser for a test file, and a fresh start before each test. The browser only exists once
 * `beforeAll` has run, so the tests get a stand-in that forwards to it.
 */
export function usePerFile<T extends { fresh(): Promise<void>; close(): Promise<void> }>(start: () => Promise<T>): T {
  let current: T | undefined;
  beforeAll(async () => {
    current = await start();
  }, 120_000);
  afterAll(() => current?.close());
  beforeEach(() => current!.fresh());
  return new Proxy({} as T, {
    get: (_, key) => {
      if (!current) throw new Error('the browser is used before beforeAll ran');
      return current[key as keyof T];
    },
  });
}

/** One Chromium with the production build for a test file (see `usePerFile`). */
export function useHarness(options: LaunchOptions = {}): Harness {
  return usePerFile(async () => {
    const harness = await launch(options);
    await settled(harness);
    return harness;
  });
}

const AXE_SOURCE = readFileSync(resolve('node_modules/axe-core/axe.min.js'), 'utf8');

/**
 * WCAG 2 A/AA violations on a page, by axe-core. Evaluated through DevTools, which the extension
 * pages' strict CSP does not apply to.
 */
export async function accessibilityViolations(
  page: Page,
  selector?: string,
): Promise<{ id: string; nodes: string[] }[]> {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async (context) => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            context: unknown,
            options: unknown,
          ) => Promise<{ violations: { id: string; nodes: { target: unknown[] }[] }[] }>;
        };
      }
    ).axe;
    const result = await axe.run(context ?? document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations.map((v) => ({ id: v.id, nodes: v.nodes.map((n) => JSON.stringify(n.target)) }));
  }, selector ?? null);
}
