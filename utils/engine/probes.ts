import { SECOND } from './time';

/**
 * The probe catalogue: every request the extension ever makes. Adding a probe is one entry here
 * (and one line in docs/probes.md); the manifest's host permissions are derived from this list.
 * No probe carries credentials: a live API answers an anonymous request with 401, and that is the signal.
 */

export type UserRegion = 'na' | 'eu' | 'cn';
export type ProbeRegion = UserRegion | 'global';
export type ServiceId = 'owner-api' | 'fleet-api' | 'sign-in' | 'website';

/** What Tesla answers an anonymous client when the service is healthy. */
export type HealthyAnswer =
  /** 401, the gateway and its auth layer answered. */
  | { kind: 'unauthorized' }
  /** 200 with exactly this plain-text body (Fleet API `/status` → `ok`). */
  | { kind: 'text'; body: string }
  /** 200 JSON whose `issuer` is this value (OpenID configuration). */
  | { kind: 'openid'; issuer: string }
  /**
   * A web page of Tesla's, after following redirects (the account page sends an anonymous visitor to
   * sign-in): the final host is Tesla's and the page's title names Tesla.
   */
  | { kind: 'page' };

export interface Probe {
  id: string;
  service: ServiceId;
  region: ProbeRegion;
  url: string;
  /** Well under the 30 s after which a Manifest V3 worker is stopped mid-fetch. */
  timeoutMs: number;
  /** An answer slower than this is "degraded". */
  slowMs: number;
  healthy: HealthyAnswer;
}

export const USER_REGIONS: readonly UserRegion[] = ['na', 'eu', 'cn'];

/** Tesla runs China on separate hosts: a `global` host serves every region but China. */
const REGIONS_SERVED: Record<ProbeRegion, readonly UserRegion[]> = {
  na: ['na'],
  eu: ['eu'],
  cn: ['cn'],
  global: ['na', 'eu'],
};

const API_TIMEOUT_MS = 8 * SECOND;
const API_SLOW_MS = 4 * SECOND;

export const PROBES: readonly Probe[] = [
  {
    id: 'owner-api',
    service: 'owner-api',
    region: 'global',
    url: 'https://owner-api.teslamotors.com/api/1/products',
    timeoutMs: API_TIMEOUT_MS,
    slowMs: API_SLOW_MS,
    healthy: { kind: 'unauthorized' },
  },
  {
    id: 'owner-api-cn',
    service: 'owner-api',
    region: 'cn',
    url: 'https://owner-api.vn.cloud.tesla.cn/api/1/products',
    timeoutMs: API_TIMEOUT_MS,
    slowMs: API_SLOW_MS,
    healthy: { kind: 'unauthorized' },
  },
  {
    id: 'fleet-api-na',
    service: 'fleet-api',
    region: 'na',
    url: 'https://fleet-api.prd.na.vn.cloud.tesla.com/status',
    timeoutMs: API_TIMEOUT_MS,
    slowMs: API_SLOW_MS,
    healthy: { kind: 'text', body: 'ok' },
  },
  {
    id: 'fleet-api-eu',
    service: 'fleet-api',
    region: 'eu',
    url: 'https://fleet-api.prd.eu.vn.cloud.tesla.com/status',
    timeoutMs: API_TIMEOUT_MS,
    slowMs: API_SLOW_MS,
    healthy: { kind: 'text', body: 'ok' },
  },
  {
    // `/status` on the China host is only presumed to answer `ok`; a 401 on the API is documented.
    id: 'fleet-api-cn',
    service: 'fleet-api',
    region: 'cn',
    url: 'https://fleet-api.prd.cn.vn.cloud.tesla.cn/api/1/vehicles',
    timeoutMs: API_TIMEOUT_MS,
    slowMs: API_SLOW_MS,
    healthy: { kind: 'unauthorized' },
  },
  {
    id: 'sign-in',
    service: 'sign-in',
    region: 'global',
    url: 'https://auth.tesla.com/oauth2/v3/.well-known/openid-configuration',
    timeoutMs: API_TIMEOUT_MS,
    slowMs: API_SLOW_MS,
    healthy: { kind: 'openid', issuer: 'https://auth.tesla.com/oauth2/v3' },
  },
  {
    id: 'sign-in-cn',
    service: 'sign-in',
    region: 'cn',
    url: 'https://auth.tesla.cn/oauth2/v3/.well-known/openid-configuration',
    timeoutMs: API_TIMEOUT_MS,
    slowMs: API_SLOW_MS,
    healthy: { kind: 'openid', issuer: 'https://auth.tesla.cn/oauth2/v3' },
  },
  {
    id: 'website',
    service: 'website',
    region: 'global',
    url: 'https://www.tesla.com/teslaaccount',
    timeoutMs: 10 * SECOND,
    slowMs: 6 * SECOND,
    healthy: { kind: 'page' },
  },
];

function regionsServedBy(probe: Probe): readonly UserRegion[] {
  return REGIONS_SERVED[probe.region];
}

export function probesForRegion(region: UserRegion, probes: readonly Probe[] = PROBES): Probe[] {
  return probes.filter((probe) => regionsServedBy(probe).includes(region));
}

/** Match patterns for the manifest's host permissions: exactly the probed hosts. */
export function probeHostPatterns(probes: readonly Probe[] = PROBES): string[] {
  const hosts = new Set(probes.map((probe) => new URL(probe.url).host));
  return [...hosts].sort().map((host) => `https://${host}/*`);
}
