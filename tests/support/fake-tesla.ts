import type { Fetch } from '../../utils/engine/run-probe';
import { healthyAnswer, troubleAnswer, type Trouble } from './tesla-answers';

/**
 * A fake Tesla at the fetch boundary, for unit tests of the worker: each host answers as the test
 * says, with the same real answers the local HTTPS "Tesla" of the end-to-end tests serves
 * (tesla-answers.ts), redirects followed as a browser follows them.
 */
export type FakeMode = 'healthy' | Trouble | 'down-network';

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
    // biome-ignore lint/complexity/noExcessiveCognitiveComplexity: the fake Tesla's one table of answers per host; a test double, not shipped.
    fetchFn: async (url, init) => {
      tesla.calls.push({ url, init });
      if (tesla.gate) await tesla.gate;
      let target = new URL(url);
      for (let hop = 0; hop <= 5; hop++) {
        const mode = modes[target.host] ?? fallback;
        if (mode === 'down-network') throw new TypeError('Failed to fetch');
        const answer = mode === 'healthy' ? healthyAnswer(target.host, target.pathname) : troubleAnswer(mode);
        const headers: Record<string, string> = {
          ...answer.headers,
          ...(mode === 'rate-limited' && { 'retry-after': tesla.retryAfter }),
        };
        const location = headers.location;
        if (init.redirect === 'follow' && answer.status >= 300 && answer.status < 400 && location) {
          target = new URL(location, target);
          continue;
        }
        const response = new Response(answer.status === 204 ? null : answer.body, { status: answer.status, headers });
        Object.defineProperty(response, 'url', { value: target.href });
        Object.defineProperty(response, 'redirected', { value: hop > 0 });
        return response;
      }
      throw new TypeError('too many redirects');
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
