import { durationMs, formatDuration, formatWhen } from '../utils/engine/format';

import { SAMPLE_WINDOW_MS, type Incident, type Sample } from '../utils/engine/snapshot';
import type { Ui } from './ui';

const WIDTH = 288;
const HEIGHT = 14;

interface Segment {
  from: number;
  to: number;
  status: Sample['s'];
}

/**
 * Each sample holds until the next one (or now), but no longer than the poll vouched for (`u`): a
 * silence (sleep, a closed browser) is left as no data, never painted in the last state seen.
 */
export function timelineSegments(samples: readonly Sample[], now: number): Segment[] {
  const start = now - SAMPLE_WINDOW_MS;
  const sorted = samples.filter((s) => s.t <= now).sort((a, b) => a.t - b.t);
  const segments: Segment[] = [];
  sorted.forEach((sample, i) => {
    const from = Math.max(start, sample.t);
    const to = Math.min(now, sorted[i + 1]?.t ?? now, sample.u ?? Infinity);
    if (to <= from) return;
    const last = segments.at(-1);
    if (last && last.status === sample.s && last.to === from) last.to = to;
    else segments.push({ from, to, status: sample.s });
  });
  return segments;
}

export function recentIncidents(incidents: readonly Incident[], now: number): Incident[] {
  return incidents.filter((i) => i.end === null || i.end > now - SAMPLE_WINDOW_MS).reverse();
}

export function Timeline({ samples, incidents, now, ui }: { samples: readonly Sample[]; incidents: readonly Incident[]; now: number; ui: Ui }) {
  const { t, locale } = ui;
  const start = now - SAMPLE_WINDOW_MS;
  const x = (at: number) => ((at - start) / SAMPLE_WINDOW_MS) * WIDTH;
  const recent = recentIncidents(incidents, now);
  return (
    <section aria-labelledby="ts-timeline-heading">
      <h2 id="ts-timeline-heading" class="ts-section-heading">
        {t('timelineHeading')}
      </h2>
      <svg class="ts-timeline" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} preserveAspectRatio="none" role="img" aria-label={t('timelineLabel')}>
        <rect class="ts-seg-none" x="0" y="0" width={WIDTH} height={HEIGHT} />
        {timelineSegments(samples, now).map((segment) => (
          <rect key={segment.from} class={`ts-seg-${segment.status}`} x={x(segment.from)} y="0" width={Math.max(0.5, x(segment.to) - x(segment.from))} height={HEIGHT} />
        ))}
      </svg>
      {recent.length === 0 ? (
        <p class="ts-hint">{t('noIncidents')}</p>
      ) : (
        <ul class="ts-incidents">
          {recent.map((incident) => (
            <li key={incident.id} data-incident={incident.id} data-ongoing={incident.end === null ? 'true' : 'false'}>
              <span class={`ts-dot ts-seg-${incident.worst}`} aria-hidden="true" />
              {t('incidentSummary', [
                formatWhen(incident.start, now, locale),
                incident.end === null ? t('incidentOngoing') : formatWhen(incident.end, now, locale),
                formatDuration(durationMs(incident.start, incident.end ?? now), locale),
              ])}
              {incident.recurred > 0 && <span class="ts-recurred"> · {t('incidentRecurred')}</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
