/** The agenda's sentences in its error answers, in both languages (the answer picks the request's). */
import { DateTime } from 'luxon';
import type { Localized } from '../platform/http/errors.js';
import type { NotBookableReason } from './slots/index.js';
import { PRACTICE_MESSAGES } from '../platform/http/practice-messages.js';
import { catalogue } from '../platform/http/catalogue.js';
import fr from './locales/fr.json';
import en from './locales/en.json';

export const AGENDA_MESSAGES = {
  ...catalogue(fr.errors, en.errors, 'agenda errors'),
  unknownPractitioner: PRACTICE_MESSAGES.unknownPractitioner,
  unknownPatient: PRACTICE_MESSAGES.unknownPatient,
};

/** Why a slot cannot be booked, by the rule it breaks. */
export const RULE_MESSAGES: Record<NotBookableReason | 'new_patient' | 'motif_practitioner', Localized> = catalogue(fr.rules, en.rules, 'agenda rules');

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
