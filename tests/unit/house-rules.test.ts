import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// Spelt in parts so that this file is not one of the places it finds.
const RULE = ['//', 'biome-ignore', 'lint/complexity/noExcessiveCognitiveComplexity:'].join(' ');
/** Not our sources: dependencies, builds, caches, reports, and Stryker's sandboxes. */
const NOT_SOURCES = new Set(['node_modules', '.output', '.wxt', '.git', '.stryker-tmp', 'reports', 'artifacts']);

/** Every source file under `dir`, by a walk of the tree: also where no git is (Stryker's sandbox). */
function sourceFiles(dir = '.'): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = dir === '.' ? entry.name : join(dir, entry.name);
    if (entry.isDirectory()) return NOT_SOURCES.has(entry.name) ? [] : sourceFiles(path);
    return /\.(ts|tsx|mjs|js)$/.test(entry.name) ? [path] : [];
  });
}

/** Files and how many complexity exceptions each holds, from the code's own biome-ignore comments. */
function exceptionsInCode(): Record<string, number> {
  return Object.fromEntries(
    sourceFiles()
      .map((file): [string, number] => [file, readFileSync(file, 'utf8').split(RULE).length - 1])
      .filter(([, count]) => count > 0),
  );
}

/** The same, as CONTRIBUTING.md's table lists them. */
function exceptionsListed(): Record<string, number> {
  const text = readFileSync('CONTRIBUTING.md', 'utf8');
  return Object.fromEntries(
    [...text.matchAll(/^\| `([^`]+)` \| (\d+) \| .+ \|$/gm)].map((row) => [row[1], Number(row[2])]),
  );
}

describe('the house rules', () => {
  it('list every complexity exception of the code in CONTRIBUTING.md, and only those', () => {
    expect(Object.keys(exceptionsInCode()).length).toBeGreaterThan(0);
    expect(exceptionsListed()).toEqual(exceptionsInCode());
  });
});
