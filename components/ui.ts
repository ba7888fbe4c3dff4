import type { Translate } from '../utils/engine/messages';

/**
 * What every component needs to speak the user's language: messages and a locale for `Intl`. It is
 * passed as a prop, not through a context: the popup and the banner then need no Preact hooks
 * (0.9 KB gzip each), and a component shows in its signature what it depends on.
 */
export interface Ui {
  t: Translate;
  locale: string;
}
