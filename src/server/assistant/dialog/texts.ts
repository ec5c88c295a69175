import type { Lang } from '../../triage/index.js';
import { catalogue } from '../../platform/http/catalogue.js';
import fr from '../locales/fr.json';
import en from '../locales/en.json';

/**
 * What the booking dialog says, in French and English (assistant/locales/{fr,en}.json, key `dialog`); the sentences
 * built from values stay here in code.
 */
export const T = catalogue(fr.dialog, en.dialog, 'assistant dialog');

export function deadlineText(minutes: number, lang: Lang): string {
  const h = Math.round(minutes / 60);
  const span = minutes % 60 === 0 ? (lang === 'fr' ? `${h} h` : `${h} hours`) : `${minutes} min`;
  return lang === 'fr'
    ? `Ce rendez-vous ne peut plus être modifié ici (au plus tard ${span} avant). Appelez le cabinet ; votre demande est transmise au secrétariat.`
    : `This appointment can no longer be changed here (at the latest ${span} before). Please call the practice; your request has been passed to the front desk.`;
}
