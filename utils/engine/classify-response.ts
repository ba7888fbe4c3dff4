import type { HealthyAnswer, Probe } from './probes';
import type { MessageKey } from './messages';

/** `Retry-After` is clamped to this when parsed (15 minutes): a longer wait is never honoured anyway. */
export const RETRY_AFTER_MAX_SEC = 15 * 60;

/** What one probe saw, before any judgement. Built by `runProbe` from a real fetch. */
export type ProbeOutcome =
  | {
      kind: 'response';
      status: number;
      /** A `redirect: 'manual'` fetch hides a redirect's target: Chromium reports it as status 0. */
      redirectNotFollowed: boolean;
      /** The host that gave this answer, after any redirect followed; empty when not known. */
      finalHost?: string;
      contentType: string;
      retryAfter: string | null;
      server: string;
      /** At most the first few KB of the body. */
      bodyStart: string;
      elapsedMs: number;
    }
  | { kind: 'error'; error: 'timeout' | 'network'; elapsedMs: number };

export type ProbeState = 'up' | 'degraded' | 'down' | 'unreachable';

export interface Reason {
  key: MessageKey;
  values?: string[];
}

export interface Classification {
  state: ProbeState;
  reason: Reason;
  latencyMs: number;
  /** Seconds asked by `Retry-After`, when the answer carried a usable one. */
  retryAfterSec?: number;
  /**
   * A server error in no shape of Tesla's own (no JSON error, no maintenance page): any proxy on the
   * path could have written it. Alone, such answers do not tell Tesla from the user's network.
   */
  generic?: true;
  /** The HTTP status of the answer, when there was one. */
  status?: number;
  /** What was recognised besides the status: the facts the engine acts on (`reason` is for display). */
  cause?: ProbeCause;
  /** The answer is the one the probe's catalogue entry expects of a healthy Tesla. */
  healthyShape?: true;
  /** A healthy answer, but slower than the probe's threshold. */
  slow?: true;
}

export type ProbeCause =
  /** DNS, a refused connection, TLS: nothing answered at the network level. */
  | 'network'
  | 'timeout'
  /** Someone else answered in Tesla's place (a portal, a proxy's page, a redirect away). */
  | 'not-tesla'
  /** A proxy asks for authentication (407). */
  | 'proxy'
  /** A CDN's bot wall refused this client; the service behind it is there. */
  | 'cdn-wall'
  | 'rate-limit'
  /** A 503 that says maintenance: Tesla, on purpose. */
  | 'maintenance';

const MAINTENANCE = /maintenance/i;
/**
 * The error page of the Rails application behind Tesla's Owner API ("We're sorry, but something
 * went wrong", tests/fixtures/tesla-answers/owner-api-502-html.json): Tesla's own, not a page any
 * proxy writes. A proxy's 502 ("502 Bad Gateway") stays a page anyone could have written.
 */
const TESLA_RAILS_ERROR = /We're sorry, but something went wrong/;

/** Seconds to wait, clamped to 15 minutes: a 400-digit value is a long wait, not `Infinity`. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  const seconds = /^\d+$/.test(trimmed) ? Number(trimmed) : Math.round((Date.parse(trimmed) - now) / 1000);
  if (Number.isNaN(seconds)) return undefined;
  return Math.min(RETRY_AFTER_MAX_SEC, Math.max(0, seconds));
}

/** Tesla's own hosts: an answer from anywhere else (a redirect away, a portal) is not Tesla's. */
function isTeslaHost(host: string): boolean {
  return /(^|\.)(tesla\.com|teslamotors\.com|tesla\.cn)$/i.test(host.replace(/:\d+$/, ''));
}

/** A web page of Tesla's: its title names Tesla (a proxy's page naming `www.tesla.com` does not count). */
function isTeslaPage(body: string): boolean {
  return /<title[^>]*>[^<]*(?<![\w./-])Tesla(?![\w.-])/i.test(body);
}

function looksLikeHtml(contentType: string, body: string): boolean {
  return /html/i.test(contentType) || /^\s*<(!doctype|html|head|body)/i.test(body);
}

