import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ARTIFACTS, accessibilityViolations, useHarness } from './harness';

const h = useHarness();

describe('"Report a wrong status", from the production build in Chromium', () => {
  it('saves the evidence as a file that npm run replay tells poll by poll', { timeout: 60_000 }, async () => {
    h.server.set('owner-api.teslamotors.com', 'maintenance');
    await h.checkNow();
    await h.checkNow();
    const page = await h.context.newPage();
    await page.setViewportSize({ width: 360, height: 600 });
    await page.goto(`chrome-extension://${h.extensionId}/popup.html`);
    await page.waitForSelector('[data-overall-status="outage"]');
    await page.getByText('Technical details').click();
    const button = page.getByRole('button', { name: 'Report a wrong status' });
    await button.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, 'popup-report.png') });
    expect(await accessibilityViolations(page)).toEqual([]);

    const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
    expect(download.suggestedFilename()).toMatch(/^tesla-status-report-\d{4}-\d\d-\d\dT[\d-]+Z\.json$/);
    const file = join(ARTIFACTS, 'report.json');
    await download.saveAs(file);
    const report = JSON.parse(readFileSync(file, 'utf8'));
    expect(report).toMatchObject({ kind: 'tesla-status-report', version: 1, settings: { pollMinutes: 2 } });

    const story = execFileSync('npm', ['run', '--silent', 'replay', '--', file], { encoding: 'utf8' });
    // The install-time poll, then the two that confirmed the outage.
    expect(story).toMatch(/^\d+ polls · region auto/);
    expect(story).toMatch(/✓ Tesla: all systems working/);
    expect(story).toMatch(/✕ Tesla: outage since .* phone key works/);
    expect(story).toContain('owner-api down 503');
    await page.close();
  });
});
