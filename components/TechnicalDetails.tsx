import { describeReason } from '../utils/engine/messages';
import type { CheckView } from '../utils/engine/status-view';
import type { Ui } from './ui';

/** Codes, hosts and latencies, for those who ask: closed until opened. */
export function TechnicalDetails({ checks, ui }: { checks: CheckView[]; ui: Ui }) {
  const { t } = ui;
  if (checks.length === 0) return null;
  return (
    <details class="ts-tech">
      <summary>{t('technicalHeading')}</summary>
      <ul>
        {checks.map((check) => (
          <li key={check.id} data-check={check.id} data-state={check.state}>
            <code>{check.host}</code> — {describeReason(t, check.reason)} · {Math.round(check.latencyMs)} ms
          </li>
        ))}
      </ul>
    </details>
  );
}
