import { durationMs, formatAgo, formatDuration, formatWhen } from '../utils/engine/format';
import type { MessageKey } from '../utils/engine/messages';
import type { StatusView } from '../utils/engine/status-view';
import type { BeforeGap } from '../utils/engine/story';
import { StatusIcon, toneOf } from './StatusIcon';
import { TimeText } from './TimeText';
import type { Ui } from './ui';

const HEADLINE: Record<StatusView['overall'], MessageKey> = {
  operational: 'statusOperational',
  degraded: 'statusDegraded',
  outage: 'statusOutage',
  unknown: 'statusUnknown',
};

const NOT_JUDGED: Record<NonNullable<StatusView['notJudged']>, MessageKey> = {
  'not-watched': 'statusNotWatched',
  'no-tesla-answer': 'statusNoTeslaAnswer',
  retired: 'statusRetired',
};

export function headlineKey(view: StatusView): MessageKey {
  if (!view.hasData || view.checking) return 'statusFirstCheck';
  if (view.stale) return 'statusStale';
  if (view.story.kind === 'relapse') return view.story.level === 'outage' ? 'statusRelapse' : 'statusRelapseDegraded';
  if (view.notJudged) return NOT_JUDGED[view.notJudged];
  // Working as far as it can tell: some features have no up-to-date check to judge them by.
  if (view.overall === 'operational' && view.outdated) return 'statusOperationalOutdated';
  // The car works, and something else could not be judged: never "all systems working".
  if (view.overall === 'operational' && view.features.some((feature) => feature.status === 'unknown'))
    return 'statusOperationalPartly';
  return HEADLINE[view.overall];
}

const STORY: Record<Exclude<StatusView['story']['kind'], 'none'>, MessageKey> = {
  outage: 'storyOutage',
  degraded: 'storyDegraded',
  relapse: 'storyRelapse',
  recovered: 'storyRecovered',
};
const RECOVERED_AFTER_GAP: MessageKey = 'storyRecoveredAfterGap';
const RELAPSE_AFTER_GAP: MessageKey = 'storyRelapseAfterGap';

/** The whole story in words and times: since when, whether it fell again, when it came back. */
function Story({ view, now, ui }: { view: StatusView; now: number; ui: Ui }) {
  const { locale } = ui;
  const when = (at: number) => ({ at, text: formatWhen(at, now, locale) });
  const story = view.story;
  switch (story.kind) {
    case 'outage':
    case 'degraded':
      if (story.beforeGap) return <AfterGap since={story.since} before={story.beforeGap} now={now} ui={ui} />;
      return (
        <TimeText
          ui={ui}
          message={STORY[story.kind]}
          times={[when(story.since)]}
          values={[formatDuration(durationMs(story.since, now), locale)]}
        />
      );
    case 'relapse':
      // Nobody saw it first fall: when it was first seen down, and no length in all.
      if (story.firstSeen && !story.beforeGap)
        return <TimeText ui={ui} message={RELAPSE_FIRST_SEEN} times={[when(story.since), when(story.firstDown)]} />;
      // First seen down again after a gap in the watch: since at least then, and no length in all.
      if (story.beforeGap)
        return <TimeText ui={ui} message={RELAPSE_AFTER_GAP} times={[when(story.since), when(story.firstDown)]} />;
      return (
        <TimeText
          ui={ui}
          message={STORY.relapse}
          times={[when(story.since), when(story.firstDown)]}
          values={[formatDuration(durationMs(story.firstDown, now), locale)]}
        />
      );
    case 'recovered':
      // Nobody watched between the last poll that saw it down and the one that saw it back.
      if (story.lastSeenDown !== null)
        return <TimeText ui={ui} message={RECOVERED_AFTER_GAP} times={[when(story.back), when(story.lastSeenDown)]} />;
      return (
        <TimeText
          ui={ui}
          message={story.begunUnseen ? 'storyRecoveredAtLeast' : STORY.recovered}
          times={[when(story.back)]}
          values={[formatDuration(story.lasted, locale)]}
        />
      );
    default:
      return null;
  }
}

