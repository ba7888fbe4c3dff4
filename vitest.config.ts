import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve, sep } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { defineConfig, type TestProjectConfiguration } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

// Times are asserted as clock text ("since 09:42"): one time zone for every machine.
process.env.TZ = 'UTC';

// `npm run mutate` (Stryker) runs the unit project only: the end-to-end tests need a build and a browser.
const unitOnly = process.env.STRYKER_UNIT_ONLY === '1';

const e2e = {
  extends: true,
  test: {
    name: 'e2e',
    include: ['tests/e2e/**/*.test.ts'],
    environment: 'node',
    // One Chromium at a time on a 2-core machine; each file starts its own.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
} satisfies TestProjectConfiguration;

/**
 * Stryker stops a mutant's run at its first failing test, so the tests most likely to fail run
 * first: a mutated module's own test file (Stryker's sandbox marks the modules it instruments), then
 * the files that import it, then the rest, each group from the smallest. The live-check test starts
 * a child process per test: last. Survivors still run every test that covers them.
 */
class MutatedModulesFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const engine = resolve(__dirname, 'utils/engine');
    // Modules by their path under the engine ("derive/derive"): the stages live in folders.
    const mutated = (readdirSync(engine, { recursive: true }) as string[])
      .filter((name) => name.endsWith('.ts'))
      .filter((name) => readFileSync(join(engine, name), 'utf8').includes('stryMutAct_9fa48'))
      .map((name) => name.replace(/\.ts$/, '').split(sep).join('/'));
    const cost = (file: TestSpecification) => {
      if (file.moduleId.endsWith('probe-live.test.ts')) return Infinity;
      const text = readFileSync(file.moduleId, 'utf8');
      const group = mutated.some((module) => basename(file.moduleId).startsWith(`${basename(module)}.test.`))
        ? 0
        : mutated.some((module) => text.includes(`/engine/${module}'`))
          ? 1
          : 2;
      return group * 1e9 + text.length;
    };
    return [...files].sort((a, b) => cost(a) - cost(b));
  }
}

export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    ...(unitOnly && { sequence: { sequencer: MutatedModulesFirst } }),
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.{ts,tsx}'],
          environment: 'node',
          // Under Stryker every mutant re-runs the tests that cover it: sharing modules between test
          // files halves each run (the suite passes either way; `npm test` keeps files isolated).
          isolate: !unitOnly,
        },
      },
      ...(unitOnly ? [] : [e2e]),
    ],
  },
});
