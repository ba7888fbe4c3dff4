import { browser } from 'wxt/browser';
import type { Translate } from '../engine/messages';

/** The extension's own translator: `_locales`, in the browser's language. */
export const browserTranslate: Translate = (key, values) =>
  browser.i18n.getMessage(key, values ? [...values] : undefined);

/**
 * The locale for `Intl`: the browser's own (keeping regional habits, en-GB's 24-hour clock) when it
 * is in the language the messages are shown in, else that language, so that a French sentence
 * never carries an English "05:31 PM".
 */
export function browserLocale(): string {
  const shown = browserTranslate('languageCode');
  const ui = browser.i18n.getUILanguage();
  return shown && !ui.toLowerCase().startsWith(shown) ? shown : ui;
}

/** The translator and the locale of an extension page or content script, built once. */
export const uiText = { t: browserTranslate, locale: browserLocale() };
