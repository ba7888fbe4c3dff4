import { durationMs, formatClock, formatDuration, formatWhen } from '../utils/engine/format';
import type { MessageKey } from '../utils/engine/messages';
import { SAMPLE_WINDOW_MS, WATCH_GAP_MS, type Incident, type Sample } from '../utils/engine/snapshot';
import type { UserRegion } from '../utils/engine/probes';
import { REGION_LABELS } from '../utils/engine/status-view';
import {
  ZOOM_WINDOW_MS,
  hourMarks,
  recentIncidents,
  seenSince,
  showsZoom,
  timelineSegments,
} from '../utils/engine/timeline';
import { TimeText } from './TimeText';
import type { Ui } from './ui';

const WIDTH = 332;
const HEIGHT = 14;

const SEGMENT_WORD: Record<Sample['s'], MessageKey> = {
  operational: 'segmentOperational',
  degraded: 'segmentDegraded',
  outage: 'segmentOutage',
  unknown: 'segmentUnknown',
};

/**
 * One strip of the day: segments on a ground that means "no data", marks on the local clock's hours
 * and "now" at the end. Each segment says its times and state to a pointer (`<title>`) and, when it
 * is trouble, to the keyboard and screen readers too.
 */
function Strip({
  samples,
  now,
  windowMs,
  everyHours,
  label,
  ui,
}: {
  samples: readonly Sample[];
  now: number;
  windowMs: number;
  everyHours: number;
  label: string;
  ui: Ui;
}) {
  const { t, locale } = ui;
  const start = now - windowMs;
  const x = (at: number) => ((at - start) / windowMs) * WIDTH;
  // Whole labels clear of both ends, where one would be cut off or run into the "now" at the end (longer
  // in some languages: "maintenant"; "12:00 AM" is long too): about 6.5 px a character at the marks'
  // size, centred on its hour, and a gap.
  const half = (text: string) => (text.length * 6.5) / 2;
  const nowStart = WIDTH - t('timelineNow').length * 6.5 - 8;
  const marks = hourMarks(start, now, everyHours).filter((at) => {
    const label = formatClock(at, locale);
    return x(at) - half(label) > 0 && x(at) + half(label) < nowStart;
  });
  return (
    <div class="ts-strip">
      {/* biome-ignore lint/a11y/useSemanticElements: an SVG cannot be a fieldset; the group names the strip's segments as one figure. */}
      <svg
        class="ts-timeline"
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        preserveAspectRatio="none"
        role="group"
        aria-label={label}
      >
        <defs>
          <pattern
            id={`ts-hatch-${windowMs}`}
            width="4"
            height="4"
            patternUnits="userSpaceOnUse"
            patternTransform="rotate(45)"
          >
            <rect class="ts-hatch-ground" width="4" height="4" />
            <line class="ts-hatch-line" x1="0" y1="0" x2="0" y2="4" />
          </pattern>
        </defs>
        {/* No data is hatched: a gap, not a state. */}
        <rect class="ts-seg-none" x="0" y="0" width={WIDTH} height={HEIGHT} fill={`url(#ts-hatch-${windowMs})`}>
          <title>{t('segmentNoData')}</title>
        </rect>
        {timelineSegments(samples, now, windowMs).map((segment) => {
          const words = t('segmentLabel', [
            formatWhen(segment.from, now, locale),
            formatWhen(segment.to, now, locale),
            t(SEGMENT_WORD[segment.status]),
          ]);
          const trouble = segment.status === 'outage' || segment.status === 'degraded';
          // Wide enough to see (a minute of trouble on a day's strip is a fifth of a pixel), and inside
          // the strip: trouble going on now would otherwise be drawn past its rounded end.
          const width = Math.max(trouble ? 4 : 2, x(segment.to) - x(segment.from));
          const left = Math.max(0, Math.min(x(segment.from), WIDTH - width));
          return (
            <rect
              key={segment.from}
              class={`ts-seg-${segment.status}`}
              x={left}
              y="0"
              width={width}
              height={HEIGHT}
              data-segment={segment.status}
              {...(trouble ? { tabindex: 0, role: 'img', 'aria-label': words } : { 'aria-hidden': 'true' })}
            >
              <title>{words}</title>
            </rect>
          );
        })}
      </svg>
      <div class="ts-marks" aria-hidden="true">
        {marks.map((at) => (
          <span key={at} class="ts-mark" style={{ left: `${(x(at) / WIDTH) * 100}%` }}>
            {formatClock(at, locale)}
          </span>
        ))}
        <span class="ts-mark ts-mark-now">{t('timelineNow')}</span>
      </div>
    </div>
  );
}

const LEGEND_ORDER: readonly Sample['s'][] = ['operational', 'degraded', 'outage', 'unknown'];

/**
 * What the strips' colours and hatching mean, for the states the day holds: a strip read by colour
 * needs its key in words beside it.
 */
function Legend({ samples, now, ui }: { samples: readonly Sample[]; now: number; ui: Ui }) {
  const segments = timelineSegments(samples, now, SAMPLE_WINDOW_MS);
  const shown = LEGEND_ORDER.filter((status) => segments.some((segment) => segment.status === status));
  const watched = segments.reduce((sum, segment) => sum + segment.to - segment.from, 0);
  const gaps = watched < SAMPLE_WINDOW_MS - WATCH_GAP_MS;
  if (shown.length === 0 && !gaps) return null;
  return (
    <ul class="ts-legend" aria-label={ui.t('legendLabel')}>
      {shown.map((status) => (
        <li key={status} data-legend={status}>
          <span class={`ts-swatch ts-seg-${status}`} aria-hidden="true" />
          {ui.t(SEGMENT_WORD[status])}
        </li>
      ))}
      {gaps && (
        <li data-legend="none">
          <span class="ts-swatch ts-swatch-none" aria-hidden="true" />
          {ui.t('legendNoData')}
        </li>
      )}
    </ul>
  );
}

