import { browser } from 'wxt/browser';
import { applyBadge } from './action';
import { keepThrottledAnswers } from './browser-throttle';
import { badgeFor } from './badge';
import type { Translate } from './messages';
import { decideNotification, notificationContent } from './notifications';
import { DEFAULT_TRACKER_CONFIG, isOffline, reduceSnapshot } from './outage-tracker';
import { PROBES, type Probe } from './probes';
import { requestSchema, type Reply } from './protocol';
import { runProbes, type Fetch } from './run-probe';
import {
  CONFIRM_ALARM,
  POLL_ALARM,
  isPollDue,
  jitterMs,
  needsCatchUp,
  planAfterPoll,
} from './scheduler';
import { resolveRegion, watchedProbes, type Settings } from './settings';
import { emptySnapshot, openIncident, type Snapshot } from './snapshot';
import {
  loadNotificationLog,
  loadSettings,
  loadSnapshot,
  saveNotificationLog,
  saveSnapshot,
} from './storage';

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
  probes?: readonly Probe[];
  notificationIconUrl?: string;
}

export const NOTIFICATION_ID = 'tesla-status';

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The worker's behaviour, as plain functions over injected I/O. The entry point only wires browser
 * events to these. Nothing that matters lives in memory: a Manifest V3 worker may be stopped at any
 * moment, so every decision reads the stored snapshot.
 */
export function createBackground(deps: BackgroundDeps) {
  const probes = deps.probes ?? PROBES;
  const sleep = deps.sleep ?? defaultSleep;
  let inflight: Promise<Snapshot> | null = null;

  async function showBadge(snapshot: Snapshot | null, settings: Settings): Promise<void> {
    await applyBadge(badgeFor(snapshot, { t: deps.t, locale: deps.locale, now: deps.now(), pollMinutes: settings.pollMinutes }));
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

  async function notify(previous: Snapshot | null, next: Snapshot, settings: Settings): Promise<void> {
    if (!settings.notifications) return;
    const log = await loadNotificationLog();
    const now = deps.now();
    const decision = decideNotification(previous, next, log, now);
    if (!decision) return;
    const content = notificationContent(decision, next, deps.t, deps.locale, now);
    await browser.notifications.create(NOTIFICATION_ID, {
      type: 'basic',
      iconUrl: deps.notificationIconUrl ?? browser.runtime.getURL('/icon/128.png'),
      title: content.title,
      message: content.message,
    });
    await saveNotificationLog({ ...log, [decision.kind]: now });
  }

  async function pollOnce(): Promise<Snapshot> {
    const [settings, previous] = await Promise.all([loadSettings(), loadSnapshot()]);
    const at = deps.now();
    const region = resolveRegion(settings, deps.timeZone());
    const browserOnline = deps.browserOnline();
    const watched = watchedProbes(settings, probes);
    const observed = browserOnline ? await runProbes(watched, deps.fetch, at) : {};
    const results = keepThrottledAnswers(previous?.probes, previous?.checkedAt ?? null, observed, at);
    const reduced = reduceSnapshot(
      previous ?? emptySnapshot(region),
      { at, online: !isOffline(results, browserOnline), probes: results },
      { ...DEFAULT_TRACKER_CONFIG, region, probes: watched },
    );
    const plan = planAfterPoll(reduced, settings.pollMinutes, deps.now());
    const next: Snapshot = { ...reduced, notBefore: plan.notBefore };
    // One write of the whole snapshot: a worker stopped before it leaves the last one whole.
    await saveSnapshot(next);
    if (plan.confirmAt !== null) await browser.alarms.create(CONFIRM_ALARM, { when: plan.confirmAt });
    else await browser.alarms.clear(CONFIRM_ALARM);
    await showBadge(next, settings);
    await notify(previous, next, settings);
    return next;
  }

  /** Forgets past incidents and the timeline; the current state and an open incident stay. */
  async function resetHistory(): Promise<Snapshot | null> {
    // After any poll in flight, so that its write cannot bring the history back.
    await inflight?.catch(() => undefined);
    const snapshot = await loadSnapshot();
    if (!snapshot) return null;
    const open = openIncident(snapshot);
    const next: Snapshot = { ...snapshot, incidents: open ? [open] : [], samples: [] };
    await saveSnapshot(next);
    return next;
  }

  /** Single flight: an alarm, a start-up and a "check now" arriving together share one poll. */
  function poll(): Promise<Snapshot> {
    inflight ??= pollOnce().finally(() => {
      inflight = null;
    });
    return inflight;
  }

  async function catchUpIfNeeded(settings: Settings, snapshot: Snapshot | null): Promise<void> {
    if (needsCatchUp(snapshot, settings.pollMinutes, deps.now())) await poll();
  }

  return {
    poll,

    /** Every time the worker starts: the stored badge first, before any network, then heal the schedule. */
    async start(): Promise<void> {
      const [settings, snapshot] = await Promise.all([loadSettings(), loadSnapshot()]);
      await showBadge(snapshot, settings);
      await ensureSchedule(settings);
      await catchUpIfNeeded(settings, snapshot);
    },

    async handleAlarm(name: string): Promise<void> {
      if (name === CONFIRM_ALARM) {
        await poll();
        return;
      }
      if (name !== POLL_ALARM) return;
      const [settings, snapshot] = await Promise.all([loadSettings(), loadSnapshot()]);
      // The periodic alarm also refreshes the badge's "last checked" age when a poll is skipped.
      if (!isPollDue(snapshot, deps.now())) {
        await showBadge(snapshot, settings);
        return;
      }
      await sleep(jitterMs(deps.random));
      await poll();
    },

    async handleMessage(raw: unknown): Promise<Reply> {
      const request = requestSchema.safeParse(raw);
      if (!request.success) return { ok: false, error: 'unknown request' };
      try {
        const settings = await loadSettings();
        await ensureSchedule(settings);
        if (request.data.type === 'checkNow') return { ok: true, snapshot: await poll() };
        if (request.data.type === 'resetHistory') return { ok: true, snapshot: await resetHistory() };
        const snapshot = await loadSnapshot();
        // A UI that opens on a stale snapshot gets a fresh one without asking.
        // Not awaited: the UI renders what is stored now and hears the fresh snapshot through storage.
        if (needsCatchUp(snapshot, settings.pollMinutes, deps.now())) poll().catch((error) => console.error('[tesla-status]', error));
        return { ok: true, snapshot };
      } catch (error) {
        return { ok: false, error: error instanceof Error ? error.message : String(error) };
      }
    },

    async handleSettingsChanged(): Promise<void> {
      const settings = await loadSettings();
      await ensureSchedule(settings);
      await poll();
    },

    async handleOnline(): Promise<void> {
      await poll();
    },
  };
}

export type Background = ReturnType<typeof createBackground>;
