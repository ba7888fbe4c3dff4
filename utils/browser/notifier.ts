import { browser } from 'wxt/browser';
import { notificationContent, stillTrue, underCap, type PendingNotification } from '../engine/notifications';
import type { Settings } from '../engine/settings';
import type { Snapshot } from '../engine/snapshot';
import { logNotification, notificationLogItem, pendingNotificationItem, snapshotItem } from './storage';
import type { WorkerDeps, WorkerState } from './worker-state';

export const NOTIFICATION_ID = 'tesla-status';

/** Shows the notification a poll made due, when it may and while it is still true. */
export function createNotifier(deps: WorkerDeps, state: WorkerState) {
  /** The notification owed and the state it is judged by: from memory while storage refuses writes. */
  async function pendingToDeliver(): Promise<{ pending: PendingNotification | null; snapshot: Snapshot | null }> {
    if (state.unsaved) return state.unsaved;
    const [pending, snapshot] = await Promise.all([pendingNotificationItem.getValue(), snapshotItem.getValue()]);
    return { pending, snapshot };
  }

  async function forgetPending(): Promise<void> {
    if (state.unsaved) state.unsaved.pending = null;
    else await pendingNotificationItem.remove();
  }

  return {
    /**
     * Shows the pending notification when the hourly cap allows and it still tells the truth, then
     * forgets it. It stays stored until then, so a failure here (or a worker stopped) retries it on the
     * next start, poll or alarm.
     */
    deliverPending(settings: Settings): Promise<void> {
      // In the writers' queue, judged against the snapshot read there: a poll storing a newer snapshot
      // and pending notification meanwhile is neither erased nor judged by an older state.
      return state.serialized(async () => {
        const { pending, snapshot } = await pendingToDeliver();
        if (!pending) return;
        const now = deps.now();
        const incident = snapshot && settings.notifications ? stillTrue(pending, snapshot, now) : null;
        if (incident && snapshot) {
          if (!underCap(await notificationLogItem.getValue(), now)) return;
          const content = notificationContent({ kind: pending.kind, incident }, snapshot, deps.t, deps.locale, now);
          await browser.notifications.create(NOTIFICATION_ID, {
            type: 'basic',
            iconUrl: browser.runtime.getURL('/icon/128.png'),
            title: content.title,
            message: content.message,
          });
          // A log that cannot be written (storage refusing writes) must not show the same one again.
          await logNotification(now).catch(() => undefined);
        }
        await forgetPending();
      });
    },

    /** A confirmed transition takes the old notification off the screen; the new one, if any, follows. */
    clearShown(): Promise<unknown> {
      return browser.notifications.clear(NOTIFICATION_ID);
    },
  };
}

export type Notifier = ReturnType<typeof createNotifier>;
