/** The assistant's sentences in its error answers, in both languages (the answer picks the request's).
 * The texts are in assistant/locales/{fr,en}.json, key `errors`; the last four are the refusals the booking dialog
 * gives the patient, in the conversation's language. */
import { catalogue } from '../platform/http/catalogue.js';
import fr from './locales/fr.json';
import en from './locales/en.json';

export const ASSISTANT_MESSAGES = catalogue(fr.errors, en.errors, 'assistant errors');
