import { SAMPLE_WINDOW_MS, type Incident, type Sample } from './snapshot';
import { HOUR } from './time';

export interface Segment {
  from: number;
  to: number;
  status: Sample['s'];
}

/**
 * Each sample holds until the next one (or now), but no longer than the poll vouched for (`u`): a
 * silence (sleep, a closed browser) is left as no data, never painted in the last state seen.
 */
export function timelineSegments(samples: readonly Sample[], now: number, windowMs = SAMPLE_WINDOW_MS): Segment[] {
  const start = now - windowMs;
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

/**
 * Since when the strip's day holds a poll that judged Tesla: "no incidents" is only as long as what was
 * seen, and a day of "not known" (offline, checks retired) saw nothing. Null when none did; never
 * before the window's start.
 */
export function seenSince(samples: readonly Sample[], now: number): number | null {
  let earliest: number | null = null;
  for (const sample of samples)
    if (sample.s !== 'unknown' && sample.t <= now && (earliest === null || sample.t < earliest)) earliest = sample.t;
  return earliest === null ? null : Math.max(earliest, now - SAMPLE_WINDOW_MS);
}

export function recentIncidents(incidents: readonly Incident[], now: number): Incident[] {
  return incidents.filter((i) => i.end === null || i.end > now - SAMPLE_WINDOW_MS).reverse();
}

/** The local clock's whole hours that are multiples of `everyHours` (00:00, 06:00…), inside the window. */
export function hourMarks(start: number, end: number, everyHours: number): number[] {
  const first = new Date(start);
  first.setMinutes(0, 0, 0);
  const marks: number[] = [];
  for (let at = first.getTime(); at <= end; at += HOUR) {
    // Stepping by the hour, then reading the local hour, stays right across a change of DST.
    if (at > start && new Date(at).getHours() % everyHours === 0) marks.push(at);
  }
  return marks;
}

/** The zoomed strip's window: the last 3 hours, shown while an incident is open or just ended. */
export const ZOOM_WINDOW_MS = 3 * HOUR;

export function showsZoom(incidents: readonly Incident[], now: number): boolean {
  const last = incidents.at(-1);
  return !!last && (last.end === null || now - last.end < ZOOM_WINDOW_MS);
}
