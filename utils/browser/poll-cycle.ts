import { browser } from 'wxt/browser';
import { carriedFrom, derive, snapshotAfterPoll } from '../engine/derive/derive';
import { appendPoll, type PollEvidence } from '../engine/evidence/log';
import { storedLogBytes } from '../engine/evidence/stored-log';
import { decideNotification, type PendingNotification } from '../engine/notifications';
import { calledForSecondWave, pollCadence } from '../engine/poll-cadence';
import { PROBES } from '../engine/probes';
import { resolveRegion } from '../engine/region-guess';
import { runProbes } from '../engine/run-probe';
import { CONFIRM_ALARM, planAfterPoll } from '../engine/scheduler';
import { watchedProbes, type Settings } from '../engine/settings';
import { openIncident, type Snapshot } from '../engine/snapshot';
import { evidenceLogItem, savePoll } from './evidence-storage';
import type { Notifier } from './notifier';
import { settingsItem, snapshotItem } from './storage';
import type { WorkerDeps, WorkerState } from './worker-state';

/**
 * The poll cycle: ask the hosts due, add what they answered to the evidence log, derive what is
 * shown, store the two with the notification it makes due, then badge and notify. Also the other
 * writers of the snapshot: a derivation under new settings, and a reset of the history.
 */
export function createPollCycle(deps: WorkerDeps, state: WorkerState, notifier: Notifier) {
  let inflight: Promise<Snapshot> | null = null;
  let followUp: Promise<Snapshot> | null = null;

  /** The probes due now, asked; a second wave when the first saw trouble. */
  async function observe(
    before: Snapshot | null,
    settings: Settings,
    region: PollEvidence['vantage']['region'],
    at: number,
  ) {
    // The car's own checks every poll, the others at rest while all is well, and all of them as soon
    // as one answers with trouble; never a host that asked to wait (pollCadence).
    const { first, onTrouble } = pollCadence(before, watchedProbes(settings, PROBES), region, settings.pollMinutes, at);
    let observed = await runProbes(first, deps.fetch, at);
    if (onTrouble.length > 0 && calledForSecondWave(observed))
      observed = { ...observed, ...(await runProbes(onTrouble, deps.fetch, at)) };
    return { asked: first.length, observed };
  }

  /** One write of the log, the snapshot and the notification it makes due; in memory if storage refuses. */
  function record(poll: PollEvidence, settings: Settings): Promise<{ next: Snapshot; transition: boolean }> {
    return state.serialized(async () => {
      const [storedSnapshot, storedLog] = await Promise.all([snapshotItem.getValue(), evidenceLogItem.getValue()]);
      const previous = state.unsaved?.snapshot ?? storedSnapshot;
      const log = appendPoll(state.unsaved?.log ?? storedLog, poll, storedLogBytes);
      const next = snapshotAfterPoll(previous, log, settings);
      const decision = decideNotification(previous, next);
      const pending: PendingNotification | null =
        decision && decision.delivery !== 'never' && settings.notifications
          ? { kind: decision.kind, incidentId: decision.incident.id, at: poll.at }
          : null;
      // A worker stopped before the write leaves the last poll whole, and one stopped after it still
      // owes the notification.
      try {
        await savePoll(log, next, pending);
        state.unsaved = null;
      } catch (error) {
        console.error('[tesla-status] the poll could not be saved', error);
        state.unsaved = { snapshot: next, log, pending };
      }
      return { next, transition: decision !== null };
    });
  }

  async function pollOnce(): Promise<Snapshot> {
    const settings = await settingsItem.getValue();
    const at = deps.now();
    const region = resolveRegion(settings, deps.timeZone());
    const browserOnline = deps.browserOnline();
    const before = state.unsaved?.snapshot ?? (await snapshotItem.getValue());
    const { asked, observed } = browserOnline
      ? await observe(before, settings, region, at)
      : { asked: -1, observed: {} };
    // Every host asked to wait: a poll that asks nothing saw nothing, and is not one (it would read as
    // "offline"). What is known stands; the schedule holds the next poll until the first may be asked.
    if (asked === 0 && before) {
      await state.showBadge(before, settings);
      return before;
    }
    const { next, transition } = await record(
      {
        at,
        vantage: { kind: 'here', region },
        browserOnline,
        results: observed,
        watching: { services: settings.services, pollMinutes: settings.pollMinutes },
      },
      settings,
    );
    const { confirmAt } = planAfterPoll(next, settings.pollMinutes, at);
    if (confirmAt !== null) await browser.alarms.create(CONFIRM_ALARM, { when: confirmAt });
    else await browser.alarms.clear(CONFIRM_ALARM);
    await state.showBadge(next, settings);
    if (transition) await notifier.clearShown();
    await notifier.deliverPending(settings);
    return next;
  }

  /** Single flight: an alarm, a start-up and a "check now" arriving together share one poll. */
  function poll(): Promise<Snapshot> {
    inflight ??= pollOnce().finally(() => {
      inflight = null;
    });
    return inflight;
  }

  return {
    poll,

    /**
     * A poll that starts after now: a settings change during a poll must not join a poll made with
     * the old settings. Several changes during one poll share one follow-up.
     */
    pollAfresh(): Promise<Snapshot> {
      if (!inflight) return poll();
      followUp ??= inflight
        .catch(() => undefined)
        .then(() => {
          followUp = null;
          return poll();
        });
      return followUp;
    },

    /**
     * The snapshot derived again from the evidence log under these settings. A derivation is no
     * poll: it announces nothing, and the notification owed, if any, is judged against it when due.
     */
    deriveAgain(settings: Settings): Promise<void> {
      return state.serialized(async () => {
        const [storedSnapshot, storedLog] = await Promise.all([snapshotItem.getValue(), evidenceLogItem.getValue()]);
        const previous = state.unsaved?.snapshot ?? storedSnapshot;
        const log = state.unsaved?.log ?? storedLog;
        const next = derive(log, carriedFrom(previous, log), settings, resolveRegion(settings, deps.timeZone()));
        if (!next) return;
        try {
          await snapshotItem.setValue(next);
          if (state.unsaved) state.unsaved = { ...state.unsaved, snapshot: next };
        } catch (error) {
          console.error('[tesla-status] the derived state could not be saved', error);
          state.unsaved = { snapshot: next, log, pending: state.unsaved?.pending ?? null };
        }
        await state.showBadge(next, settings);
      });
    },

    /** Forgets past incidents and the timeline; the current state and an open incident stay. */
    resetHistory(): Promise<Snapshot | null> {
      return state.serialized(async () => {
        const snapshot = await snapshotItem.getValue();
        if (!snapshot) return null;
        const open = openIncident(snapshot);
        // Remembered, so that a derivation from the log does not bring the history back.
        const next: Snapshot = { ...snapshot, incidents: open ? [open] : [], samples: [], clearedAt: deps.now() };
        await snapshotItem.setValue(next);
        return next;
      });
    },
  };
}

export type PollCycle = ReturnType<typeof createPollCycle>;
