import { describe, expect, it } from 'vitest';
import { classifyResponse, parseRetryAfter, type ProbeOutcome } from '../../utils/engine/classify-response';
import { PROBES, type Probe } from '../../utils/engine/probes';

const probe = (id: string): Probe => {
  const found = PROBES.find((p) => p.id === id);
  if (!found) throw new Error(`no probe ${id}`);
  return found;
};
const ownerApi = probe('owner-api');
const fleetNa = probe('fleet-api-na');
const signIn = probe('sign-in');
const website = probe('website');

const NOW = Date.parse('2023-02-14T10:34:00Z');

function answer(
  status: number,
  body = '',
  headers: Partial<{ contentType: string; retryAfter: string; server: string; finalHost: string }> = {},
  elapsedMs = 120,
): ProbeOutcome {
  return {
    kind: 'response',
    status,
    redirectNotFollowed: false,
    finalHost: headers.finalHost ?? '',
    contentType: headers.contentType ?? '',
    retryAfter: headers.retryAfter ?? null,
    server: headers.server ?? '',
    bodyStart: body,
    elapsedMs,
  };
}

const MAINTENANCE_PAGE =
  '<!DOCTYPE html><html><head><title>503 Service Unavailable</title></head><body><h1>Server Maintenance</h1><p>Tesla is performing maintenance.</p></body></html>';
const PORTAL_PAGE =
  '<html><head><title>Hotel WiFi</title></head><body><form action="/login">Accept terms</form></body></html>';
const CDN_502 =
  '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>';
const ACCOUNT_PAGE =
  '<!DOCTYPE html><html lang="en"><head><title>Tesla Account | Tesla</title></head><body><div id="root"></div></body></html>';
const SIGN_IN_PAGE =
  '<!DOCTYPE html><html><head><title>Tesla SSO – Sign In</title></head><body><form></form></body></html>';
const PROXY_BLOCK =
  '<html><head><title>Blocked: www.tesla.com</title></head><body>Access to www.tesla.com is blocked by policy.</body></html>';
const FORBIDDEN_JSON =
  '{"response":null,"error":"forbidden, see https://developer.tesla.com/docs/fleet-api","error_description":""}';
const OPENID = JSON.stringify({
  issuer: 'https://auth.tesla.com/oauth2/v3',
  authorization_endpoint: 'https://auth.tesla.com/oauth2/v3/authorize',
});

