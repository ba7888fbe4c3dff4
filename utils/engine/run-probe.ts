import { classifyResponse, type ProbeOutcome } from './classify-response';
import type { Probe } from './probes';
import type { ProbeResult } from './snapshot';

/** Enough of a body to recognise Tesla's answer, a maintenance page or a portal; never megabytes. */
export const BODY_LIMIT_BYTES = 4096;

export type Fetch = (input: string, init: RequestInit) => Promise<Response>;

async function readStart(response: Response, limit: number): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < limit) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
  } finally {
    // Stop the download: the rest of a large page is of no use and costs the user bandwidth.
    await reader.cancel().catch(() => undefined);
  }
  const bytes = new Uint8Array(Math.min(size, limit));
  let offset = 0;
  for (const chunk of chunks) {
    const part = chunk.subarray(0, bytes.length - offset);
    bytes.set(part, offset);
    offset += part.length;
    if (offset >= bytes.length) break;
  }
  return new TextDecoder().decode(bytes);
}

function isTimeout(error: unknown): boolean {
  return error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError');
}

/**
 * One request to one probe: no credentials, no cache, a hard timeout. Redirects are followed only for
 * a web page (the account page redirects to sign-in), so that the final host can be checked; an API
 * that redirects is not answering as itself.
 */
export async function observeProbe(
  probe: Probe,
  fetchFn: Fetch,
  clock: () => number = () => performance.now(),
): Promise<ProbeOutcome> {
  const started = clock();
  const signal = AbortSignal.timeout(probe.timeoutMs);
  try {
    const response = await fetchFn(probe.url, {
      method: 'GET',
      credentials: 'omit',
      cache: 'no-store',
      redirect: probe.healthy.kind === 'page' ? 'follow' : 'manual',
      referrerPolicy: 'no-referrer',
      signal,
    });
    // The body shares the timeout: a server that sends headers and then stalls is still a timeout.
    const bodyStart = await readStart(response, BODY_LIMIT_BYTES);
    return {
      kind: 'response',
      status: response.status,
      redirectNotFollowed: response.type === 'opaqueredirect',
      finalHost: response.redirected && response.url ? new URL(response.url).host : '',
      contentType: response.headers.get('content-type') ?? '',
      retryAfter: response.headers.get('retry-after'),
      server: response.headers.get('server') ?? '',
      bodyStart,
      elapsedMs: clock() - started,
    };
  } catch (error) {
    const timedOut = isTimeout(error) || signal.aborted;
    return { kind: 'error', error: timedOut ? 'timeout' : 'network', elapsedMs: clock() - started };
  }
}

export async function runProbe(probe: Probe, fetchFn: Fetch, now: number): Promise<ProbeResult> {
  const outcome = await observeProbe(probe, fetchFn);
  return classifyResponse(probe, outcome, now);
}

/** All probes in parallel: a poll lasts as long as its slowest probe's timeout, no longer. */
export async function runProbes(
  probes: readonly Probe[],
  fetchFn: Fetch,
  now: number,
): Promise<Record<string, ProbeResult>> {
  const results = await Promise.all(
    probes.map(async (probe) => [probe.id, await runProbe(probe, fetchFn, now)] as const),
  );
  return Object.fromEntries(results);
}
