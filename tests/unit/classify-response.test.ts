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

function answer(status: number, body = '', headers: Partial<{ contentType: string; retryAfter: string; server: string; finalHost: string }> = {}, elapsedMs = 120): ProbeOutcome {
  return {
    kind: 'response',
    status,
    redirected: false,
    finalHost: headers.finalHost ?? '',
    contentType: headers.contentType ?? '',
    retryAfter: headers.retryAfter ?? null,
    server: headers.server ?? '',
    bodyStart: body,
    elapsedMs,
  };
}

const MAINTENANCE_PAGE = '<!DOCTYPE html><html><head><title>503 Service Unavailable</title></head><body><h1>Server Maintenance</h1><p>Tesla is performing maintenance.</p></body></html>';
const PORTAL_PAGE = '<html><head><title>Hotel WiFi</title></head><body><form action="/login">Accept terms</form></body></html>';
const CDN_502 = '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>';
const ACCOUNT_PAGE = '<!DOCTYPE html><html lang="en"><head><title>Tesla Account | Tesla</title></head><body><div id="root"></div></body></html>';
const SIGN_IN_PAGE = '<!DOCTYPE html><html><head><title>Tesla SSO – Sign In</title></head><body><form></form></body></html>';
const PROXY_BLOCK = '<html><head><title>Blocked: www.tesla.com</title></head><body>Access to www.tesla.com is blocked by policy.</body></html>';
const FORBIDDEN_JSON = '{"response":null,"error":"forbidden, see https://developer.tesla.com/docs/fleet-api","error_description":""}';
const OPENID = JSON.stringify({ issuer: 'https://auth.tesla.com/oauth2/v3', authorization_endpoint: 'https://auth.tesla.com/oauth2/v3/authorize' });

