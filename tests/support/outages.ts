import { fakeBrowser } from 'wxt/testing/fake-browser';
import { NOTIFICATION_ID, type BackgroundDeps } from '../../utils/browser/background-service';
import type { Fetch } from '../../utils/engine/run-probe';
import type { FakeTesla } from './fake-tesla';
import { at, testWorker } from './worker';

/**
 * An outage driven through the test worker, and what the owner is told of it, for the scenarios that
 * replay one. The worker takes a fake Tesla or any fetch: a proxy, a portal or a slow link answers
 * in Tesla's place.
 */
const OWNER = 'owner-api.teslamotors.com';

export function workerOver(source: FakeTesla | Fetch, overrides: Partial<BackgroundDeps> = {}) {
  return testWorker(typeof source === 'function' ? source : source.fetchFn, overrides);
}

/** The notification on screen now: a later one replaces it, as the real one does. */
export const shown = async () =>
  (await fakeBrowser.notifications.getAll())[NOTIFICATION_ID] as { title: string; message: string } | undefined;

/** An outage of the Owner API confirmed at T0 (first failing poll) and T0 + 30 s. */
export async function confirmedOutage(tesla: FakeTesla, mode: 'maintenance' | 'bad-gateway' = 'maintenance') {
  tesla.modes[OWNER] = mode;
  const background = workerOver(tesla);
  at(0);
  await background.poll();
  at(30_000);
  await background.poll();
  return background;
}
