import type { Snapshot } from '../utils/engine/snapshot';
import { statusView, type ViewSettings } from '../utils/engine/status-view';
import { CheckNowButton } from './CheckNowButton';
import { FeatureList } from './FeatureList';
import { RegionList } from './RegionList';
import { StatusHeader } from './StatusHeader';
import { Timeline } from './Timeline';
import type { Ui } from './ui';

export interface PopupProps {
  snapshot: Snapshot | null;
  now: number;
  settings: ViewSettings;
  checking: boolean;
  checkFailed: boolean;
  onCheckNow: () => void;
  ui: Ui;
}

export function Popup({ snapshot, now, settings, checking, checkFailed, onCheckNow, ui }: PopupProps) {
  const { t } = ui;
  const view = statusView(snapshot, now, settings);
  return (
    <main class="ts-popup" data-overall-status={view.overall} data-stale={view.stale ? 'true' : 'false'}>
      <div class="ts-top">
        <StatusHeader view={view} now={now} ui={ui} />
        <CheckNowButton checking={checking} onClick={onCheckNow} ui={ui} />
      </div>
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
      <FeatureList features={view.features} now={now} ui={ui} />
      <RegionList regions={view.regions} now={now} ui={ui} />
      <Timeline samples={snapshot?.samples ?? []} incidents={snapshot?.incidents ?? []} now={now} ui={ui} />
    </main>
  );
}
