import { formatList } from './format';
import type { MessageKey, Translate } from './messages';
import type { ServiceId } from './probes';

/** Stable ids: the popup's DOM contract and the tests use them. */
export const FEATURE_IDS = [
  'remote-access',
  'sentry-camera',
  'climate',
  'dog-camp-mode',
  'charging',
  'phone-key',
  'sign-in',
  'account-website',
  'third-party-apps',
] as const;

export type FeatureId = (typeof FEATURE_IDS)[number];

/** Why a feature that needs no server (the Bluetooth phone key) works whatever Tesla's cloud does. */
export const WORKS_WITHOUT_SERVERS = { key: 'reasonBluetooth' } as const satisfies { key: MessageKey };

export interface Feature {
  id: FeatureId;
  label: MessageKey;
  /** Services the feature cannot work without; none means it does not need Tesla's servers. */
  needs: readonly ServiceId[];
  /** A feature that reaches the car: its loss is the outage itself, not a partial one. */
  reachesCar: boolean;
}

/**
 * Every remote command goes through the Owner API, the mobile app's backend; the Sentry live view
 * also needs a signalling socket, which a credential-free probe cannot judge (docs/probes.md).
 */
export const FEATURES: readonly Feature[] = [
  { id: 'remote-access', label: 'featureRemoteAccess', needs: ['owner-api'], reachesCar: true },
  { id: 'sentry-camera', label: 'featureSentryCamera', needs: ['owner-api'], reachesCar: true },
  { id: 'climate', label: 'featureClimate', needs: ['owner-api'], reachesCar: true },
  { id: 'dog-camp-mode', label: 'featureDogCampMode', needs: ['owner-api'], reachesCar: true },
  { id: 'charging', label: 'featureCharging', needs: ['owner-api'], reachesCar: true },
  { id: 'phone-key', label: 'featurePhoneKey', needs: [], reachesCar: false },
  { id: 'sign-in', label: 'featureSignIn', needs: ['sign-in'], reachesCar: false },
  { id: 'account-website', label: 'featureAccountWebsite', needs: ['website'], reachesCar: false },
  { id: 'third-party-apps', label: 'featureThirdPartyApps', needs: ['fleet-api'], reachesCar: false },
];

/** The banner, the badge and notifications name this many features at most: the popup has the list. */
export const MAX_NAMED = 3;

/**
 * Which features a short list names first: the car reached at all, then a pet in the cabin (Dog mode),
 * then the rest in catalogue order. "… and 3 more" must never be where the dog is.
 */
const NAMED_FIRST: readonly FeatureId[] = ['remote-access', 'dog-camp-mode'];

/** "A, B and C", or "A, B, C and 3 more": short enough for a tooltip or a notification. */
export function namedFeatures(ids: readonly FeatureId[], t: Translate, locale: string): string {
  // NAMED_FIRST is in catalogue order, which featureNames keeps.
  const first = NAMED_FIRST.filter((id) => ids.includes(id));
  const names = [
    ...featureNames(first, t),
    ...featureNames(
      ids.filter((id) => !first.includes(id)),
      t,
    ),
  ];
  if (names.length <= MAX_NAMED) return formatList(names, locale);
  const more = names.length - MAX_NAMED;
  return more === 1
    ? t('namedMoreOne', [names.slice(0, MAX_NAMED).join(', ')])
    : t('namedMoreMany', [names.slice(0, MAX_NAMED).join(', '), String(more)]);
}

/** The names of these features, in catalogue order, for titles, notifications and the banner. */
export function featureNames(ids: readonly FeatureId[], t: Translate): string[] {
  return FEATURES.filter((feature) => ids.includes(feature.id)).map((feature) => t(feature.label));
}

const CAR_FEATURES: ReadonlySet<FeatureId> = new Set(
  FEATURES.filter((feature) => feature.reachesCar).map((feature) => feature.id),
);

/** A feature that reaches the car (remote access, climate…), not a service around it. */
export function isCarFeature(id: FeatureId): boolean {
  return CAR_FEATURES.has(id);
}

/** Whether any of these reaches the car: then the phone key line leads. */
export function reachesTheCar(ids: readonly FeatureId[]): boolean {
  return ids.some(isCarFeature);
}
