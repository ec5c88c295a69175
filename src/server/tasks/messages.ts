/** Sentences of messages and tasks for the user, in both languages (the answer picks the request's). */
import { PRACTICE_MESSAGES } from '../platform/http/practice-messages.js';
import { catalogue } from '../platform/http/catalogue.js';
import fr from './locales/fr.json';
import en from './locales/en.json';

export const TASKS_MESSAGES = {
  ...catalogue(fr.messages, en.messages, 'tasks'),
  unknownPatient: PRACTICE_MESSAGES.unknownPatient,
};
