import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { Popup } from '@/components/Popup';
import { UiContext } from '@/components/ui-context';
import { browserLocale, browserTranslate } from '@/utils/browser/browser-i18n';
import { readReply } from '@/utils/engine/protocol';
import { parseSettings, type Settings } from '@/utils/engine/settings';
import { parseSnapshot, type Snapshot } from '@/utils/engine/snapshot';
import { loadForUi, settingsItem, snapshotItem } from '@/utils/browser/storage';
import { useNow } from '@/components/use-now';
import './style.css';

const ui = { t: browserTranslate, locale: browserLocale() };

function App({ initialSnapshot, initialSettings }: { initialSnapshot: Snapshot | null; initialSettings: Settings }) {
  const [snapshot, setSnapshot] = useState(initialSnapshot);
  const [settings, setSettings] = useState(initialSettings);
  const [checking, setChecking] = useState(false);
  const [checkFailed, setCheckFailed] = useState(false);
  const now = useNow(15_000, snapshot);

  useEffect(() => {
    const unwatch = [
      snapshotItem.watch((value) => setSnapshot(parseSnapshot(value))),
      settingsItem.watch((value) => setSettings(parseSettings(value))),
    ];
    // Lets the worker heal its schedule and catch up on a stale snapshot; the answer arrives by storage.
    browser.runtime.sendMessage({ type: 'getSnapshot' }).catch(() => undefined);
    return () => unwatch.forEach((stop) => stop());
  }, []);

  const checkNow = async () => {
    setChecking(true);
    setCheckFailed(false);
    try {
      const reply = readReply(await browser.runtime.sendMessage({ type: 'checkNow' }));
      if ('error' in reply) setCheckFailed(true);
      else setSnapshot(reply.snapshot);
    } catch {
      setCheckFailed(true);
    } finally {
      setChecking(false);
    }
  };

  return (
    <Popup snapshot={snapshot} now={now} settings={settings} checking={checking} checkFailed={checkFailed} onCheckNow={checkNow} />
  );
}

async function main() {
  document.documentElement.lang = ui.locale;
  // The first render waits on one storage read, nothing else.
  const { snapshot, settings } = await loadForUi();
  const root = document.getElementById('app')!;
  render(
    <UiContext.Provider value={ui}>
      <App initialSnapshot={snapshot} initialSettings={settings} />
    </UiContext.Provider>,
    root,
  );
  performance.mark('status-rendered');
}

void main();
