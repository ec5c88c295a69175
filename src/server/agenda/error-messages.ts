/** The agenda's sentences in its error answers, in both languages (the answer picks the request's). */
import { DateTime } from 'luxon';
import type { Localized } from '../platform/http/errors.js';
import type { NotBookableReason } from './slots/index.js';
import { PRACTICE_MESSAGES } from '../platform/http/practice-messages.js';

export const AGENDA_MESSAGES = {
  unknownPractitioner: PRACTICE_MESSAGES.unknownPractitioner,
  unknownPatient: PRACTICE_MESSAGES.unknownPatient,
  unknownMotif: { fr: 'Motif inconnu dans ce cabinet.', en: 'Unknown motif in this practice.' },
  unknownOrInactiveMotif: { fr: 'Motif inconnu ou désactivé.', en: 'Unknown or deactivated motif.' },
  unknownResource: { fr: 'Équipement inconnu dans ce cabinet.', en: 'Unknown equipment in this practice.' },
  notAMember: { fr: 'Ce compte n’est pas membre du cabinet.', en: 'This account is not a member of the practice.' },
  rangeEndsBeforeStart: { fr: 'Une plage horaire doit finir après son début.', en: 'A time range must end after it starts.' },
  endBeforeStart: { fr: 'La fin doit être après le début.', en: 'The end must be after the start.' },
  latestBeforeEarliest: { fr: 'La date de fin précède la date de début.', en: 'The end date is before the start date.' },
  notThisPatientsAppointment: { fr: 'Ce rendez-vous n’est pas celui de ce patient.', en: 'This appointment is not this patient’s.' },
  onlyUpcomingMoves: {
    fr: 'Seul un rendez-vous à venir (réservé ou confirmé) peut être déplacé.',
    en: 'Only an upcoming appointment (booked or confirmed) can be moved.',
  },
  wholeMinutes: { fr: 'Les heures de rendez-vous sont à la minute près.', en: 'Appointment times are to the whole minute.' },
  duration: { fr: 'Un rendez-vous dure de 5 minutes à 8 heures.', en: 'An appointment lasts from 5 minutes to 8 hours.' },
  window92Days: { fr: 'Fenêtre de 92 jours au plus.', en: 'A window of 92 days at most.' },
  period400Days: { fr: 'Période de 400 jours au plus, fin après début.', en: 'A period of 400 days at most, ending after it starts.' },
  period62Days: { fr: 'Période de 62 jours au plus, fin après début.', en: 'A period of 62 days at most, ending after it starts.' },
  invalidSearchDate: { fr: 'Date de recherche invalide (ex. ge2026-03-10).', en: 'Invalid search date (e.g. ge2026-03-10).' },
  resourceIdMismatch: { fr: 'L’id de la ressource ne correspond pas à l’adresse.', en: 'The resource’s id does not match the address.' },
  onlineTooLate: { fr: 'Ce créneau est trop proche pour une réservation en ligne.', en: 'This slot is too soon to be booked online.' },
  mobileRequired: { fr: 'Numéro de portable requis (format 06… ou +33…).', en: 'A mobile number is required (06… or +33…).' },
  emailRequired: { fr: 'Adresse e-mail requise.', en: 'An e-mail address is required.' },
  wrongCode: { fr: 'Code incorrect.', en: 'Wrong code.' },
  codeExpired: { fr: 'Code expiré ou déjà utilisé : demandez-en un nouveau.', en: 'Code expired or already used: ask for a new one.' },
  notBookableOnline: { fr: 'Ce motif ne se réserve pas en ligne.', en: 'This motif cannot be booked online.' },
  onlineChangeDeadline: {
    fr: 'Le délai pour modifier ce rendez-vous en ligne est passé : appelez le cabinet.',
    en: 'The deadline to change this appointment online has passed: call the practice.',
  },
} as const satisfies Record<string, Localized>;

/** Why a slot cannot be booked, by the rule it breaks. */
export const RULE_MESSAGES: Record<NotBookableReason | 'new_patient' | 'motif_practitioner', Localized> = {
  unknown_practitioner: { fr: 'Ce praticien n’a pas d’agenda actif.', en: 'This practitioner has no active agenda.' },
  channel_not_allowed: {
    fr: 'Ce motif ne se réserve pas par ce canal (réservé au secrétariat).',
    en: 'This motif cannot be booked through this channel (desk only).',
  },
  past: { fr: 'Ce créneau est déjà passé.', en: 'This slot is in the past.' },
  too_late: { fr: 'Ce créneau est trop proche pour ce mode de réservation.', en: 'This slot is too soon for this way of booking.' },
  holiday: { fr: 'Jour férié : le cabinet est fermé.', en: 'Public holiday: the practice is closed.' },
  outside_hours: { fr: 'Ce créneau est en dehors des horaires du praticien.', en: 'This slot is outside the practitioner’s hours.' },
  not_on_grid: { fr: 'Ce créneau ne tombe pas sur la grille des rendez-vous.', en: 'This slot is not on the appointment grid.' },
  absence: { fr: 'Le praticien est absent à cette heure.', en: 'The practitioner is away at that time.' },
  taken: { fr: 'Ce créneau est déjà pris.', en: 'This slot is already taken.' },
  resource_taken: { fr: 'L’équipement nécessaire est déjà réservé à cette heure.', en: 'The equipment needed is already booked at that time.' },
  urgent_reserved: { fr: 'Ce créneau est réservé aux urgences du jour.', en: 'This slot is kept for same-day emergencies.' },
  new_patient: { fr: 'Ce motif n’est pas ouvert aux nouveaux patients.', en: 'This motif is not open to new patients.' },
  motif_practitioner: { fr: 'Ce motif n’est pas proposé par ce praticien.', en: 'This practitioner does not offer this motif.' },
};

/** « mardi 24 novembre 2026 à 10h30 » / "Tuesday 24 November 2026 at 10:30", in the practice's zone. */
export function formatLocalIn(d: Date, zone: string, lang: keyof Localized): string {
  const t = DateTime.fromJSDate(d, { zone });
  return lang === 'fr' ? t.setLocale('fr').toFormat("cccc d LLLL yyyy 'à' HH'h'mm") : t.setLocale('en-GB').toFormat("cccc d LLLL yyyy 'at' HH:mm");
}

export const nextFreeSlot = (start: Date, zone: string): Localized => ({
  fr: `Prochain créneau libre : ${formatLocalIn(start, zone, 'fr')}`,
  en: `Next free slot: ${formatLocalIn(start, zone, 'en')}`,
});

export const patchTestFailed = (path: string): Localized => ({
  fr: `Le test du correctif a échoué sur ${path}.`,
  en: `The patch test failed on ${path}.`,
});

/** One session of a series that cannot be booked, with the reason its booking gave (a sentence or a pair). */
export function seriesSessionRefused(index: number, start: Date, zone: string, reason: string | Localized | undefined): Localized {
  const why = (lang: keyof Localized) => (reason === undefined ? (lang === 'fr' ? 'impossible' : 'not possible') : typeof reason === 'string' ? reason : reason[lang]);
  return {
    fr: `Séance ${index + 1} (${formatLocalIn(start, zone, 'fr')}) : ${why('fr')}`,
    en: `Session ${index + 1} (${formatLocalIn(start, zone, 'en')}): ${why('en')}`,
  };
}
