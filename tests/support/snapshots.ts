import { DEFAULT_TRACKER_CONFIG, reduceSnapshot, type PollResult } from '../../utils/engine/outage-tracker';
import type { UserRegion } from '../../utils/engine/probes';
import { emptySnapshot, type Snapshot } from '../../utils/engine/snapshot';
import {
  awake,
  everyProbe,
  failed,
  feb14Outage,
  installedDuringOutageThenBack,
  installedDuringOutageThenRelapse,
  pollAt,
  probesWith,
  timedOut,
} from './polls';

/** The snapshot after these polls, made by a browser awake all along (see `awake`). */
export function replaySnapshots(polls: PollResult[], region: UserRegion = 'eu', everyMs?: number): Snapshot {
  return awake(polls, everyMs).polls.reduce(
    (s, poll) => reduceSnapshot(s, poll, { ...DEFAULT_TRACKER_CONFIG, region }),
    emptySnapshot(region),
  );
}

const website502 = {
  website: {
    state: 'down' as const,
    reason: { key: 'reasonHttp' as const, values: ['502'] },
    status: 502,
    latencyMs: 80,
  },
};

/** Sample snapshots for the UI and the badge, on 14 February 2023 (times in UTC). */
export const samples = {
  healthy: () =>
    replaySnapshots([pollAt('2023-02-14T09:40:00Z', probesWith()), pollAt('2023-02-14T09:42:00Z', probesWith())]),
  partial: () =>
    replaySnapshots([
      pollAt('2023-02-14T09:30:00Z', probesWith()),
      pollAt(
        '2023-02-14T09:40:00Z',
        probesWith({ website: { state: 'down', reason: { key: 'reasonHttp', values: ['502'] }, latencyMs: 80 } }),
      ),
      pollAt(
        '2023-02-14T09:42:00Z',
        probesWith({ website: { state: 'down', reason: { key: 'reasonHttp', values: ['502'] }, latencyMs: 80 } }),
      ),
    ]),
  outage: () =>
    replaySnapshots([
      pollAt('2023-02-14T09:30:00Z', probesWith()),
      pollAt('2023-02-14T09:42:00Z', feb14Outage()),
      pollAt('2023-02-14T09:42:30Z', feb14Outage()),
      pollAt('2023-02-14T11:55:00Z', feb14Outage()),
    ]),
  offline: () =>
    replaySnapshots([
      pollAt('2023-02-14T09:40:00Z', probesWith()),
      pollAt('2023-02-14T09:42:00Z', everyProbe(failed), false),
    ]),
  relapse: () =>
    replaySnapshots([
      pollAt('2023-02-14T09:30:00Z', probesWith()),
      pollAt('2023-02-14T09:42:00Z', feb14Outage()),
      pollAt('2023-02-14T09:42:30Z', feb14Outage()),
      pollAt('2023-02-14T12:30:00Z', probesWith()),
      pollAt('2023-02-14T12:32:00Z', probesWith()),
      pollAt('2023-02-14T13:10:00Z', feb14Outage()),
      pollAt('2023-02-14T13:10:30Z', feb14Outage()),
    ]),
  /** Installed at 10:34 during an outage nobody saw begin; back at 11:14, polled every 2 minutes. */
  installedThenBack: () => replaySnapshots(installedDuringOutageThenBack(), 'eu', 2 * 60_000),
  /** Installed at 10:00 during the outage; back at 10:20, down again at 10:30, every 2 minutes. */
  installedThenRelapse: () => replaySnapshots(installedDuringOutageThenRelapse(), 'eu', 2 * 60_000),
  /** A 40-minute outage from 10:00, polled every 2 minutes from 09:00 to 11:00. */
  fortyMinutes: () =>
    replaySnapshots(
      [
        pollAt('2023-02-14T09:00:00Z', probesWith()),
        pollAt('2023-02-14T10:00:00Z', feb14Outage()),
        pollAt('2023-02-14T10:40:00Z', probesWith()),
        pollAt('2023-02-14T11:00:00Z', probesWith()),
      ],
      'eu',
      2 * 60_000,
    ),
  /** One failing poll, not confirmed yet. */
  confirming: () =>
    replaySnapshots([pollAt('2023-02-14T09:40:00Z', probesWith()), pollAt('2023-02-14T09:42:00Z', feb14Outage())]),
  /** An outage, then one healthy poll: the recovery is being confirmed. */
  recovering: () =>
    replaySnapshots([
      pollAt('2023-02-14T09:42:00Z', feb14Outage()),
      pollAt('2023-02-14T09:42:30Z', feb14Outage()),
      pollAt('2023-02-14T10:53:00Z', probesWith()),
    ]),
  /** The outage of 09:42, over at 10:53 (the first healthy poll of the streak that ended it). */
  recovered: () =>
    replaySnapshots([
      pollAt('2023-02-14T09:30:00Z', probesWith()),
      pollAt('2023-02-14T09:42:00Z', feb14Outage()),
      pollAt('2023-02-14T09:42:30Z', feb14Outage()),
      pollAt('2023-02-14T10:53:00Z', probesWith()),
      pollAt('2023-02-14T10:55:00Z', probesWith()),
    ]),
  /** An outage, then the user's own network went: the last poll reached nothing. */
  offlineDuringOutage: () =>
    replaySnapshots([
      pollAt('2023-02-14T09:42:00Z', feb14Outage()),
      pollAt('2023-02-14T09:42:30Z', feb14Outage()),
      pollAt('2023-02-14T10:53:00Z', feb14Outage()),
      pollAt('2023-02-14T10:55:00Z', everyProbe(failed), false),
    ]),
  /** The outage of 09:42, over at 10:00, then the account website alone down from 10:30: a partial relapse. */
  partialRelapse: () =>
    replaySnapshots(
      [
        pollAt('2023-02-14T09:42:00Z', feb14Outage()),
        pollAt('2023-02-14T09:42:30Z', feb14Outage()),
        pollAt('2023-02-14T10:00:00Z', probesWith()),
        pollAt('2023-02-14T10:02:00Z', probesWith()),
        pollAt('2023-02-14T10:30:00Z', probesWith(website502)),
        pollAt('2023-02-14T10:30:30Z', probesWith(website502)),
      ],
      'eu',
      2 * 60_000,
    ),
  /** The Feb 14 outage seen from Europe, with China's hosts timing out from here. */
  chinaSilent: () =>
    replaySnapshots([
      pollAt('2023-02-14T09:42:00Z', {
        ...feb14Outage(),
        'owner-api-cn': timedOut,
        'fleet-api-cn': timedOut,
        'sign-in-cn': timedOut,
      }),
      pollAt('2023-02-14T09:42:30Z', {
        ...feb14Outage(),
        'owner-api-cn': timedOut,
        'fleet-api-cn': timedOut,
        'sign-in-cn': timedOut,
      }),
    ]),
};
