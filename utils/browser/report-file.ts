import { browser } from 'wxt/browser';
import { makeReport, reportFileName } from '../engine/evidence/report';
import { evidenceLogItem } from './evidence-storage';
import { settingsItem } from './storage';

/**
 * Saves "Report a wrong status" as a file, from the page that asked (the popup): a link to the JSON
 * clicked in that page, so no `downloads` permission is needed. Nothing is sent anywhere.
 */
export async function saveReportFile(page: Document): Promise<void> {
  const [log, settings] = await Promise.all([evidenceLogItem.getValue(), settingsItem.getValue()]);
  const madeAt = Date.now();
  const report = makeReport(log, settings, madeAt, browser.runtime.getManifest().version);
  const url = URL.createObjectURL(new Blob([JSON.stringify(report)], { type: 'application/json' }));
  const link = page.createElement('a');
  link.href = url;
  link.download = reportFileName(madeAt);
  page.body.append(link);
  link.click();
  link.remove();
  // After the click has handed the file to the browser.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
