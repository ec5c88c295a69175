/** The patients capability's sentences in its error details, in both languages (the answer picks the request's). */
import type { Localized } from '../platform/http/errors.js';
import { catalogue } from '../platform/http/catalogue.js';
import fr from './locales/fr.json';
import en from './locales/en.json';

export const PATIENT_MESSAGES = catalogue(fr.errors, en.errors, 'patients errors');

export const notAPatientReference = (column: string): Localized => ({
  fr: `${column} ne référence pas un patient.`,
  en: `${column} does not reference a patient.`,
});
