import en from '../../public/_locales/en/messages.json';
import fr from '../../public/_locales/fr/messages.json';
import { translatorFrom } from '../../utils/engine/messages';

export const tEn = translatorFrom(en);
export const tFr = translatorFrom(fr);
export const catalogs = { en, fr } as const;
