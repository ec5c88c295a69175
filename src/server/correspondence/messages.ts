/** The correspondence capability's sentences for a person, in both languages (correspondence/locales/{fr,en}.json);
 * the `scan…` ones are the scan form's fields (POST /api/correspondence/scans), one sentence each. */
import { catalogue } from '../platform/http/catalogue.js';
import fr from './locales/fr.json';
import en from './locales/en.json';

export const CORRESPONDENCE_MESSAGES = catalogue(fr.messages, en.messages, 'correspondence');
