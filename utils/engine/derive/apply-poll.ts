import type { PollEvidence } from '../evidence/log';
import { DEFAULT_TRACKER_CONFIG, isOffline, reduceSnapshot } from '../outage-tracker';
import { PROBES } from '../probes';
import { probeHolds } from '../scheduler';
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
    ...heldAnswers(
      previous,
      watched.map((probe) => probe.id),
      observed,
      at,
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
 * The probes a poll did not ask because their host asked to wait (`probesToAsk`): their last answer
 * stands, with the time Tesla gave it, until the wait is over.
 */
function heldAnswers(
  previous: Snapshot | null,
  watched: readonly string[],
  observed: Snapshot['probes'],
  at: number,
): Snapshot['probes'] {
  if (!previous) return {};
  const holds = probeHolds(previous, at);
  return Object.fromEntries(
    watched.flatMap((id) => {
      const before = previous.probes[id];
      if (!(id in holds) || id in observed || !before) return [];
      return [[id, { ...before, observedAt: before.observedAt ?? previous.checkedAt ?? at }]];
    }),
  );
}

/** The watched probes a poll at `at` asks: all but those whose host asked to wait. */
export function probesToAsk<P extends { id: string }>(
  previous: Snapshot | null,
  watched: readonly P[],
  at: number,
): P[] {
  const holds = previous ? probeHolds(previous, at) : {};
  return watched.filter((probe) => !(probe.id in holds));
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
