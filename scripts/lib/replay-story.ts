import { badgeFor } from '../../utils/engine/badge';
import { replayLog } from '../../utils/engine/derive/apply-poll';
import type { PollEvidence } from '../../utils/engine/evidence/log';
import type { Translate } from '../../utils/engine/messages';
import type { Settings } from '../../utils/engine/settings';

/** What each probe answered in a poll that was not a plain healthy answer, in a few words. */
function answers(poll: PollEvidence): string {
  if (!poll.browserOnline) return 'browser offline, nothing asked';
  const troubled = Object.entries(poll.results)
    .filter(([, result]) => result.state !== 'up' || result.cause !== undefined)
    .map(
      ([id, result]) =>
        `${id} ${result.state}${result.status ? ` ${result.status}` : ''}${result.cause ? ` (${result.cause})` : ''}`,
    );
  return troubled.length === 0
    ? `${Object.keys(poll.results).length} probes answered as Tesla does`
    : troubled.join(', ');
}

/**
 * The story a report's log tells, one line per poll: when (UTC), from where, what was answered,
 * and what the badge said then, as today's engine derives it.
 */
export function replayStory(log: readonly PollEvidence[], settings: Settings, t: Translate): string[] {
  return replayLog(log, settings).map(({ poll, snapshot }) => {
    const badge = badgeFor(snapshot, {
      t,
      locale: 'en-GB',
      now: poll.at,
      pollMinutes: settings.pollMinutes,
      services: settings.services,
    });
    const when = new Date(poll.at).toISOString().replace('.000Z', 'Z');
    return `${when}  ${poll.vantage.region}  ${badge.text} ${badge.title}\n    ${answers(poll)}`;
  });
}
