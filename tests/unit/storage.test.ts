import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DEFAULT_SETTINGS } from '../../utils/engine/settings';
import { loadForUi, loadNotificationLog, loadSettings, loadSnapshot, settingsItem, snapshotItem } from '../../utils/browser/storage';
import { samples } from '../support/snapshots';

beforeEach(() => fakeBrowser.reset());

describe('stored items', () => {
  it('reads back what was written, and follows changes until unwatched', async () => {
    const seen = vi.fn();
    const stop = settingsItem.watch(seen);
    await settingsItem.setValue({ pollMinutes: 5 });
    expect(await settingsItem.getValue()).toEqual({ pollMinutes: 5 });
    await vi.waitFor(() => expect(seen).toHaveBeenCalledWith({ pollMinutes: 5 }));
    stop();
    await settingsItem.setValue({ pollMinutes: 9 });
    await snapshotItem.setValue('other key');
    expect(seen).toHaveBeenCalledTimes(1);
  });

  it('validates every read: corrupt values give defaults, never a throw', async () => {
    await fakeBrowser.storage.local.set({ snapshot: { incidents: 'x' }, settings: 42, notificationLog: { outage: 'yesterday', recovered: 5 } });
    expect((await loadSnapshot())!.incidents).toEqual([]);
    expect(await loadSettings()).toEqual(DEFAULT_SETTINGS);
    // An older version's log, one time per kind, keeps its valid times.
    expect(await loadNotificationLog()).toEqual([5]);
  });

  it('gives a UI its snapshot and settings in one read', async () => {
    const snapshot = samples.outage();
    await fakeBrowser.storage.local.set({ snapshot, settings: { pollMinutes: 7 } });
    const get = vi.spyOn(fakeBrowser.storage.local, 'get');
    expect(await loadForUi()).toEqual({ snapshot, settings: { ...DEFAULT_SETTINGS, pollMinutes: 7 } });
    expect(get).toHaveBeenCalledOnce();
  });
});
