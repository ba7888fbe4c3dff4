import { describe, expect, it } from 'vitest';
import { DEFAULT_TRACKER_CONFIG, reduceSnapshot } from '../../utils/engine/outage-tracker';
import { emptySnapshot, parseSnapshot } from '../../utils/engine/snapshot';
import { feb14Outage, pollAt } from '../support/polls';

function outageSnapshot() {
  const config = { ...DEFAULT_TRACKER_CONFIG, region: 'eu' as const };
  let s = emptySnapshot('eu');
  s = reduceSnapshot(s, pollAt('2023-02-14T10:34:00Z', feb14Outage()), config);
  return reduceSnapshot(s, pollAt('2023-02-14T10:35:00Z', feb14Outage()), config);
}

describe('parseSnapshot', () => {
  it('returns null when nothing was stored', () => {
    expect(parseSnapshot(undefined)).toBeNull();
    expect(parseSnapshot(null)).toBeNull();
  });

  it('round-trips a real snapshot through JSON unchanged', () => {
    const s = outageSnapshot();
    expect(parseSnapshot(JSON.parse(JSON.stringify(s)))).toEqual(s);
  });

  it('turns garbage into the empty snapshot, never throwing', () => {
    for (const junk of ['corrupt', 42, [], { checkedAt: 'yesterday' }, true]) {
      expect(parseSnapshot(junk)).toEqual(emptySnapshot());
    }
  });

  it('keeps the incident history when another field is corrupt', () => {
    const s = outageSnapshot();
    const damaged = { ...JSON.parse(JSON.stringify(s)), regions: 'nope', checkedAt: -5, samples: {} };
    const parsed = parseSnapshot(damaged)!;
    expect(parsed.incidents).toEqual(s.incidents);
    expect(parsed.features).toEqual(s.features);
    expect(parsed.checkedAt).toBeNull();
    expect(parsed.regions).toEqual(emptySnapshot().regions);
    expect(parsed.samples).toEqual([]);
  });

  it('drops only the bad incident of a list', () => {
    const s = outageSnapshot();
    const good = s.incidents[0]!;
    const parsed = parseSnapshot({ ...s, incidents: [{ ...good, start: 'then' }, good, null] })!;
    expect(parsed.incidents).toEqual([good]);
  });

  it('refuses hostile values: odd probe ids, oversized reason values, unknown feature ids', () => {
    const s = outageSnapshot();
    const parsed = parseSnapshot({
      ...s,
      probes: { ...s.probes, '<img src=x>': s.probes['owner-api'] },
      features: { ...s.features, charging: { ...s.features.charging, reason: { key: 'reasonHttp', values: ['x'.repeat(10_000)] } } },
      incidents: [{ ...s.incidents[0], features: ['remote-access', 'self-destruct'] }],
    })!;
    expect(Object.keys(parsed.probes)).not.toContain('<img src=x>');
    expect(parsed.features.charging).toEqual(emptySnapshot().features.charging);
    expect(parsed.incidents).toEqual([]);
  });
});
