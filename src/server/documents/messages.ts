/** The documents capability's sentences for a person, in both languages (the answer picks the request's). */
import type { Localized } from '../platform/http/errors.js';
import { catalogue } from '../platform/http/catalogue.js';
import fr from './locales/fr.json';
import en from './locales/en.json';

export const DOCUMENT_MESSAGES = catalogue(fr.messages, en.messages, 'documents');

export const atMostFiles = (n: number): Localized => ({ fr: `${n} fichiers au plus.`, en: `At most ${n} files.` });
export const sendAtMostFiles = (n: number): Localized => ({ fr: `Envoyez ${n} fichiers au plus à la fois.`, en: `Send at most ${n} files at a time.` });
