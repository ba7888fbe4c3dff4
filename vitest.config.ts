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

export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.{ts,tsx}'],
          environment: 'node',
        },
      },
      ...(unitOnly ? [] : [e2e]),
    ],
  },
});
