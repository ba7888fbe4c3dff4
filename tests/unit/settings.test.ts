import { describe, expect, it } from 'vitest';
import { regionFromTimeZone, resolveRegion } from '../../utils/engine/region-guess';
import { DEFAULT_SETTINGS, parseSettings, watchedProbes } from '../../utils/engine/settings';

describe('parseSettings', () => {
  it('gives the defaults for nothing or garbage', () => {
    expect(parseSettings(undefined)).toEqual(DEFAULT_SETTINGS);
    expect(parseSettings('x')).toEqual(DEFAULT_SETTINGS);
  });

  it('falls back field by field', () => {
    expect(parseSettings({ region: 'eu', pollMinutes: 0, notifications: 'yes' })).toEqual({
      ...DEFAULT_SETTINGS,
      region: 'eu',
    });
    expect(parseSettings({ region: 'mars', pollMinutes: 15, notifications: false })).toEqual({
      ...DEFAULT_SETTINGS,
      pollMinutes: 15,
      notifications: false,
    });
    expect(parseSettings({ pollMinutes: 61 }).pollMinutes).toBe(2);
    expect(parseSettings({ pollMinutes: 2.5 }).pollMinutes).toBe(2);
    expect(parseSettings({ pollMinutes: 1 }).pollMinutes).toBe(1);
    expect(parseSettings({ pollMinutes: 60 }).pollMinutes).toBe(60);
  });

  it('keeps watched services in catalogue order, and never none', () => {
    expect(parseSettings({ services: ['website', 'owner-api', 'website'] }).services).toEqual(['owner-api', 'website']);
    expect(parseSettings({ services: [] }).services).toEqual(DEFAULT_SETTINGS.services);
    expect(parseSettings({ services: ['owner-api', 'mainframe'] }).services).toEqual(DEFAULT_SETTINGS.services);
  });
});

describe('watchedProbes', () => {
  it('runs only the probes of watched services', () => {
    const probes = watchedProbes({ ...DEFAULT_SETTINGS, services: ['owner-api'] });
    expect(probes.map((p) => p.id)).toEqual(['owner-api', 'owner-api-cn']);
  });
});

describe('region from the time zone', () => {
  it.each([
    ['Europe/Paris', 'eu'],
    ['Africa/Johannesburg', 'eu'],
    ['Asia/Dubai', 'eu'],
    ['Asia/Shanghai', 'cn'],
    ['America/New_York', 'na'],
    ['Australia/Sydney', 'na'],
    ['Asia/Tokyo', 'na'],
    [undefined, 'na'],
  ] as const)('%s → %s', (zone, region) => {
    expect(regionFromTimeZone(zone)).toBe(region);
  });

  it('uses the chosen region over the guess', () => {
    expect(resolveRegion({ ...DEFAULT_SETTINGS, region: 'cn' }, 'Europe/Paris')).toBe('cn');
    expect(resolveRegion(DEFAULT_SETTINGS, 'Europe/Paris')).toBe('eu');
  });
});
