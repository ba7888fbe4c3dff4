import { storage } from 'wxt/utils/storage';
import type { NotificationKind } from './notifications';
import { parseSettings, type Settings } from './settings';
import { parseSnapshot, type Snapshot } from './snapshot';

/**
 * Stored items hold `unknown`: storage is outside input like any other (another version, a manual
 * edit, a half-written value), and every read goes through its schema.
 */
export const snapshotItem = storage.defineItem<unknown>('local:snapshot');
export const settingsItem = storage.defineItem<unknown>('local:settings');
export const notificationLogItem = storage.defineItem<unknown>('local:notificationLog');

export async function loadSnapshot(): Promise<Snapshot | null> {
  return parseSnapshot(await snapshotItem.getValue());
}

export function saveSnapshot(snapshot: Snapshot): Promise<void> {
  return snapshotItem.setValue(snapshot);
}

export async function loadSettings(): Promise<Settings> {
  return parseSettings(await settingsItem.getValue());
}

export type NotificationLog = Partial<Record<NotificationKind, number>>;

export async function loadNotificationLog(): Promise<NotificationLog> {
  const raw = await notificationLogItem.getValue();
  const log: NotificationLog = {};
  if (typeof raw !== 'object' || raw === null) return log;
  for (const kind of ['outage', 'relapse', 'recovered'] as const) {
    const value = (raw as Record<string, unknown>)[kind];
    if (typeof value === 'number' && Number.isFinite(value)) log[kind] = value;
  }
  return log;
}

export function saveNotificationLog(log: NotificationLog): Promise<void> {
  return notificationLogItem.setValue(log);
}

/** What a UI needs for its first render, in one storage read. */
export async function loadForUi(): Promise<{ snapshot: Snapshot | null; settings: Settings }> {
  const [snapshot, settings] = await storage.getItems([snapshotItem, settingsItem]);
  return { snapshot: parseSnapshot(snapshot?.value), settings: parseSettings(settings?.value) };
}

export const bannerDismissedItem = storage.defineItem<unknown>('local:bannerDismissed');
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
