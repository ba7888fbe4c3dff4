import * as z from 'zod/mini';
import { asRecord, field, whole } from './salvage';
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
  pollMinutes: whole(1, 60),
  notifications: z.boolean(),
  services: z
    .array(z.enum(SERVICE_IDS as [ServiceId, ...ServiceId[]]))
    .check(z.refine((services) => services.length > 0)),
} satisfies { [K in keyof Settings]: z.ZodMiniType<Settings[K]> };

/** Catalogue order, no repeats, whatever order they were stored in. */
function orderedServices(services: readonly ServiceId[]): ServiceId[] {
  return SERVICE_IDS.filter((id) => services.includes(id));
}

/** A bad stored value falls back to the default for that field only. */
export function parseSettings(raw: unknown): Settings {
  const input = asRecord(raw);
  return {
    region: field(fieldSchemas.region, input.region, DEFAULT_SETTINGS.region),
    pollMinutes: field(fieldSchemas.pollMinutes, input.pollMinutes, DEFAULT_SETTINGS.pollMinutes),
    notifications: field(fieldSchemas.notifications, input.notifications, DEFAULT_SETTINGS.notifications),
    services: orderedServices(field(fieldSchemas.services, input.services, DEFAULT_SETTINGS.services)),
  };
}

/** The probes a poll runs: those of the services the user watches. */
export function watchedProbes(settings: Pick<Settings, 'services'>, probes: readonly Probe[] = PROBES): Probe[] {
  return probes.filter((probe) => settings.services.includes(probe.service));
}
