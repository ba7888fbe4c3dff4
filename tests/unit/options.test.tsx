// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OptionsForm } from '../../components/OptionsForm';
import { DEFAULT_SETTINGS, type Settings } from '../../utils/engine/settings';
import { tEn, tFr } from '../support/i18n';

afterEach(cleanup);

function show(settings: Settings = DEFAULT_SETTINGS, t = tEn) {
  const onSave = vi.fn(async (_: Settings) => undefined);
  const onResetHistory = vi.fn(async () => undefined);
  render(
    <OptionsForm
      settings={settings}
      timeZone="Europe/Paris"
      onSave={onSave}
      onResetHistory={onResetHistory}
      ui={{ t, locale: 'en' }}
    />,
  );
  return { onSave, onResetHistory };
}

describe('the options page', () => {
  it('offers the region, guessing it from the time zone', async () => {
    const { onSave } = show();
    const select = screen.getByLabelText('Your region') as HTMLSelectElement;
    expect(select.value).toBe('auto');
    expect(select.options[0]!.textContent).toBe('Automatic, from your time zone (Europe, Middle East and Africa)');
    fireEvent.change(select, { target: { value: 'cn' } });
    await vi.waitFor(() => expect(onSave).toHaveBeenCalledWith({ ...DEFAULT_SETTINGS, region: 'cn' }));
    expect(await screen.findByText('Saved.')).toBeTruthy();
  });

  it('saves a valid interval and refuses one out of range', async () => {
    const { onSave } = show();
    const input = screen.getByLabelText('Check every (minutes)') as HTMLInputElement;
    fireEvent.change(input, { target: { value: '15' } });
    await vi.waitFor(() => expect(onSave).toHaveBeenCalledWith({ ...DEFAULT_SETTINGS, pollMinutes: 15 }));
    onSave.mockClear();
    fireEvent.change(input, { target: { value: '0' } });
    fireEvent.change(input, { target: { value: '600' } });
    fireEvent.change(input, { target: { value: '2.5' } });
    expect(onSave).not.toHaveBeenCalled();
    expect(input.value).toBe('2');
  });

  it('turns notifications off', async () => {
    const { onSave } = show();
    fireEvent.click(screen.getByLabelText('Notify me when Tesla goes down, comes back, or fails again'));
    await vi.waitFor(() => expect(onSave).toHaveBeenCalledWith({ ...DEFAULT_SETTINGS, notifications: false }));
  });

  it('chooses what to watch, never nothing', async () => {
    const { onSave } = show({ ...DEFAULT_SETTINGS, services: ['owner-api', 'website'] });
    fireEvent.click(screen.getByLabelText('Tesla account website'));
    await vi.waitFor(() => expect(onSave).toHaveBeenCalledWith({ ...DEFAULT_SETTINGS, services: ['owner-api'] }));
    cleanup();
    show({ ...DEFAULT_SETTINGS, services: ['owner-api'] });
    expect((screen.getByLabelText(/Tesla app servers/) as HTMLInputElement).disabled).toBe(true);
  });

  it('asks before resetting the history', async () => {
    const { onResetHistory } = show();
    fireEvent.click(screen.getByRole('button', { name: 'Reset history…' }));
    expect(onResetHistory).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onResetHistory).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Reset history…' }));
    fireEvent.click(screen.getByRole('button', { name: 'Yes, reset' }));
    await vi.waitFor(() => expect(onResetHistory).toHaveBeenCalledOnce());
    expect(await screen.findByText('History reset.')).toBeTruthy();
  });

  it('speaks French', () => {
    show(DEFAULT_SETTINGS, tFr);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Réglages de Tesla Status');
    expect(screen.getByLabelText('Votre région')).toBeTruthy();
  });
});
