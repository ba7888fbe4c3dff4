import { describeReason } from '../utils/engine/messages';
import type { CheckView } from '../utils/engine/status-view';
import type { Ui } from './ui';

/** Codes, hosts and latencies, for those who ask: closed until opened. */
export function TechnicalDetails({
  checks,
  onReport,
  ui,
}: {
  checks: CheckView[];
  /** Saves the evidence log and the settings as a file (see utils/engine/evidence/report.ts). */
  onReport?: (() => void) | undefined;
  ui: Ui;
}) {
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
      {onReport && (
        <p class="ts-report">
          <button type="button" class="ts-button" onClick={onReport} aria-describedby="ts-report-hint">
            {t('reportWrongStatus')}
          </button>
          <span id="ts-report-hint">{t('reportWrongStatusHint')}</span>
        </p>
      )}
    </details>
  );
}
