import { readdirSync, readFileSync } from 'node:fs';
import { resolve, sep } from 'node:path';

/**
 * Answers Tesla really gave (tests/fixtures/tesla-answers/, each with its public source), and the
 * one fake Tesla built from them: the unit tests' fake fetch and the end-to-end tests' local HTTPS
 * server both answer from here.
 */
export interface TeslaAnswer {
  title: string;
  request: string;
  /** The probe (utils/engine/probes.ts) whose URL this answer is for. */
  probe: string;
  status: number;
  headers: Record<string, string>;
  body: string;
  /** Where it was seen: repository and issue, or document, and the date. */
  source: string;
  /** What was reconstructed and why; null for an answer quoted whole. */
  reconstruction: string | null;
  /** What the classifier must make of it. */
  expect: { state: string; reason: string };
}

// From the project root, where every test, bench and script runs (a DOM test environment's
// `import.meta.url` is not a file URL).
const FOLDER = resolve(process.cwd(), 'tests/fixtures/tesla-answers') + sep;

export const TESLA_ANSWERS: Record<string, TeslaAnswer> = Object.fromEntries(
  readdirSync(FOLDER)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => [name.replace(/\.json$/, ''), JSON.parse(readFileSync(FOLDER + name, 'utf8')) as TeslaAnswer]),
);

export interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

function fixture(name: string): Answer {
  const answer = TESLA_ANSWERS[name];
  if (!answer) throw new Error(`no fixture ${name} in tests/fixtures/tesla-answers`);
  return { status: answer.status, headers: { ...answer.headers }, body: answer.body };
}

/**
 * Where the account page sends an anonymous visitor. Not a captured page (Tesla's is large and
 * changes): the parts the probe reads, on the host it reads them from.
 */
export const SIGN_IN_PAGE =
  '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Tesla SSO – Sign In</title></head><body><form method="post"><input name="identity"></form></body></html>';

/** What each of Tesla's hosts answers an anonymous client when all is well. */
export function healthyAnswer(host: string, path: string): Answer {
  if (path === '/status') return fixture('fleet-api-status-ok');
  if (path.endsWith('/.well-known/openid-configuration')) {
    const answer = fixture('sign-in-openid-configuration');
    return { ...answer, body: answer.body.replaceAll('https://auth.tesla.com', `https://${host}`) };
  }
  if (path.startsWith('/api/'))
    return host.startsWith('fleet-api') ? fixture('fleet-api-401-empty') : fixture('owner-api-401');
  if (host === 'auth.tesla.com' && path === '/oauth2/v3/authorize') {
    return { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body: SIGN_IN_PAGE };
  }
  if (host === 'www.tesla.com' && /teslaaccount/.test(path)) {
    return {
      status: 302,
      headers: { 'content-type': 'text/html', location: 'https://auth.tesla.com/oauth2/v3/authorize' },
      body: '',
    };
  }
  return { status: 404, headers: { 'content-type': 'text/html' }, body: '<html><body>Not here</body></html>' };
}

/** Tesla in trouble, as it was seen: each kind of trouble is one of the fixtures. */
export const TROUBLE = {
  maintenance: 'owner-api-503-maintenance',
  'bad-gateway': 'owner-api-502-html',
  'gateway-timeout': 'owner-api-504-upstream-timeout',
  'server-error': 'owner-api-500-upstream-internal-error',
  'cloud-timeout': 'owner-api-408-timeout',
  'rate-limited': 'owner-api-429-retry-after',
  'fleet-only': 'owner-api-403-forbidden-fleet',
  'cdn-wall': 'sign-in-403-akamai',
} as const;

export type Trouble = keyof typeof TROUBLE;

export function troubleAnswer(trouble: Trouble): Answer {
  return fixture(TROUBLE[trouble]);
}
