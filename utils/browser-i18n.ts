import { browser } from 'wxt/browser';
import type { Translate } from './messages';

/** The extension's own translator: `_locales`, in the browser's language. */
export const browserTranslate: Translate = (key, values) => browser.i18n.getMessage(key, values ? [...values] : undefined);

export function browserLocale(): string {
  return browser.i18n.getUILanguage();
}
