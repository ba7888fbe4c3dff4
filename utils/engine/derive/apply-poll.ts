import type { PollEvidence } from '../evidence/log';
import { DEFAULT_TRACKER_CONFIG, isOffline, reduceSnapshot } from '../outage-tracker';
import { PROBES } from '../probes';
import { type Settings, watchedProbes } from '../settings';
import { emptySnapshot, type Snapshot } from '../snapshot';
import { keepThrottledAnswers } from '../throttled-answers';
import { MAX_REST_MS } from '../poll-cadence';
import { probeHolds } from '../scheduler';
import { MINUTE } from '../time';

/**
 * The snapshot after one more poll of the evidence log, under these settings: the one step the
 * worker takes after each poll, and that `replayLog` takes for each poll of a report. (The evidence
 * engine of issue 24 replaces this fold by a derivation over the whole log.)
 */
export function applyPoll(previous: Snapshot | null, poll: PollEvidence, settings: Settings, again = false): Snapshot {
  const { at, vantage, browserOnline, results: observed } = poll;
  const watched = watchedProbes(settings, PROBES);
  const results = {
    ...standingAnswers(
      previous,
      watched.map((probe) => probe.id),
      poll,
      settings.pollMinutes,
    ),
    ...keepThrottledAnswers(previous?.probes, previous?.checkedAt ?? null, observed, at),
  };
  // Only what was observed in this poll says whether the user is online: a reused answer never does.
  const online = !isOffline(observed, browserOnline);
  return reduceSnapshot(
    previous ?? emptySnapshot(vantage.region),
    { at, online, probes: results, ...(again && { again: true as const }) },
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
 * while all is well: `pollCadence`): each last answer stands, with the time Tesla gave it, while it
 * is no older than a resting probe's answer can be (or its host still asks to wait). An older one
 * (a check nobody asked while it was not watched) stands for nothing. Nothing stands in for a poll
 * the browser made offline: it asked nothing.
 */
function standingAnswers(
  previous: Snapshot | null,
  watched: readonly string[],
  poll: PollEvidence,
  pollMinutes: number,
): Snapshot['probes'] {
  if (!previous || !poll.browserOnline) return {};
  const holds = probeHolds(previous, poll.at);
  const oldest = poll.at - MAX_REST_MS - 2 * pollMinutes * MINUTE;
  return Object.fromEntries(
    watched.flatMap((id) => {
      const before = previous.probes[id];
      if (id in poll.results || !before) return [];
      const observedAt = before.observedAt ?? previous.checkedAt ?? poll.at;
      if (observedAt < oldest && !(id in holds)) return [];
      return [[id, { ...before, observedAt }]];
    }),
  );
}

/** The settings a poll was judged under: its own, or, in a log of an earlier version, these. */
export function settingsOf(poll: PollEvidence, settings: Settings): Settings {
  return poll.watching ? { ...settings, ...poll.watching } : settings;
}

/** Every poll of a log with the snapshot it left, from an empty start. */
export function replayLog(
  log: readonly PollEvidence[],
  settings: Settings,
): { poll: PollEvidence; snapshot: Snapshot }[] {
  let snapshot: Snapshot | null = null;
  return log.map((poll) => {
    // Each poll under the settings it was made with (an earlier version's log: these).
    snapshot = applyPoll(snapshot, poll, settingsOf(poll, settings));
    return { poll, snapshot };
  });
}
