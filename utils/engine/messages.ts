import type enMessages from '../../public/_locales/en/messages.json';

/** A key of `_locales/<lang>/messages.json`: code cannot name a message that does not exist. */
export type MessageKey = keyof typeof enMessages;

export type Translate = (key: MessageKey, values?: readonly string[]) => string;

/**
 * Text for a stored reason. Its key came from storage, so it may name a message this version does
 * not have: then the reason is left out (empty), never shown as a raw key.
 */
export function describeReason(t: Translate, reason: { key: string; values?: readonly string[] } | null): string {
  if (!reason) return '';
  // `browser.i18n.getMessage` answers '' for a key it does not know.
  return t(reason.key as MessageKey, reason.values);
}

/**
 * A translator over a catalog, as `browser.i18n.getMessage` behaves: the positional `$1`…`$9`
 * substitutions, and '' for a key the catalog does not have. For Node (tests, maintainers' tools);
 * the extension asks the browser.
 */
export function translatorFrom(catalog: Record<string, { message: string }>): Translate {
  return (key, values = []) => {
    const entry = catalog[key];
    if (!entry) return '';
    return entry.message.replace(/\$(\d)/g, (_, index: string) => values[Number(index) - 1] ?? '');
  };
}
