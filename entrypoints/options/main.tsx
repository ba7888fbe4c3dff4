import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { OptionsForm } from '@/components/OptionsForm';
import { uiText } from '@/utils/browser/browser-i18n';
import { sendRequest } from '@/utils/browser/messaging';
import type { Settings } from '@/utils/engine/settings';
import { settingsItem } from '@/utils/browser/storage';
import './style.css';

function App({ initial }: { initial: Settings }) {
  const [settings, setSettings] = useState(initial);
  useEffect(() => settingsItem.watch(setSettings), []);
  return (
    <OptionsForm
      settings={settings}
      timeZone={Intl.DateTimeFormat().resolvedOptions().timeZone}
      onSave={async (next) => {
        setSettings(next);
        await settingsItem.setValue(next);
      }}
      onResetHistory={async () => {
        const answer = await sendRequest({ type: 'resetHistory' });
        if ('error' in answer) throw new Error(answer.error);
      }}
      ui={uiText}
    />
  );
}

async function main() {
  document.documentElement.lang = uiText.locale;
  const settings = await settingsItem.getValue();
  render(<App initial={settings} />, document.getElementById('app')!);
}

void main();
