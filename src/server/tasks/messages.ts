/** Sentences of messages and tasks for the user, in both languages (the answer picks the request's). */
import type { Localized } from '../platform/http/errors.js';
import { PRACTICE_MESSAGES } from '../platform/http/practice-messages.js';

export const TASKS_MESSAGES = {
  oneRecipient: { fr: 'Choisissez un destinataire : une personne ou un rôle.', en: 'Choose one recipient: a person or a role.' },
  recipientNotMember: { fr: 'Le destinataire doit être un membre actif du cabinet.', en: 'The recipient must be an active member of the practice.' },
  assigneeNotMember: { fr: 'La personne chargée de la tâche doit être un membre actif du cabinet.', en: 'The assignee must be an active member of the practice.' },
  unknownPatient: PRACTICE_MESSAGES.unknownPatient,
  notToSelf: { fr: 'Vous ne pouvez pas vous écrire à vous-même.', en: 'You cannot write to yourself.' },
  dueInPast: { fr: 'L’échéance d’une nouvelle tâche ne peut pas être passée.', en: 'A new task cannot be due in the past.' },
} as const satisfies Record<string, Localized>;
