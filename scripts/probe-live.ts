/**
 * npm run probe-live — does the probe catalogue still match the real Tesla?
 *
 * For a maintainer on a machine with internet, before each release and whenever owners report a
 * false state. It asks every probe of the production catalogue once, from Node, as the extension
 * does (no credentials, the same timeouts), prints what each answered, and exits non-zero when an
 * answer is not the healthy shape the catalogue expects (docs/probes.md says what to do then).
 *
 *   npm run probe-live                   the real hosts
 *   npm run probe-live -- --loopback N   a local "Tesla" on 127.0.0.1:N (the tests use this)
 */
import { PROBES } from '../utils/engine/probes';
import { checkCatalogue, formatRows, summary } from './lib/catalogue-check';
import { loopbackFetch } from './lib/loopback-fetch';

function loopbackPort(args: readonly string[]): number | null {
  const index = args.indexOf('--loopback');
  if (index === -1) return null;
  const port = Number(args[index + 1]);
  if (!Number.isInteger(port) || port <= 0 || port > 65_535) throw new Error('--loopback needs a port number');
  return port;
}

async function main(): Promise<number> {
  const port = loopbackPort(process.argv.slice(2));
  const fetchFn = port === null ? (input: string, init: RequestInit) => fetch(input, init) : loopbackFetch(port);
  console.log(
    `Probing ${PROBES.length} endpoints ${port === null ? "on Tesla's real hosts" : `on the local "Tesla" at 127.0.0.1:${port}`}…\n`,
  );
  const rows = await checkCatalogue(PROBES, fetchFn);
  console.log(formatRows(rows));
  const { flagged, warned } = summary(rows);
  console.log('');
  if (warned.length > 0)
    console.log(
      `WARN ${warned.join(', ')}: Tesla answered, but not in a way that tests the catalogue (a CDN wall against this machine, or slow). Try again from another network.`,
    );
  if (flagged.length === 0) {
    console.log(`All ${rows.length} probes answered as the catalogue expects.`);
    return 0;
  }
  console.log(`FLAG ${flagged.join(', ')}: not the healthy answer the catalogue expects.`);
  console.log(
    'If Tesla is not in trouble right now (check again in a few minutes), the catalogue looks out of date: see docs/probes.md, "When probe-live flags a probe".',
  );
  return 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  },
);
