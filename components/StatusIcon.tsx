/** A status is never colour alone: each has its own mark, and the text says it too. */
export type Tone = 'ok' | 'warn' | 'bad' | 'unknown';

const MARK: Record<Tone, string> = { ok: '✓', warn: '!', bad: '✕', unknown: '?' };

export function StatusIcon({ tone, large = false }: { tone: Tone; large?: boolean }) {
  return (
    <span class={`ts-icon ts-tone-${tone}${large ? ' ts-icon-large' : ''}`} aria-hidden="true">
      {MARK[tone]}
    </span>
  );
}

export function toneOf(status: string): Tone {
  switch (status) {
    case 'up':
    case 'operational':
      return 'ok';
    case 'degraded':
      return 'warn';
    case 'down':
    case 'outage':
      return 'bad';
    default:
      return 'unknown';
  }
}
