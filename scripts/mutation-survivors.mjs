// Prints the survivors of the last mutation run (reports/mutation/mutation.json) as Stryker `mutate`
// ranges, so that a run after new tests re-tests only them:
//   npm run mutate -- --mutate "$(node scripts/mutation-survivors.mjs)"
// The report's columns count from 1, Stryker's ranges from 0: a range copied from the report as is
// misses the mutants that start at its first column.
import { readFileSync } from 'node:fs';

const report = JSON.parse(readFileSync(process.argv[2] ?? 'reports/mutation/mutation.json', 'utf8'));
const ranges = new Set();
for (const [file, { mutants }] of Object.entries(report.files)) {
  for (const {
    status,
    location: { start, end },
  } of mutants) {
    if (status === 'Survived' || status === 'NoCoverage')
      ranges.add(`${file}:${start.line}:${start.column - 1}-${end.line}:${end.column}`);
  }
}
if (ranges.size === 0) {
  console.error('No survivors in the report.');
  process.exit(1);
}
console.log([...ranges].join(','));