describe('classifyResponse over real-world answers', () => {
  it.each([
    ['Owner API 401 JSON (alive, no token)', ownerApi, answer(401, '{"error":"invalid bearer token"}', { contentType: 'application/json' }), 'up', 'reasonAnswered'],
    ['Fleet API /status ok', fleetNa, answer(200, 'ok', { contentType: 'text/plain' }), 'up', 'reasonAnswered'],
    ['Fleet API /status ok with a newline', fleetNa, answer(200, 'ok\n'), 'up', 'reasonAnswered'],
    ['sign-in OpenID configuration', signIn, answer(200, OPENID, { contentType: 'application/json' }), 'up', 'reasonAnswered'],
    ['website page', website, answer(200, ACCOUNT_PAGE, { contentType: 'text/html' }), 'up', 'reasonAnswered'],
    ['website redirected to the sign-in page', website, answer(200, SIGN_IN_PAGE, { contentType: 'text/html', finalHost: 'auth.tesla.com' }), 'up', 'reasonRedirected'],
    ['website redirected to Akamai\'s bot wall on sign-in', website, answer(403, '<HTML><HEAD><TITLE>Access Denied</TITLE></HEAD><BODY>Reference #18.1</BODY></HTML>', { server: 'AkamaiGHost', finalHost: 'auth.tesla.com' }), 'up', 'reasonCdnBlocked'],
    ['website redirected to another host', website, answer(200, ACCOUNT_PAGE, { contentType: 'text/html', finalHost: 'login.hotel-wifi.example' }), 'unreachable', 'reasonNotTesla'],
    ['website redirect whose target is hidden', website, { ...answer(0), redirected: true }, 'unreachable', 'reasonNotTesla'],
    ['website page of a proxy that names www.tesla.com', website, answer(200, PROXY_BLOCK, { contentType: 'text/html' }), 'unreachable', 'reasonNotTesla'],
    ['website 403 page of a proxy', website, answer(403, PROXY_BLOCK, { contentType: 'text/html' }), 'unreachable', 'reasonNotTesla'],
    ['policy block 403 on the Owner API (June 2026)', ownerApi, answer(403, FORBIDDEN_JSON, { contentType: 'application/json' }), 'up', 'reasonApiRefused'],
    ['412 only on the Fleet API', ownerApi, answer(412, '{"response":null,"error":"Endpoint is only available on fleetapi. Visit https://developer.tesla.com/docs for more info","error_description":""}'), 'up', 'reasonApiRefused'],
    ['Fleet API empty 401', probe('fleet-api-cn'), answer(401, ''), 'up', 'reasonAnswered'],
    ['a proxy\'s HTML 403 on an API', ownerApi, answer(403, PROXY_BLOCK, { contentType: 'text/html' }), 'unreachable', 'reasonNotTesla'],
    ['a proxy\'s HTML 401 on an API', ownerApi, answer(401, '<html><body>401 Authorization Required</body></html>', { contentType: 'text/html' }), 'unreachable', 'reasonNotTesla'],
    ['an empty 403 on an API', ownerApi, answer(403, ''), 'unreachable', 'reasonNotTesla'],
    ['a 403 from an Akamai server that is not its bot wall', ownerApi, answer(403, PROXY_BLOCK, { server: 'AkamaiGHost' }), 'unreachable', 'reasonNotTesla'],
    ['Akamai bot wall on sign-in', signIn, answer(403, '<HTML><HEAD><TITLE>Access Denied</TITLE></HEAD><BODY>Reference #18.1</BODY></HTML>', { server: 'AkamaiGHost', contentType: 'text/html' }), 'up', 'reasonCdnBlocked'],
    ['503 maintenance page', ownerApi, answer(503, MAINTENANCE_PAGE, { contentType: 'text/html' }), 'down', 'reasonMaintenance'],
    ['503 without a page', ownerApi, answer(503, ''), 'down', 'reasonHttp'],
    ['502 from a CDN', ownerApi, answer(502, CDN_502, { contentType: 'text/html' }), 'down', 'reasonHttp'],
    ['504 upstream timeout', fleetNa, answer(504, '{"error":"upstream_timeout"}', { contentType: 'application/json' }), 'down', 'reasonGatewayTimeout'],
    ['500', ownerApi, answer(500), 'down', 'reasonHttp'],
    ['429 rate limit', ownerApi, answer(429, '', { retryAfter: '120' }), 'degraded', 'reasonRateLimited'],
    ['408 cloud timeout', ownerApi, answer(408, '{"error":"{\\"error\\": \\"timeout\\"}"}'), 'degraded', 'reasonHttp'],
    ['captive portal 200 HTML where 401 was expected', ownerApi, answer(200, PORTAL_PAGE, { contentType: 'text/html' }), 'unreachable', 'reasonNotTesla'],
    ['captive portal 200 HTML where ok was expected', fleetNa, answer(200, PORTAL_PAGE, { contentType: 'text/html' }), 'unreachable', 'reasonNotTesla'],
    ['captive portal where the Tesla website was expected', website, answer(200, PORTAL_PAGE, { contentType: 'text/html' }), 'unreachable', 'reasonNotTesla'],
    ['captive portal where OpenID JSON was expected', signIn, answer(200, PORTAL_PAGE), 'unreachable', 'reasonNotTesla'],
    ['a redirect where an API was expected', ownerApi, { ...answer(0), redirected: true }, 'unreachable', 'reasonNotTesla'],
    ['proxy authentication', ownerApi, answer(407), 'unreachable', 'reasonProxy'],
    ['an anonymous 200 JSON where a 401 was expected: the API, but not as expected', ownerApi, answer(200, '{"response":[]}', { contentType: 'application/json' }), 'up', 'reasonUnexpected'],
    ['empty 200 body where ok was expected', fleetNa, answer(200, ''), 'degraded', 'reasonUnexpected'],
    ['OpenID JSON with another issuer', signIn, answer(200, '{"issuer":"https://evil.example"}', { contentType: 'application/json' }), 'degraded', 'reasonUnexpected'],
    ['timeout', ownerApi, { kind: 'error', error: 'timeout', elapsedMs: 8000 } as ProbeOutcome, 'unreachable', 'reasonTimeout'],
    ['reset or DNS failure', ownerApi, { kind: 'error', error: 'network', elapsedMs: 12 } as ProbeOutcome, 'unreachable', 'reasonConnectionFailed'],
  ])('%s', (_name, p, outcome, state, key) => {
    const result = classifyResponse(p, outcome, NOW);
    expect(result.state).toBe(state);
    expect(result.reason.key).toBe(key);
    expect(result.latencyMs).toBe(Math.round(outcome.elapsedMs));
  });

  it('marks only the answers the catalogue expects as its healthy shape', () => {
    expect(classifyResponse(ownerApi, answer(401, '{"error":"invalid bearer token"}'), NOW).healthyShape).toBe(true);
    expect(classifyResponse(ownerApi, answer(200, '{"response":[]}', { contentType: 'application/json' }), NOW).healthyShape).toBeUndefined();
    expect(classifyResponse(ownerApi, answer(403, FORBIDDEN_JSON), NOW).healthyShape).toBeUndefined();
  });

  it('says how long a timeout waited', () => {
    const result = classifyResponse(ownerApi, { kind: 'error', error: 'timeout', elapsedMs: 8001 }, NOW);
    expect(result.reason).toEqual({ key: 'reasonTimeout', values: ['8'] });
  });

  it('names the HTTP code of a plain server error', () => {
    expect(classifyResponse(ownerApi, answer(502, CDN_502), NOW).reason).toEqual({ key: 'reasonHttp', values: ['502'] });
  });

  it('keeps Retry-After on a 503 maintenance answer and on a 429', () => {
    expect(classifyResponse(ownerApi, answer(503, MAINTENANCE_PAGE, { retryAfter: '600' }), NOW).retryAfterSec).toBe(600);
    expect(classifyResponse(ownerApi, answer(429, '', { retryAfter: '120' }), NOW).retryAfterSec).toBe(120);
    expect(classifyResponse(ownerApi, answer(503, MAINTENANCE_PAGE), NOW).retryAfterSec).toBeUndefined();
  });

  it('calls a healthy answer slower than the threshold degraded, with the time', () => {
    const result = classifyResponse(ownerApi, answer(401, '{}', {}, ownerApi.slowMs + 1500), NOW);
    expect(result.state).toBe('degraded');
    expect(result.reason).toEqual({ key: 'reasonSlow', values: ['5.5'] });
  });

  it('judges only the first KB it was given of a multi-megabyte body', () => {
    const huge = MAINTENANCE_PAGE + 'x'.repeat(3 * 1024 * 1024);
    expect(classifyResponse(ownerApi, answer(503, huge.slice(0, 4096)), NOW).reason.key).toBe('reasonMaintenance');
    const hugeTeslaPage = ACCOUNT_PAGE + 'x'.repeat(3 * 1024 * 1024);
    expect(classifyResponse(website, answer(200, hugeTeslaPage.slice(0, 4096), { contentType: 'text/html' }), NOW).state).toBe('up');
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