const RELAPSE_FIRST_SEEN: MessageKey = 'storyRelapseFirstSeen';

const AFTER_GAP: Record<'working' | 'trouble' | 'unknown', MessageKey> = {
  working: 'storyAfterGapWorking',
  trouble: 'storyAfterGapDown',
  unknown: 'storyAfterGap',
};

/** Trouble first seen after a gap in the watch: "since at least", and what was seen before. */
function AfterGap({ since, before, now, ui }: { since: number; before: BeforeGap; now: number; ui: Ui }) {
  const when = (at: number) => ({ at, text: formatWhen(at, now, ui.locale) });
  if (before.status === 'operational')
    return <TimeText ui={ui} message={AFTER_GAP.working} times={[when(since), when(before.at)]} />;
  if (before.status === 'trouble')
    return <TimeText ui={ui} message={AFTER_GAP.trouble} times={[when(since), when(before.at)]} />;
  return <TimeText ui={ui} message={AFTER_GAP.unknown} times={[when(since)]} />;
}

const LAST_CONFIRMED: MessageKey = 'lastConfirmed';

function Checked({ view, now, ui }: { view: StatusView; now: number; ui: Ui }) {
  const { t, locale } = ui;
  if (view.checkedAt === null) return <>{t('neverChecked')}</>;
  // Checks that reached nothing vouch for nothing: say when Tesla was last actually heard.
  if (view.offline && view.confirmedAt !== null) {
    return (
      <TimeText
        ui={ui}
        message={LAST_CONFIRMED}
        times={[{ at: view.confirmedAt, text: formatWhen(view.confirmedAt, now, locale) }]}
      />
    );
  }
  return <>{t(view.stale ? 'staleWarning' : 'lastChecked', [formatAgo(view.checkedAt, now, locale, t)])}</>;
}

/** "Last checked 2 minutes ago", "Last confirmed at 10:53" offline, a warning when stale. */
export function CheckedLine({ view, now, ui }: { view: StatusView; now: number; ui: Ui }) {
  return (
    <p class={view.stale ? 'ts-checked ts-stale' : 'ts-checked'}>
      <Checked view={view} now={now} ui={ui} />
    </p>
  );
}

export function StatusHeader({ view, now, ui }: { view: StatusView; now: number; ui: Ui }) {
  const { t } = ui;
  const tone = view.stale ? 'unknown' : toneOf(view.overall);
  const checking = !view.hasData || (view.checking && !view.stale);
  const showStory = view.hasData && !view.stale && view.story.kind !== 'none';
  return (
    <header class="ts-header">
      {checking ? <span class="ts-spinner ts-spinner-large" aria-hidden="true" /> : <StatusIcon tone={tone} large />}
      <div class="ts-header-text">
        {/* A live region: a screen reader hears the state change when a check completes. */}
        <h1 class="ts-headline" role="status" aria-live="polite">
          {t(headlineKey(view))}
        </h1>
        {showStory && (
          <p class="ts-story" data-story={view.story.kind}>
            <Story view={view} now={now} ui={ui} />
          </p>
        )}
        {view.offline && <p class="ts-hint">{t('offlineHint')}</p>}
        {!view.stale && view.notJudged === 'not-watched' && <p class="ts-hint">{t('notWatchedHint')}</p>}
        {!view.stale && view.notJudged === 'no-tesla-answer' && <p class="ts-hint">{t('noTeslaAnswerHint')}</p>}
        {!view.hasData && <p class="ts-hint">{t('noDataHint')}</p>}
        {view.confirming && !view.stale && <p class="ts-hint">{t('checkingAgain')}</p>}
        {view.recovering && !view.stale && <p class="ts-hint">{t('recoveringHint')}</p>}
      </div>
    </header>
  );
}
