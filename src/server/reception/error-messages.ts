/** The desk's sentences in its error answers, in both languages (the answer picks the request's). */
import { catalogue } from '../platform/http/catalogue.js';
import fr from './locales/fr.json';
import en from './locales/en.json';

export const RECEPTION_MESSAGES = catalogue(fr.errors, en.errors, 'reception errors');
