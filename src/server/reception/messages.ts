import { DateTime } from 'luxon';
import type { Lang } from '../agenda/index.js';

/**
 * The delay notice (pure), in the patient's language (French unless English is preferred), by SMS (short)
 * or e-mail. It states the practitioner, the delay, the appointment time and the expected new time; it does
 * not move the appointment (the patient keeps their slot and may come a little later).
 */
export interface DelayMessageInput {
  lang: Lang;
  practiceName: string;
  timeZone: string;
  start: Date;
  minutes: number;
  practitionerName: string;
}

export function renderDelayMessage(m: DelayMessageInput): { subject: string; text: string; sms: string } {
  const at = (d: Date) => DateTime.fromJSDate(d, { zone: m.timeZone }).toFormat(m.lang === 'fr' ? "H 'h' mm" : 'HH:mm');
  const expected = new Date(m.start.getTime() + m.minutes * 60_000);
  const lead =
    m.lang === 'fr'
      ? `${m.practitionerName} a environ ${m.minutes} min de retard. Votre rendez-vous de ${at(m.start)} devrait commencer vers ${at(expected)}. Merci de votre compréhension.`
      : `${m.practitionerName} is running about ${m.minutes} min late. Your ${at(m.start)} appointment should start around ${at(expected)}. Thank you for your understanding.`;
  const subject = m.lang === 'fr' ? `Retard de votre praticien — ${m.practiceName}` : `Your practitioner is running late — ${m.practiceName}`;
  const sign = m.lang === 'fr' ? `${m.practiceName}\nMessage automatique, merci de ne pas y répondre.` : `${m.practiceName}\nAutomatic message, please do not reply.`;
  return { subject, text: `${lead}\n\n${sign}\n`, sms: `${m.practiceName} : ${lead}`.slice(0, 640) };
}
