import { browser } from 'wxt/browser';
import type { NotificationLog, PendingNotification } from '../engine/notifications';
import { parseSettings, type Settings } from '../engine/settings';
import { parseSnapshot, type Snapshot } from '../engine/snapshot';

/**
 * One key of `storage.local`. It holds `unknown`: storage is outside input like any other (another
 * version, a manual edit, a half-written value), and every read goes through its schema.
 * (@wxt-dev/storage did this and more — versions, migrations, locks — for 3.7 KB gzip in every
 * bundle; the schemas already do the migrating, so these few lines are all that is needed.)
 */
export interface LocalItem {
  key: string;
  getValue(): Promise<unknown>;
  setValue(value: unknown): Promise<void>;
  /** Calls back with the new value on every change; returns the function that stops it. */
  watch(callback: (value: unknown) => void): () => void;
}

function localItem(key: string): LocalItem {
  return {
    key,
    getValue: async () => (await browser.storage.local.get(key))[key],
    setValue: (value) => browser.storage.local.set({ [key]: value }),
    watch(callback) {
      const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
        if (area === 'local' && key in changes) callback(changes[key]!.newValue);
      };
      browser.storage.onChanged.addListener(listener);
      return () => browser.storage.onChanged.removeListener(listener);
    },
  };
}

export const snapshotItem = localItem('snapshot');
export const settingsItem = localItem('settings');
export const notificationLogItem = localItem('notificationLog');
export const bannerDismissedItem = localItem('bannerDismissed');
export const pendingNotificationItem = localItem('pendingNotification');

export async function loadSnapshot(): Promise<Snapshot | null> {
  return parseSnapshot(await snapshotItem.getValue());
}

export function saveSnapshot(snapshot: Snapshot): Promise<void> {
  return snapshotItem.setValue(snapshot);
}

export async function loadSettings(): Promise<Settings> {
  return parseSettings(await settingsItem.getValue());
}

/**
 * Times notifications were shown. An older version stored one time per kind (`{ outage: t, … }`):
 * those times are kept.
 */
export async function loadNotificationLog(): Promise<NotificationLog> {
  const raw = await notificationLogItem.getValue();
  const values = Array.isArray(raw) ? raw : typeof raw === 'object' && raw !== null ? Object.values(raw) : [];
  return values.filter((value): value is number => typeof value === 'number' && Number.isFinite(value)).sort((a, b) => a - b).slice(-20);
}

export function saveNotificationLog(log: NotificationLog): Promise<void> {
  return notificationLogItem.setValue(log.slice(-20));
}

export async function loadPendingNotification(): Promise<PendingNotification | null> {
  const raw = await pendingNotificationItem.getValue();
  if (typeof raw !== 'object' || raw === null) return null;
  const { kind, incidentId, at } = raw as Record<string, unknown>;
  const validKind = kind === 'outage' || kind === 'relapse' || kind === 'recovered';
  return validKind && typeof incidentId === 'string' && typeof at === 'number' && Number.isFinite(at) ? { kind, incidentId, at } : null;
}

export function clearPendingNotification(): Promise<void> {
  return browser.storage.local.remove(pendingNotificationItem.key);
}

/**
 * The snapshot and the notification it makes due, in one write: a worker stopped right after it
 * still has the notification to show on its next start.
 */
export function saveSnapshotWithNotification(snapshot: Snapshot, pending: PendingNotification | null): Promise<void> {
  if (!pending) return saveSnapshot(snapshot);
  return browser.storage.local.set({ [snapshotItem.key]: snapshot, [pendingNotificationItem.key]: pending });
}

/** What a UI needs for its first render, in one storage read. */
export async function loadForUi(): Promise<{ snapshot: Snapshot | null; settings: Settings }> {
  const stored = await browser.storage.local.get([snapshotItem.key, settingsItem.key]);
  return { snapshot: parseSnapshot(stored[snapshotItem.key]), settings: parseSettings(stored[settingsItem.key]) };
}

const MAX_DISMISSED = 20;

export async function loadDismissed(): Promise<string[]> {
  const raw = await bannerDismissedItem.getValue();
  return Array.isArray(raw) ? raw.filter((key): key is string => typeof key === 'string').slice(-MAX_DISMISSED) : [];
}

/** Remembers a dismissal for one incident; old ones fall off so the list stays small. */
export async function dismissBanner(key: string): Promise<void> {
  const keys = await loadDismissed();
  if (!keys.includes(key)) await bannerDismissedItem.setValue([...keys, key].slice(-MAX_DISMISSED));
}
