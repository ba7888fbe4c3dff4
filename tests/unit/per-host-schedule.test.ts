import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { snapshotItem } from '../../utils/browser/storage';
import { CONFIRM_ALARM, POLL_ALARM } from '../../utils/engine/scheduler';
import { fakeTesla } from '../support/fake-tesla';
import { T0, at, freshBrowser, testWorker } from '../support/worker';

const MIN = 60_000;
const CHINA_FLEET = 'fleet-api.prd.cn.vn.cloud.tesla.cn';
const OWNER = 'owner-api.teslamotors.com';

beforeEach(() => freshBrowser());

describe("one host's Retry-After", () => {
  it("never delays the others: a European Owner API outage is red within one interval and 30 s, while China's Fleet API waits 15 min", async () => {
    // The real answer asked for 2725 s (tests/fixtures/tesla-answers/owner-api-429-retry-after.json).
    const tesla = fakeTesla({ [CHINA_FLEET]: 'rate-limited' });
    tesla.retryAfter = '2725';
    const worker = testWorker(tesla.fetchFn);
    await worker.poll();
    const falls = T0 + 3 * MIN;
    tesla.modes[OWNER] = 'maintenance';
    // The routine alarm every 2 minutes, and the confirmation 30 s after a first failure.
    for (let minute = 2; minute <= 6; minute += 2) {
      at(minute * MIN);
      await worker.handleAlarm(POLL_ALARM);
      const confirm = await fakeBrowser.alarms.get(CONFIRM_ALARM);
      if (confirm) {
        at(confirm.scheduledTime - T0);
        await worker.handleAlarm(CONFIRM_ALARM);
      }
      if ((await fakeBrowser.action.getBadgeText({})) === '✕') break;
    }
    expect(await fakeBrowser.action.getBadgeText({})).toBe('✕');
    expect(Date.now() - falls).toBeLessThanOrEqual(2 * MIN + 30_000);
    // China's Fleet API was asked once, its Retry-After (capped at 15 minutes) honoured.
    expect(tesla.calls.filter((call) => new URL(call.url).host === CHINA_FLEET)).toHaveLength(1);
    expect((await snapshotItem.getValue())?.probes['fleet-api-cn']).toMatchObject({ observedAt: T0 });
  });
});
