import { useEffect, useState } from 'preact/hooks';

/**
 * The current time, refreshed so that "last checked" and durations keep counting while open, and
 * at once whenever `changed` changes: a new snapshot must not be judged by a clock older than it.
 */
export function useNow(everyMs: number, changed?: unknown): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs, changed]);
  return now;
}
