/** The correspondence capability's sentences for a person, in both languages. */
import type { Localized } from '../platform/http/errors.js';

export const CORRESPONDENCE_MESSAGES = {
  rppsDigits: { fr: 'Le RPPS compte 11 chiffres.', en: 'An RPPS has 11 digits.' },
  rppsKey: { fr: 'Ce RPPS est invalide (clé de contrôle fausse) : vérifiez la saisie.', en: 'This RPPS is invalid (wrong check digit): check what was typed.' },
} as const satisfies Record<string, Localized>;
