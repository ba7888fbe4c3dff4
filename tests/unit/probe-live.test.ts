import { spawn } from 'node:child_process';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PROBES } from '../../utils/engine/probes';
import { startTeslaServer, type TeslaServer } from '../support/tesla-server';

/**
 * `npm run probe-live` is for a maintainer with internet. Here it only ever meets the local "Tesla"
 * on loopback (`--loopback PORT`): the same command, the same catalogue, the same output.
 */
let server: TeslaServer;

function probeLive(): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['vite-node', 'scripts/probe-live.ts', '--loopback', String(server.port)], {
      env: { ...process.env, NO_COLOR: '1' },
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

beforeAll(async () => {
  server = await startTeslaServer({ hostHeader: 'x-forwarded-host' });
});
afterAll(() => server.close());
beforeEach(() => server.reset());

describe('npm run probe-live', { timeout: 60_000 }, () => {
  it('prints every probe with its answer and exits 0 when Tesla answers as the catalogue expects', async () => {
    const { code, output } = await probeLive();
    expect(output).toContain(`Probing ${PROBES.length} endpoints on the local "Tesla"`);
    for (const probe of PROBES)
      expect(output).toMatch(new RegExp(`^ok {3}${probe.id} +${probe.url.replaceAll('.', '\\.')}$`, 'm'));
    expect(output).toMatch(/HTTP 401 · content-type: .*\n\s+body: "\{\\"error\\":\\"invalid bearer token\\"\}"/);
    expect(output).toMatch(/→ up \(reasonAnswered\), \d+ ms/);
    expect(output).toContain(`All ${PROBES.length} probes answered as the catalogue expects.`);
    expect(code).toBe(0);
    // One request per probe (and the website's redirect), nothing else.
    expect(server.requests.length).toBe(PROBES.length + 1);
  });

  it('flags a probe whose host answers out of shape, and exits non-zero', async () => {
    // The Owner API answering every anonymous request with June 2026's 403: Tesla's, but not the 401
    // the catalogue expects.
    server.set('owner-api.teslamotors.com', 'fleet-only');
    server.set('www.tesla.com', 'portal');
    const { code, output } = await probeLive();
    expect(output).toMatch(/^FLAG owner-api +https:\/\/owner-api\.teslamotors\.com/m);
    expect(output).toMatch(/HTTP 403 .*\n\s+body: ".*forbidden, see https:\/\/developer\.tesla\.com\/docs\/fleet-api/);
    expect(output).toMatch(/^FLAG website +/m);
    expect(output).toMatch(/^ok {3}fleet-api-na /m);
    expect(output).toContain('FLAG owner-api, website: not the healthy answer the catalogue expects.');
    expect(code).toBe(1);
  });

  it('warns, without failing, when a CDN wall refuses the machine it runs on', async () => {
    server.set('auth.tesla.com', 'cdn-wall');
    const { code, output } = await probeLive();
    expect(output).toMatch(/^WARN sign-in +/m);
    expect(code).toBe(0);
  });
});
