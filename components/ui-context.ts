import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Translate } from '../utils/engine/messages';

/** What every component needs to speak the user's language: messages and a locale for `Intl`. */
export interface Ui {
  t: Translate;
  locale: string;
}

export const UiContext = createContext<Ui | null>(null);

export function useUi(): Ui {
  const ui = useContext(UiContext);
  if (!ui) throw new Error('UiContext is missing');
  return ui;
}
