import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const script = join(__dirname, '../../scripts/mutation-survivors.mjs');
const madeDirs: string[] = [];
afterAll(() => {
  for (const dir of madeDirs) rmSync(dir, { recursive: true, force: true });
});

function reportWith(mutants: Array<{ status: string; line: number; column: number; endColumn: number }>): string {
  const dir = mkdtempSync(join(tmpdir(), 'survivors-'));
  madeDirs.push(dir);
  const path = join(dir, 'mutation.json');
  const files = {
    'utils/engine/a.ts': {
      mutants: mutants.map(({ status, line, column, endColumn }) => ({
        status,
        location: { start: { line, column }, end: { line, column: endColumn } },
      })),
    },
  };
  writeFileSync(path, JSON.stringify({ files }));
  return path;
}

describe('scripts/mutation-survivors.mjs', () => {
  it('prints each survivor and uncovered mutant once, as a range Stryker reads from column 0', () => {
    const report = reportWith([
      { status: 'Survived', line: 3, column: 5, endColumn: 9 },
      { status: 'Survived', line: 3, column: 5, endColumn: 9 },
      { status: 'Killed', line: 4, column: 1, endColumn: 2 },
      { status: 'NoCoverage', line: 7, column: 1, endColumn: 12 },
    ]);
    expect(execFileSync('node', [script, report], { encoding: 'utf8' }).trim()).toBe(
      'utils/engine/a.ts:3:4-3:9,utils/engine/a.ts:7:0-7:12',
    );
  });

  it('fails, saying so, when nothing survived', () => {
    const run = spawnSync('node', [script, reportWith([{ status: 'Killed', line: 1, column: 1, endColumn: 2 }])], {
      encoding: 'utf8',
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('No survivors');
  });
});
