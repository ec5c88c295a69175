/** Sentences shared by every capability that checks an id against the caller's practice (a foreign id reads as unknown). */
import type { Localized } from './errors.js';

export const PRACTICE_MESSAGES = {
  unknownPatient: { fr: 'Patient inconnu dans ce cabinet.', en: 'Unknown patient in this practice.' },
  unknownPractitioner: { fr: 'Praticien inconnu dans ce cabinet.', en: 'Unknown practitioner in this practice.' },
} as const satisfies Record<string, Localized>;
