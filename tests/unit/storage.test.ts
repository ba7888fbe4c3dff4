import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DEFAULT_SETTINGS } from '../../utils/engine/settings';
import { notificationLogItem, settingsItem, snapshotItem } from '../../utils/browser/storage';
import { loadForUi } from '../../utils/browser/ui-state';
import { samples } from '../support/snapshots';

beforeEach(() => fakeBrowser.reset());

describe('stored items', () => {
  it('reads back what was written, and follows changes, parsed, until unwatched', async () => {
    const seen = vi.fn();
    const stop = settingsItem.watch(seen);
    const five = { ...DEFAULT_SETTINGS, pollMinutes: 5 };
    await settingsItem.setValue(five);
    expect(await settingsItem.getValue()).toEqual(five);
    await vi.waitFor(() => expect(seen).toHaveBeenCalledWith(five));
    // A change written around the item (another version, a manual edit) reaches a watcher parsed.
    await fakeBrowser.storage.local.set({ settings: { pollMinutes: 'soon', notifications: false } });
    await vi.waitFor(() => expect(seen).toHaveBeenLastCalledWith({ ...DEFAULT_SETTINGS, notifications: false }));
    stop();
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, pollMinutes: 9 });
    await fakeBrowser.storage.local.set({ snapshot: 'other key' });
    expect(seen).toHaveBeenCalledTimes(2);
  });

  it('validates every read: corrupt values give defaults, never a throw', async () => {
    await fakeBrowser.storage.local.set({
      snapshot: { incidents: 'x' },
      settings: 42,
      notificationLog: { outage: 'yesterday', recovered: 5 },
    });
    expect((await snapshotItem.getValue())!.incidents).toEqual([]);
    expect(await settingsItem.getValue()).toEqual(DEFAULT_SETTINGS);
    // An older version's log, one time per kind, keeps its valid times.
    expect(await notificationLogItem.getValue()).toEqual([5]);
  });

  it('gives a UI its snapshot and settings in one read', async () => {
    const snapshot = samples.outage();
    await fakeBrowser.storage.local.set({ snapshot, settings: { pollMinutes: 7 } });
    const get = vi.spyOn(fakeBrowser.storage.local, 'get');
    expect(await loadForUi(snapshotItem)).toEqual({ snapshot, settings: { ...DEFAULT_SETTINGS, pollMinutes: 7 } });
    expect(get).toHaveBeenCalledOnce();
  });
});
