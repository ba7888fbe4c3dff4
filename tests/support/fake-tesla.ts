import type { Fetch } from '../../utils/run-probe';

/**
 * A fake Tesla at the fetch boundary, for unit tests of the worker: each host answers as the test
 * says, in the shapes the local HTTPS "Tesla" of the end-to-end tests serves (tesla-server.ts).
 */
export type FakeMode = 'healthy' | 'maintenance' | 'bad-gateway' | 'rate-limited' | 'down-network';

export interface FakeTesla {
  fetchFn: Fetch;
  calls: { url: string; init: RequestInit }[];
  modes: Record<string, FakeMode>;
  /** Every host in one mode (the per-host modes are forgotten). */
  setAll(mode: FakeMode): void;
  /** Seconds in the `Retry-After` of a rate-limited answer. */
  retryAfter: string;
  /** While set, every fetch waits for it: a poll held in flight. */
  gate: Promise<void> | null;
}

export function fakeTesla(modes: Record<string, FakeMode> = {}): FakeTesla {
  let fallback: FakeMode = 'healthy';
  const tesla: FakeTesla = {
    calls: [],
    modes,
    retryAfter: '300',
    gate: null,
    setAll(mode) {
      fallback = mode;
      for (const key of Object.keys(modes)) delete modes[key];
    },
    fetchFn: async (url, init) => {
      tesla.calls.push({ url, init });
      if (tesla.gate) await tesla.gate;
      const { host, pathname: path } = new URL(url);
      const mode = modes[host] ?? fallback;
      if (mode === 'down-network') throw new TypeError('Failed to fetch');
      if (mode === 'maintenance') return new Response('<html><body>Server Maintenance</body></html>', { status: 503, headers: { 'content-type': 'text/html' } });
      if (mode === 'bad-gateway') return new Response('<html><body><h1>502 Bad Gateway</h1></body></html>', { status: 502, headers: { 'content-type': 'text/html' } });
      if (mode === 'rate-limited') return new Response('{"error":"rate limited"}', { status: 429, headers: { 'content-type': 'application/json', 'retry-after': tesla.retryAfter } });
      if (path === '/status') return new Response('ok', { status: 200 });
      if (path.endsWith('openid-configuration')) return new Response(JSON.stringify({ issuer: `https://${host}/oauth2/v3` }), { status: 200, headers: { 'content-type': 'application/json' } });
      if (path.startsWith('/api/')) return new Response('{"error":"invalid bearer token"}', { status: 401, headers: { 'content-type': 'application/json' } });
      return new Response('<html><head><title>Tesla Account | Tesla</title></head></html>', { status: 200, headers: { 'content-type': 'text/html' } });
    },
  };
  return tesla;
}

/** A gate to hold fetches in flight, and the function that opens it. */
export function holdFetches(tesla: FakeTesla): () => void {
  let open!: () => void;
  tesla.gate = new Promise<void>((resolve) => {
    open = resolve;
  });
  return () => {
    tesla.gate = null;
    open();
  };
}
