import type { Translate } from './messages';
import { DAY, HOUR, MINUTE } from './time';

/** Times, durations and lists in the user's language, with `Intl` only. */

/** "9:41 AM" on a 12-hour clock, "09:41" on a 24-hour one: each as its readers write it. */
function hourStyle(locale: string): '2-digit' | 'numeric' {
  const cycle = new Intl.DateTimeFormat(locale, { hour: 'numeric' }).resolvedOptions().hourCycle;
  return cycle === 'h11' || cycle === 'h12' ? 'numeric' : '2-digit';
}

export function formatClock(at: number, locale: string): string {
  return new Intl.DateTimeFormat(locale, { hour: hourStyle(locale), minute: '2-digit' }).format(at);
}

/** A clock time, with the date when it is not today (an outage that began yesterday). */
export function formatWhen(at: number, now: number, locale: string): string {
  const sameDay = new Date(at).toDateString() === new Date(now).toDateString();
  return sameDay
    ? formatClock(at, locale)
    : new Intl.DateTimeFormat(locale, {
        day: 'numeric',
        month: 'short',
        hour: hourStyle(locale),
        minute: '2-digit',
      }).format(at);
}

/** "2 hr", never broken between the number and its unit at the end of a line. */
function unit(value: number, name: 'day' | 'hour' | 'minute', locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'unit', unit: name, unitDisplay: 'short' })
    .format(value)
    .replace(/ /g, '\u00a0');
}

/** "2 hr 13 min" / "2 h 13 min": the two largest units, never negative. */
export function formatDuration(ms: number, locale: string): string {
  const total = Math.max(0, ms);
  const days = Math.floor(total / DAY);
  const hours = Math.floor((total % DAY) / HOUR);
  const minutes = Math.floor((total % HOUR) / MINUTE);
  if (days > 0)
    return [unit(days, 'day', locale), hours > 0 ? unit(hours, 'hour', locale) : ''].filter(Boolean).join(' ');
  if (hours > 0)
    return [unit(hours, 'hour', locale), minutes > 0 ? unit(minutes, 'minute', locale) : ''].filter(Boolean).join(' ');
  return unit(Math.max(minutes, total > 0 ? 1 : 0), 'minute', locale);
}

/**
 * "1 minute ago" / "il y a 1 minute"; under a minute, the words owners use ("just now", "à l'instant"),
 * which `Intl` does not have ("now", "maintenant").
 */
export function formatAgo(at: number, now: number, locale: string, t: Translate): string {
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const elapsed = Math.max(0, now - at);
  if (elapsed < MINUTE) return t('justNow');
  if (elapsed < HOUR) return rtf.format(-Math.floor(elapsed / MINUTE), 'minute');
  if (elapsed < DAY) return rtf.format(-Math.floor(elapsed / HOUR), 'hour');
  return rtf.format(-Math.floor(elapsed / DAY), 'day');
}

export function formatList(items: readonly string[], locale: string): string {
  return new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }).format(items);
}

/** Milliseconds between two instants, never negative (clocks do jump back). */
export function durationMs(start: number, end: number): number {
  return Math.max(0, end - start);
}
