// @vitest-environment happy-dom
/**
 * A web page shares the browser with the extension, not its say: a content script or a look-alike
 * sender cannot make the worker poll or forget, and a click the page makes up dismisses nothing.
 */
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Banner } from '../../components/Banner';
import { bannerState } from '../../utils/engine/banner';
import { DEFAULT_TRACKER_CONFIG, reduceSnapshot } from '../../utils/engine/outage-tracker';
import { emptySnapshot } from '../../utils/engine/snapshot';
import type { ViewSettings } from '../../utils/engine/status-view';
import { fakeTesla } from '../support/fake-tesla';
import { tEn } from '../support/i18n';
import { workerOver } from '../support/outages';
import { pollAt, probesWith } from '../support/polls';
import { CONTENT_SCRIPT, POPUP, freshBrowser } from '../support/worker';

const OWNER = 'owner-api.teslamotors.com';
const VIEW: ViewSettings = { pollMinutes: 2, services: ['owner-api', 'fleet-api', 'sign-in', 'website'] };

const worker = workerOver;

beforeEach(() => freshBrowser());
afterEach(() => {
  vi.useRealTimers();
  cleanup();
});

describe('a page that pokes at the extension', () => {
  it('a content script cannot make the worker poll, even 50 times', async () => {
    const tesla = fakeTesla({ [OWNER]: 'rate-limited' });
    const background = worker(tesla);
    await background.poll();
    const calls = tesla.calls.length;
    const replies = await Promise.all(
      Array.from({ length: 50 }, () => background.handleMessage({ type: 'checkNow' }, CONTENT_SCRIPT)),
    );
    expect(replies.every((reply) => !reply.ok)).toBe(true);
    expect(await background.handleMessage({ type: 'resetHistory' }, CONTENT_SCRIPT)).toMatchObject({ ok: false });
    expect(tesla.calls).toHaveLength(calls);
    // The popup still can: a person asked. Every host is asked but the one that asked to wait.
    expect(await background.handleMessage({ type: 'checkNow' }, POPUP)).toMatchObject({ ok: true });
    expect(tesla.calls).toHaveLength(2 * calls - 1);
  });

  it("the banner's dismiss button ignores a click the page makes up", () => {
    const s = [
      pollAt(
        '2023-02-14T09:42:00Z',
        probesWith({ 'owner-api': { state: 'down', reason: { key: 'reasonMaintenance' }, latencyMs: 50 } }),
      ),
      pollAt(
        '2023-02-14T09:42:30Z',
        probesWith({ 'owner-api': { state: 'down', reason: { key: 'reasonMaintenance' }, latencyMs: 50 } }),
      ),
    ].reduce(
      (snapshot, poll) => reduceSnapshot(snapshot, poll, { ...DEFAULT_TRACKER_CONFIG, region: 'eu' }),
      emptySnapshot('eu'),
    );
    const onDismiss = vi.fn();
    render(
      <Banner
        state={bannerState(s, s.checkedAt!, VIEW, [])!}
        now={s.checkedAt!}
        onDismiss={onDismiss}
        ui={{ t: tEn, locale: 'en-GB' }}
      />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss' })); // element.click() from the page: untrusted
    expect(onDismiss).not.toHaveBeenCalled();
  });
});

describe('attempts at a false state that hold', () => {
  it('sender spoofing: other id or look-alike origin is refused', async () => {
    const tesla = fakeTesla();
    const bg = worker(tesla.fetchFn);
    for (const sender of [
      { id: 'other', url: 'chrome-extension://test-extension-id/popup.html' },
      { id: 'test-extension-id', url: 'chrome-extension://test-extension-id.evil/popup.html' },
      { id: 'test-extension-id' },
      undefined,
    ]) {
      expect(await bg.handleMessage({ type: 'checkNow' }, sender)).toMatchObject({ ok: false });
    }
    expect(tesla.calls).toHaveLength(0);
  });
});
