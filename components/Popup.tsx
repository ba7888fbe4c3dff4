import type { Snapshot } from '../utils/engine/snapshot';
import { statusSummaryText } from '../utils/engine/status-text';
import { statusView, type StatusView, type ViewSettings } from '../utils/engine/status-view';
import { CheckNowButton } from './CheckNowButton';
import { FeatureList } from './FeatureList';
import { RegionList } from './RegionList';
import { CheckedLine, StatusHeader } from './StatusHeader';
import { TechnicalDetails } from './TechnicalDetails';
import { Timeline } from './Timeline';
import type { Ui } from './ui';
import { WhatNow } from './WhatNow';

export interface PopupProps {
  snapshot: Snapshot | null;
  now: number;
  settings: ViewSettings;
  checking: boolean;
  checkFailed: boolean;
  onCheckNow: () => void;
  /** Copies a paste-ready summary; the popup says "Copied" while `copied`. */
  onCopy?: (text: string) => void;
  copied?: boolean;
  /** "Report a wrong status", in the technical details. */
  onReport?: () => void;
  ui: Ui;
}

function summaryLine(view: StatusView, ui: Ui): string {
  const { t } = ui;
  const summary = view.summary!;
  const count = (n: number, one: Parameters<Ui['t']>[0], many: Parameters<Ui['t']>[0]) =>
    n === 1 ? t(one) : t(many, [String(n)]);
  // Slow answers are no outage: the features are slow, not unavailable, and that is the whole cause.
  const slow = summary.cause === 'slow';
  const car = slow
    ? count(summary.car, 'summaryCarSlowOne', 'summaryCarSlowMany')
    : count(summary.car, 'summaryCarOne', 'summaryCarMany');
  const other = (n: number) =>
    slow ? count(n, 'summaryOtherSlowOne', 'summaryOtherSlowMany') : count(n, 'summaryOtherOne', 'summaryOtherMany');
  const what =
    summary.car === 0
      ? other(summary.other)
      : summary.other === 0
        ? car
        : summary.other === 1
          ? t('summaryPlusOne', [car])
          : t('summaryPlusMany', [car, String(summary.other)]);
  if (summary.cause === null || slow) return what;
  const cause = t(
    summary.cause === 'maintenance'
      ? 'causeMaintenance'
      : summary.cause === 'no-answer'
        ? 'causeNoAnswer'
        : 'causeErrors',
  );
  return t('summaryLine', [what, cause]);
}

/**
 * The first glance, top to bottom: the state and its whole story, the phone key, what is down and
 * why in a line, what to do now; then each feature, the regions, the day, and the technical details.
 */
export function Popup({
  snapshot,
  now,
  settings,
  checking,
  checkFailed,
  onCheckNow,
  onCopy,
  copied = false,
  onReport,
  ui,
}: PopupProps) {
  const { t } = ui;
  const view = statusView(snapshot, now, settings);
  const current = view.hasData && !view.stale && !view.offline;
  const trouble = current && (view.overall === 'outage' || view.overall === 'degraded');
  const copyText = trouble ? statusSummaryText(view, now, t, ui.locale) : null;
  return (
    <main class="ts-popup" data-overall-status={view.overall} data-stale={view.stale ? 'true' : 'false'}>
      {/* When it was checked, and the two things to do about it: the header below keeps the story's width. */}
      <div class="ts-toolbar">
        <CheckedLine view={view} now={now} ui={ui} />
        <CheckNowButton checking={checking} onClick={onCheckNow} ui={ui} />
        <a class="ts-button ts-gear" href="/options.html" target="_blank" rel="noopener" title={t('settings')}>
          <span aria-hidden="true">⚙</span>
          <span class="ts-sr">{t('settings')}</span>
        </a>
      </div>
      <StatusHeader view={view} now={now} ui={ui} />
      {checkFailed && (
        <p class="ts-error" role="alert">
          {t('checkFailed')}
        </p>
      )}
      {view.outdated && (
        <p class="ts-hint ts-outdated" role="note" data-outdated="true">
          {t('probesOutdatedHint')}
        </p>
      )}
      {current && view.remoteDown && (
        <p class="ts-phone-key" data-phone-key="true">
          {t('phoneKeyLine')}
        </p>
      )}
      {current && view.summary && <p class="ts-summary">{summaryLine(view, ui)}</p>}
      {trouble && <WhatNow ui={ui} copied={copied} onCopy={copyText && onCopy ? () => onCopy(copyText) : null} />}
      <FeatureList view={view} now={now} ui={ui} />
      <RegionList view={view} now={now} ui={ui} />
      <Timeline
        samples={snapshot?.samples ?? []}
        incidents={snapshot?.incidents ?? []}
        now={now}
        live={current}
        region={snapshot?.region ?? 'na'}
        ui={ui}
      />
      <TechnicalDetails checks={view.checks} onReport={onReport} ui={ui} />
    </main>
  );
}
