/** The assistant's sentences in its error answers, in both languages (the answer picks the request's). */
import type { Localized } from '../platform/http/errors.js';

export const ASSISTANT_MESSAGES = {
  mergedRecord: { fr: 'Ce dossier a été fusionné : choisissez le dossier conservé.', en: 'This record was merged: choose the surviving one.' },
  notAnActivePractitioner: { fr: 'Ce compte n’est pas un praticien actif du cabinet.', en: 'This account is not an active practitioner of the practice.' },
  notAnActiveMember: { fr: 'Ce compte n’est pas un membre actif du cabinet.', en: 'This account is not an active member of the practice.' },
  emptyMessage: { fr: 'Message vide.', en: 'Empty message.' },
  choosePractitionerAndSlot: { fr: 'Choisissez un praticien et un créneau.', en: 'Choose a practitioner and a slot.' },
  attachPatientFirst: {
    fr: 'Rattachez d’abord la demande à un patient (ou choisissez-le).',
    en: 'Link the request to a patient first (or choose one).',
  },
  chooseAddressee: { fr: 'Choisissez la personne destinataire.', en: 'Choose the person to send it to.' },
  appointmentConversionLater: {
    fr: 'La prise de rendez-vous depuis la boîte de réception arrivera avec l’agenda.',
    en: 'Booking from the inbox will come with the agenda.',
  },
  smsWebhookShape: { fr: 'Attendu : {practice, from, text, messageId?, receivedAt?}', en: 'Expected: {practice, from, text, messageId?, receivedAt?}' },
  practiceSlugMissing: { fr: 'Cabinet (slug) manquant.', en: 'Practice (slug) missing.' },
  // Refusals the booking dialog gives the patient, in the conversation's language.
  assistantBookingBlocked: {
    fr: 'La réservation par l’assistant n’est pas possible pour ce dossier : merci d’appeler le cabinet.',
    en: 'Booking through the assistant is not possible for this record: please call the practice.',
  },
  motifNotForAssistant: { fr: 'Ce motif ne se réserve pas par l’assistant.', en: 'This motif cannot be booked through the assistant.' },
  appointmentNotFound: { fr: 'Rendez-vous introuvable.', en: 'Appointment not found.' },
  changeDeadlinePassed: {
    fr: 'Le délai pour modifier ce rendez-vous est passé : appelez le cabinet.',
    en: 'The deadline to change this appointment has passed: call the practice.',
  },
} as const satisfies Record<string, Localized>;
