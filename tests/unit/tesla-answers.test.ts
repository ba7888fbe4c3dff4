import { describe, expect, it } from 'vitest';
import { classifyResponse, type ProbeOutcome } from '../../utils/engine/classify-response';
import { PROBES } from '../../utils/engine/probes';
import { TESLA_ANSWERS } from '../support/tesla-answers';

/**
 * Every answer Tesla really gave (tests/fixtures/tesla-answers/), classified as the probe it is for
 * would classify it. A fixture carries its public source; a reconstruction says what and why.
 */
const NOW = Date.parse('2026-06-13T08:00:00Z');
const entries = Object.entries(TESLA_ANSWERS);

function outcomeOf(answer: (typeof TESLA_ANSWERS)[string]): ProbeOutcome {
  const header = (name: string) => Object.entries(answer.headers).find(([key]) => key.toLowerCase() === name)?.[1];
  return {
    kind: 'response',
    status: answer.status,
    redirectNotFollowed: false,
    contentType: header('content-type') ?? '',
    retryAfter: header('retry-after') ?? null,
    server: header('server') ?? '',
    bodyStart: answer.body.slice(0, 4096),
    elapsedMs: 150,
  };
}

describe('the real answers', () => {
  it('include at least the ones the catalogue is judged by', () => {
    for (const name of [
      'owner-api-401',
      'fleet-api-401-empty',
      'fleet-api-status-ok',
      'owner-api-403-forbidden-fleet',
      'owner-api-412-fleetapi-only',
      'owner-api-503-maintenance',
      'owner-api-502-html',
      'owner-api-504-upstream-timeout',
      'owner-api-408-timeout',
      'owner-api-429-retry-after',
      'sign-in-403-akamai',
    ]) {
      expect(TESLA_ANSWERS[name], name).toBeDefined();
    }
  });

  it.each(entries)('%s has a public source with a date, and says whether it is a reconstruction', (_name, answer) => {
    expect(answer.source).toMatch(/\S{10,}/);
    expect(answer.source).toMatch(/(19|20)\d\d/);
    expect(answer.reconstruction === null || answer.reconstruction.length > 20).toBe(true);
    expect(PROBES.map((p) => p.id)).toContain(answer.probe);
  });

  it.each(entries)('%s is classified as expected', (_name, answer) => {
    const probe = PROBES.find((p) => p.id === answer.probe)!;
    const result = classifyResponse(probe, outcomeOf(answer), NOW);
    expect({ state: result.state, reason: result.reason.key }).toEqual(answer.expect);
  });

  it("takes the Owner API's own Rails error page for Tesla's answer, not a page any proxy could write", () => {
    const answer = TESLA_ANSWERS['owner-api-502-html']!;
    const probe = PROBES.find((p) => p.id === answer.probe)!;
    expect(classifyResponse(probe, outcomeOf(answer), NOW).generic).toBeUndefined();
    // The same status with a proxy's page is anyone's.
    const proxys = { ...answer, body: '<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>' };
    expect(classifyResponse(probe, outcomeOf(proxys), NOW).generic).toBe(true);
  });
});
