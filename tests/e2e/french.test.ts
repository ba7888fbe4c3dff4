/// <reference types="chrome" />
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { ARTIFACTS, useHarness } from './harness';

const h = useHarness({ locale: 'fr-FR' });

describe('in a French browser', () => {
  it('the badge, the popup and the banner speak French', async () => {
    h.server.set('owner-api.teslamotors.com', 'maintenance');
    h.server.page(
      '/fr_FR/teslaaccount',
      '<!doctype html><html lang="fr"><head><title>Compte Tesla</title></head><body><h1>Compte Tesla</h1></body></html>',
    );
    await h.checkNow();
    await h.checkNow();
    expect((await h.badge()).title).toMatch(
      /^Tesla : panne depuis \d\d:\d\d \(1\smin\) — la clé téléphone fonctionne\. Indisponible : Accès à distance à la voiture, .* et \d+ autres$/,
    );

    const popup = await h.context.newPage();
    await popup.setViewportSize({ width: 360, height: 600 });
    await popup.goto(`chrome-extension://${h.extensionId}/popup.html`);
    await popup.waitForSelector('[data-overall-status="outage"]');
    expect(await popup.getByRole('status').textContent()).toBe('Panne');
    expect(await popup.locator('.ts-story').textContent()).toMatch(/^Depuis \d\d:\d\d — 1\smin$/);
    expect(await popup.locator('[data-phone-key]').textContent()).toContain('Votre clé téléphone fonctionne toujours');
    expect(await popup.getAttribute('[data-link="downdetector"]', 'href')).toBe(
      'https://downdetector.fr/statut/tesla/',
    );
    // The story fits the first 600 px in French too, longer words and all.
    expect(await popup.locator('.ts-whatnow').evaluate((el) => el.getBoundingClientRect().bottom)).toBeLessThanOrEqual(
      600,
    );
    await popup.screenshot({ path: join(ARTIFACTS, 'first-glance-outage-fr.png') });
    expect(await popup.getByRole('button', { name: 'Vérifier' }).count()).toBe(1);
    expect(await popup.textContent('[data-feature="phone-key"]')).toContain('Fonctionne sans les serveurs de Tesla');
    expect(await popup.getAttribute('html', 'lang')).toMatch(/^fr/);

    const page = await h.context.newPage();
    await page.goto('https://www.tesla.com/fr_FR/teslaaccount');
    const banner = page.locator('[data-tesla-status-banner][data-status="outage"]');
    await banner.waitFor();
    expect(await banner.locator('[role="alert"]').textContent()).toContain(
      'Votre clé téléphone fonctionne toujours : vous pouvez déverrouiller et conduire.',
    );
  });
});
