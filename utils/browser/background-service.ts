import { isOverdue, isPollDue } from '../engine/scheduler';
import { createAlarmHandler, ensureSchedule } from './alarms';
import { createMessageHandler } from './message-handlers';
import { createNotifier } from './notifier';
import { createPollCycle } from './poll-cycle';
import { settingsItem, snapshotItem } from './storage';
import { createWorkerState, type WorkerDeps } from './worker-state';

export type { MessageSender } from './message-handlers';
export { NOTIFICATION_ID } from './notifier';
export type BackgroundDeps = WorkerDeps;

/**
 * The worker's behaviour, as plain functions over injected I/O; the entry point only wires browser
 * events to these. Its parts: the poll cycle, the notifier, the alarms and a table of message
 * handlers, over one state shared while the worker runs (the writers' queue, a poll storage refused).
 */
export function createBackground(deps: BackgroundDeps) {
  const state = createWorkerState(deps);
  const notifier = createNotifier(deps, state);
  const cycle = createPollCycle(deps, state, notifier);

  return {
    poll: cycle.poll,

    /** Every time the worker starts: the stored badge first, before any network, then heal the schedule. */
    async start(): Promise<void> {
      const [settings, snapshot] = await Promise.all([settingsItem.getValue(), snapshotItem.getValue()]);
      await state.showBadge(snapshot, settings);
      await ensureSchedule(settings);
      await notifier.deliverPending(settings);
      if (isOverdue(snapshot, settings.pollMinutes, deps.now())) await cycle.poll();
    },

    handleAlarm: createAlarmHandler(deps, state, notifier, cycle),

    handleMessage: createMessageHandler(deps, cycle),

    /**
     * What is shown is derived again from the log under the new settings, before any new poll: a
     * setting needs no rule of its own, and settings A → B → A give back A. Then a fresh poll.
     */
    async handleSettingsChanged(): Promise<void> {
      const settings = await settingsItem.getValue();
      await ensureSchedule(settings);
      await cycle.deriveAgain(settings);
      await cycle.pollAfresh();
    },

    /** The network came back: check at once, unless Tesla asked to wait (Retry-After, backoff). */
    async handleOnline(): Promise<void> {
      const [settings, snapshot] = await Promise.all([settingsItem.getValue(), snapshotItem.getValue()]);
      if (isPollDue(snapshot, settings.pollMinutes, deps.now())) await cycle.poll();
    },
  };
}
