/** The patients capability's sentences in its error details, in both languages (the answer picks the request's). */
import type { Localized } from '../platform/http/errors.js';

export const PATIENT_MESSAGES = {
  strictTraitReason: { fr: 'Motif obligatoire pour corriger un trait strict.', en: 'A reason is required to correct a strict trait.' },
  doubtReason: { fr: 'Motif du doute obligatoire.', en: 'The reason for the doubt is required.' },
  vitaleNir: { fr: 'NIR lu sur la carte Vitale requis.', en: 'The NIR read from the carte Vitale is required.' },
  survivorOneOfTwo: { fr: 'Le dossier conservé doit être l’un des deux.', en: 'The record kept must be one of the two.' },
} as const satisfies Record<string, Localized>;

export const notAPatientReference = (column: string): Localized => ({
  fr: `${column} ne référence pas un patient.`,
  en: `${column} does not reference a patient.`,
});
