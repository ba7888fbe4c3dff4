import { describe, expect, it } from 'vitest';
import { DEFAULT_TRACKER_CONFIG, reduceSnapshot } from '../../utils/engine/outage-tracker';
import { bannerState } from '../../utils/engine/banner';
import { DEFAULT_SETTINGS } from '../../utils/engine/settings';
import { displayedOverall, emptySnapshot, parseBannerSnapshot, parseSnapshot } from '../../utils/engine/snapshot';
import { feb14Outage, pollAt } from '../support/polls';

function outageSnapshot() {
  const config = { ...DEFAULT_TRACKER_CONFIG, region: 'eu' as const };
  let s = emptySnapshot('eu');
  s = reduceSnapshot(s, pollAt('2023-02-14T10:34:00Z', feb14Outage()), config);
  return reduceSnapshot(s, pollAt('2023-02-14T10:35:00Z', feb14Outage()), config);
}

describe('parseSnapshot', () => {
  it("reads what versions before explicit judgements stored in today's terms: a placeholder is no verdict", () => {
    const s = JSON.parse(JSON.stringify(outageSnapshot()));
    const older = {
      ...s,
      regions: { ...s.regions, eu: { level: 'up', since: null, pending: null, pendingSince: null, streak: 0 } },
      features: { ...s.features, charging: { ...s.features.charging, level: 'up', unjudged: true } },
    };
    const parsed = parseSnapshot(older)!;
    expect(parsed.regions.eu).toEqual({ level: null, since: null, pending: null, pendingSince: null, streak: 0 });
    expect(parsed.features.charging).toMatchObject({ level: 'up', unjudged: 'no-tesla-answer' });
    expect(displayedOverall(parsed)).toBe('unknown');
  });

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
      features: {
        ...s.features,
        charging: { ...s.features.charging, reason: { key: 'reasonHttp', values: ['x'.repeat(10_000)] } },
      },
      incidents: [{ ...s.incidents[0], features: ['remote-access', 'self-destruct'] }],
    })!;
    expect(Object.keys(parsed.probes)).not.toContain('<img src=x>');
    // The oversized reason is refused; the track stands on its core, so the popup and the banner
    // (which reads only the core) both still say charging is down.
    expect(parsed.features.charging).toEqual({ ...s.features.charging, reason: null });
    expect(parsed.features.charging.level).toBe('down');
    // The unknown feature id is refused; the incident itself, and the history, are kept.
    expect(parsed.incidents).toEqual([{ ...s.incidents[0], features: ['remote-access'] }]);
  });

  it('holds each stored number and string to its bounds, keeping the edge and dropping just past it', () => {
    const s = outageSnapshot();
    const probe = s.probes['owner-api']!;
    const incident = s.incidents[0]!;
    const read = (patch: Record<string, unknown>) => parseSnapshot({ ...JSON.parse(JSON.stringify(s)), ...patch })!;
    // Times and counts are whole and never negative.
    expect(read({ checkedAt: 0 }).checkedAt).toBe(0);
    expect(read({ checkedAt: -1 }).checkedAt).toBeNull();
    expect(read({ checkedAt: 1.5 }).checkedAt).toBeNull();
    // Up to the last instant a Date can hold: past it, Intl and toISOString would throw while rendering.
    expect(read({ checkedAt: 8.64e15 }).checkedAt).toBe(8.64e15);
    expect(read({ checkedAt: 8.64e15 + 1 }).checkedAt).toBeNull();
    expect(read({ regions: { ...s.regions, eu: { ...s.regions.eu, since: 1e20 } } }).regions.eu).toEqual(
      emptySnapshot().regions.eu,
    );
    expect(read({ incidents: [{ ...incident, start: 1e20 }] }).incidents).toEqual([]);
    expect(read({ incidents: [{ ...incident, recurred: -1 }] }).incidents).toEqual([]);
    expect(read({ incidents: [{ ...incident, recurred: 0.5 }] }).incidents).toEqual([]);
    // An HTTP status is 100–599; a Retry-After is 0–15 minutes and may be fractional; a latency is never negative.
    const extras = (patch: Record<string, unknown>) =>
      read({ probes: { 'owner-api': { ...probe, ...patch } } }).probes['owner-api']!;
    expect(extras({ status: 100 }).status).toBe(100);
    expect(extras({ status: 599 }).status).toBe(599);
    expect(extras({ status: 99 }).status).toBeUndefined();
    expect(extras({ status: 600 }).status).toBeUndefined();
    expect(extras({ status: 503.5 }).status).toBeUndefined();
    expect(extras({ retryAfterSec: 900 }).retryAfterSec).toBe(900);
    expect(extras({ retryAfterSec: 0.5 }).retryAfterSec).toBe(0.5);
    expect(extras({ retryAfterSec: 901 }).retryAfterSec).toBeUndefined();
    expect(extras({ retryAfterSec: -1 }).retryAfterSec).toBeUndefined();
    expect(extras({ latencyMs: 0 }).latencyMs).toBe(0);
    expect(read({ probes: { 'owner-api': { ...probe, latencyMs: -1 } } }).probes).toEqual({});
    // Reasons: a key of 1–64 word characters, at most 9 values of at most 200 characters.
    const reason = (value: unknown) =>
      read({ features: { ...s.features, charging: { ...s.features.charging, reason: value } } }).features.charging
        .reason;
    expect(reason({ key: 'k'.repeat(64), values: Array(9).fill('v'.repeat(200)) })).toEqual({
      key: 'k'.repeat(64),
      values: Array(9).fill('v'.repeat(200)),
    });
    expect(reason({ key: 'k'.repeat(65) })).toBeNull();
    expect(reason({ key: '' })).toBeNull();
    expect(reason({ key: 'k', values: Array(10).fill('v') })).toBeNull();
    expect(reason({ key: 'k', values: ['v'.repeat(201)] })).toBeNull();
    // Incident ids up to 64 characters; probe id lists up to 64 ids of the catalogue's form.
    expect(read({ incidents: [{ ...incident, id: 'i'.repeat(64) }] }).incidents).toHaveLength(1);
    expect(read({ incidents: [{ ...incident, id: 'i'.repeat(65) }] }).incidents).toEqual([]);
    const ids = Array.from({ length: 64 }, (_, i) => `probe-${i}`);
    expect(read({ retired: ids }).retired).toEqual(ids);
    expect(read({ retired: [...ids, 'one-more'] }).retired).toEqual([]);
    expect(read({ retired: ['Owner API'] }).retired).toEqual([]);
  });
});

