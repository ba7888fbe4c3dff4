/// <reference types="chrome" />
import { describe, expect, it } from 'vitest';
import { useHarness } from './harness';

const h = useHarness({ locale: 'fr-FR' });

describe('in a French browser', () => {
  it('the badge, the popup and the banner speak French', async () => {
    h.server.set('owner-api.teslamotors.com', 'maintenance');
    h.server.page('/fr_FR/teslaaccount', '<!doctype html><html lang="fr"><head><title>Compte Tesla</title></head><body><h1>Compte Tesla</h1></body></html>');
    await h.checkNow();
    await h.checkNow();
    expect((await h.badge()).title).toMatch(/^Tesla : panne depuis \d\d:\d\d — Accès à distance à la voiture.* indisponibles ; la clé téléphone fonctionne$/);

    const popup = await h.context.newPage();
    await popup.goto(`chrome-extension://${h.extensionId}/popup.html`);
    await popup.waitForSelector('[data-overall-status="outage"]');
    expect(await popup.getByRole('status').textContent()).toBe('Panne');
    expect(await popup.getByRole('button', { name: 'Vérifier maintenant' }).count()).toBe(1);
    expect(await popup.textContent('[data-feature="phone-key"]')).toContain('Fonctionne en Bluetooth');
    expect(await popup.getAttribute('html', 'lang')).toMatch(/^fr/);

    const page = await h.context.newPage();
    await page.goto('https://www.tesla.com/fr_FR/teslaaccount');
    const banner = page.locator('[data-tesla-status-banner][data-status="outage"]');
    await banner.waitFor();
    expect(await banner.locator('[role="alert"]').textContent()).toContain('Votre clé téléphone fonctionne toujours en Bluetooth.');
  });
});
