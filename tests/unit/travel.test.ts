/**
 * Travel: arriving where Tesla is already down, the owner finds an outage that nobody here saw begin.
 * It is "since at least" the first poll there, never "since" as if it had just begun (issue 24, point 4).
 */
import { describe, expect, it } from 'vitest';
import { badgeFor } from '../../utils/engine/badge';
import { DEFAULT_TRACKER_CONFIG, reduceSnapshot, type TrackerConfig } from '../../utils/engine/outage-tracker';
import { DEFAULT_SETTINGS } from '../../utils/engine/settings';
import { emptySnapshot, type ProbeResult, type Snapshot } from '../../utils/engine/snapshot';
import { incidentStory } from '../../utils/engine/story';
import { tEn } from '../support/i18n';
import { maintenance, pollAt, probesWith } from '../support/polls';

const eu: TrackerConfig = { ...DEFAULT_TRACKER_CONFIG, region: 'eu' };
const na: TrackerConfig = { ...DEFAULT_TRACKER_CONFIG, region: 'na' };
const t = (hhmm: string) => Date.parse(`2023-02-14T${hhmm}Z`);

function run(steps: Array<[string, Record<string, ProbeResult>, TrackerConfig]>): Snapshot {
  return steps.reduce(
    (s, [hhmm, probes, config]) => reduceSnapshot(s, pollAt(`2023-02-14T${hhmm}Z`, probes), config),
    emptySnapshot('eu'),
  );
}

describe('Arriving where Tesla is already down', () => {
  const naDown = probesWith({ 'fleet-api-na': maintenance });
  const steps: Array<[string, Record<string, ProbeResult>, TrackerConfig]> = [
    ['10:00:00', naDown, eu],
    ['10:02:00', naDown, eu],
    ['10:04:00', naDown, eu],
    // Landed in New York: the Fleet API there has been down all along.
    ['10:06:00', naDown, na],
    ['10:06:30', naDown, na],
    ['10:08:00', naDown, na],
  ];

  it('is down "since at least" the first poll there, not since then', () => {
    const s = run(steps);
    const now = t('10:09:00');
    expect(incidentStory(s, now)).toEqual({
      kind: 'degraded',
      since: t('10:06:00'),
      beforeGap: { status: 'unknown', at: t('10:06:00') },
    });
    const title = badgeFor(s, {
      t: tEn,
      locale: 'en-GB',
      now,
      pollMinutes: 2,
      services: DEFAULT_SETTINGS.services,
    }).title;
    expect(title).toMatch(/^Tesla: partial outage since at least 10:06 /);
  });

  it('tells an outage that falls after the arrival, watched, since it fell', () => {
    const s = run([
      ['10:00:00', probesWith(), eu],
      ['10:02:00', probesWith(), na],
      ['10:04:00', probesWith(), na],
      ['10:06:00', naDown, na],
      ['10:06:30', naDown, na],
    ]);
    expect(incidentStory(s, t('10:07:00'))).toEqual({ kind: 'degraded', since: t('10:06:00') });
  });
});