describe('parseBannerSnapshot', () => {
  it('reads what the banner shows exactly as parseSnapshot does, whole or damaged', () => {
    const s = JSON.parse(JSON.stringify(outageSnapshot()));
    const charging = s.features.charging;
    const incident = s.incidents[0];
    const variants: unknown[] = [
      s,
      undefined,
      'corrupt',
      { ...s, checkedAt: -1 },
      { ...s, online: 'yes' },
      { ...s, region: 'mars' },
      { ...s, notBefore: 'later' },
      { ...s, regions: { ...s.regions, eu: { ...s.regions.eu, streak: -1 } } },
      { ...s, regions: { ...s.regions, eu: { ...s.regions.eu, level: 'exploded' } } },
      {
        ...s,
        features: { ...s.features, charging: { ...charging, reason: { key: 'x', values: Array(10).fill('v') } } },
      },
      { ...s, features: { ...s.features, charging: { ...charging, unjudged: 'maybe' } } },
      { ...s, features: { ...s.features, charging: { ...charging, unjudged: 'not-watched' } } },
      // What versions before explicit judgements stored: a placeholder `up`, and `unjudged: true`.
      { ...s, features: { ...s.features, charging: { ...charging, unjudged: true } } },
      { ...s, regions: { ...s.regions, eu: { ...s.regions.eu, level: 'up', since: null } } },
      { ...s, features: { ...s.features, charging: { ...charging, since: 'then' } } },
      { ...s, incidents: [{ ...incident, end: 'never' }] },
      { ...s, incidents: [{ ...incident, id: 'i'.repeat(65) }, incident] },
      { ...s, incidents: [{ ...incident, end: s.checkedAt }] },
      { ...s, probes: 'gone', samples: 'gone' },
      // A newer version's feature or region in an incident's lists, a home region it does not know.
      { ...s, incidents: [{ ...incident, features: [...incident.features, 'wall-connector'] }] },
      { ...s, incidents: [{ ...incident, regions: ['apac'], region: 'apac' }] },
      { ...s, incidents: [{ ...incident, worst: 'apocalypse' }] },
    ];
    for (const [i, raw] of variants.entries()) {
      const full = parseSnapshot(raw);
      const narrow = parseBannerSnapshot(raw);
      for (const now of [s.checkedAt + 60_000, s.checkedAt + 5 * 60_000, s.checkedAt + 60 * 60_000]) {
        expect(bannerState(narrow, now, DEFAULT_SETTINGS, []), `variant ${i}`).toEqual(
          bannerState(full, now, DEFAULT_SETTINGS, []),
        );
      }
      if (full && narrow) {
        expect(
          narrow.incidents.map((x) => x.id),
          `variant ${i}`,
        ).toEqual(full.incidents.map((x) => x.id));
        expect(narrow.regions, `variant ${i}`).toEqual(full.regions);
        expect(narrow.features, `variant ${i}`).toEqual(
          Object.fromEntries(
            Object.entries(full.features).map(([f, t]) => [
              f,
              t.unjudged ? { level: t.level, unjudged: t.unjudged } : { level: t.level },
            ]),
          ),
        );
      } else expect(narrow, `variant ${i}`).toBe(full);
    }
  });
});
