import type { UserRegion } from './probes';
import type { Settings } from './settings';

/*
 * Its own module: the time-zone tables are needed only where the region is guessed (the worker and
 * the options page), and module-level tables are kept in every bundle that imports their module.
 */

const CHINA_ZONES = new Set([
  'Asia/Shanghai',
  'Asia/Chongqing',
  'Asia/Chungking',
  'Asia/Harbin',
  'Asia/Urumqi',
  'Asia/Kashgar',
  'PRC',
]);

/** Europe, the Middle East and Africa outside the `Europe/` and `Africa/` prefixes, aliases included. */
const EMEA_ZONES = new Set([
  ...['Azores', 'Canary', 'Cape_Verde', 'Faeroe', 'Faroe', 'Jan_Mayen', 'Madeira', 'Reykjavik', 'St_Helena'].map(
    (z) => `Atlantic/${z}`,
  ),
  ...['Antananarivo', 'Comoro', 'Mahe', 'Mauritius', 'Mayotte', 'Reunion'].map((z) => `Indian/${z}`),
  ...[
    'Aden',
    'Amman',
    'Baghdad',
    'Bahrain',
    'Baku',
    'Beirut',
    'Damascus',
    'Dubai',
    'Famagusta',
    'Gaza',
    'Hebron',
    'Istanbul',
    'Jerusalem',
    'Kuwait',
    'Muscat',
    'Nicosia',
    'Qatar',
    'Riyadh',
    'Tbilisi',
    'Tehran',
    'Tel_Aviv',
    'Yerevan',
  ].map((z) => `Asia/${z}`),
  'Arctic/Longyearbyen',
  'Antarctica/Troll',
  'Eire',
  'Egypt',
  'GB',
  'GB-Eire',
  'Iceland',
  'Iran',
  'Israel',
  'Libya',
  'Poland',
  'Portugal',
  'Turkey',
  'CET',
  'EET',
  'MET',
  'WET',
]);

/**
 * Time zones tell the region well enough for a default; the user can always pick it. The regions
 * are Tesla's Fleet API ones: Europe, the Middle East and Africa on one host; China on its own;
 * the Americas and Asia-Pacific (Hong Kong, Macau and Taiwan included) on the North American host.
 */
export function regionFromTimeZone(timeZone: string | undefined): UserRegion {
  if (!timeZone) return 'na';
  if (CHINA_ZONES.has(timeZone)) return 'cn';
  if (/^(Europe|Africa)\//.test(timeZone) || EMEA_ZONES.has(timeZone)) return 'eu';
  return 'na';
}

export function resolveRegion(settings: Settings, timeZone: string | undefined): UserRegion {
  return settings.region === 'auto' ? regionFromTimeZone(timeZone) : settings.region;
}
