import { FEATURES, type Feature } from './features';
import { probesForRegion, type ServiceId } from './probes';
import type { Snapshot } from './snapshot';

/**
 * A feature whose every check, in the user's region and among the watched services, Tesla seems to
 * have retired: it says nothing any more, and the extension needs an update. One rule for the
 * popup's rows and headline and the badge's title.
 */
export function isOutdated(feature: Feature, snapshot: Snapshot | null, services: readonly ServiceId[]): boolean {
  if (!snapshot || snapshot.retired.length === 0) return false;
  const checks = probesForRegion(snapshot.region).filter(
    (probe) => feature.needs.includes(probe.service) && services.includes(probe.service),
  );
  return checks.length > 0 && checks.every((probe) => snapshot.retired.includes(probe.id));
}

export function anyOutdated(snapshot: Snapshot | null, services: readonly ServiceId[]): boolean {
  return FEATURES.some((feature) => isOutdated(feature, snapshot, services));
}
