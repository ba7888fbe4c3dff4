/**
 * After a sleep (a closed laptop, a closed browser) nobody watched: the owner is told the trouble
 * "since at least" the first poll after the gap, and what was seen before it, never a start or a
 * length that no poll saw (issue 24, case 6).
 */
import { describe, expect, it } from 'vitest';
import { badgeFor } from '../../utils/engine/badge';
import { DEFAULT_TRACKER_CONFIG, type PollResult, reduceSnapshot } from '../../utils/engine/outage-tracker';
import { DEFAULT_SETTINGS } from '../../utils/engine/settings';
import { emptySnapshot, type Snapshot } from '../../utils/engine/snapshot';
import { incidentStory } from '../../utils/engine/story';
import { tEn } from '../support/i18n';
import { awake, feb14Outage, pollAt, probesWith } from '../support/polls';

const t = (iso: string) => Date.parse(iso);

function replay(polls: readonly PollResult[], pollMinutes = 2): Snapshot {
  const config = { ...DEFAULT_TRACKER_CONFIG, region: 'eu' as const, pollMinutes };
  return polls.reduce((s, poll) => reduceSnapshot(s, poll, config), emptySnapshot('eu'));
}

const title = (s: Snapshot, now: number, pollMinutes = 2) =>
  badgeFor(s, { t: tEn, locale: 'en-GB', now, pollMinutes, services: DEFAULT_SETTINGS.services }).title;

describe('After a sleep', () => {
  it('tells an outage found on waking "since at least" then, and when Tesla was last seen working', () => {
    const s = replay([
      ...awake([pollAt('2023-02-14T10:00:00Z', probesWith()), pollAt('2023-02-14T11:02:00Z', probesWith())], 2 * 60_000)
        .polls,
      // The laptop closed; opened at 18:34 with Tesla down.
      pollAt('2023-02-14T18:34:00Z', feb14Outage()),
      pollAt('2023-02-14T18:34:30Z', feb14Outage()),
    ]);
    const now = t('2023-02-14T18:35:00Z');
    expect(incidentStory(s, now)).toEqual({
      kind: 'outage',
      since: t('2023-02-14T18:34:00Z'),
      beforeGap: { status: 'operational', at: t('2023-02-14T11:02:00Z') },
    });
    expect(title(s, now)).toMatch(/^Tesla: outage since at least 18:34 \(1\smin\) — phone key works\. Unavailable: /);
  });

  it('never tells three days unwatched as a three-day outage', () => {
    const s = replay(
      [
        pollAt('2023-02-14T10:04:00Z', probesWith()),
        pollAt('2023-02-14T10:34:00Z', feb14Outage()),
        pollAt('2023-02-14T10:34:30Z', feb14Outage()),
        // Three days asleep at a 30-minute interval; Tesla down on waking too.
        pollAt('2023-02-17T10:34:00Z', feb14Outage()),
      ],
      30,
    );
    const now = t('2023-02-17T10:35:00Z');
    expect(incidentStory(s, now)).toEqual({
      kind: 'outage',
      since: t('2023-02-17T10:34:00Z'),
      // The day's strip no longer reaches 14 February: the outage's first poll is what was seen then.
      beforeGap: { status: 'trouble', at: t('2023-02-14T10:34:00Z') },
    });
    const badge = title(s, now, 30);
    expect(badge).toMatch(/^Tesla: outage since at least 10:34 \(1\smin\)/);
    expect(badge).not.toContain('3 days');
  });

  it('says nothing of a gap when the watch was unbroken', () => {
    const s = replay(
      awake([
        pollAt('2023-02-14T10:00:00Z', probesWith()),
        pollAt('2023-02-14T10:34:00Z', feb14Outage()),
        pollAt('2023-02-14T10:34:30Z', feb14Outage()),
        pollAt('2023-02-14T11:30:00Z', feb14Outage()),
      ]).polls,
    );
    expect(incidentStory(s, t('2023-02-14T11:31:00Z'))).toEqual({ kind: 'outage', since: t('2023-02-14T10:34:00Z') });
  });
});
