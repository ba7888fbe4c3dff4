import type { PollEvidence } from '../evidence/log';
import { DEFAULT_TRACKER_CONFIG, isOffline, reduceSnapshot } from '../outage-tracker';
import { PROBES } from '../probes';
import { type Settings, watchedProbes } from '../settings';
import { emptySnapshot, type Snapshot } from '../snapshot';
import { keepThrottledAnswers } from '../throttled-answers';

/**
 * The snapshot after one more poll of the evidence log, under these settings: the one step the
 * worker takes after each poll, and that `replayLog` takes for each poll of a report. (The evidence
 * engine of issue 24 replaces this fold by a derivation over the whole log.)
 */
export function applyPoll(previous: Snapshot | null, poll: PollEvidence, settings: Settings): Snapshot {
  const { at, vantage, browserOnline, results: observed } = poll;
  const watched = watchedProbes(settings, PROBES);
  const results = {
    ...standingAnswers(
      previous,
      watched.map((probe) => probe.id),
      poll,
    ),
    ...keepThrottledAnswers(previous?.probes, previous?.checkedAt ?? null, observed, at),
  };
  // Only what was observed in this poll says whether the user is online: a reused answer never does.
  const online = !isOffline(observed, browserOnline);
  return reduceSnapshot(
    previous ?? emptySnapshot(vantage.region),
    { at, online, probes: results },
    {
      ...DEFAULT_TRACKER_CONFIG,
      region: vantage.region,
      probes: watched,
      pollMinutes: settings.pollMinutes,
    },
  );
}

/**
 * The answers of watched probes this poll did not ask (a host that asked to wait, or one resting
 * while all is well: `pollCadence`): each last answer stands, with the time Tesla gave it. Nothing
 * stands in for a poll the browser made offline: it asked nothing.
 */
function standingAnswers(
  previous: Snapshot | null,
  watched: readonly string[],
  poll: PollEvidence,
): Snapshot['probes'] {
  if (!previous || !poll.browserOnline) return {};
  return Object.fromEntries(
    watched.flatMap((id) => {
      const before = previous.probes[id];
      if (id in poll.results || !before) return [];
      return [[id, { ...before, observedAt: before.observedAt ?? previous.checkedAt ?? poll.at }]];
    }),
  );
}

/** Every poll of a log with the snapshot it left, from an empty start. */
export function replayLog(
  log: readonly PollEvidence[],
  settings: Settings,
): { poll: PollEvidence; snapshot: Snapshot }[] {
  let snapshot: Snapshot | null = null;
  return log.map((poll) => {
    snapshot = applyPoll(snapshot, poll, settings);
    return { poll, snapshot };
  });
}
