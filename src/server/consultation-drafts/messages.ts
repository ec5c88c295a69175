/** Sentences of the consultation assistant for the user, in both languages. */
import { PRACTICE_MESSAGES } from '../platform/http/practice-messages.js';
import { catalogue } from '../platform/http/catalogue.js';
import fr from './locales/fr.json';
import en from './locales/en.json';

export const DRAFT_MESSAGES = {
  ...catalogue(fr.messages, en.messages, 'consultation-drafts'),
  unknownPatient: PRACTICE_MESSAGES.unknownPatient,
};
