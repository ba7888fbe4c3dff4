import type enMessages from '../../public/_locales/en/messages.json';

/** A key of `_locales/<lang>/messages.json`: code cannot name a message that does not exist. */
export type MessageKey = keyof typeof enMessages;

export type Translate = (key: MessageKey, values?: readonly string[]) => string;

export type MessageCatalog = Record<string, { message: string }>;

/**
 * A translator over a catalog, with the positional `$1`…`$9` substitutions of `browser.i18n`.
 * The extension itself uses `browser.i18n.getMessage`; this serves tests and any place without it.
 */
export function createTranslator(catalog: MessageCatalog): Translate {
  return (key, values = []) => {
    const entry = catalog[key];
    if (!entry) return key;
    return entry.message.replace(/\$(\d)/g, (_, index: string) => values[Number(index) - 1] ?? '');
  };
}

/**
 * Text for a stored reason. Its key came from storage, so it may name a message this version does
 * not have: then the reason is left out (empty), never shown as a raw key.
 */
export function describeReason(t: Translate, reason: { key: string; values?: readonly string[] } | null): string {
  if (!reason) return '';
  const text = t(reason.key as MessageKey, reason.values);
  return text === reason.key ? '' : text;
}
