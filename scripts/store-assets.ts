/// <reference types="chrome" />
/**
 * `npm run store-assets`: the Chrome Web Store and AMO images, made from the production build in
 * Debian's Chromium against the local "Tesla" (nothing leaves 127.0.0.1), into .output/store-assets/
 * (git-ignored): 1280 × 800 screenshots of each state in English and French, and a 440 × 280 promo
 * tile. Captions come from store/<lang>.json. Look at each image before uploading it.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { launch, settled, type Harness } from '../tests/e2e/harness';
import { probesWith } from '../tests/support/polls';
import { DEFAULT_TRACKER_CONFIG, reduceSnapshot } from '../utils/engine/outage-tracker';
import { emptySnapshot, type Snapshot } from '../utils/engine/snapshot';
import { MINUTE } from '../utils/engine/time';

/** A day of healthy polls every 2 minutes, ending a minute ago: the history an owner's popup has. */
function healthyDay(now: number): Snapshot {
  const config = { ...DEFAULT_TRACKER_CONFIG, region: 'na' as const };
  let snapshot = emptySnapshot('na');
  for (let at = now - 24 * 60 * MINUTE; at <= now - MINUTE; at += 2 * MINUTE)
    snapshot = reduceSnapshot(snapshot, { at, online: true, probes: probesWith() }, config);
  return snapshot;
}

const OUT = resolve('.output/store-assets');
const ACCOUNT_PAGE = `<!doctype html><html><head><title>Tesla Account</title><style>
body { margin: 0; font: 16px system-ui, sans-serif; color: #171a20; }
header { height: 56px; display: flex; align-items: center; padding: 0 32px; border-bottom: 1px solid #eee; font-weight: 600; letter-spacing: 0.3em; }
main { padding: 48px 32px; } h1 { font-weight: 500; }
</style></head><body><header>TESLA</header><main><h1>Tesla Account</h1><p>Model Y · Dashboard</p></main></body></html>`;

interface Listing {
  screenshots: Record<'healthy' | 'outage' | 'relapse' | 'banner' | 'options', string>;
  promoTagline: string;
  name: string;
}

/** An extension page at the store's size: the page itself centred, the caption beside it. */
async function staged(page: Page, caption: string): Promise<void> {
  await page.setViewportSize({ width: 1280, height: 800 });
  // Evaluated through DevTools: the extension pages' CSP does not apply, and the text goes in as text.
  await page.evaluate((text) => {
    const root = document.documentElement;
    root.style.cssText = 'min-height:100%;background:linear-gradient(135deg,#1f2328,#3a3f47);';
    document.body.style.cssText +=
      ';margin:60px 0 0 780px;border-radius:10px;box-shadow:0 16px 48px rgb(0 0 0/45%);overflow:hidden;';
    const label = document.createElement('p');
    label.textContent = text;
    label.style.cssText =
      'position:fixed;left:80px;top:300px;width:600px;margin:0;color:#fff;font:600 36px/1.3 system-ui,sans-serif;';
    root.append(label);
  }, caption);
}

async function shoot(page: Page, name: string) {
  await page.screenshot({ path: join(OUT, `${name}.png`) });
  console.log(`  ${name}.png`);
}

async function twoPolls(h: Harness) {
  await h.checkNow();
  await h.checkNow();
}

