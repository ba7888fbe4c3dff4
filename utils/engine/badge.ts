import { namedFeatures } from './features';
import { durationMs, formatAgo, formatDuration, formatWhen } from './format';
import type { Translate } from './messages';
import { anyOutdated } from './outdated';
import type { ServiceId } from './probes';
import { isStale } from './scheduler';
import {
  affectedFeatures,
  displayedOverall,
  isChecking,
  notJudgedWhy,
  overallTrack,
  unjudgedFeatures,
  type Snapshot,
} from './snapshot';
import type { TrackUnjudged } from './derive/judgement';
import type { MessageKey } from './messages';
import { incidentStory } from './story';

export interface Badge {
  text: string;
  color: string;
  title: string;
  /** What the badge says, for tests and the icon: never colour alone. */
  state: 'operational' | 'degraded' | 'outage' | 'unknown';
}

export const BADGE_COLORS = {
  operational: '#1b7f3b',
  degraded: '#a35200',
  outage: '#c5221f',
  unknown: '#5f6368',
} as const;

const BADGE_TEXT = { operational: '✓', degraded: '!', outage: '✕', unknown: '?' } as const;

const NOT_JUDGED_TITLE: Record<TrackUnjudged, MessageKey> = {
  'not-watched': 'badgeTitleNotWatched',
  'no-tesla-answer': 'badgeTitleNoTeslaAnswer',
  retired: 'badgeTitleRetired',
};

export interface BadgeContext {
  t: Translate;
  locale: string;
  now: number;
  pollMinutes: number;
  /** The watched services: a retired check among them is said in the title. */
  services: readonly ServiceId[];
  /** Storage refused the last poll: the badge tells it from memory, and says the history is not saved. */
  unsaved?: boolean;
}

export function badgeFor(snapshot: Snapshot | null, context: BadgeContext): Badge {
  const badge = badgeOfSnapshot(snapshot, context);
  // Whatever the state, an owner must know that what they see may not be there after a restart.
  return context.unsaved ? { ...badge, title: badge.title + context.t('badgeNotSavedSuffix') } : badge;
}

function badgeOfSnapshot(snapshot: Snapshot | null, context: BadgeContext): Badge {
  const { t, locale, now, pollMinutes, services } = context;
  const unknown = (title: string): Badge => ({
    state: 'unknown',
    text: BADGE_TEXT.unknown,
    color: BADGE_COLORS.unknown,
    title,
  });
  if (!snapshot || snapshot.checkedAt === null) return unknown(t('badgeTitleNoData'));
  // A badge that is green because nobody checked is worse than no badge.
  if (isStale(snapshot, pollMinutes, now))
    return unknown(t('badgeTitleStale', [formatAgo(snapshot.checkedAt, now, locale, t)]));
  const state = displayedOverall(snapshot);
  const checked = formatAgo(snapshot.checkedAt, now, locale, t);
  if (state === 'unknown') return unknown(unknownTitle(snapshot, checked, t));
  const base = { state, text: BADGE_TEXT[state], color: BADGE_COLORS[state] };
  // A probe Tesla seems to have retired: say so wherever the state is told.
  const outdated = anyOutdated(snapshot, services) ? t('badgeOutdatedSuffix') : '';
  const title =
    state === 'operational'
      ? operationalTitle(snapshot, checked, context)
      : troubleTitle(snapshot, state, snapshot.checkedAt, context);
  return { ...base, title: title + outdated };
}

/** Offline, checking, or what is not known and why: not watched, no answer of Tesla's, a retired check. */
function unknownTitle(snapshot: Snapshot, checked: string, t: Translate): string {
  if (!snapshot.online) return t('badgeTitleOffline');
  const why = notJudgedWhy(snapshot);
  if (why) return t(NOT_JUDGED_TITLE[why], [checked]);
  return t(isChecking(snapshot) ? 'badgeTitleChecking' : 'badgeTitleOffline');
}

/** Working: back since when, or which features it could not judge, or all working. */
function operationalTitle(snapshot: Snapshot, checked: string, { t, locale, now }: BadgeContext): string {
  // The same story as the popup's header: back since when, down again since when and first when.
  const story = incidentStory(snapshot, now);
  // After a gap: when it was seen back, and when it was last seen down; no made-up duration.
  if (story.kind === 'recovered' && story.lastSeenDown !== null)
    return t('badgeTitleRecoveredAfterGap', [
      formatWhen(story.back, now, locale),
      formatWhen(story.lastSeenDown, now, locale),
      checked,
    ]);
  if (story.kind === 'recovered')
    return t(story.begunUnseen ? 'badgeTitleRecoveredAtLeast' : 'badgeTitleRecovered', [
      formatWhen(story.back, now, locale),
      formatDuration(story.lasted, locale),
      checked,
    ]);
  const unjudged = unjudgedFeatures(snapshot);
  if (unjudged.length > 0) return t('badgeTitleOperationalPartly', [checked, namedFeatures(unjudged, t, locale)]);
  return t('badgeTitleOperational', [checked]);
}

/** The trouble's title, and the same first seen after a gap in the watch ("since at least"). */
const TROUBLE_TITLE: Record<'degraded' | 'outage', Record<'watched' | 'afterGap', MessageKey>> = {
  outage: { watched: 'badgeTitleOutage', afterGap: 'badgeTitleOutageAfterGap' },
  degraded: { watched: 'badgeTitleDegraded', afterGap: 'badgeTitleDegradedAfterGap' },
};

function troubleTitle(
  snapshot: Snapshot,
  state: 'degraded' | 'outage',
  checkedAt: number,
  { t, locale, now }: BadgeContext,
): string {
  const story = incidentStory(snapshot, now);
  // The story's "since": after a gap in the watch, "since at least" the first poll after it.
  const told = story.kind === 'outage' || story.kind === 'degraded' || story.kind === 'relapse' ? story : null;
  const sinceAt = told?.since ?? overallTrack(snapshot).since ?? checkedAt;
  const since = formatWhen(sinceAt, now, locale);
  const features = namedFeatures(affectedFeatures(snapshot), t, locale);
  if (story.kind === 'relapse' && story.level === 'outage') {
    const firstDown = formatWhen(story.firstDown, now, locale);
    // Unwatched for a while since it fell again: no length "in all" that spans the gap.
    if (story.beforeGap) return t('badgeTitleRelapseAfterGap', [since, firstDown, features]);
    // Nobody saw it first fall: when it was first seen down, and no length "in all".
    if (story.firstSeen) return t('badgeTitleRelapseFirstSeen', [since, firstDown, features]);
    return t('badgeTitleRelapse', [
      since,
      firstDown,
      formatDuration(durationMs(story.firstDown, now), locale),
      features,
    ]);
  }
  const key = TROUBLE_TITLE[state][told?.beforeGap === undefined ? 'watched' : 'afterGap'];
  return t(key, [since, formatDuration(durationMs(sinceAt, now), locale), features]);
}
