/**
 * The day's strip tells each state from the first poll that saw it, as the headline's "since" and
 * "back since" do (issue 24, case 12): at a 30-minute interval the polls that confirm a change come
 * long after the first that showed it, and painting from them put the outage half an hour late.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_TRACKER_CONFIG, reduceSnapshot } from '../../utils/engine/outage-tracker';
import { emptySnapshot, type Snapshot } from '../../utils/engine/snapshot';
import { incidentStory } from '../../utils/engine/story';
import { timelineSegments } from '../../utils/engine/timeline';
import { feb14Outage, maintenance, pollAt, probesWith } from '../support/polls';
import { T0 } from '../support/worker';

const config = { ...DEFAULT_TRACKER_CONFIG, region: 'eu' as const, pollMinutes: 30 };
const t = (hhmm: string) => Date.parse(`2023-02-14T${hhmm}:00Z`);

function day(polls: [string, ReturnType<typeof probesWith>][]): Snapshot {
  return polls.reduce(
    (s, [at, probes]) => reduceSnapshot(s, pollAt(`2023-02-14T${at}:00Z`, probes), config),
    emptySnapshot('eu'),
  );
}

describe('The day’s strip', () => {
  it('paints an outage from its first failing poll to its first healthy one, at a 30-minute interval', () => {
    const s = day([
      ['10:34', probesWith()],
      ['11:04', probesWith()],
      ['11:34', feb14Outage()],
      ['11:35', feb14Outage()], // the confirmation
      ['12:04', feb14Outage()],
      ['12:34', probesWith()],
      ['13:04', probesWith()], // the recovery's confirmation, at the next poll
    ]);
    const now = t('13:10');
    expect(incidentStory(s, now)).toMatchObject({ kind: 'recovered', back: t('12:34') });
    expect(s.incidents).toEqual([expect.objectContaining({ start: t('11:34'), end: t('12:34') })]);
    expect(timelineSegments(s.samples, now).map(({ from, to, status }) => ({ from, to, status }))).toEqual([
      { from: t('10:34'), to: t('11:34'), status: 'operational' },
      { from: t('11:34'), to: t('12:34'), status: 'outage' },
      { from: t('12:34'), to: now, status: 'operational' },
    ]);
  });

  it('restates the confirming polls when the poll that confirms them also starts a worse change', () => {
    // Found by an adversarial review: the website's failure confirmed by a poll that also saw the car
    // fall left the website's first failing poll "not known", beside "partial outage since 11:34".
    const websiteDown = probesWith({ website: maintenance });
    const both = { ...feb14Outage(), website: maintenance };
    const s = day([
      ['11:04', probesWith()],
      ['11:34', websiteDown],
      ['12:04', both], // confirms the partial outage, and starts confirming a full one
    ]);
    const now = t('12:10');
    expect(timelineSegments(s.samples, now).map(({ from, to, status }) => ({ from, to, status }))).toEqual([
      { from: t('11:04'), to: t('11:34'), status: 'operational' },
      { from: t('11:34'), to: now, status: 'degraded' },
    ]);
  });

  it('leaves a poll made offline inside a confirmation as not known: it saw nothing', () => {
    // Found by an adversarial review: the offline poll between two failing ones was painted as outage.
    const s = [
      pollAt('2023-02-14T10:00:00Z', probesWith()),
      pollAt('2023-02-14T10:02:00Z', feb14Outage()),
      pollAt('2023-02-14T10:03:00Z', {}, false),
      pollAt('2023-02-14T10:04:00Z', feb14Outage()),
    ].reduce((snapshot, poll) => reduceSnapshot(snapshot, poll, { ...config, pollMinutes: 2 }), emptySnapshot('eu'));
    const now = t('10:05');
    expect(s.incidents).toEqual([expect.objectContaining({ start: t('10:02'), end: null })]);
    expect(timelineSegments(s.samples, now).map(({ from, to, status }) => ({ from, to, status }))).toEqual([
      { from: t('10:00'), to: t('10:02'), status: 'operational' },
      { from: t('10:02'), to: t('10:03'), status: 'outage' },
      { from: t('10:03'), to: t('10:04'), status: 'unknown' },
      { from: t('10:04'), to: now, status: 'outage' },
    ]);
  });

  it('leaves what it showed while a failure went unconfirmed: not known, then working', () => {
    const s = day([
      ['10:34', probesWith()],
      ['11:04', feb14Outage()],
      ['11:05', probesWith()],
      ['11:34', probesWith()],
    ]);
    const now = t('11:40');
    expect(s.incidents).toEqual([]);
    expect(timelineSegments(s.samples, now).map(({ status }) => status)).toEqual([
      'operational',
      'unknown',
      'operational',
    ]);
  });
});

const MIN = 60_000;
const HOUR = 60 * MIN;

describe('the 24-hour strip', () => {
  const config = { ...DEFAULT_TRACKER_CONFIG, region: 'eu' as const };

  it('keeps the samples when the clock jumps back', () => {
    let s = emptySnapshot('eu');
    for (let i = 0; i <= 60; i++)
      s = reduceSnapshot(s, { at: T0 + i * MIN, online: true, probes: probesWith() }, config);
    expect(s.samples).toHaveLength(61);
    s = reduceSnapshot(s, { at: T0 - 8 * HOUR, online: true, probes: probesWith() }, config);
    expect(s.samples).toHaveLength(62);
  });

  it('leaves a 20-hour sleep as no data, not as 20 hours of the last state seen', () => {
    const maintenance = probesWith({
      'owner-api': { state: 'down', reason: { key: 'reasonMaintenance' }, latencyMs: 50 },
    });
    let s = emptySnapshot('eu');
    for (const offset of [0, 30_000, 2 * MIN])
      s = reduceSnapshot(s, { at: T0 + offset, online: true, probes: maintenance }, config);
    s = reduceSnapshot(s, { at: T0 + 20 * HOUR, online: true, probes: probesWith() }, config);
    const painted = timelineSegments(s.samples, T0 + 20 * HOUR + MIN)
      .filter((segment) => segment.status === 'outage')
      .reduce((sum, segment) => sum + segment.to - segment.from, 0);
    expect(painted).toBeLessThan(10 * MIN);
  });
});