/**
 * "10:34 – 11:20 (46 min)", "10:34 – ongoing (1 hr)"; an open incident nobody has watched for a
 * while (a sleep, the browser closed) is told until it was last seen, not as going on until now.
 */
function IncidentSummary({ incident, now, ui }: { incident: Incident; now: number; ui: Ui }) {
  const { t, locale } = ui;
  const lastSeen = incident.seenAt ?? incident.start;
  const unwatched = incident.end === null && now > (incident.seenUntil ?? lastSeen) + WATCH_GAP_MS;
  // The end with its own date when it is not the start's day: "Nov 25, 6:43 PM – Nov 26, 6:45 PM".
  const until =
    incident.end !== null
      ? formatWhen(incident.end, incident.start, locale)
      : unwatched
        ? t('incidentLastSeen', [formatWhen(lastSeen, incident.start, locale)])
        : t('incidentOngoing');
  const to = incident.end ?? (unwatched ? lastSeen : now);
  // Nobody saw it begin (found after a gap, at install, on arrival): it lasted at least that long.
  return (
    <>
      {t(incident.begunUnseen ? 'incidentSummaryAtLeast' : 'incidentSummary', [
        formatWhen(incident.start, now, locale),
        until,
        formatDuration(durationMs(incident.start, to), locale),
      ])}
    </>
  );
}

const NO_INCIDENTS_SINCE: MessageKey = 'noIncidentsSince';

/**
 * No incident in what was seen: the day (its first poll kept is at most a gap after its start), or
 * since the first poll when less of it was watched; nothing before the first poll.
 */
function NoIncidents({ samples, now, ui }: { samples: readonly Sample[]; now: number; ui: Ui }) {
  const since = seenSince(samples, now);
  if (since === null) return null;
  if (since <= now - SAMPLE_WINDOW_MS + WATCH_GAP_MS)
    return (
      <p class="ts-hint" data-no-incidents="">
        {ui.t('noIncidents')}
      </p>
    );
  return (
    <p class="ts-hint" data-no-incidents="">
      <TimeText ui={ui} message={NO_INCIDENTS_SINCE} times={[{ at: since, text: formatWhen(since, now, ui.locale) }]} />
    </p>
  );
}

export function Timeline({
  samples,
  incidents,
  now,
  live,
  region,
  ui,
}: {
  samples: readonly Sample[];
  incidents: readonly Incident[];
  now: number;
  /** Where the owner is: an incident of another region (they travelled) says whose it is. */
  region: UserRegion;
  /** Current, not stale nor offline: only then is the last-3-hours zoom about what is happening. */
  live: boolean;
  ui: Ui;
}) {
  const { t, locale } = ui;
  const recent = recentIncidents(incidents, now);
  const zoom = live && showsZoom(incidents, now);
  return (
    <section aria-labelledby="ts-timeline-heading">
      {/* One strip is the last 24 hours, said in the heading; with the zoom, each strip says its span. */}
      <h2 id="ts-timeline-heading" class="ts-section-heading">
        {t(zoom ? 'historyHeading' : 'timelineHeading')}
      </h2>
      {zoom && (
        <>
          <h3 class="ts-strip-heading">{t('timelineZoomHeading')}</h3>
          <Strip
            samples={samples}
            now={now}
            windowMs={ZOOM_WINDOW_MS}
            everyHours={1}
            label={t('timelineZoomLabel')}
            ui={ui}
          />
          <h3 class="ts-strip-heading">{t('timelineHeading')}</h3>
        </>
      )}
      <Strip
        samples={samples}
        now={now}
        windowMs={SAMPLE_WINDOW_MS}
        everyHours={6}
        label={t('timelineLabel')}
        ui={ui}
      />
      <Legend samples={samples} now={now} ui={ui} />
      {recent.length === 0 ? (
        <NoIncidents samples={samples} now={now} ui={ui} />
      ) : (
        <ul class="ts-incidents">
          {recent.map((incident) => (
            <li key={incident.id} data-incident={incident.id} data-ongoing={incident.end === null ? 'true' : 'false'}>
              <span class={`ts-dot ts-seg-${incident.worst}`} aria-hidden="true" />
              <IncidentSummary incident={incident} now={now} ui={ui} />
              {incident.region !== undefined && incident.region !== region && (
                <span class="ts-recurred"> · {t(REGION_LABELS[incident.region])}</span>
              )}
              {incident.recurred > 0 && <span class="ts-recurred"> · {t('incidentRecurred')}</span>}
              {incident.backAt !== undefined && incident.end !== null && incident.backAt > incident.end && (
                <span class="ts-recurred">
                  {' '}
                  · {t('incidentBackBy', [formatWhen(incident.backAt, incident.start, locale)])}
                </span>
              )}
              {incident.ended === 'unwatched' && <span class="ts-recurred"> · {t('incidentUnwatched')}</span>}
              {incident.ended === 'retired' && <span class="ts-recurred"> · {t('incidentRetired')}</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
