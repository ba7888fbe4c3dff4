import { browser } from 'wxt/browser';
import { NOTIFICATION_KINDS, type NotificationLog, type PendingNotification } from '../engine/notifications';
import { parseSettings, type Settings } from '../engine/settings';
import { parseBannerSnapshot, parseSnapshot, type BannerSnapshot, type Snapshot } from '../engine/snapshot';

/**
 * One key of `storage.local`, declared once with its parser: what it returns and hands to watchers
 * is always parsed (storage is outside input like any other: another version, a manual edit, a
 * half-written value), and what it accepts is typed, so a write of the wrong shape does not compile.
 * (@wxt-dev/storage did this and more — versions, migrations, locks — for 3.7 KB gzip in every
 * bundle; the parsers already salvage field by field, so these few lines are all that is needed.)
 */
export interface StoredItem<Write, Read = Write> {
  key: string;
  parse(raw: unknown): Read;
  getValue(): Promise<Read>;
  setValue(value: Write): Promise<void>;
  remove(): Promise<void>;
  /** Calls back with the new value, parsed, on every change; returns the function that stops it. */
  watch(callback: (value: Read) => void): () => void;
}

export function defineItem<Write, Read = Write>(
  key: string,
  parse: (raw: unknown) => Read,
  /** The stored form, when it is not the value itself. */
  serialize: (value: Write) => unknown = (value) => value,
): StoredItem<Write, Read> {
  return {
    key,
    parse,
    getValue: async () => parse((await browser.storage.local.get(key))[key]),
    setValue: (value) => browser.storage.local.set({ [key]: serialize(value) }),
    remove: () => browser.storage.local.remove(key),
    watch(callback) {
      const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
        if (area === 'local' && key in changes) callback(parse(changes[key]!.newValue));
      };
      browser.storage.onChanged.addListener(listener);
      return () => browser.storage.onChanged.removeListener(listener);
    },
  };
}

const LOG_LENGTH = 20;
const MAX_DISMISSED = 20;

/** Times notifications were shown. An older version stored one time per kind (`{ outage: t, … }`): those times are kept. */
function parseNotificationLog(raw: unknown): NotificationLog {
  const values = Array.isArray(raw) ? raw : typeof raw === 'object' && raw !== null ? Object.values(raw) : [];
  return values
    .filter((value): value is number => typeof value === 'number' && Number.isFinite(value))
    .sort((a, b) => a - b)
    .slice(-LOG_LENGTH);
}

function parsePendingNotification(raw: unknown): PendingNotification | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const { kind, incidentId, at } = raw as Record<string, unknown>;
  const validKind = NOTIFICATION_KINDS.find((known) => known === kind);
  return validKind && typeof incidentId === 'string' && typeof at === 'number' && Number.isFinite(at)
    ? { kind: validKind, incidentId, at }
    : null;
}

function parseDismissed(raw: unknown): string[] {
  return Array.isArray(raw) ? raw.filter((key): key is string => typeof key === 'string').slice(-MAX_DISMISSED) : [];
}

// Marked pure so that a bundle keeps only the items it uses (the banner needs no notification log).
export const snapshotItem = /* @__PURE__ */ defineItem<Snapshot, Snapshot | null>('snapshot', parseSnapshot);
/** The same key, read as the banner needs it: only what it shows (see `parseBannerSnapshot`). */
export const bannerSnapshotItem = /* @__PURE__ */ defineItem<Snapshot, BannerSnapshot | null>(
  'snapshot',
  parseBannerSnapshot,
);
export const settingsItem = /* @__PURE__ */ defineItem<Settings>('settings', parseSettings);
export const notificationLogItem = /* @__PURE__ */ defineItem<NotificationLog>('notificationLog', parseNotificationLog);
export const pendingNotificationItem = /* @__PURE__ */ defineItem<PendingNotification, PendingNotification | null>(
  'pendingNotification',
  parsePendingNotification,
);
/** The banners the owner dismissed, by incident: a relapse or a new incident has another key. */
export const bannerDismissedItem = /* @__PURE__ */ defineItem<string[]>('bannerDismissed', parseDismissed);

/** Appends to the notification log; old times fall off so it stays small. */
export async function logNotification(at: number): Promise<void> {
  await notificationLogItem.setValue([...(await notificationLogItem.getValue()), at].slice(-LOG_LENGTH));
}

/** Remembers a dismissal for one incident; old ones fall off so the list stays small. */
export async function dismissBanner(key: string): Promise<void> {
  const keys = await bannerDismissedItem.getValue();
  if (!keys.includes(key)) await bannerDismissedItem.setValue([...keys, key].slice(-MAX_DISMISSED));
}
