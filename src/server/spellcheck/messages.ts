/** The practice dictionary's sentences, in both languages (the answer picks the request's). */
import { catalogue } from '../platform/http/catalogue.js';
import fr from './locales/fr.json';
import en from './locales/en.json';

export const SPELLCHECK_MESSAGES = catalogue(fr.messages, en.messages, 'spellcheck');
