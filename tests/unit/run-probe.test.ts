import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PROBES, type Probe } from '../../utils/engine/probes';
import { BODY_LIMIT_BYTES, observeProbe, runProbe, runProbes, type Fetch } from '../../utils/engine/run-probe';
import { loopbackFetch, startTeslaServer, type TeslaServer } from '../support/tesla-server';

/** Real HTTP over loopback: Tesla's URLs (and every redirect) are sent to the local server. */
let server: TeslaServer;
const viaLoopback: Fetch = (input, init) => loopbackFetch(server.port)(input, init);
const probe = (id: string, timeoutMs?: number): Probe => {
  const found = PROBES.find((p) => p.id === id)!;
  return timeoutMs ? { ...found, timeoutMs } : found;
};

beforeAll(async () => {
  server = await startTeslaServer({ hostHeader: 'x-forwarded-host' });
});
afterAll(() => server.close());
beforeEach(() => server.reset());

describe('runProbe against a real HTTP server', () => {
  it('sees the Owner API alive through its 401, sending no credentials', async () => {
    const result = await runProbe(probe('owner-api'), viaLoopback, Date.now());
    expect(result).toMatchObject({ state: 'up', reason: { key: 'reasonAnswered' } });
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]!.headers.authorization).toBeUndefined();
    expect(server.requests[0]!.headers.cookie).toBeUndefined();
  });

  it('reads the maintenance page of a 503', async () => {
    server.set('owner-api.teslamotors.com', 'maintenance');
    expect(await runProbe(probe('owner-api'), viaLoopback, Date.now())).toMatchObject({
      state: 'down',
      reason: { key: 'reasonMaintenance' },
    });
  });

  it('keeps Retry-After from a 429, clamped to 15 minutes', async () => {
    // The real answer (tests/fixtures/tesla-answers/owner-api-429-retry-after.json) asked for 2725 s.
    server.set('owner-api.teslamotors.com', 'rate-limited');
    expect(await runProbe(probe('owner-api'), viaLoopback, Date.now())).toMatchObject({
      state: 'degraded',
      retryAfterSec: 900,
    });
  });

  it('gives up at the timeout when the server hangs', async () => {
    server.set('owner-api.teslamotors.com', 'hang');
    const started = performance.now();
    const result = await runProbe(probe('owner-api', 300), viaLoopback, Date.now());
    const elapsed = performance.now() - started;
    expect(result).toMatchObject({ state: 'unreachable', reason: { key: 'reasonTimeout' } });
    expect(elapsed).toBeGreaterThanOrEqual(250);
    expect(elapsed).toBeLessThan(5000);
  });

  it('reports a reset connection as a connection failure', async () => {
    server.set('owner-api.teslamotors.com', 'reset');
    expect(await runProbe(probe('owner-api'), viaLoopback, Date.now())).toMatchObject({
      state: 'unreachable',
      reason: { key: 'reasonConnectionFailed' },
    });
  });

  it('reads at most the first few KB of a multi-megabyte body', async () => {
    server.set('www.tesla.com', 'huge');
    const outcome = await observeProbe(probe('website'), viaLoopback);
    expect(outcome.kind).toBe('response');
    if (outcome.kind === 'response') expect(outcome.bodyStart.length).toBeLessThanOrEqual(BODY_LIMIT_BYTES);
  });

  it('recognises a captive portal and a malformed OpenID answer', async () => {
    server.set('owner-api.teslamotors.com', 'portal');
    server.set('auth.tesla.com', 'malformed');
    expect((await runProbe(probe('owner-api'), viaLoopback, Date.now())).reason.key).toBe('reasonNotTesla');
    expect((await runProbe(probe('sign-in'), viaLoopback, Date.now())).state).toBe('degraded');
  });

  it('runs the whole catalogue in parallel, one request per probe', async () => {
    const results = await runProbes(PROBES, viaLoopback, Date.now());
    expect(Object.keys(results).sort()).toEqual(PROBES.map((p) => p.id).sort());
    expect(Object.entries(results).filter(([, r]) => r.state !== 'up')).toEqual([]);
    // One request per probe, and one more: the account page's redirect to sign-in, followed.
    const hops = server.requests.filter((r) => r.host === 'auth.tesla.com' && r.path === '/oauth2/v3/authorize');
    expect(hops).toHaveLength(1);
    expect(server.requests).toHaveLength(PROBES.length + hops.length);
    expect(results.website).toMatchObject({ state: 'up', reason: { key: 'reasonRedirected' } });
  });
});
