import { describe, expect, it } from 'vitest';
import { BADGE_COLORS, badgeFor } from '../../utils/engine/badge';
import { DEFAULT_SETTINGS } from '../../utils/engine/settings';
import { tEn, tFr } from '../support/i18n';
import { feb14Outage, pollAt } from '../support/polls';
import { replaySnapshots, samples } from '../support/snapshots';

const ctx = (now: number, t = tEn, locale = 'en-GB') => ({
  t,
  locale,
  now,
  pollMinutes: 2,
  services: DEFAULT_SETTINGS.services,
});

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
      'Tesla: outage since 09:42 (2\u00a0hrs 13\u00a0mins) — phone key works. Unavailable: Remote access to the car, Dog and Camp mode check, Sentry Mode camera and 3 more',
    );
  });

  it('names Dog mode among the first features lost, never inside "and 3 more": a pet may be in the car', () => {
    const s = samples.outage();
    const title = badgeFor(s, { ...ctx(s.checkedAt!), locale: 'en-GB' }).title;
    const [named] = title.split(' and 3 more');
    expect(named).toContain('Dog and Camp mode check');
    expect(named).toContain('Remote access to the car');
  });

  it('is amber with ! in a partial outage', () => {
    const s = samples.partial();
    expect(badgeFor(s, ctx(s.checkedAt!))).toMatchObject({
      state: 'degraded',
      text: '!',
      color: BADGE_COLORS.degraded,
    });
  });

  it('is grey with ? when the user is offline, and says so', () => {
    const s = samples.offline();
    expect(badgeFor(s, ctx(s.checkedAt!))).toMatchObject({
      state: 'unknown',
      text: '?',
      color: BADGE_COLORS.unknown,
      title: 'Tesla: status unknown — you seem to be offline',
    });
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
    expect(badgeFor(s, ctx(s.checkedAt!, tFr, 'fr-FR')).title).toMatch(
      /^Tesla : panne depuis 09:42 \(\d\sh \d+\smin\) — la clé téléphone fonctionne\. Indisponible : Accès à distance à la voiture, .* et 3 autres$/,
    );
  });

  it('tells a relapse with both times, the phone key first', () => {
    const s = samples.relapse();
    expect(badgeFor(s, ctx(s.checkedAt!)).title).toMatch(
      /^Tesla: down again since 13:10, first down at 09:42 \(3\shrs \d+\smins in all\) — phone key works\. Unavailable: Remote access to the car, .* and 3 more$/,
    );
  });

  it('after a recovery, says for an hour when Tesla came back and how long it was down', () => {
    const s = samples.recovered();
    const back = Date.parse('2023-02-14T10:53:00Z');
    expect(badgeFor(s, ctx(s.checkedAt! + 60_000)).title).toBe(
      'Tesla: all systems working — back since 10:53, the outage lasted 1\u00a0hr 11\u00a0mins; last checked 1 minute ago',
    );
    const laterSnapshot = { ...s, checkedAt: back + 60 * 60_000 };
    expect(badgeFor(laterSnapshot, ctx(back + 60 * 60_000 + 1000)).title).toBe(
      'Tesla: all systems working — last checked just now',
    );
  });
});

describe('badgeFor at its edges', () => {
  it('names the partial outage with its start, its length and what is affected', () => {
    const s = samples.partial();
    expect(badgeFor(s, ctx(s.checkedAt! + 60_000)).title).toBe(
      'Tesla: partial outage since 09:40 (3\u00a0mins) — phone key works. Affected: Tesla account website',
    );
  });

  it('tells a partial relapse as a partial outage since it fell again, not as "down again"', () => {
    const s = samples.partialRelapse();
    const badge = badgeFor(s, ctx(s.checkedAt!));
    expect(badge).toMatchObject({ state: 'degraded', text: '!' });
    expect(badge.title).toBe(
      'Tesla: partial outage since 10:30 (1\u00a0min) — phone key works. Affected: Tesla account website',
    );
  });

  it('says it is checking when a first failure is not confirmed yet, in grey', () => {
    const s = replaySnapshots([pollAt('2023-02-14T09:42:00Z', feb14Outage())]);
    expect(badgeFor(s, ctx(s.checkedAt!))).toEqual({
      state: 'unknown',
      text: '?',
      color: BADGE_COLORS.unknown,
      title: 'Tesla: checking — a check failed, confirming in a few seconds',
    });
  });

  it('says a retired check after the state, whatever the state', () => {
    const suffix = ' Some checks may be out of date: update Tesla Status.';
    const outage = { ...samples.outage(), retired: ['fleet-api-eu'] };
    expect(badgeFor(outage, ctx(outage.checkedAt!)).title).toMatch(
      /^Tesla: outage since 09:42 .* and 3 more Some checks may be out of date: update Tesla Status\.$/,
    );
    const healthy = { ...samples.healthy(), retired: ['fleet-api-eu'] };
    expect(badgeFor(healthy, ctx(healthy.checkedAt!)).title).toBe(
      `Tesla: all systems working — last checked just now${suffix}`,
    );
    const recovered = { ...samples.recovered(), retired: ['fleet-api-eu'] };
    expect(badgeFor(recovered, ctx(recovered.checkedAt!)).title.endsWith(suffix)).toBe(true);
  });

  it('counts the outage from its first failing poll, not from the last check', () => {
    const s = samples.outage();
    expect(badgeFor(s, ctx(s.checkedAt! + 60_000)).title).toContain('since 09:42 (2\u00a0hrs 14\u00a0mins)');
  });

  it('has no data before a first check is stored, even with a snapshot', () => {
    const s = { ...samples.healthy(), checkedAt: null };
    expect(badgeFor(s, ctx(Date.parse('2023-02-14T10:00:00Z')))).toMatchObject({
      state: 'unknown',
      title: 'Tesla: not checked yet',
    });
  });
});
