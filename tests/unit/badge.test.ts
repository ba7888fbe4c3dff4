import { describe, expect, it } from 'vitest';
import { BADGE_COLORS, badgeFor } from '../../utils/engine/badge';
import { DEFAULT_SETTINGS } from '../../utils/engine/settings';
import { tEn, tFr } from '../support/i18n';
import { samples } from '../support/snapshots';

const ctx = (now: number, t = tEn, locale = 'en-GB') => ({ t, locale, now, pollMinutes: 2, services: DEFAULT_SETTINGS.services });

describe('badgeFor', () => {
  it('is green with a mark and a title when all is well', () => {
    const s = samples.healthy();
    const badge = badgeFor(s, ctx(s.checkedAt! + 60_000));
    expect(badge).toMatchObject({ state: 'operational', text: '✓', color: BADGE_COLORS.operational });
    expect(badge.title).toBe('Tesla: all systems working — last checked 1 minute ago');
  });

  it('is red with ✕ and names the start and the lost features in an outage', () => {
    const s = samples.outage();
    const badge = badgeFor(s, { ...ctx(s.checkedAt!), locale: 'en-GB' });
    expect(badge).toMatchObject({ state: 'outage', text: '✕', color: BADGE_COLORS.outage });
    expect(badge.title).toBe(
      'Tesla: outage since 09:42 (2\u00a0hrs 13\u00a0mins) — phone key works. Unavailable: Remote access to the car, Sentry Mode camera, Climate preconditioning and 3 more',
    );
  });

  it('is amber with ! in a partial outage', () => {
    const s = samples.partial();
    expect(badgeFor(s, ctx(s.checkedAt!))).toMatchObject({ state: 'degraded', text: '!', color: BADGE_COLORS.degraded });
  });

  it('is grey with ? when the user is offline, and says so', () => {
    const s = samples.offline();
    expect(badgeFor(s, ctx(s.checkedAt!))).toMatchObject({ state: 'unknown', text: '?', color: BADGE_COLORS.unknown, title: 'Tesla: status unknown — you seem to be offline' });
  });

  it('never stays green on a stale snapshot', () => {
    const s = samples.healthy();
    const badge = badgeFor(s, ctx(s.checkedAt! + 3 * 60 * 60_000));
    expect(badge).toMatchObject({ state: 'unknown', text: '?' });
    expect(badge.title).toBe('Tesla: status unknown — last checked 3 hours ago');
  });

  it('says so before the first check', () => {
    expect(badgeFor(null, ctx(0)).title).toBe('Tesla: not checked yet');
  });

  it('speaks French', () => {
    const s = samples.outage();
    expect(badgeFor(s, ctx(s.checkedAt!, tFr, 'fr-FR')).title).toMatch(/^Tesla : panne depuis 09:42 \(\d\sh \d+\smin\) — la clé téléphone fonctionne\. Indisponible : Accès à distance à la voiture, .* et 3 autres$/);
  });

  it('tells a relapse with both times, the phone key first', () => {
    const s = samples.relapse();
    expect(badgeFor(s, ctx(s.checkedAt!)).title).toMatch(/^Tesla: down again since 13:10, first down at 09:42 \(3\shrs \d+\smins in all\) — phone key works\. Unavailable: Remote access to the car, .* and 3 more$/);
  });

  it('after a recovery, says for an hour when Tesla came back and how long it was down', () => {
    const s = samples.recovered();
    const back = Date.parse('2023-02-14T10:53:00Z');
    expect(badgeFor(s, ctx(s.checkedAt! + 60_000)).title).toBe('Tesla: all systems working — back since 10:53, the outage lasted 1\u00a0hr 11\u00a0mins; last checked 1 minute ago');
    const laterSnapshot = { ...s, checkedAt: back + 60 * 60_000 };
    expect(badgeFor(laterSnapshot, ctx(back + 60 * 60_000 + 1000)).title).toBe('Tesla: all systems working — last checked just now');
  });
});