function looksLikeJson(contentType: string, body: string): boolean {
  return /json/i.test(contentType) || /^\s*[{[]/.test(body);
}

function jsonObject(body: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(body);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function jsonField(body: string, field: string): unknown {
  return jsonObject(body)?.[field];
}

/**
 * Whether a 4xx is Tesla's API answering: its error bodies are JSON objects, and the Fleet API's 401
 * is documented as empty. An HTML 4xx (a proxy's "blocked by policy") is someone else's.
 */
function isApiError(status: number, body: string): boolean {
  return jsonObject(body) !== undefined || (status === 401 && body.trim() === '');
}

/**
 * Akamai's bot wall: `Server: AkamaiGHost` and its "Access Denied … Reference #" page, which writes
 * the reference with character entities (`Reference&#32;&#35;18&#46;…`).
 */
function isAkamaiWall(server: string, body: string): boolean {
  return /akamai/i.test(server) && /Reference(?:\s|&#32;)*(?:#|&#35;)/i.test(body);
}

type Verdict = Omit<Classification, 'latencyMs'>;

const notTesla: Verdict = { state: 'unreachable', reason: { key: 'reasonNotTesla' }, cause: 'not-tesla' };
const healthyAnswer: Verdict = { state: 'up', reason: { key: 'reasonAnswered' }, healthyShape: true };

/** A 200 answer: healthy only when it is the answer Tesla gives when healthy. */
function classifyOk(healthy: HealthyAnswer, contentType: string, body: string): Verdict {
  const html = looksLikeHtml(contentType, body);
  switch (healthy.kind) {
    case 'page':
      return isTeslaPage(body) ? healthyAnswer : notTesla;
    case 'text':
      if (body.trim() === healthy.body) return healthyAnswer;
      // A login or portal page where a bare `ok` belongs was written by someone else on the path.
      return html ? notTesla : { state: 'degraded', reason: { key: 'reasonUnexpected', values: ['200'] } };
    case 'openid':
      if (jsonField(body, 'issuer') === healthy.issuer) return healthyAnswer;
      if (html || !looksLikeJson(contentType, body)) return notTesla;
      return { state: 'degraded', reason: { key: 'reasonUnexpected', values: ['200'] } };
    case 'unauthorized':
      // An anonymous 200 from an API that demands a token: a page is someone else's; JSON is the API
      // answering, but not as the catalogue expects (probe-live flags it).
      if (html || !looksLikeJson(contentType, body)) return notTesla;
      return { state: 'up', reason: { key: 'reasonUnexpected', values: ['200'] } };
  }
}

// biome-ignore lint/complexity/noExcessiveCognitiveComplexity: one ordered decision over an HTTP answer, in the order docs/probes.md gives; its order is what makes it right (mutation-tested at 98.8 %).
function classifyAnswer(probe: Probe, outcome: Extract<ProbeOutcome, { kind: 'response' }>, now: number): Verdict {
  const { status, contentType, bodyStart } = outcome;
  const code = String(status);
  const retryAfterSec = parseRetryAfter(outcome.retryAfter, now);
  const withRetry = (verdict: Verdict): Verdict =>
    retryAfterSec === undefined ? verdict : { ...verdict, retryAfterSec };

  // A redirect is followed where one is expected (the website): an answer from another host is not
  // Tesla's, and neither is a redirect whose target is hidden.
  if (outcome.finalHost && !isTeslaHost(outcome.finalHost)) return notTesla;
  if (outcome.redirectNotFollowed || (status >= 300 && status < 400)) return notTesla;
  if (status >= 200 && status < 300) {
    const verdict = classifyOk(probe.healthy, contentType, bodyStart);
    return verdict.state === 'up' && outcome.finalHost && outcome.finalHost !== new URL(probe.url).host
      ? { ...verdict, reason: { key: 'reasonRedirected' } }
      : verdict;
  }
  if (status === 407) return { state: 'unreachable', reason: { key: 'reasonProxy' }, cause: 'proxy' };
  if (status === 429)
    return withRetry({ state: 'degraded', reason: { key: 'reasonRateLimited' }, cause: 'rate-limit' });
  if (status === 408) return { state: 'degraded', reason: { key: 'reasonHttp', values: [code] } };
  // A CDN bot wall refused this browser: the service itself is there.
  if (status === 403 && isAkamaiWall(outcome.server, bodyStart))
    return { state: 'up', reason: { key: 'reasonCdnBlocked' }, cause: 'cdn-wall' };
  if (status >= 400 && status < 500) {
    if (probe.healthy.kind === 'page') {
      return isTeslaPage(bodyStart) ? { state: 'up', reason: { key: 'reasonApiRefused', values: [code] } } : notTesla;
    }
    if (!isApiError(status, bodyStart)) return notTesla;
    return probe.healthy.kind === 'unauthorized' && status === 401
      ? healthyAnswer
      : { state: 'up', reason: { key: 'reasonApiRefused', values: [code] } };
  }
  if (status >= 500) {
    const maintenance = MAINTENANCE.test(bodyStart);
    const teslas = maintenance || TESLA_RAILS_ERROR.test(bodyStart) || jsonObject(bodyStart) !== undefined;
    const shape: Partial<Verdict> = teslas ? {} : { generic: true };
    if (status === 503 && maintenance)
      return withRetry({ state: 'down', reason: { key: 'reasonMaintenance' }, cause: 'maintenance', ...shape });
    if (status === 504) return withRetry({ state: 'down', reason: { key: 'reasonGatewayTimeout' }, ...shape });
    return withRetry({ state: 'down', reason: { key: 'reasonHttp', values: [code] }, ...shape });
  }
  return { state: 'degraded', reason: { key: 'reasonUnexpected', values: [code] } };
}

function classifyStatus(probe: Probe, outcome: Extract<ProbeOutcome, { kind: 'response' }>, now: number): Verdict {
  return { ...classifyAnswer(probe, outcome, now), status: outcome.status };
}

/** Judges one probe's outcome. Pure: the same outcome always gives the same verdict. */
export function classifyResponse(probe: Probe, outcome: ProbeOutcome, now: number = Date.now()): Classification {
  const latencyMs = Math.max(0, Math.round(outcome.elapsedMs));
  if (outcome.kind === 'error') {
    return outcome.error === 'timeout'
      ? {
          state: 'unreachable',
          reason: { key: 'reasonTimeout', values: [String(Math.round(probe.timeoutMs / 1000))] },
          cause: 'timeout',
          latencyMs,
        }
      : { state: 'unreachable', reason: { key: 'reasonConnectionFailed' }, cause: 'network', latencyMs };
  }
  const verdict = classifyStatus(probe, outcome, now);
  if (verdict.state === 'up' && latencyMs > probe.slowMs) {
    const { healthyShape, cause, status } = verdict;
    return {
      state: 'degraded',
      reason: { key: 'reasonSlow', values: [String(Math.round(latencyMs / 100) / 10)] },
      slow: true,
      ...(healthyShape && { healthyShape }),
      ...(cause && { cause }),
      ...(status !== undefined && { status }),
      latencyMs,
    };
  }
  return { ...verdict, latencyMs };
}
