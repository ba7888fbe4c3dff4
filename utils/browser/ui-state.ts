import { browser } from 'wxt/browser';
import type { Settings } from '../engine/settings';
import type { Snapshot } from '../engine/snapshot';
import { settingsItem, type StoredItem } from './storage';

/**
 * How a UI reads the stored snapshot: whole (the popup, `snapshotItem`) or only what it shows (the
 * banner, `bannerSnapshotItem`). Always passed, never defaulted: a default would put the whole
 * reader into the banner's bundle.
 */
export type SnapshotReader<View> = StoredItem<Snapshot, View>;

/** What the popup and the banner render from: the stored snapshot, as they read it, and the settings. */
export interface UiState<View = Snapshot | null> {
  snapshot: View;
  settings: Settings;
}

/** What a UI needs for its first render, in one storage read. */
export async function loadForUi<View>(reader: SnapshotReader<View>): Promise<UiState<View>> {
  const stored = await browser.storage.local.get([reader.key, settingsItem.key]);
  return { snapshot: reader.parse(stored[reader.key]), settings: settingsItem.parse(stored[settingsItem.key]) };
}

/**
 * Follows the stored snapshot and settings, parsed, for a UI that never polls by itself: each
 * change comes as the part of the state that changed. Returns the function that stops it.
 */
export function watchUiState<View>(
  reader: SnapshotReader<View>,
  onChange: (change: Partial<UiState<View>>) => void,
): () => void {
  const stops = [
    reader.watch((snapshot) => onChange({ snapshot })),
    settingsItem.watch((settings) => onChange({ settings })),
  ];
  return () => {
    for (const stop of stops) stop();
  };
}
