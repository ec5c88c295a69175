import { DateTime } from 'luxon';

/**
 * Patient messages (pure): confirmation, reminder, change, cancellation, one-time code, waiting-list offer, in
 * French or English, by e-mail (subject + text) or SMS (short text). Dates are written in the practice's time
 * zone: « mardi 24 novembre à 10 h 30 », "Tuesday 24 November at 10:30".
 */
export type Lang = 'fr' | 'en';
export type AppointmentEvent = 'confirmation' | 'reminder' | 'changed' | 'cancelled';

export function langOf(preferred: string | null | undefined): Lang {
  return preferred === 'en' ? 'en' : 'fr';
}

export function formatWhen(d: Date, zone: string, lang: Lang): string {
  const t = DateTime.fromJSDate(d, { zone }).setLocale(lang === 'fr' ? 'fr' : 'en-GB');
  return lang === 'fr' ? t.toFormat("cccc d LLLL 'à' H 'h' mm") : t.toFormat("cccc d LLLL 'at' HH:mm");
}

export interface AppointmentMessageInput {
  lang: Lang;
  event: AppointmentEvent;
  practiceName: string;
  timeZone: string;
  start: Date;
  fromStart?: Date | null | undefined;
  practitionerName: string;
  motifName?: string | null | undefined;
  teleconsultation?: boolean | undefined;
  preparationInstructions?: string | null | undefined;
  documentsToBring?: string | null | undefined;
  /** Signed link to move or cancel, and until when it works. */
  manageUrl?: string | null | undefined;
  manageDeadline?: Date | null | undefined;
}

export interface RenderedMessage {
  subject: string;
  text: string;
  sms: string;
}

const T = {
  fr: {
    subject: { confirmation: 'Rendez-vous confirmé', reminder: 'Rappel de rendez-vous', changed: 'Rendez-vous déplacé', cancelled: 'Rendez-vous annulé' },
    lead: {
      confirmation: (w: string, who: string) => `Votre rendez-vous avec ${who} est confirmé le ${w}.`,
      reminder: (w: string, who: string) => `Rappel : vous avez rendez-vous avec ${who} le ${w}.`,
      changed: (w: string, who: string) => `Votre rendez-vous avec ${who} a été déplacé au ${w}.`,
      cancelled: (w: string, who: string) => `Votre rendez-vous avec ${who} du ${w} est annulé.`,
    },
    was: (w: string) => `(Il était prévu le ${w}.)`,
    motif: 'Motif',
    tele: 'Il s’agit d’une téléconsultation : le lien de connexion vous sera communiqué par le cabinet.',
    prep: 'Préparation',
    docs: 'À apporter',
    manage: (u: string, d: string | null) => `Pour déplacer ou annuler${d ? ` (jusqu’au ${d})` : ''} : ${u}`,
    rebook: 'Pour reprendre rendez-vous, contactez le cabinet.',
    sign: (p: string) => `${p}\nMessage automatique, merci de ne pas y répondre.`,
  },
  en: {
    subject: { confirmation: 'Appointment confirmed', reminder: 'Appointment reminder', changed: 'Appointment moved', cancelled: 'Appointment cancelled' },
    lead: {
      confirmation: (w: string, who: string) => `Your appointment with ${who} is confirmed for ${w}.`,
      reminder: (w: string, who: string) => `Reminder: you have an appointment with ${who} on ${w}.`,
      changed: (w: string, who: string) => `Your appointment with ${who} has been moved to ${w}.`,
      cancelled: (w: string, who: string) => `Your appointment with ${who} on ${w} is cancelled.`,
    },
    was: (w: string) => `(It was planned for ${w}.)`,
    motif: 'Reason',
    tele: 'This is a video consultation: the practice will send you the link to join.',
    prep: 'Preparation',
    docs: 'Please bring',
    manage: (u: string, d: string | null) => `To move or cancel${d ? ` (until ${d})` : ''}: ${u}`,
    rebook: 'To book again, please contact the practice.',
    sign: (p: string) => `${p}\nAutomatic message, please do not reply.`,
  },
} as const;

