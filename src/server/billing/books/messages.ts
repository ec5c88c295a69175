/** The books' sentences for a person, in both languages. */
import type { Localized } from '../../platform/http/errors.js';

export const BOOKS_MESSAGES = {
  /** The export's 300 answer to an admin without books of their own: whom to choose. */
  choosePractitioner: { fr: 'Précisez le praticien : practitioner=<id>.', en: 'Name the practitioner: practitioner=<id>.' },
} as const satisfies Record<string, Localized>;
