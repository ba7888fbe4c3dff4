import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { Popup } from '@/components/Popup';
import { UiContext } from '@/components/ui-context';
import { useNow } from '@/components/use-now';
import { uiText } from '@/utils/browser/browser-i18n';
import { sendRequest } from '@/utils/browser/messaging';
import { loadForUi, watchUiState, type UiState } from '@/utils/browser/ui-state';
import { SECOND } from '@/utils/engine/time';
import './style.css';

function App({ initial }: { initial: UiState }) {
  const [{ snapshot, settings }, setState] = useState(initial);
  const [checking, setChecking] = useState(false);
  const [checkFailed, setCheckFailed] = useState(false);
  const now = useNow(15 * SECOND, snapshot);

  useEffect(() => {
    const stop = watchUiState((change) => setState((state) => ({ ...state, ...change })));
    // Lets the worker heal its schedule and catch up on an overdue snapshot; the answer arrives by storage.
    void sendRequest({ type: 'refreshIfDue' });
    return stop;
  }, []);

  const checkNow = async () => {
    setChecking(true);
    setCheckFailed(false);
    const answer = await sendRequest({ type: 'checkNow' });
    if ('error' in answer) setCheckFailed(true);
    else setState((state) => ({ ...state, snapshot: answer.snapshot }));
    setChecking(false);
  };

  return <Popup snapshot={snapshot} now={now} settings={settings} checking={checking} checkFailed={checkFailed} onCheckNow={checkNow} />;
}

async function main() {
  document.documentElement.lang = uiText.locale;
  // The first render waits on one storage read, nothing else.
  const initial = await loadForUi();
  render(
    <UiContext.Provider value={uiText}>
      <App initial={initial} />
    </UiContext.Provider>,
    document.getElementById('app')!,
  );
  performance.mark('status-rendered');
}

void main();
