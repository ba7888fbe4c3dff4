import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { evidenceLogItem } from '../../utils/browser/evidence-storage';
import { settingsItem } from '../../utils/browser/storage';
import { makeReport, readReport, reportFileName } from '../../utils/engine/evidence/report';
import { DEFAULT_SETTINGS } from '../../utils/engine/settings';
import { fakeTesla } from '../support/fake-tesla';
import { T0, at, freshBrowser, testWorker } from '../support/worker';

const MIN = 60_000;
const dir = mkdtempSync(join(tmpdir(), 'report-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

beforeEach(() => freshBrowser());

/** A report made after an outage confirmed from Paris, as the popup makes it. */
async function outageReport() {
  const tesla = fakeTesla();
  const worker = testWorker(tesla.fetchFn);
  await worker.poll();
  tesla.setAll('maintenance');
  at(2 * MIN);
  await worker.poll();
  at(2 * MIN + 30_000);
  await worker.poll();
  return makeReport(await evidenceLogItem.getValue(), await settingsItem.getValue(), T0 + 3 * MIN, '0.1.0');
}

describe('a report of a wrong status', () => {
  it('reads back as the log and settings it was made from', async () => {
    const report = await outageReport();
    const read = readReport(JSON.parse(JSON.stringify(report)));
    expect(read?.settings).toEqual(DEFAULT_SETTINGS);
    expect(read?.log).toEqual(await evidenceLogItem.getValue());
    expect(read?.madeAt).toBe(T0 + 3 * MIN);
  });

  it('holds nothing but what was asked of Tesla, its answers, the region and the settings', async () => {
    const text = JSON.stringify(await outageReport());
    expect(Object.keys(JSON.parse(text)).sort()).toEqual([
      'evidence',
      'extension',
      'kind',
      'madeAt',
      'settings',
      'version',
    ]);
    // No page the owner visited, no cookie, no token: the only addresses are the catalogue's probe ids.
    expect(text).not.toMatch(/https?:|cookie|token|@/i);
  });

  it.each([null, 'report', { kind: 'something-else' }, []])('is not read from %j', (raw) => {
    expect(readReport(raw)).toBeNull();
  });

  it('keeps what is valid of a damaged one', async () => {
    const report = JSON.parse(JSON.stringify(await outageReport()));
    report.settings.pollMinutes = 'often';
    report.madeAt = 'today';
    const read = readReport(report);
    expect(read?.settings.pollMinutes).toBe(DEFAULT_SETTINGS.pollMinutes);
    expect(read?.madeAt).toBeNull();
    expect(read?.log).toHaveLength(3);
  });

  it('is named after when it was made, in UTC', () => {
    expect(reportFileName(T0)).toBe('tesla-status-report-2023-02-14T10-34-00-000Z.json');
  });

  it('is told again poll by poll by npm run replay', { timeout: 30_000 }, async () => {
    const file = join(dir, 'report.json');
    writeFileSync(file, JSON.stringify(await outageReport()));
    const out = execFileSync('npm', ['run', '--silent', 'replay', '--', file], { encoding: 'utf8' });
    const lines = out.trim().split('\n');
    expect(lines[0]).toBe('3 polls · region auto · every 2 min · watching owner-api, fleet-api, sign-in, website');
    expect(out).toContain('2023-02-14T10:34:00Z  eu  ✓ Tesla: all systems working');
    expect(out).toMatch(/2023-02-14T10:36:30Z {2}eu {2}✕ Tesla: outage since .*phone key works/);
    expect(out).toMatch(/owner-api down 503/);
  });

  it('npm run replay says what is wrong with a file that is not a report', () => {
    const file = join(dir, 'not-a-report.json');
    writeFileSync(file, '{"hello": "world"}');
    let failure: { status?: number; stderr?: string } = {};
    try {
      execFileSync('npm', ['run', '--silent', 'replay', '--', file], { encoding: 'utf8', stdio: 'pipe' });
    } catch (error) {
      failure = error as typeof failure;
    }
    expect(failure.status).toBe(2);
    expect(failure.stderr).toContain('is not a Tesla Status report');
  });
});
