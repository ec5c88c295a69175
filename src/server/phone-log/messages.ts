/** The phone log's sentences for the secretary, in both languages (the answer picks the request's). */
import type { Localized } from '../platform/http/errors.js';
import { PRACTICE_MESSAGES } from '../platform/http/practice-messages.js';

export const PHONE_LOG_MESSAGES = {
  identifyCaller: { fr: 'Identifiez l’appelant : un nom, un numéro ou le patient.', en: 'Identify the caller: a name, a number or the patient.' },
  callbackNeedsDue: { fr: 'Un rappel à faire doit avoir une échéance.', en: 'A callback needs a due time.' },
  dueOnlyForCallback: {
    fr: 'Une échéance de rappel n’a de sens que pour l’issue « rappel à faire ».',
    en: 'A callback due time only makes sense for the outcome “callback”.',
  },
  chooseAddressee: { fr: 'Choisissez le praticien à qui transmettre le message.', en: 'Choose the practitioner to pass the message to.' },
  writeMessage: { fr: 'Écrivez le message à transmettre au praticien.', en: 'Write the message to pass to the practitioner.' },
  addresseeOnlyForMessage: {
    fr: 'Un destinataire n’a de sens que pour l’issue « message pour un praticien ».',
    en: 'An addressee only makes sense for the outcome “message for a practitioner”.',
  },
  callInFuture: { fr: 'L’heure de l’appel ne peut pas être dans le futur.', en: 'The call time cannot be in the future.' },
  unknownPatient: PRACTICE_MESSAGES.unknownPatient,
  addresseeNotPractitioner: {
    fr: 'Le destinataire doit être un praticien actif du cabinet.',
    en: 'The addressee must be an active practitioner of the practice.',
  },
  assigneeNotMember: {
    fr: 'La personne chargée du rappel doit être un membre actif du cabinet.',
    en: 'The person in charge of the callback must be an active member of the practice.',
  },
} as const satisfies Record<string, Localized>;
