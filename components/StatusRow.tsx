import type { ComponentChildren } from 'preact';
import type { MessageKey } from '../utils/engine/messages';
import type { FeatureStatus } from '../utils/engine/status';
import { StatusIcon, toneOf } from './StatusIcon';
import type { Ui } from './ui';

export const LEVEL_WORD: Record<FeatureStatus, MessageKey> = {
  up: 'levelUp',
  degraded: 'levelDegraded',
  down: 'levelDown',
  unknown: 'levelUnknown',
};

/** One line of a status list: a mark, a label, an optional detail, and the state in a word. */
export function StatusRow({
  status,
  label,
  detail,
  word,
  muted = false,
  attributes,
  ui,
}: {
  status: FeatureStatus;
  label: ComponentChildren;
  detail?: ComponentChildren;
  /** The state in a word, when the level's own word would say too much ("Can't tell from here"). */
  word?: string;
  /** Last known, not current: greyed, and the detail says so. */
  muted?: boolean;
  /** The DOM contract: data-feature / data-region, data-status, aria-current. */
  attributes: Record<string, string | undefined>;
  ui: Ui;
}) {
  return (
    <li class={`ts-row ts-row-${status}${muted ? ' ts-row-muted' : ''}`} data-status={status} {...attributes}>
      <StatusIcon tone={muted ? 'unknown' : toneOf(status)} />
      <div class="ts-row-text">
        <span class="ts-row-label">{label}</span>
        {detail && <span class="ts-row-detail">{detail}</span>}
      </div>
      <span class="ts-row-status">{word ?? ui.t(LEVEL_WORD[status])}</span>
    </li>
  );
}
