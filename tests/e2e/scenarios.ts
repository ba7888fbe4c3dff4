import { describe, expect, it } from 'vitest';
import type { BrowserUnderTest } from './browser-under-test';
import { usePerFile } from './harness';

const ACCOUNT_PAGE =
  '<!doctype html><html><head><title>Tesla Account</title></head><body><main><h1>Tesla Account</h1></main></body></html>';

/**
 * The scenarios every browser we ship for must pass, from its production build against the local
 * "Tesla": one list, run by scenarios.chromium.test.ts and scenarios.firefox.test.ts.
 */
export function sharedScenarios(start: (options?: { locale?: string }) => Promise<BrowserUnderTest>) {
  describe('in English', () => {
    const b = usePerFile(() => start());

    const outage = async () => {
      b.server.set('owner-api.teslamotors.com', 'maintenance');
      await b.checkNow();
      await b.checkNow();
    };

    it('is green when Tesla answers as it does when healthy, and the popup says so at 360 px', async () => {
      // The install-time poll and the fresh start's may still be settling the badge: wait for it, briefly.
      await expect.poll(async () => (await b.badge()).text, { timeout: 5_000 }).toBe('✓');
      const popup = await b.openPopup(360);
      await popup.waitFor('[data-overall-status="operational"]');
      expect(await popup.text('[role="status"]')).toBe('All systems working');
      expect(await popup.count('[data-feature][data-status="up"]')).toBe(9);
      // Firefox for Android and Chromium's popup alike: 360 px wide, the healthy answer in one glance.
      expect(await popup.scrollHeight()).toBeLessThanOrEqual(600);
      await popup.screenshot(`${b.name}-healthy.png`);
      await popup.close();
    });

    it('turns red after two 503 maintenance answers: badge, popup rows, the phone key up', async () => {
      await outage();
      const badge = await b.badge();
      expect(badge.text).toBe('✕');
      expect(badge.title).toMatch(/^Tesla: outage since .* — phone key works\. Unavailable: Remote access to the car/);
      const popup = await b.openPopup(360);
      await popup.waitFor('[data-overall-status="outage"]');
      expect(await popup.attribute('[data-feature="remote-access"]', 'data-status')).toBe('down');
      expect(await popup.attribute('[data-feature="phone-key"]', 'data-status')).toBe('up');
      expect(await popup.text('[data-phone-key]')).toContain('Your phone key still works');
      expect(await popup.attribute('[data-link="downdetector"]', 'href')).toBe(
        'https://downdetector.com/status/tesla/',
      );
      await popup.screenshot(`${b.name}-outage.png`);
      await popup.close();
    });

    it('shows the banner on the account page during an outage', async () => {
      b.server.page('/teslaaccount', ACCOUNT_PAGE);
      await outage();
      const page = await b.openPage('https://www.tesla.com/teslaaccount', 390);
      await page.waitFor('[data-tesla-status-banner][data-status="outage"]');
      await page.screenshot(`${b.name}-banner.png`);
      await page.close();
    });

    it('says the user seems offline, never an outage, when no host answers', async () => {
      b.server.set('*', 'reset');
      await b.checkNow();
      await b.checkNow();
      expect(await b.badge()).toMatchObject({ text: '?' });
      const popup = await b.openPopup(360);
      await popup.waitFor('[data-overall-status="unknown"]');
      expect(await popup.text('[role="status"]')).toBe('You seem to be offline');
      await popup.close();
    });
  });

  describe('in French', () => {
    const b = usePerFile(() => start({ locale: 'fr-FR' }));

    it('the badge, the popup and the banner speak French', async () => {
      b.server.page('/fr_FR/teslaaccount', ACCOUNT_PAGE);
      b.server.set('owner-api.teslamotors.com', 'maintenance');
      await b.checkNow();
      await b.checkNow();
      expect((await b.badge()).title).toMatch(
        /^Tesla : panne depuis \d\d:\d\d .* — la clé téléphone fonctionne\. Indisponible : /,
      );
      const popup = await b.openPopup(360);
      await popup.waitFor('[data-overall-status="outage"]');
      expect(await popup.text('[role="status"]')).toBe('Panne');
      expect(await popup.text('[data-phone-key]')).toContain('Votre clé téléphone fonctionne toujours');
      expect(await popup.attribute('[data-link="downdetector"]', 'href')).toBe('https://downdetector.fr/statut/tesla/');
      await popup.screenshot(`${b.name}-outage-fr.png`);
      await popup.close();
      const page = await b.openPage('https://www.tesla.com/fr_FR/teslaaccount', 390);
      await page.waitFor('[data-tesla-status-banner][data-status="outage"]');
      await page.close();
    });
  });
}
