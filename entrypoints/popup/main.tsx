import { render } from 'preact';
import { Popup } from '@/components/Popup';
import { uiText } from '@/utils/browser/browser-i18n';
import { sendRequest } from '@/utils/browser/messaging';
import { snapshotItem } from '@/utils/browser/storage';
import { loadForUi, watchUiState, type UiState } from '@/utils/browser/ui-state';
import { SECOND } from '@/utils/engine/time';
import './style.css';

/** How often the open popup re-reads the clock, so "last checked" and durations keep counting. */
const TICK_MS = 15 * SECOND;

interface PopupState extends UiState {
  checking: boolean;
  checkFailed: boolean;
  /** The summary was just copied: the button says so for a moment. */
  copied: boolean;
  /** Read again with every change: a new snapshot must not be judged by a clock older than it. */
  now: number;
}

/**
 * The popup's whole state lives here and every change renders it again, as the banner does: no
 * Preact hooks in the bundle, and one place that says what can change the popup.
 */
async function main() {
  document.documentElement.lang = uiText.locale;
  const root = document.getElementById('app')!;
  // The first render waits on one storage read, nothing else.
  let state: PopupState = {
    ...(await loadForUi(snapshotItem)),
    checking: false,
    checkFailed: false,
    copied: false,
    now: Date.now(),
  };

  const update = (change: Partial<PopupState>) => {
    state = { ...state, ...change, now: Date.now() };
    render(<Popup {...state} onCheckNow={checkNow} onCopy={copy} onReport={report} ui={uiText} />, root);
  };
  const checkNow = async () => {
    update({ checking: true, checkFailed: false });
    const answer = await sendRequest({ type: 'checkNow' });
    update('error' in answer ? { checking: false, checkFailed: true } : { checking: false, snapshot: answer.snapshot });
  };

  // Loaded on demand: the report's code (the log's codec) is not part of the popup's first render.
  const report = () => {
    import('@/utils/browser/report-file')
      .then(({ saveReportFile }) => saveReportFile(document))
      .catch((error) => console.error('[tesla-status] no report', error));
  };

  const copy = (text: string) => {
    navigator.clipboard.writeText(text).then(
      () => {
        update({ copied: true });
        setTimeout(() => update({ copied: false }), 2 * SECOND);
      },
      // Refused (the popup lost focus): the button simply does not say "Copied".
      () => undefined,
    );
  };

  update({});
  performance.mark('status-rendered');
  watchUiState(snapshotItem, update);
  setInterval(() => update({}), TICK_MS);
  // Lets the worker heal its schedule and catch up on an overdue snapshot; the answer arrives by storage.
  void sendRequest({ type: 'refreshIfDue' });
}

void main();