async function assetsFor(lang: 'en' | 'fr') {
  const listing = JSON.parse(readFileSync(`store/${lang}.json`, 'utf8')) as Listing;
  const h = await launch({ locale: lang === 'en' ? 'en-US' : 'fr-FR' });
  try {
    await settled(h);
    await h.fresh();
    // A day already watched, so the history strip shows what an owner's does.
    await h.worker.evaluate(
      (snapshot) => chrome.storage.local.set({ snapshot }),
      healthyDay(Date.now()) as unknown as Record<string, unknown>,
    );
    h.server.page(lang === 'en' ? '/teslaaccount' : '/fr_FR/teslaaccount', ACCOUNT_PAGE);
    const popup = async () => {
      const page = await h.context.newPage();
      await page.goto(`chrome-extension://${h.extensionId}/popup.html`);
      await page.waitForSelector('[data-overall-status]');
      return page;
    };

    let page = await popup();
    await staged(page, listing.screenshots.healthy);
    await shoot(page, `${lang}-1-healthy`);
    await page.close();

    for (const host of [
      'owner-api.teslamotors.com',
      'fleet-api.prd.na.vn.cloud.tesla.com',
      'fleet-api.prd.eu.vn.cloud.tesla.com',
    ])
      h.server.set(host, 'maintenance');
    await twoPolls(h);
    page = await popup();
    await staged(page, listing.screenshots.outage);
    await shoot(page, `${lang}-2-outage`);
    await page.close();

    const banner = await h.context.newPage();
    await banner.setViewportSize({ width: 1280, height: 800 });
    await banner.goto(
      lang === 'en' ? 'https://www.tesla.com/teslaaccount' : 'https://www.tesla.com/fr_FR/teslaaccount',
    );
    await banner.locator('[data-tesla-status-banner][data-status="outage"]').waitFor();
    await shoot(banner, `${lang}-4-banner`);
    await banner.close();

    h.server.reset();
    h.server.page(lang === 'en' ? '/teslaaccount' : '/fr_FR/teslaaccount', ACCOUNT_PAGE);
    await twoPolls(h);
    for (const host of [
      'owner-api.teslamotors.com',
      'fleet-api.prd.na.vn.cloud.tesla.com',
      'fleet-api.prd.eu.vn.cloud.tesla.com',
    ])
      h.server.set(host, 'maintenance');
    await twoPolls(h);
    page = await popup();
    await page.waitForSelector('[data-story="relapse"]');
    await staged(page, listing.screenshots.relapse);
    await shoot(page, `${lang}-3-relapse`);
    await page.close();

    page = await h.context.newPage();
    await page.goto(`chrome-extension://${h.extensionId}/options.html`);
    await page.locator('select').first().waitFor();
    await staged(page, listing.screenshots.options);
    await page.evaluate(() => {
      document.body.style.width = '420px';
      document.body.style.marginLeft = '760px';
    });
    await shoot(page, `${lang}-5-options`);
    await page.close();

    if (lang === 'en') {
      // The promo tile: the icon, the name and the question it answers.
      const icon = readFileSync('public/icon/128.png').toString('base64');
      const tile = await h.context.newPage();
      await tile.setViewportSize({ width: 440, height: 280 });
      await tile.setContent(`<!doctype html><html><body style="margin:0;width:440px;height:280px;display:flex;align-items:center;gap:24px;padding:0 36px;box-sizing:border-box;background:linear-gradient(135deg,#1f2328,#3a3f47);color:#fff;font-family:system-ui,sans-serif">
        <img src="data:image/png;base64,${icon}" width="96" height="96" alt="">
        <div><div id="name" style="font:700 34px/1.2 system-ui,sans-serif"></div><div id="tagline" style="font:400 20px/1.3 system-ui,sans-serif;opacity:.9;margin-top:8px"></div></div>
      </body></html>`);
      await tile.evaluate(
        ([name, tagline]) => {
          document.getElementById('name')!.textContent = name!;
          document.getElementById('tagline')!.textContent = tagline!;
        },
        [listing.name, listing.promoTagline],
      );
      await shoot(tile, 'promo-tile-440x280');
      await tile.close();
    }
  } finally {
    await h.close();
  }
}

async function main() {
  mkdirSync(OUT, { recursive: true });
  execFileSync('npx', ['wxt', 'build'], { stdio: 'ignore' });
  console.log(`Store assets in ${OUT}:`);
  await assetsFor('en');
  await assetsFor('fr');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
