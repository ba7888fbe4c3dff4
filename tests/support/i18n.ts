import en from '../../public/_locales/en/messages.json';
import fr from '../../public/_locales/fr/messages.json';
import type { Translate } from '../../utils/engine/messages';

type MessageCatalog = Record<string, { message: string }>;

/**
 * A translator over a catalog, as \`browser.i18n.getMessage\` behaves: the positional \`$1\`…\`$9\`
 * substitutions, and '' for a key the catalog does not have.
 */
function createTranslator(catalog: MessageCatalog): Translate {
  return (key, values = []) => {
    const entry = catalog[key];
    if (!entry) return '';
    return entry.message.replace(/\$(\d)/g, (_, index: string) => values[Number(index) - 1] ?? '');
  };
}

export const tEn = createTranslator(en);
export const tFr = createTranslator(fr);
export const catalogs = { en, fr } as const;
