import type { PollResult } from '../../utils/engine/outage-tracker';
import { PROBES } from '../../utils/engine/probes';
import type { ProbeResult } from '../../utils/engine/snapshot';

/** Probe results as `classifyResponse` gives them: the facts, and the reason shown. */
export const healthy: ProbeResult = {
  state: 'up',
  reason: { key: 'reasonAnswered' },
  status: 401,
  healthyShape: true,
  latencyMs: 120,
};
export const maintenance: ProbeResult = {
  state: 'down',
  reason: { key: 'reasonMaintenance' },
  cause: 'maintenance',
  status: 503,
  latencyMs: 90,
};
export const slow: ProbeResult = {
  state: 'degraded',
  reason: { key: 'reasonSlow', values: ['5.2'] },
  status: 401,
  healthyShape: true,
  slow: true,
  latencyMs: 5200,
};
export const timedOut: ProbeResult = {
  state: 'unreachable',
  reason: { key: 'reasonTimeout', values: ['8'] },
  cause: 'timeout',
  latencyMs: 8000,
};
export const failed: ProbeResult = {
  state: 'unreachable',
  reason: { key: 'reasonConnectionFailed' },
  cause: 'network',
  latencyMs: 10,
};

/** Every probe healthy, except those named. */
export function probesWith(overrides: Record<string, ProbeResult> = {}): Record<string, ProbeResult> {
  return Object.fromEntries(PROBES.map((probe) => [probe.id, overrides[probe.id] ?? healthy]));
}

/** The worldwide API hosts failing as on 14 February 2023; China, sign-in and the website answering. */
export function feb14Outage(): Record<string, ProbeResult> {
  return probesWith({ 'owner-api': maintenance, 'fleet-api-na': maintenance, 'fleet-api-eu': maintenance });
}

export function everyProbe(result: ProbeResult): Record<string, ProbeResult> {
  return Object.fromEntries(PROBES.map((probe) => [probe.id, result]));
}

export function pollAt(iso: string, probes: Record<string, ProbeResult>, online = true): PollResult {
  return { at: Date.parse(iso), online, probes };
}

/**
 * The polls a browser that stayed awake would have made between these key moments: never more than
 * `everyMs` apart (the worker's backoff never waits longer than 10 minutes), each seeing what the key
 * poll before it saw. A replay written as a few moments of a day thus stays a day watched without a
 * break; one that means a gap (sleep) does not use this. Returns the polls, and where the key ones are.
 */
export function awake(keyPolls: readonly PollResult[], everyMs = 10 * 60_000): { polls: PollResult[]; keys: number[] } {
  const polls: PollResult[] = [];
  const keys: number[] = [];
  keyPolls.forEach((poll, i) => {
    const before = keyPolls[i - 1];
    if (before) for (let at = before.at + everyMs; at < poll.at; at += everyMs) polls.push({ ...before, at });
    keys.push(polls.length);
    polls.push(poll);
  });
  return { polls, keys };
}

/** Installed at 10:34 during the outage, Tesla back at 11:14: the key polls (`awake` fills them in). */
export function installedDuringOutageThenBack(): PollResult[] {
  return [
    pollAt('2023-02-14T10:34:00Z', feb14Outage()),
    pollAt('2023-02-14T10:34:30Z', feb14Outage()),
    pollAt('2023-02-14T11:14:00Z', probesWith()),
    pollAt('2023-02-14T11:14:30Z', probesWith()),
  ];
}

/** Installed at 10:00 during the outage, back at 10:20, down again at 10:30, as on 14 February. */
export function installedDuringOutageThenRelapse(): PollResult[] {
  return [
    pollAt('2023-02-14T10:00:00Z', feb14Outage()),
    pollAt('2023-02-14T10:00:30Z', feb14Outage()),
    pollAt('2023-02-14T10:20:00Z', probesWith()),
    pollAt('2023-02-14T10:20:30Z', probesWith()),
    pollAt('2023-02-14T10:30:00Z', feb14Outage()),
    pollAt('2023-02-14T10:30:30Z', feb14Outage()),
  ];
}