describe('classifyResponse over real-world answers', () => {
  it.each([
    [
      'Owner API 401 JSON (alive, no token)',
      ownerApi,
      answer(401, '{"error":"invalid bearer token"}', { contentType: 'application/json' }),
      'up',
      'reasonAnswered',
    ],
    ['Fleet API /status ok', fleetNa, answer(200, 'ok', { contentType: 'text/plain' }), 'up', 'reasonAnswered'],
    ['Fleet API /status ok with a newline', fleetNa, answer(200, 'ok\n'), 'up', 'reasonAnswered'],
    [
      'sign-in OpenID configuration',
      signIn,
      answer(200, OPENID, { contentType: 'application/json' }),
      'up',
      'reasonAnswered',
    ],
    ['website page', website, answer(200, ACCOUNT_PAGE, { contentType: 'text/html' }), 'up', 'reasonAnswered'],
    [
      'website redirected to the sign-in page',
      website,
      answer(200, SIGN_IN_PAGE, { contentType: 'text/html', finalHost: 'auth.tesla.com' }),
      'up',
      'reasonRedirected',
    ],
    [
      "website redirected to Akamai's bot wall on sign-in",
      website,
      answer(403, '<HTML><HEAD><TITLE>Access Denied</TITLE></HEAD><BODY>Reference #18.1</BODY></HTML>', {
        server: 'AkamaiGHost',
        finalHost: 'auth.tesla.com',
      }),
      'up',
      'reasonCdnBlocked',
    ],
    [
      'website redirected to another host',
      website,
      answer(200, ACCOUNT_PAGE, { contentType: 'text/html', finalHost: 'login.hotel-wifi.example' }),
      'unreachable',
      'reasonNotTesla',
    ],
    [
      'website redirect whose target is hidden',
      website,
      { ...answer(0), redirectNotFollowed: true },
      'unreachable',
      'reasonNotTesla',
    ],
    [
      'website page of a proxy that names www.tesla.com',
      website,
      answer(200, PROXY_BLOCK, { contentType: 'text/html' }),
      'unreachable',
      'reasonNotTesla',
    ],
    [
      'website 403 page of a proxy',
      website,
      answer(403, PROXY_BLOCK, { contentType: 'text/html' }),
      'unreachable',
      'reasonNotTesla',
    ],
    [
      'policy block 403 on the Owner API (June 2026)',
      ownerApi,
      answer(403, FORBIDDEN_JSON, { contentType: 'application/json' }),
      'up',
      'reasonApiRefused',
    ],
    [
      '412 only on the Fleet API',
      ownerApi,
      answer(
        412,
        '{"response":null,"error":"Endpoint is only available on fleetapi. Visit https://developer.tesla.com/docs for more info","error_description":""}',
      ),
      'up',
      'reasonApiRefused',
    ],
    ['Fleet API empty 401', probe('fleet-api-cn'), answer(401, ''), 'up', 'reasonAnswered'],
    [
      "a proxy's HTML 403 on an API",
      ownerApi,
      answer(403, PROXY_BLOCK, { contentType: 'text/html' }),
      'unreachable',
      'reasonNotTesla',
    ],
    [
      "a proxy's HTML 401 on an API",
      ownerApi,
      answer(401, '<html><body>401 Authorization Required</body></html>', { contentType: 'text/html' }),
      'unreachable',
      'reasonNotTesla',
    ],
    ['an empty 403 on an API', ownerApi, answer(403, ''), 'unreachable', 'reasonNotTesla'],
    [
      'a 403 from an Akamai server that is not its bot wall',
      ownerApi,
      answer(403, PROXY_BLOCK, { server: 'AkamaiGHost' }),
      'unreachable',
      'reasonNotTesla',
    ],
    [
      'Akamai bot wall on sign-in',
      signIn,
      answer(403, '<HTML><HEAD><TITLE>Access Denied</TITLE></HEAD><BODY>Reference #18.1</BODY></HTML>', {
        server: 'AkamaiGHost',
        contentType: 'text/html',
      }),
      'up',
      'reasonCdnBlocked',
    ],
    [
      '503 maintenance page',
      ownerApi,
      answer(503, MAINTENANCE_PAGE, { contentType: 'text/html' }),
      'down',
      'reasonMaintenance',
    ],
    ['503 without a page', ownerApi, answer(503, ''), 'down', 'reasonHttp'],
    ['502 from a CDN', ownerApi, answer(502, CDN_502, { contentType: 'text/html' }), 'down', 'reasonHttp'],
    [
      '504 upstream timeout',
      fleetNa,
      answer(504, '{"error":"upstream_timeout"}', { contentType: 'application/json' }),
      'down',
      'reasonGatewayTimeout',
    ],
    ['500', ownerApi, answer(500), 'down', 'reasonHttp'],
    ['429 rate limit', ownerApi, answer(429, '', { retryAfter: '120' }), 'degraded', 'reasonRateLimited'],
    ['408 cloud timeout', ownerApi, answer(408, '{"error":"{\\"error\\": \\"timeout\\"}"}'), 'degraded', 'reasonHttp'],
    [
      'captive portal 200 HTML where 401 was expected',
      ownerApi,
      answer(200, PORTAL_PAGE, { contentType: 'text/html' }),
      'unreachable',
      'reasonNotTesla',
    ],
    [
      'captive portal 200 HTML where ok was expected',
      fleetNa,
      answer(200, PORTAL_PAGE, { contentType: 'text/html' }),
      'unreachable',
      'reasonNotTesla',
    ],
    [
      'captive portal where the Tesla website was expected',
      website,
      answer(200, PORTAL_PAGE, { contentType: 'text/html' }),
      'unreachable',
      'reasonNotTesla',
    ],
    [
      'captive portal where OpenID JSON was expected',
      signIn,
      answer(200, PORTAL_PAGE),
      'unreachable',
      'reasonNotTesla',
    ],
    [
      'a redirect where an API was expected',
      ownerApi,
      { ...answer(0), redirectNotFollowed: true },
      'unreachable',
      'reasonNotTesla',
    ],
    ['proxy authentication', ownerApi, answer(407), 'unreachable', 'reasonProxy'],
    [
      'an anonymous 200 JSON where a 401 was expected: the API, but not as expected',
      ownerApi,
      answer(200, '{"response":[]}', { contentType: 'application/json' }),
      'up',
      'reasonUnexpected',
    ],
    ['empty 200 body where ok was expected', fleetNa, answer(200, ''), 'degraded', 'reasonUnexpected'],
    [
      'OpenID JSON with another issuer',
      signIn,
      answer(200, '{"issuer":"https://evil.example"}', { contentType: 'application/json' }),
      'degraded',
      'reasonUnexpected',
    ],
    [
      'timeout',
      ownerApi,
      { kind: 'error', error: 'timeout', elapsedMs: 8000 } as ProbeOutcome,
      'unreachable',
      'reasonTimeout',
    ],
    [
      'reset or DNS failure',
      ownerApi,
      { kind: 'error', error: 'network', elapsedMs: 12 } as ProbeOutcome,
      'unreachable',
      'reasonConnectionFailed',
    ],
  ])('%s', (_name, p, outcome, state, key) => {
    const result = classifyResponse(p, outcome, NOW);
    expect(result.state).toBe(state);
    expect(result.reason.key).toBe(key);
    expect(result.latencyMs).toBe(Math.round(outcome.elapsedMs));
  });

  it('marks only the answers the catalogue expects as its healthy shape', () => {
    expect(classifyResponse(ownerApi, answer(401, '{"error":"invalid bearer token"}'), NOW).healthyShape).toBe(true);
    expect(
      classifyResponse(ownerApi, answer(200, '{"response":[]}', { contentType: 'application/json' }), NOW).healthyShape,
    ).toBeUndefined();
    expect(classifyResponse(ownerApi, answer(403, FORBIDDEN_JSON), NOW).healthyShape).toBeUndefined();
  });

  it('says how long a timeout waited', () => {
    const result = classifyResponse(ownerApi, { kind: 'error', error: 'timeout', elapsedMs: 8001 }, NOW);
    expect(result.reason).toEqual({ key: 'reasonTimeout', values: ['8'] });
  });

  it('names the HTTP code of a plain server error', () => {
    expect(classifyResponse(ownerApi, answer(502, CDN_502), NOW).reason).toEqual({
      key: 'reasonHttp',
      values: ['502'],
    });
  });

  it('keeps Retry-After on a 503 maintenance answer and on a 429', () => {
    expect(classifyResponse(ownerApi, answer(503, MAINTENANCE_PAGE, { retryAfter: '600' }), NOW).retryAfterSec).toBe(
      600,
    );
    expect(classifyResponse(ownerApi, answer(429, '', { retryAfter: '120' }), NOW).retryAfterSec).toBe(120);
    expect(classifyResponse(ownerApi, answer(503, MAINTENANCE_PAGE), NOW).retryAfterSec).toBeUndefined();
  });

  it('calls a healthy answer slower than the threshold degraded, with the time', () => {
    const result = classifyResponse(ownerApi, answer(401, '{}', {}, ownerApi.slowMs + 1500), NOW);
    expect(result.state).toBe('degraded');
    expect(result.reason).toEqual({ key: 'reasonSlow', values: ['5.5'] });
  });

  it('records maintenance as a fact, apart from the words shown', () => {
    expect(classifyResponse(ownerApi, answer(503, MAINTENANCE_PAGE, { contentType: 'text/html' }), NOW).cause).toBe(
      'maintenance',
    );
    expect(classifyResponse(ownerApi, answer(503, ''), NOW).cause).toBeUndefined();
  });

  it('judges only the first KB it was given of a multi-megabyte body', () => {
    const huge = MAINTENANCE_PAGE + 'x'.repeat(3 * 1024 * 1024);
    expect(classifyResponse(ownerApi, answer(503, huge.slice(0, 4096)), NOW).reason.key).toBe('reasonMaintenance');
    const hugeTeslaPage = ACCOUNT_PAGE + 'x'.repeat(3 * 1024 * 1024);
    expect(
      classifyResponse(website, answer(200, hugeTeslaPage.slice(0, 4096), { contentType: 'text/html' }), NOW).state,
    ).toBe('up');
  });

  it('never reports a negative latency', () => {
    expect(classifyResponse(ownerApi, answer(401, '{}', {}, -5), NOW).latencyMs).toBe(0);
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates, and ignores junk', () => {
    expect(parseRetryAfter('120', NOW)).toBe(120);
    expect(parseRetryAfter(new Date(NOW + 90_000).toUTCString(), NOW)).toBe(90);
    expect(parseRetryAfter(new Date(NOW - 90_000).toUTCString(), NOW)).toBe(0);
    expect(parseRetryAfter('soon', NOW)).toBeUndefined();
    expect(parseRetryAfter(null, NOW)).toBeUndefined();
  });

  it('clamps a huge value to 15 minutes while parsing, never Infinity', () => {
    expect(parseRetryAfter('9'.repeat(400), NOW)).toBe(900);
    expect(parseRetryAfter('86400', NOW)).toBe(900);
    expect(parseRetryAfter(new Date(NOW + 86_400_000).toUTCString(), NOW)).toBe(900);
  });
});

