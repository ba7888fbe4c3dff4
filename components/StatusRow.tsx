import type { ComponentChildren } from 'preact';
import { formatWhen } from '../utils/engine/format';
import type { MessageKey, Translate } from '../utils/engine/messages';
import type { FeatureStatus } from '../utils/engine/status';
import { StatusIcon, toneOf } from './StatusIcon';
import type { Ui } from './ui';

export const LEVEL_WORD: Record<FeatureStatus, MessageKey> = {
  up: 'levelUp',
  degraded: 'levelDegraded',
  down: 'levelDown',
  unknown: 'levelUnknown',
};

/** "Down since 09:44" / "Degraded since 09:44". */
export function troubleSince(status: FeatureStatus, since: number, t: Translate, locale: string, now: number): string {
  return t(status === 'down' ? 'downSince' : 'degradedSince', [formatWhen(since, now, locale)]);
}

/** One line of a status list: a mark, a label, an optional detail, and the state in a word. */
export function StatusRow({
  status,
  label,
  detail,
  attributes,
  ui,
}: {
  status: FeatureStatus;
  label: ComponentChildren;
  detail?: string;
  /** The DOM contract: data-feature / data-region, data-status, aria-current. */
  attributes: Record<string, string | undefined>;
  ui: Ui;
}) {
  const { t } = ui;
  return (
    <li class={`ts-row ts-row-${status}`} data-status={status} {...attributes}>
      <StatusIcon tone={toneOf(status)} />
      <div class="ts-row-text">
        <span class="ts-row-label">{label}</span>
        {detail && <span class="ts-row-detail">{detail}</span>}
      </div>
      <span class="ts-row-status">{t(LEVEL_WORD[status])}</span>
    </li>
  );
}
