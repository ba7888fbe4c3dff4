import { describe, expect, it } from 'vitest';
import type { UserRegion } from '../../utils/engine/probes';
import { regionFromTimeZone } from '../../utils/engine/region-guess';

/**
 * Every time zone the runtime knows, with the region of Tesla's Fleet API hosts it belongs to:
 * Europe, the Middle East and Africa on the European host; China on its own; the Americas and
 * Asia-Pacific on the North American host (Hong Kong, Macau and Taiwan included, as Tesla's Fleet
 * API documentation lists them). A zone missing here makes the test fail: someone decides.
 */
const EUROPE_MIDDLE_EAST_AFRICA = [
  // Outside the Europe/ and Africa/ prefixes.
  'Arctic/Longyearbyen',
  'Antarctica/Troll',
  'Atlantic/Azores',
  'Atlantic/Canary',
  'Atlantic/Cape_Verde',
  'Atlantic/Faeroe',
  'Atlantic/Faroe',
  'Atlantic/Madeira',
  'Atlantic/Reykjavik',
  'Atlantic/St_Helena',
  'Indian/Antananarivo',
  'Indian/Comoro',
  'Indian/Mahe',
  'Indian/Mauritius',
  'Indian/Mayotte',
  'Indian/Reunion',
  'Asia/Aden',
  'Asia/Amman',
  'Asia/Baghdad',
  'Asia/Bahrain',
  'Asia/Baku',
  'Asia/Beirut',
  'Asia/Damascus',
  'Asia/Dubai',
  'Asia/Famagusta',
  'Asia/Gaza',
  'Asia/Hebron',
  'Asia/Jerusalem',
  'Asia/Kuwait',
  'Asia/Muscat',
  'Asia/Nicosia',
  'Asia/Qatar',
  'Asia/Riyadh',
  'Asia/Tbilisi',
  'Asia/Tehran',
  'Asia/Yerevan',
];
const CHINA = ['Asia/Shanghai', 'Asia/Urumqi'];
const ASIA_PACIFIC = [
  'Asia/Hong_Kong',
  'Asia/Macau',
  'Asia/Taipei',
  'Asia/Tokyo',
  'Asia/Seoul',
  'Asia/Pyongyang',
  'Asia/Singapore',
  'Asia/Kuala_Lumpur',
  'Asia/Kuching',
  'Asia/Bangkok',
  'Asia/Saigon',
  'Asia/Phnom_Penh',
  'Asia/Vientiane',
  'Asia/Rangoon',
  'Asia/Manila',
  'Asia/Jakarta',
  'Asia/Makassar',
  'Asia/Jayapura',
  'Asia/Pontianak',
  'Asia/Brunei',
  'Asia/Dili',
  'Asia/Calcutta',
  'Asia/Colombo',
  'Asia/Dhaka',
  'Asia/Katmandu',
  'Asia/Thimphu',
  'Asia/Karachi',
  'Asia/Kabul',
  'Asia/Ulaanbaatar',
  'Asia/Hovd',
  'Indian/Chagos',
  'Indian/Christmas',
  'Indian/Cocos',
  'Indian/Kerguelen',
  'Indian/Maldives',
];
/** Central Asia and Asian Russia: no Tesla market of their own; the default host. */
const CENTRAL_ASIA_AND_SIBERIA = [
  'Asia/Almaty',
  'Asia/Aqtau',
  'Asia/Aqtobe',
  'Asia/Ashgabat',
  'Asia/Atyrau',
  'Asia/Bishkek',
  'Asia/Dushanbe',
  'Asia/Oral',
  'Asia/Qostanay',
  'Asia/Qyzylorda',
  'Asia/Samarkand',
  'Asia/Tashkent',
  'Asia/Anadyr',
  'Asia/Barnaul',
  'Asia/Chita',
  'Asia/Irkutsk',
  'Asia/Kamchatka',
  'Asia/Khandyga',
  'Asia/Krasnoyarsk',
  'Asia/Magadan',
  'Asia/Novokuznetsk',
  'Asia/Novosibirsk',
  'Asia/Omsk',
  'Asia/Sakhalin',
  'Asia/Srednekolymsk',
  'Asia/Tomsk',
  'Asia/Ust-Nera',
  'Asia/Vladivostok',
  'Asia/Yakutsk',
  'Asia/Yekaterinburg',
];

function expectedRegion(zone: string): UserRegion | undefined {
  if (zone.startsWith('Europe/') || zone.startsWith('Africa/') || EUROPE_MIDDLE_EAST_AFRICA.includes(zone)) return 'eu';
  if (CHINA.includes(zone)) return 'cn';
  if (ASIA_PACIFIC.includes(zone) || CENTRAL_ASIA_AND_SIBERIA.includes(zone)) return 'na';
  if (/^(America|Australia|Pacific|Antarctica)\//.test(zone)) return 'na';
  if (['Atlantic/Bermuda', 'Atlantic/South_Georgia', 'Atlantic/Stanley'].includes(zone)) return 'na';
  return undefined;
}

describe('the region guessed from the time zone', () => {
  const zones = Intl.supportedValuesOf('timeZone');

  it('covers a real list of zones', () => {
    expect(zones.length).toBeGreaterThan(300);
  });

  it.each(zones.map((zone) => [zone]))('%s', (zone) => {
    const expected = expectedRegion(zone);
    expect(expected, `no expected region for ${zone}: add it to the table`).toBeDefined();
    expect(regionFromTimeZone(zone)).toBe(expected);
  });

  it('knows the aliases browsers still report', () => {
    for (const zone of ['Asia/Chongqing', 'Asia/Harbin', 'Asia/Kashgar', 'PRC'])
      expect(regionFromTimeZone(zone), zone).toBe('cn');
    for (const zone of ['Asia/Istanbul', 'Asia/Tel_Aviv', 'Europe/Kiev', 'GB', 'Iceland', 'Atlantic/Jan_Mayen'])
      expect(regionFromTimeZone(zone), zone).toBe('eu');
    for (const zone of ['Asia/Kolkata', 'Asia/Ho_Chi_Minh', 'Asia/Macao', 'ROC', 'Japan', 'UTC', undefined])
      expect(regionFromTimeZone(zone), String(zone)).toBe('na');
  });
});
