import { browser } from 'wxt/browser';
import { CONFIRM_ALARM, POLL_ALARM, isPollDue, jitterMs } from '../engine/scheduler';
import type { Settings } from '../engine/settings';
import type { Notifier } from './notifier';
import type { PollCycle } from './poll-cycle';
import { settingsItem, snapshotItem } from './storage';
import type { WorkerDeps, WorkerState } from './worker-state';

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Cheap enough to call on every wake and message: one `alarms.get`, a create only when needed. */
export async function ensureSchedule(settings: Settings): Promise<void> {
  const alarm = await browser.alarms.get(POLL_ALARM);
  if (alarm?.periodInMinutes === settings.pollMinutes) return;
  await browser.alarms.create(POLL_ALARM, {
    periodInMinutes: settings.pollMinutes,
    delayInMinutes: settings.pollMinutes,
  });
}

/** The periodic alarm polls when one is due; the confirmation alarm always does. */
export function createAlarmHandler(deps: WorkerDeps, state: WorkerState, notifier: Notifier, cycle: PollCycle) {
  const sleep = deps.sleep ?? defaultSleep;
  return async function handleAlarm(name: string): Promise<void> {
    if (name === CONFIRM_ALARM) {
      await cycle.poll();
      return;
    }
    if (name !== POLL_ALARM) return;
    const [settings, snapshot] = await Promise.all([settingsItem.getValue(), snapshotItem.getValue()]);
    // The periodic alarm also refreshes the badge's "last checked" age when a poll is skipped.
    if (!isPollDue(snapshot, settings.pollMinutes, deps.now())) {
      await state.showBadge(snapshot, settings);
      await notifier.deliverPending(settings);
      return;
    }
    await sleep(jitterMs(deps.random));
    await cycle.poll();
  };
}
