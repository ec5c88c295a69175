/** The desk's sentences in its error answers, in both languages (the answer picks the request's). */
import type { Localized } from '../platform/http/errors.js';

export const RECEPTION_MESSAGES = {
  notToday: { fr: 'Ce rendez-vous n’est pas aujourd’hui.', en: 'This appointment is not today.' },
  practitionerRequired: { fr: 'Praticien requis', en: 'Practitioner required' },
  choosePatient: { fr: 'Choisissez un patient ou saisissez son identité.', en: 'Choose a patient or type their identity.' },
  noShowAfterLate: { fr: 'Le délai d’absence doit dépasser le délai de retard.', en: 'The no-show delay must exceed the late delay.' },
  noDelay: { fr: 'Retard nul', en: 'No delay' },
} as const satisfies Record<string, Localized>;
