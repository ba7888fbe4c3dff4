import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// Spelt in parts so that this file is not one of the places it finds.
const RULE = ['//', 'biome-ignore', 'lint/complexity/noExcessiveCognitiveComplexity:'].join(' ');

/** Files and how many complexity exceptions each holds, from the code's own biome-ignore comments. */
function exceptionsInCode(): Record<string, number> {
  const found = execFileSync('git', ['grep', '--untracked', '-c', '-F', RULE, '--', '*.ts', '*.tsx', '*.mjs', '*.js'], {
    encoding: 'utf8',
  });
  return Object.fromEntries(
    found
      .trim()
      .split('\n')
      .map((line) => line.split(':'))
      .map(([file, count]) => [file, Number(count)]),
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
