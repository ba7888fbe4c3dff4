import { browser } from 'wxt/browser';
import { parseRequest, type Reply, type WorkerRequest } from '../engine/protocol';
import { isOverdue } from '../engine/scheduler';
import type { Settings } from '../engine/settings';
import { ensureSchedule } from './alarms';
import type { PollCycle } from './poll-cycle';
import { settingsItem, snapshotItem } from './storage';
import type { WorkerDeps } from './worker-state';

/** Who sent a message, as `runtime.onMessage` tells it. */
export interface MessageSender {
  id?: string;
  url?: string;
}

interface Handler {
  /** Only the extension's own pages may ask for it; content scripts only read. */
  trustedOnly: boolean;
  run(context: { settings: Settings; trusted: boolean }): Promise<Reply>;
}

/** The extension's own pages (popup, options, also in a tab) may ask for work; content scripts only read. */
function fromExtensionPage(sender: MessageSender | undefined): boolean {
  const origin = browser.runtime.getURL('/');
  return (
    !!sender && sender.id === browser.runtime.id && typeof sender.url === 'string' && sender.url.startsWith(origin)
  );
}

/** Each request the worker answers, and who may send it. */
export function createMessageHandler(deps: WorkerDeps, cycle: PollCycle) {
  const handlers: Record<WorkerRequest['type'], Handler> = {
    // A person asked: an immediate poll, shared with one already running.
    checkNow: { trustedOnly: true, run: async () => ({ ok: true, snapshot: await cycle.poll() }) },
    resetHistory: { trustedOnly: true, run: async () => ({ ok: true, snapshot: await cycle.resetHistory() }) },
    refreshIfDue: {
      trustedOnly: false,
      async run({ settings, trusted }) {
        const snapshot = await snapshotItem.getValue();
        // A UI that opens on an overdue snapshot gets a fresh one without asking. Not awaited: the UI
        // renders what is stored now and hears the fresh snapshot through storage.
        if (trusted && isOverdue(snapshot, settings.pollMinutes, deps.now()))
          cycle.poll().catch((error) => console.error('[tesla-status]', error));
        return { ok: true, snapshot };
      },
    },
  };

  return async function handleMessage(raw: unknown, sender?: MessageSender): Promise<Reply> {
    const request = parseRequest(raw);
    if (!request) return { ok: false, error: 'unknown request' };
    const handler = handlers[request.type];
    const trusted = fromExtensionPage(sender);
    if (handler.trustedOnly && !trusted) return { ok: false, error: 'not allowed' };
    try {
      const settings = await settingsItem.getValue();
      if (trusted) await ensureSchedule(settings);
      return await handler.run({ settings, trusted });
    } catch (error) {
      return { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
  };
}
