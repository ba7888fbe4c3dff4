import { applyBadge } from './action';
import { badgeFor } from '../engine/badge';
import type { PollEvidence } from '../engine/evidence/log';
import type { Translate } from '../engine/messages';
import type { Fetch } from '../engine/run-probe';
import type { PendingNotification } from '../engine/notifications';
import type { Settings } from '../engine/settings';
import type { Snapshot } from '../engine/snapshot';

/** The worker's I/O, injected: the entry point passes the browser's, tests a fake Tesla and clock. */
export interface WorkerDeps {
  fetch: Fetch;
  now: () => number;
  /** The browser's own idea of connectivity (`navigator.onLine`). */
  browserOnline: () => boolean;
  timeZone: () => string | undefined;
  t: Translate;
  locale: string;
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/** The last poll that storage refused (quota, a damaged profile), kept in memory instead. */
export interface Unsaved {
  snapshot: Snapshot;
  log: PollEvidence[];
  pending: PendingNotification | null;
}

/**
 * What the worker's parts share while it runs: the queue every writer of the snapshot goes through,
 * and the poll that storage refused. Nothing else lives in memory: a Manifest V3 worker may be
 * stopped at any moment, so every decision reads the stored snapshot.
 */
export interface WorkerState {
  /**
   * The last poll that storage refused: the badge and the next poll go on from it, and the badge says
   * the history is not being saved. Lost if the worker stops: best effort.
   */
  unsaved: Unsaved | null;
  /**
   * Runs a writer of the snapshot (a poll's write, a derivation, a history reset) after the others,
   * one at a time; it reads the snapshot inside, so none writes back what another just replaced.
   */
  serialized<T>(task: () => Promise<T>): Promise<T>;
  /** The toolbar badge for this snapshot, or for the poll in memory while storage refuses it. */
  showBadge(snapshot: Snapshot | null, settings: Settings): Promise<void>;
}

export function createWorkerState(deps: WorkerDeps): WorkerState {
  let writes: Promise<unknown> = Promise.resolve();
  const state: WorkerState = {
    unsaved: null,
    serialized<T>(task: () => Promise<T>): Promise<T> {
      const run = writes.then(task, task);
      writes = run.catch(() => undefined);
      return run;
    },
    async showBadge(snapshot, settings) {
      await applyBadge(
        badgeFor(state.unsaved?.snapshot ?? snapshot, {
          t: deps.t,
          locale: deps.locale,
          now: deps.now(),
          pollMinutes: settings.pollMinutes,
          services: settings.services,
          unsaved: state.unsaved !== null,
        }),
      );
    },
  };
  return state;
}