export function renderAppointmentMessage(m: AppointmentMessageInput): RenderedMessage {
  const t = T[m.lang];
  const when = formatWhen(m.start, m.timeZone, m.lang);
  const lead = t.lead[m.event](when, m.practitionerName);
  const canManage = m.event !== 'cancelled' && m.manageUrl && (!m.manageDeadline || m.manageDeadline > new Date(0));
  const deadline = m.manageDeadline ? formatWhen(m.manageDeadline, m.timeZone, m.lang) : null;
  const lines = [lead];
  if (m.event === 'changed' && m.fromStart) lines.push(t.was(formatWhen(m.fromStart, m.timeZone, m.lang)));
  if (m.event !== 'cancelled') {
    if (m.motifName) lines.push(`${t.motif} : ${m.motifName}`.replace(' : ', m.lang === 'fr' ? ' : ' : ': '));
    if (m.teleconsultation) lines.push(t.tele);
    if (m.preparationInstructions) lines.push(`${t.prep}${m.lang === 'fr' ? ' : ' : ': '}${m.preparationInstructions}`);
    if (m.documentsToBring) lines.push(`${t.docs}${m.lang === 'fr' ? ' : ' : ': '}${m.documentsToBring}`);
  }
  if (canManage) lines.push('', t.manage(m.manageUrl!, deadline));
  if (m.event === 'cancelled') lines.push('', t.rebook);
  const subject = `${t.subject[m.event]} — ${m.practiceName}`;
  const text = `${lines.join('\n')}\n\n${t.sign(m.practiceName)}\n`;
  const sms = [`${m.practiceName} : ${lead}`, canManage ? t.manage(m.manageUrl!, deadline) : m.event === 'cancelled' ? t.rebook : ''].filter(Boolean).join(' ').slice(0, 640);
  return { subject, text, sms };
}

export function renderCodeMessage(lang: Lang, practiceName: string, code: string, minutes: number): RenderedMessage {
  const text =
    lang === 'fr'
      ? `Votre code de vérification pour prendre rendez-vous au ${practiceName} : ${code}. Il est valable ${minutes} minutes. Si vous n’avez rien demandé, ignorez ce message.`
      : `Your verification code to book at ${practiceName}: ${code}. It is valid for ${minutes} minutes. If you did not ask for it, ignore this message.`;
  return { subject: lang === 'fr' ? `Code de vérification — ${practiceName}` : `Verification code — ${practiceName}`, text: `${text}\n`, sms: text };
}

export interface OfferMessageInput {
  lang: Lang;
  practiceName: string;
  timeZone: string;
  start: Date;
  practitionerName: string;
  motifName?: string | null | undefined;
  acceptUrl: string;
  expiresAt: Date;
}

export function renderOfferMessage(m: OfferMessageInput): RenderedMessage {
  const when = formatWhen(m.start, m.timeZone, m.lang);
  const until = DateTime.fromJSDate(m.expiresAt, { zone: m.timeZone }).toFormat(m.lang === 'fr' ? "H 'h' mm" : 'HH:mm');
  const text =
    m.lang === 'fr'
      ? `Un créneau plus tôt s’est libéré avec ${m.practitionerName} le ${when}${m.motifName ? ` (${m.motifName})` : ''}. Le premier qui accepte l’obtient. Pour l’accepter avant ${until} : ${m.acceptUrl}`
      : `An earlier slot is free with ${m.practitionerName} on ${when}${m.motifName ? ` (${m.motifName})` : ''}. First to accept gets it. To accept before ${until}: ${m.acceptUrl}`;
  return {
    subject: m.lang === 'fr' ? `Un créneau plus tôt est disponible — ${m.practiceName}` : `An earlier slot is available — ${m.practiceName}`,
    text: `${text}\n\n${T[m.lang].sign(m.practiceName)}\n`,
    sms: `${m.practiceName} : ${text}`,
  };
}
