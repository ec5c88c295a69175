/**
 * The books' sentences for a person, in both languages (billing/books/locales/{fr,en}.json). `choosePractitioner`
 * is the export's 300 answer to an admin without books of their own: whom to choose.
 */
import { catalogue } from '../../platform/http/catalogue.js';
import fr from './locales/fr.json';
import en from './locales/en.json';

export const BOOKS_MESSAGES = catalogue(fr.messages, en.messages, 'billing books');
