import { browser } from 'wxt/browser';
import type { PollEvidence } from '../engine/evidence/log';
import { encodeLog, parseLog } from '../engine/evidence/stored-log';
import type { PendingNotification } from '../engine/notifications';
import type { Snapshot } from '../engine/snapshot';
import { defineItem, pendingNotificationItem, snapshotItem } from './storage';

// Apart from the other items: only the worker and the report read the log, and its codec stays out
// of the popup's and the banner's first load.

/** What each poll saw (utils/engine/evidence/): stored compactly, read back poll by poll. */
export const evidenceLogItem = /* @__PURE__ */ defineItem<readonly PollEvidence[], PollEvidence[]>(
  'evidence',
  parseLog,
  encodeLog,
);
/**
 * What a poll leaves behind, in one write: the evidence log with the poll, the snapshot, and the
 * notification it makes due. A worker stopped right after it still has the notification to show on
 * its next start; one stopped before it leaves the last poll's whole.
 */
export function savePoll(
  log: readonly PollEvidence[],
  snapshot: Snapshot,
  pending: PendingNotification | null,
): Promise<void> {
  return browser.storage.local.set({
    [evidenceLogItem.key]: encodeLog(log),
    [snapshotItem.key]: snapshot,
    ...(pending && { [pendingNotificationItem.key]: pending }),
  });
}
