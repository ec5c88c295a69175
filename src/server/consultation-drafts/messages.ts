/** Sentences of the consultation assistant for the user, in both languages. */
import type { Localized } from '../platform/http/errors.js';
import { PRACTICE_MESSAGES } from '../platform/http/practice-messages.js';

export const DRAFT_MESSAGES = {
  tooShort: {
    fr: 'Transcription vide ou trop courte : aucun brouillon n’est proposé (au moins 12 mots).',
    en: 'Empty or too short transcript: no draft is proposed (at least 12 words).',
  },
  nothingFound: {
    fr: 'Rien dans cette transcription ne ressemble à un motif, un examen, une conclusion ou une conduite à tenir : aucun brouillon.',
    en: 'Nothing in this transcript looks like a reason, an examination, a conclusion or a plan: no draft.',
  },
  unknownPatient: PRACTICE_MESSAGES.unknownPatient,
} as const satisfies Record<string, Localized>;
