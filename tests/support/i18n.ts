import en from '../../public/_locales/en/messages.json';
import fr from '../../public/_locales/fr/messages.json';
import { createTranslator } from '../../utils/engine/messages';

export const tEn = createTranslator(en);
export const tFr = createTranslator(fr);
export const catalogs = { en, fr } as const;
