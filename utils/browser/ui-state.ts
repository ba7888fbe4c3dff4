import type { Settings } from '../engine/settings';
import type { Snapshot } from '../engine/snapshot';
import { settingsItem, snapshotItem } from './storage';

export { loadForUi } from './storage';

/** What the popup and the banner render from: the stored snapshot and the settings. */
export interface UiState {
  snapshot: Snapshot | null;
  settings: Settings;
}

/**
 * Follows the stored snapshot and settings, parsed, for a UI that never polls by itself: each
 * change comes as the part of the state that changed. Returns the function that stops it.
 */
export function watchUiState(onChange: (change: Partial<UiState>) => void): () => void {
  const stops = [
    snapshotItem.watch((snapshot) => onChange({ snapshot })),
    settingsItem.watch((settings) => onChange({ settings })),
  ];
  return () => stops.forEach((stop) => stop());
}
