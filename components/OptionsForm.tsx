import { useState } from 'preact/hooks';
import type { MessageKey } from '../utils/engine/messages';
import { USER_REGIONS, type ServiceId, type UserRegion } from '../utils/engine/probes';
import { regionFromTimeZone } from '../utils/engine/region-guess';
import { SERVICE_IDS, parseSettings, type Settings } from '../utils/engine/settings';
import { REGION_LABELS } from '../utils/engine/status-view';
import type { Ui } from './ui';

const SERVICE_LABELS: Record<ServiceId, MessageKey> = {
  'owner-api': 'serviceOwnerApi',
  'fleet-api': 'serviceFleetApi',
  'sign-in': 'serviceSignIn',
  website: 'serviceWebsite',
};

export interface OptionsFormProps {
  settings: Settings;
  timeZone: string | undefined;
  /** Saves a validated value; the worker follows storage and reschedules at once. */
  onSave: (settings: Settings) => Promise<void>;
  onResetHistory: () => Promise<void>;
  ui: Ui;
}

export function OptionsForm({ settings, timeZone, onSave, onResetHistory, ui }: OptionsFormProps) {
  const { t } = ui;
  const [message, setMessage] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [interval, setInterval] = useState(String(settings.pollMinutes));

  const save = async (change: Partial<Settings>) => {
    // Validated on save as on read: a value out of range falls back to its default.
    await onSave(parseSettings({ ...settings, ...change }));
    setMessage(t('saved'));
  };
  const guessed = t(REGION_LABELS[regionFromTimeZone(timeZone)]);

  return (
    <main class="ts-options">
      <h1>{t('optionsTitle')}</h1>
      <div class="ts-field">
        <label for="ts-region">{t('optionRegion')}</label>
        <select
          id="ts-region"
          value={settings.region}
          onChange={(e) => void save({ region: e.currentTarget.value as UserRegion | 'auto' })}
        >
          <option value="auto">{t('optionRegionAuto', [guessed])}</option>
          {USER_REGIONS.map((region) => (
            <option key={region} value={region}>
              {t(REGION_LABELS[region])}
            </option>
          ))}
        </select>
      </div>
      <div class="ts-field">
        <label for="ts-interval">{t('optionInterval')}</label>
        <input
          id="ts-interval"
          type="number"
          min={1}
          max={60}
          step={1}
          inputMode="numeric"
          aria-describedby="ts-interval-hint"
          value={interval}
          onInput={(e) => setInterval(e.currentTarget.value)}
          onChange={(e) => {
            const minutes = Number(e.currentTarget.value);
            const valid = Number.isInteger(minutes) && minutes >= 1 && minutes <= 60;
            if (valid) {
              void save({ pollMinutes: minutes });
              return;
            }
            // Back to the saved value, in the field too: the state may already hold it.
            e.currentTarget.value = String(settings.pollMinutes);
            setInterval(String(settings.pollMinutes));
          }}
        />
        <p id="ts-interval-hint" class="ts-hint">
          {t('optionIntervalHint')}
        </p>
      </div>
      <div class="ts-field ts-check">
        <input
          id="ts-notifications"
          type="checkbox"
          checked={settings.notifications}
          onChange={(e) => void save({ notifications: e.currentTarget.checked })}
        />
        <label for="ts-notifications">{t('optionNotifications')}</label>
      </div>
      <fieldset class="ts-field">
        <legend>{t('optionServices')}</legend>
        {SERVICE_IDS.map((service) => {
          const checked = settings.services.includes(service);
          const last = checked && settings.services.length === 1;
          return (
            <div key={service} class="ts-check">
              <input
                id={`ts-service-${service}`}
                type="checkbox"
                checked={checked}
                disabled={last}
                onChange={(e) =>
                  void save({
                    services: e.currentTarget.checked
                      ? [...settings.services, service]
                      : settings.services.filter((s) => s !== service),
                  })
                }
              />
              <label for={`ts-service-${service}`}>{t(SERVICE_LABELS[service])}</label>
            </div>
          );
        })}
        <p class="ts-hint">{t('optionServicesHint')}</p>
      </fieldset>
      <section class="ts-field" aria-labelledby="ts-history-heading">
        <h2 id="ts-history-heading">{t('optionHistory')}</h2>
        {confirming ? (
          <fieldset class="ts-plain" aria-labelledby="ts-reset-question">
            <p id="ts-reset-question">{t('resetConfirm')}</p>
            <button
              type="button"
              class="ts-button"
              onClick={async () => {
                await onResetHistory();
                setConfirming(false);
                setMessage(t('resetDone'));
              }}
            >
              {t('resetYes')}
            </button>{' '}
            <button type="button" class="ts-button" onClick={() => setConfirming(false)}>
              {t('resetCancel')}
            </button>
          </fieldset>
        ) : (
          <button type="button" class="ts-button" onClick={() => setConfirming(true)}>
            {t('resetHistory')}
          </button>
        )}
      </section>
      <p class="ts-hint">{t('privacyNote')}</p>
      <p class="ts-saved" role="status" aria-live="polite">
        {message}
      </p>
    </main>
  );
}
