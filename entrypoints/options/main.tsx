import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { OptionsForm } from '@/components/OptionsForm';
import { UiContext } from '@/components/ui-context';
import { browserLocale, browserTranslate } from '@/utils/browser/browser-i18n';
import { readReply } from '@/utils/engine/protocol';
import { parseSettings, type Settings } from '@/utils/engine/settings';
import { loadSettings, settingsItem } from '@/utils/browser/storage';
import './style.css';

function App({ initial }: { initial: Settings }) {
  const [settings, setSettings] = useState(initial);
  useEffect(() => settingsItem.watch((value) => setSettings(parseSettings(value))), []);
  return (
    <OptionsForm
      settings={settings}
      timeZone={Intl.DateTimeFormat().resolvedOptions().timeZone}
      onSave={async (next) => {
        setSettings(next);
        await settingsItem.setValue(next);
      }}
      onResetHistory={async () => {
        const reply = readReply(await browser.runtime.sendMessage({ type: 'resetHistory' }));
        if ('error' in reply) throw new Error(reply.error);
      }}
    />
  );
}

async function main() {
  document.documentElement.lang = browserLocale();
  const settings = await loadSettings();
  render(
    <UiContext.Provider value={{ t: browserTranslate, locale: browserLocale() }}>
      <App initial={settings} />
    </UiContext.Provider>,
    document.getElementById('app')!,
  );
}

void main();