describe('classifyResponse at its edges', () => {
  const fleetCn = probe('fleet-api-cn');
  const judge = (p: Probe, outcome: ProbeOutcome) => classifyResponse(p, outcome, NOW);

  it('gives the whole verdict: state, reason with its values, cause, status and latency, nothing more', () => {
    expect(judge(ownerApi, answer(407))).toStrictEqual({
      state: 'unreachable',
      reason: { key: 'reasonProxy' },
      cause: 'proxy',
      status: 407,
      latencyMs: 120,
    });
    expect(judge(ownerApi, answer(429, ''))).toStrictEqual({
      state: 'degraded',
      reason: { key: 'reasonRateLimited' },
      cause: 'rate-limit',
      status: 429,
      latencyMs: 120,
    });
    expect(judge(ownerApi, answer(408, '{}'))).toStrictEqual({
      state: 'degraded',
      reason: { key: 'reasonHttp', values: ['408'] },
      status: 408,
      latencyMs: 120,
    });
    expect(
      judge(signIn, answer(403, 'Access Denied. Reference&#32;&#35;18&#46;1', { server: 'AkamaiGHost' })),
    ).toStrictEqual({
      state: 'up',
      reason: { key: 'reasonCdnBlocked' },
      cause: 'cdn-wall',
      status: 403,
      latencyMs: 120,
    });
    expect(judge(ownerApi, answer(403, FORBIDDEN_JSON))).toStrictEqual({
      state: 'up',
      reason: { key: 'reasonApiRefused', values: ['403'] },
      status: 403,
      latencyMs: 120,
    });
    expect(judge(ownerApi, { kind: 'error', error: 'timeout', elapsedMs: 8000 })).toStrictEqual({
      state: 'unreachable',
      reason: { key: 'reasonTimeout', values: ['8'] },
      cause: 'timeout',
      latencyMs: 8000,
    });
    expect(judge(ownerApi, { kind: 'error', error: 'network', elapsedMs: 12 })).toStrictEqual({
      state: 'unreachable',
      reason: { key: 'reasonConnectionFailed' },
      cause: 'network',
      latencyMs: 12,
    });
  });

  it('names the status of an answer that was not the expected one', () => {
    expect(judge(fleetNa, answer(200, 'not ok')).reason).toEqual({ key: 'reasonUnexpected', values: ['200'] });
    expect(judge(signIn, answer(200, '{"issuer":"https://evil.example"}')).reason).toEqual({
      key: 'reasonUnexpected',
      values: ['200'],
    });
    expect(judge(ownerApi, answer(200, '{"response":[]}')).reason).toEqual({
      key: 'reasonUnexpected',
      values: ['200'],
    });
  });

  it('adds no Retry-After it was not given', () => {
    expect(Object.keys(judge(ownerApi, answer(503, MAINTENANCE_PAGE)))).not.toContain('retryAfterSec');
    expect(Object.keys(judge(ownerApi, answer(429, '')))).not.toContain('retryAfterSec');
  });

  it('takes an answer outside 2xx to 5xx (no status, 1xx) for neither Tesla working nor down', () => {
    expect(judge(ownerApi, answer(0))).toStrictEqual({
      state: 'degraded',
      reason: { key: 'reasonUnexpected', values: ['0'] },
      status: 0,
      latencyMs: 120,
    });
    expect(judge(fleetNa, answer(199, 'ok')).reason).toEqual({ key: 'reasonUnexpected', values: ['199'] });
  });

  it("reads every 3xx as someone else's, and 400 as the API refusing", () => {
    expect(judge(ownerApi, answer(300, '{}')).reason.key).toBe('reasonNotTesla');
    expect(judge(ownerApi, answer(399, '{}')).reason.key).toBe('reasonNotTesla');
    expect(judge(ownerApi, answer(400, '{"error":"bad request"}')).reason).toEqual({
      key: 'reasonApiRefused',
      values: ['400'],
    });
  });

  it("reads a 4xx of Tesla's website as the site answering, and a JSON 401 where /status lives as a refusal", () => {
    expect(
      judge(
        website,
        answer(404, '<html><head><title>Page not found | Tesla</title></head></html>', { contentType: 'text/html' }),
      ),
    ).toStrictEqual({
      state: 'up',
      reason: { key: 'reasonApiRefused', values: ['404'] },
      status: 404,
      latencyMs: 120,
    });
    expect(judge(fleetNa, answer(401, '{"error":"unauthorized"}'))).toStrictEqual({
      state: 'up',
      reason: { key: 'reasonApiRefused', values: ['401'] },
      status: 401,
      latencyMs: 120,
    });
  });

  it("reads Akamai's wall on a 403 only, with or without spaces before the reference", () => {
    expect(judge(signIn, answer(403, '<BODY>Reference#18.1</BODY>', { server: 'AkamaiGHost' })).cause).toBe('cdn-wall');
    expect(judge(signIn, answer(403, '<BODY>Reference \n #18.1</BODY>', { server: 'AkamaiGHost' })).cause).toBe(
      'cdn-wall',
    );
    expect(
      judge(signIn, answer(404, '<BODY>Access Denied. Reference #18.1</BODY>', { server: 'AkamaiGHost' })).reason.key,
    ).toBe('reasonNotTesla');
  });

  it('reads only a 503 naming maintenance as maintenance', () => {
    expect(judge(ownerApi, answer(502, MAINTENANCE_PAGE)).reason).toEqual({ key: 'reasonHttp', values: ['502'] });
    expect(judge(ownerApi, answer(500, MAINTENANCE_PAGE)).reason).toEqual({ key: 'reasonHttp', values: ['500'] });
  });

  it("takes only JSON objects for Tesla's API errors", () => {
    for (const body of ['null', '[]', '[{"error":"x"}]', '"forbidden"', '42']) {
      expect(judge(ownerApi, answer(403, body, { contentType: 'application/json' })).reason.key, body).toBe(
        'reasonNotTesla',
      );
    }
    expect(judge(fleetCn, answer(401, ' \n ')).reason.key).toBe('reasonAnswered');
  });

  it('tells a page from text by its type or by its first tag, wherever the whitespace', () => {
    expect(judge(fleetNa, answer(200, 'OK!', { contentType: 'text/html' })).reason.key).toBe('reasonNotTesla');
    expect(judge(fleetNa, answer(200, '<!DOCTYPE html><p>Sign in</p>')).reason.key).toBe('reasonNotTesla');
    expect(judge(fleetNa, answer(200, '\n  <html><p>Sign in</p>')).reason.key).toBe('reasonNotTesla');
    expect(judge(fleetNa, answer(200, 'x <html> is not a page')).reason.key).toBe('reasonUnexpected');
  });

  it('tells JSON from anything else by its type or by its first bracket, wherever the whitespace', () => {
    expect(judge(signIn, answer(200, 'hello')).reason.key).toBe('reasonNotTesla');
    expect(judge(ownerApi, answer(200, 'hello')).reason.key).toBe('reasonNotTesla');
    expect(judge(signIn, answer(200, 'callback({"issuer":"x"})')).reason.key).toBe('reasonNotTesla');
    expect(judge(signIn, answer(200, 'null', { contentType: 'application/json' })).reason.key).toBe('reasonUnexpected');
    expect(judge(signIn, answer(200, '\n  {"issuer":"https://evil.example"}')).reason.key).toBe('reasonUnexpected');
    expect(judge(signIn, answer(200, '\n  [1]')).reason.key).toBe('reasonUnexpected');
  });

  it('finds Tesla in a page title with attributes, wherever in the title', () => {
    expect(judge(website, answer(200, '<html><head><title lang="en">Tesla</title></head></html>')).state).toBe('up');
    expect(judge(website, answer(200, '<html><head><title>Sign in | Tesla</title></head></html>')).state).toBe('up');
  });

  it("knows Tesla's hosts, with a port or bare, and nobody else's", () => {
    const page = (finalHost: string) =>
      judge(website, answer(200, ACCOUNT_PAGE, { contentType: 'text/html', finalHost })).reason.key;
    expect(page('www.tesla.com')).toBe('reasonAnswered');
    expect(page('tesla.com')).toBe('reasonRedirected');
    expect(page('www.tesla.com:8443')).toBe('reasonRedirected');
    expect(page('auth.tesla.cn')).toBe('reasonRedirected');
    expect(page('tesla.com.evil.example')).toBe('reasonNotTesla');
    expect(page('notesla.com')).toBe('reasonNotTesla');
    expect(page('www.tesla.com:')).toBe('reasonNotTesla');
    expect(page('www.tesla.com:80x')).toBe('reasonNotTesla');
  });

  it("says a redirect to a page that is not Tesla's is not Tesla, wherever it landed", () => {
    expect(
      judge(website, answer(200, PORTAL_PAGE, { contentType: 'text/html', finalHost: 'auth.tesla.com' })).reason.key,
    ).toBe('reasonNotTesla');
  });

  it('calls only a working answer slow, from one millisecond over the threshold, and keeps its facts', () => {
    expect(judge(ownerApi, answer(401, '{}', {}, ownerApi.slowMs)).state).toBe('up');
    expect(judge(ownerApi, answer(429, '', {}, ownerApi.slowMs + 1000)).reason.key).toBe('reasonRateLimited');
    expect(judge(ownerApi, answer(401, '{}', {}, ownerApi.slowMs + 1000))).toStrictEqual({
      state: 'degraded',
      reason: { key: 'reasonSlow', values: [String(Math.round((ownerApi.slowMs + 1000) / 100) / 10)] },
      slow: true,
      healthyShape: true,
      status: 401,
      latencyMs: ownerApi.slowMs + 1000,
    });
    expect(
      judge(signIn, answer(403, 'Reference #18.1', { server: 'AkamaiGHost' }, signIn.slowMs + 1000)),
    ).toStrictEqual({
      state: 'degraded',
      reason: { key: 'reasonSlow', values: [String(Math.round((signIn.slowMs + 1000) / 100) / 10)] },
      slow: true,
      cause: 'cdn-wall',
      status: 403,
      latencyMs: signIn.slowMs + 1000,
    });
  });
});

describe('parseRetryAfter at its edges', () => {
  it('reads seconds padded with spaces, and dates that begin or end with digits', () => {
    expect(parseRetryAfter(' 120 ', NOW)).toBe(120);
    expect(parseRetryAfter('14 Feb 2023 10:35:00 GMT', NOW)).toBe(60);
    expect(parseRetryAfter('Tue, 14 Feb 2023 10:35:00', NOW)).toBe(60);
  });
});
