import { browser } from 'wxt/browser';
import { applyBadge } from './action';
import { badgeFor } from '../engine/badge';
import { carriedFrom, derive, snapshotAfterPoll } from '../engine/derive/derive';
import { calledForSecondWave, pollCadence } from '../engine/poll-cadence';
import { appendPoll, type PollEvidence } from '../engine/evidence/log';
import { storedLogBytes } from '../engine/evidence/stored-log';
import type { Translate } from '../engine/messages';
import {
  decideNotification,
  notificationContent,
  stillTrue,
  underCap,
  type PendingNotification,
} from '../engine/notifications';
import { PROBES } from '../engine/probes';
import { parseRequest, type Reply } from '../engine/protocol';
import { runProbes, type Fetch } from '../engine/run-probe';
import { CONFIRM_ALARM, POLL_ALARM, isOverdue, isPollDue, jitterMs, planAfterPoll } from '../engine/scheduler';
import { resolveRegion } from '../engine/region-guess';
import { watchedProbes, type Settings } from '../engine/settings';
import { openIncident, type Snapshot } from '../engine/snapshot';
import { logNotification, notificationLogItem, pendingNotificationItem, settingsItem, snapshotItem } from './storage';
import { evidenceLogItem, savePoll } from './evidence-storage';

export interface BackgroundDeps {
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

/** Who sent a message, as `runtime.onMessage` tells it. */
export interface MessageSender {
  id?: string;
  url?: string;
}

export const NOTIFICATION_ID = 'tesla-status';

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The worker's behaviour, as plain functions over injected I/O. The entry point only wires browser
 * events to these. Nothing that matters lives in memory: a Manifest V3 worker may be stopped at any
 * moment, so every decision reads the stored snapshot.
 */
export function createBackground(deps: BackgroundDeps) {
  const sleep = deps.sleep ?? defaultSleep;
  let inflight: Promise<Snapshot> | null = null;
  let followUp: Promise<Snapshot> | null = null;
  // Every writer of the snapshot (a poll's write, a history reset) runs in this queue, one at a time,
  // and reads the snapshot inside it: none can write back what another just replaced.
  let writes: Promise<unknown> = Promise.resolve();
  // The last poll that storage refused (quota, a damaged profile): the badge and the next poll go on
  // from it, and the badge says the history is not being saved. Lost if the worker stops: best effort.
  let unsaved: { snapshot: Snapshot; log: PollEvidence[]; pending: PendingNotification | null } | null = null;
  function serialized<T>(task: () => Promise<T>): Promise<T> {
    const run = writes.then(task, task);
    writes = run.catch(() => undefined);
    return run;
  }

  async function showBadge(snapshot: Snapshot | null, settings: Settings): Promise<void> {
    await applyBadge(
      badgeFor(unsaved?.snapshot ?? snapshot, {
        t: deps.t,
        locale: deps.locale,
        now: deps.now(),
        pollMinutes: settings.pollMinutes,
        services: settings.services,
        unsaved: unsaved !== null,
      }),
    );
  }

  /** Cheap enough to call on every wake and message: one `alarms.get`, a create only when needed. */
  async function ensureSchedule(settings: Settings): Promise<void> {
    const alarm = await browser.alarms.get(POLL_ALARM);
    if (alarm?.periodInMinutes === settings.pollMinutes) return;
    await browser.alarms.create(POLL_ALARM, {
      periodInMinutes: settings.pollMinutes,
      delayInMinutes: settings.pollMinutes,
    });
  }

  /**
   * Shows the pending notification when the hourly cap allows and it still tells the truth, then
   * forgets it. It stays stored until then, so a failure here (or a worker stopped) retries it on the
   * next start, poll or alarm.
   */
  function deliverPending(settings: Settings): Promise<void> {
    // In the writers' queue, judged against the snapshot read there: a poll storing a newer snapshot
    // and pending notification meanwhile is neither erased nor judged by an older state.
    return serialized(async () => {
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
  }

  /** The notification owed and the state it is judged by: from memory while storage refuses writes. */
  async function pendingToDeliver(): Promise<{ pending: PendingNotification | null; snapshot: Snapshot | null }> {
    if (unsaved) return unsaved;
    const [pending, snapshot] = await Promise.all([pendingNotificationItem.getValue(), snapshotItem.getValue()]);
    return { pending, snapshot };
  }

  async function forgetPending(): Promise<void> {
    if (unsaved) unsaved.pending = null;
    else await pendingNotificationItem.remove();
  }

  async function pollOnce(): Promise<Snapshot> {
    const settings = await settingsItem.getValue();
    const at = deps.now();
    const region = resolveRegion(settings, deps.timeZone());
    const browserOnline = deps.browserOnline();
    // The car's own checks every poll, the others at rest while all is well, and all of them as soon
    // as one answers with trouble; never a host that asked to wait (pollCadence).
    const before = unsaved?.snapshot ?? (await snapshotItem.getValue());
    const { first, onTrouble } = pollCadence(before, watchedProbes(settings, PROBES), region, settings.pollMinutes, at);
    // Every host asked to wait: a poll that asks nothing saw nothing, and is not one (it would read as
    // "offline"). What is known stands; the schedule holds the next poll until the first may be asked.
    if (browserOnline && first.length === 0 && before) {
      await showBadge(before, settings);
      return before;
    }
    let observed = browserOnline ? await runProbes(first, deps.fetch, at) : {};
    if (browserOnline && onTrouble.length > 0 && calledForSecondWave(observed))
      observed = { ...observed, ...(await runProbes(onTrouble, deps.fetch, at)) };

    const { next, transition } = await serialized(async () => {
      const [storedSnapshot, storedLog] = await Promise.all([snapshotItem.getValue(), evidenceLogItem.getValue()]);
      const previous = unsaved?.snapshot ?? storedSnapshot;
      const poll: PollEvidence = {
        at,
        vantage: { kind: 'here', region },
        browserOnline,
        results: observed,
        watching: { services: settings.services, pollMinutes: settings.pollMinutes },
      };
      const log = appendPoll(unsaved?.log ?? storedLog, poll, storedLogBytes);
      const next = snapshotAfterPoll(previous, log, settings);
      const decision = decideNotification(previous, next);
      const pending: PendingNotification | null =
        decision && decision.delivery !== 'never' && settings.notifications
          ? { kind: decision.kind, incidentId: decision.incident.id, at }
          : null;
      // One write of the log, the snapshot and the notification it makes due: a worker stopped before
      // it leaves the last poll whole, and one stopped after it still owes the notification.
      try {
        await savePoll(log, next, pending);
        unsaved = null;
      } catch (error) {
        console.error('[tesla-status] the poll could not be saved', error);
        unsaved = { snapshot: next, log, pending };
      }
      return { next, transition: decision !== null };
    });

    const { confirmAt } = planAfterPoll(next, settings.pollMinutes, at);
    if (confirmAt !== null) await browser.alarms.create(CONFIRM_ALARM, { when: confirmAt });
    else await browser.alarms.clear(CONFIRM_ALARM);
    await showBadge(next, settings);
    // Every confirmed transition takes the old notification off the screen; the new one, if any, follows.
    if (transition) await browser.notifications.clear(NOTIFICATION_ID);
    await deliverPending(settings);
    return next;
  }

  /**
   * The snapshot derived again from the evidence log under these settings. A derivation is no
   * poll: it announces nothing, and the notification owed, if any, is judged against it when due.
   */
  function deriveAgain(settings: Settings): Promise<void> {
    return serialized(async () => {
      const [storedSnapshot, storedLog] = await Promise.all([snapshotItem.getValue(), evidenceLogItem.getValue()]);
      const previous = unsaved?.snapshot ?? storedSnapshot;
      const log = unsaved?.log ?? storedLog;
      const next = derive(log, carriedFrom(previous, log), settings, resolveRegion(settings, deps.timeZone()));
      if (!next) return;
      try {
        await snapshotItem.setValue(next);
        if (unsaved) unsaved = { ...unsaved, snapshot: next };
      } catch (error) {
        console.error('[tesla-status] the derived state could not be saved', error);
        unsaved = { snapshot: next, log, pending: unsaved?.pending ?? null };
      }
      await showBadge(next, settings);
    });
  }

  /** Forgets past incidents and the timeline; the current state and an open incident stay. */
  function resetHistory(): Promise<Snapshot | null> {
    return serialized(async () => {
      const snapshot = await snapshotItem.getValue();
      if (!snapshot) return null;
      const open = openIncident(snapshot);
      // Remembered, so that a derivation from the log does not bring the history back.
      const next: Snapshot = { ...snapshot, incidents: open ? [open] : [], samples: [], clearedAt: deps.now() };
      await snapshotItem.setValue(next);
      return next;
    });
  }

  /** Single flight: an alarm, a start-up and a "check now" arriving together share one poll. */
  function poll(): Promise<Snapshot> {
    inflight ??= pollOnce().finally(() => {
      inflight = null;
    });
    return inflight;
  }

  /**
   * A poll that starts after now: a settings change during a poll must not join a poll made with
   * the old settings. Several changes during one poll share one follow-up.
   */
  function pollAfresh(): Promise<Snapshot> {
    if (!inflight) return poll();
    followUp ??= inflight
      .catch(() => undefined)
      .then(() => {
        followUp = null;
        return poll();
      });
    return followUp;
  }

  /** The extension's own pages (popup, options, also in a tab) may ask for work; content scripts only read. */
  function fromExtensionPage(sender: MessageSender | undefined): boolean {
    const origin = browser.runtime.getURL('/');
    return (
      !!sender && sender.id === browser.runtime.id && typeof sender.url === 'string' && sender.url.startsWith(origin)
    );
  }

  return {
    poll,

    /** Every time the worker starts: the stored badge first, before any network, then heal the schedule. */
    async start(): Promise<void> {
      const [settings, snapshot] = await Promise.all([settingsItem.getValue(), snapshotItem.getValue()]);
      await showBadge(snapshot, settings);
      await ensureSchedule(settings);
      await deliverPending(settings);
      if (isOverdue(snapshot, settings.pollMinutes, deps.now())) await poll();
    },

    async handleAlarm(name: string): Promise<void> {
      if (name === CONFIRM_ALARM) {
        await poll();
        return;
      }
      if (name !== POLL_ALARM) return;
      const [settings, snapshot] = await Promise.all([settingsItem.getValue(), snapshotItem.getValue()]);
      // The periodic alarm also refreshes the badge's "last checked" age when a poll is skipped.
      if (!isPollDue(snapshot, settings.pollMinutes, deps.now())) {
        await showBadge(snapshot, settings);
        await deliverPending(settings);
        return;
      }
      await sleep(jitterMs(deps.random));
      await poll();
    },

    // biome-ignore lint/complexity/noExcessiveCognitiveComplexity: the worker's message switch; becomes a table of handlers when the worker is split (issue 24).
    async handleMessage(raw: unknown, sender?: MessageSender): Promise<Reply> {
      const request = parseRequest(raw);
      if (!request) return { ok: false, error: 'unknown request' };
      const trusted = fromExtensionPage(sender);
      try {
        const settings = await settingsItem.getValue();
        if (request.type !== 'refreshIfDue') {
          if (!trusted) return { ok: false, error: 'not allowed' };
          await ensureSchedule(settings);
          // A person asked: an immediate poll, shared with one already running.
          if (request.type === 'checkNow') return { ok: true, snapshot: await poll() };
          return { ok: true, snapshot: await resetHistory() };
        }
        const snapshot = await snapshotItem.getValue();
        if (trusted) {
          await ensureSchedule(settings);
          // A UI that opens on an overdue snapshot gets a fresh one without asking.
          // Not awaited: the UI renders what is stored now and hears the fresh snapshot through storage.
          if (isOverdue(snapshot, settings.pollMinutes, deps.now()))
            poll().catch((error) => console.error('[tesla-status]', error));
        }
        return { ok: true, snapshot };
      } catch (error) {
        return { ok: false, error: error instanceof Error ? error.message : String(error) };
      }
    },

    /**
     * What is shown is derived again from the log under the new settings, before any new poll: a
     * setting needs no rule of its own, and settings A → B → A give back A. Then a fresh poll.
     */
    async handleSettingsChanged(): Promise<void> {
      const settings = await settingsItem.getValue();
      await ensureSchedule(settings);
      await deriveAgain(settings);
      await pollAfresh();
    },

    /** The network came back: check at once, unless Tesla asked to wait (Retry-After, backoff). */
    async handleOnline(): Promise<void> {
      const [settings, snapshot] = await Promise.all([settingsItem.getValue(), snapshotItem.getValue()]);
      if (isPollDue(snapshot, settings.pollMinutes, deps.now())) await poll();
    },
  };
}
