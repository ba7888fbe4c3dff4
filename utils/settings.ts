import * as z from 'zod/mini';
import { PROBES, USER_REGIONS, type Probe, type ServiceId, type UserRegion } from './probes';

export interface Settings {
  /** `auto` guesses the region from the browser's time zone. */
  region: UserRegion | 'auto';
  pollMinutes: number;
  notifications: boolean;
  /** Which of Tesla's services to probe; at least one. */
  services: ServiceId[];
}

export const SERVICE_IDS: readonly ServiceId[] = ['owner-api', 'fleet-api', 'sign-in', 'website'];

export const DEFAULT_SETTINGS: Settings = {
  region: 'auto',
  pollMinutes: 2,
  notifications: true,
  services: [...SERVICE_IDS],
};

const fieldSchemas = {
  region: z.enum(['auto', ...USER_REGIONS] as ['auto', ...UserRegion[]]),
  pollMinutes: z.number().check(z.int(), z.minimum(1), z.maximum(60)),
  notifications: z.boolean(),
  services: z.array(z.enum(SERVICE_IDS as [ServiceId, ...ServiceId[]])).check(z.minLength(1)),
} satisfies { [K in keyof Settings]: z.ZodMiniType<Settings[K]> };

/** Catalogue order, no repeats, whatever order they were stored in. */
function orderedServices(services: readonly ServiceId[]): ServiceId[] {
  return SERVICE_IDS.filter((id) => services.includes(id));
}

/** A bad stored value falls back to the default for that field only. */
export function parseSettings(raw: unknown): Settings {
  const input = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const pick = <T>(schema: z.ZodMiniType<T>, value: unknown, fallback: T): T => {
    const result = schema.safeParse(value);
    return result.success ? result.data : fallback;
  };
  return {
    region: pick(fieldSchemas.region, input.region, DEFAULT_SETTINGS.region),
    pollMinutes: pick(fieldSchemas.pollMinutes, input.pollMinutes, DEFAULT_SETTINGS.pollMinutes),
    notifications: pick(fieldSchemas.notifications, input.notifications, DEFAULT_SETTINGS.notifications),
    services: orderedServices(pick(fieldSchemas.services, input.services, DEFAULT_SETTINGS.services)),
  };
}

/** Time zones tell the region well enough for a default; the user can always pick it. */
export function regionFromTimeZone(timeZone: string | undefined): UserRegion {
  if (!timeZone) return 'na';
  if (/^Asia\/(Shanghai|Chongqing|Harbin|Urumqi|Kashgar)$|^PRC$/.test(timeZone)) return 'cn';
  if (/^(Europe|Africa|Atlantic\/(Canary|Faroe|Madeira|Reykjavik))\//.test(timeZone)) return 'eu';
  if (/^Asia\/(Dubai|Riyadh|Qatar|Bahrain|Kuwait|Muscat|Tehran|Baghdad|Jerusalem|Tel_Aviv|Amman|Beirut|Damascus|Istanbul|Nicosia|Tbilisi|Yerevan|Baku)$/.test(timeZone)) return 'eu';
  return 'na';
}

export function resolveRegion(settings: Settings, timeZone: string | undefined): UserRegion {
  return settings.region === 'auto' ? regionFromTimeZone(timeZone) : settings.region;
}

/** The probes a poll runs: those of the services the user watches. */
export function watchedProbes(settings: Settings, probes: readonly Probe[] = PROBES): Probe[] {
  return probes.filter((probe) => settings.services.includes(probe.service));
}
