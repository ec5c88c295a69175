import type { Intent, Lang, TriageResult } from '../triage/index.js';
import { mentionsSuicideRisk } from '../triage/index.js';
import type { Channel } from './schema.js';

/**
 * The assistant's replies, composed by rules (pure, no I/O). Safety rules:
 * - vital: the FIRST sentence is the emergency instruction (15 / 112), nothing before it; then 114 (SMS, deaf or
 *   hard-of-hearing), 3114 for a suicidal crisis; never an appointment.
 * - never medical advice, never results: acknowledge, say what happens next, ask for the missing piece.
 * - practical information only from the practice information sheet; what the sheet does not say is never invented.
 */

import { answerFromSheet, detectTopics, normalizeForTopics, sheetValue, TOPIC_LABELS, type PracticeSheet, type SheetAnswer } from './sheet-answers.js';

// The practice sheet's answers live in sheet-answers.ts; these names stay importable from here.
export { answerFromSheet, detectTopics, EMPTY_SHEET, INFO_TOPICS, normalizeForTopics, type InfoTopic, type PracticeSheet, type SheetAnswer } from './sheet-answers.js';

/** What the practitioner or the desk still needs from the sender. */
export type MissingPiece = 'identity' | 'medicine' | 'exam' | 'document' | 'invoice' | 'preferred_time' | 'appointment' | 'callback' | 'patient_concerned' | 'question';

export const EMERGENCY_SENTENCE: Record<Lang, string> = {
  fr: 'Appelez immédiatement le 15 (SAMU) ou le 112.',
  en: 'Call 15 (SAMU, emergency medical service) or 112 immediately.',
};
const DEAF_SENTENCE: Record<Lang, string> = {
  fr: 'Si vous êtes sourd, malentendant ou ne pouvez pas parler, envoyez un SMS au 114.',
  en: 'If you are deaf, hard of hearing or cannot speak, text 114.',
};
const SUICIDE_SENTENCE: Record<Lang, string> = {
  fr: 'En cas de pensées suicidaires, appelez aussi le 3114 (numéro national de prévention du suicide, gratuit, 24 h/24).',
  en: 'If you are having suicidal thoughts, you can also call 3114 (French national suicide prevention line, free, 24/7).',
};
const VITAL_TAIL: Record<Lang, string> = {
  fr: "N'attendez pas la réponse du cabinet et ne prenez pas de rendez-vous : le cabinet a été alerté de votre message.",
  en: 'Do not wait for a reply from the practice and do not book an appointment: the practice has been alerted to your message.',
};

export interface ReplyInput {
  triage: Pick<TriageResult, 'intent' | 'urgency' | 'lang' | 'reasons' | 'details'>;
  /** The original message (practical questions are matched against it). */
  text: string;
  sheet: PracticeSheet;
  channel: Channel;
  /** The sender is already identified (patient matched on this conversation). */
  patientKnown: boolean;
}

export interface ComposedReply {
  text: string;
  lang: Lang;
  /** Vital: the widget shows the reply as an emergency banner. */
  emergency: boolean;
  /** Numbers quoted by the reply (15, 112, 114, 3114, 116 117). */
  numbers: string[];
  /** What the reply asks the sender for (kept in the conversation state). */
  asked: MissingPiece[];
  /** Practical information: what the sheet answered. */
  sheet?: SheetAnswer;
  /** False only when the reply fully answered the message (practical information found in the sheet). */
  fileRequest: boolean;
}

export function hasSuicideReason(reasons: readonly { code: string }[]): boolean {
  return mentionsSuicideRisk(reasons);
}

/** The emergency block of a vital reply: it always comes first. */
export function emergencyBlock(lang: Lang, suicidal: boolean): string[] {
  return [EMERGENCY_SENTENCE[lang], DEAF_SENTENCE[lang], ...(suicidal ? [SUICIDE_SENTENCE[lang]] : []), VITAL_TAIL[lang]];
}

const ACK: Record<Intent, Record<Lang, string>> = {
  book: {
    fr: 'Votre demande de rendez-vous est transmise au secrétariat, qui vous recontactera pour vous proposer un créneau.',
    en: 'Your appointment request has been passed to the front desk, who will get back to you with a time slot.',
  },
  reschedule: {
    fr: 'Votre demande de déplacement de rendez-vous est transmise au secrétariat, qui vous proposera un autre créneau.',
    en: 'Your request to move your appointment has been passed to the front desk, who will offer you another slot.',
  },
  cancel: {
    fr: "Votre demande d'annulation est transmise au secrétariat, qui vous confirmera l'annulation.",
    en: 'Your cancellation request has been passed to the front desk, who will confirm the cancellation.',
  },
  prescription_renewal: {
    fr: 'Votre demande de renouvellement est transmise au médecin, qui décidera de la suite (ordonnance ou consultation).',
    en: 'Your renewal request has been passed to the doctor, who will decide what comes next (prescription or consultation).',
  },
  test_results: {
    fr: 'Les résultats ne sont jamais communiqués par message : votre demande est transmise au médecin, qui vous les transmettra ou vous proposera d’en parler.',
    en: 'Results are never given out by message: your request has been passed to the doctor, who will send them to you or arrange to discuss them.',
  },
  medical_question: {
    fr: 'Je ne peux pas donner d’avis médical. Votre question est transmise au médecin, qui vous répondra ou vous proposera une consultation.',
    en: 'I cannot give medical advice. Your question has been passed to the doctor, who will reply or offer you a consultation.',
  },
  document_request: {
    fr: 'Votre demande de document est transmise au secrétariat et au médecin.',
    en: 'Your document request has been passed to the front desk and the doctor.',
  },
  billing: {
    fr: 'Votre question de facturation est transmise au secrétariat, qui vous répondra.',
    en: 'Your billing question has been passed to the front desk, who will reply.',
  },
  practical_info: {
    fr: 'Votre question est transmise au secrétariat, qui vous répondra.',
    en: 'Your question has been passed to the front desk, who will reply.',
  },
  professional: {
    fr: 'Votre message est transmis au praticien concerné.',
    en: 'Your message has been passed to the practitioner concerned.',
  },
  other: {
    fr: 'Votre message est transmis au secrétariat, qui vous répondra.',
    en: 'Your message has been passed to the front desk, who will reply.',
  },
};

const ASK: Record<MissingPiece, Record<Lang, string>> = {
  identity: {
    fr: 'Pour retrouver votre dossier, indiquez vos nom, prénom et date de naissance.',
    en: 'To find your file, please give your surname, first name and date of birth.',
  },
  patient_concerned: {
    fr: 'Indiquez les nom, prénom et date de naissance de la personne concernée.',
    en: 'Please give the surname, first name and date of birth of the person concerned.',
  },
  medicine: {
    fr: 'Quel(s) médicament(s) faut-il renouveler (nom et dosage si possible) ?',
    en: 'Which medicine(s) should be renewed (name and dose if possible)?',
  },
  exam: {
    fr: 'De quel examen s’agit-il (prise de sang, radio, échographie…) et de quelle date ?',
    en: 'Which test is it (blood test, X-ray, ultrasound…) and when was it done?',
  },
  document: {
    fr: 'Quel document vous faut-il (certificat, compte rendu, copie d’ordonnance…) et pour quel usage ?',
    en: 'Which document do you need (certificate, report, copy of a prescription…) and what is it for?',
  },
  invoice: {
    fr: 'Précisez la date de la consultation et ce dont vous avez besoin (facture, feuille de soins, remboursement).',
    en: 'Please give the date of the consultation and what you need (invoice, claim form, refund).',
  },
  preferred_time: {
    fr: 'Avez-vous des préférences de jour, d’horaire ou de praticien ?',
    en: 'Do you have a preferred day, time or practitioner?',
  },
  appointment: {
    fr: 'De quel rendez-vous s’agit-il (date, heure, praticien) ?',
    en: 'Which appointment is it (date, time, practitioner)?',
  },
  callback: {
    fr: 'Indiquez un numéro où vous rappeler.',
    en: 'Please give a number where you can be called back.',
  },
  question: {
    fr: 'Pouvez-vous préciser votre demande ?',
    en: 'Could you tell us a little more about your request?',
  },
};

/** The question the assistant asks for one missing piece. */
export function askFor(piece: MissingPiece, lang: Lang): string {
  return ASK[piece][lang];
}

const EXAM_WORDS = /\b(prise de sang|analyses?|bilan|radio|radiographie|echo|echographie|scanner|irm|mri|scan|x ray|ultrasound|blood test|ecg|mammographie|frottis|biopsie|test)\b/;
const DOCUMENT_WORDS = /\b(certificat|certificate|compte rendu|report|attestation|arret de travail|sick note|ordonnance|prescription|lettre|letter|courrier|dossier|copie|copy|formulaire|form)\b/;
const INVOICE_WORDS = /\b(facture|invoice|feuille de soins|remboursement|refund|receipt|recu|\d{1,2}[/.]\d{1,2})\b/;

/** The pieces the practitioner or the desk needs and the message did not give. */
export function missingPieces(input: ReplyInput): MissingPiece[] {
  const { triage, channel, patientKnown } = input;
  const norm = normalizeForTopics(input.text);
  const d = triage.details;
  const pieces: MissingPiece[] = [];
  const identified = patientKnown || Boolean(d.patient.name && d.patient.birthDate);
  switch (triage.intent) {
    case 'prescription_renewal':
      if (d.medicines.length === 0) pieces.push('medicine');
      break;
    case 'test_results':
      if (!EXAM_WORDS.test(norm)) pieces.push('exam');
      break;
    case 'document_request':
      if (!DOCUMENT_WORDS.test(norm)) pieces.push('document');
      break;
    case 'billing':
      if (!INVOICE_WORDS.test(norm) && d.dates.length === 0) pieces.push('invoice');
      break;
    case 'book':
      if (triage.urgency === 'routine' && d.dates.length === 0 && d.practitioners.length === 0) pieces.push('preferred_time');
      break;
    case 'reschedule':
    case 'cancel':
      if (d.dates.length === 0) pieces.push('appointment');
      break;
    case 'professional':
      if (!d.patient.name) pieces.push('patient_concerned');
      break;
    default:
      break;
  }
  if (triage.intent !== 'professional' && triage.intent !== 'practical_info' && !identified) {
    pieces.push(d.thirdParty ? 'patient_concerned' : 'identity');
  }
  // Web chat and e-mail have no number to call back on; the desk needs one for anything clinical or urgent.
  const needsCall = triage.urgency === 'same_day' || triage.intent === 'professional';
  if (needsCall && (channel === 'web_chat' || channel === 'email') && d.phones.length === 0) pieces.push('callback');
  return pieces;
}

function sameDayBlock(lang: Lang, sheet: PracticeSheet, suicidal: boolean): string[] {
  const out =
    lang === 'fr'
      ? [
          'Votre situation doit être vue par un médecin aujourd’hui : le cabinet va vous recontacter aujourd’hui.',
          'Si les symptômes s’aggravent ou en cas de doute, appelez le 15.',
          'Si le cabinet est fermé, appelez le 116 117 (médecin de garde) ou le 15.',
        ]
      : [
          'Your situation needs to be seen by a doctor today: the practice will contact you today.',
          'If the symptoms get worse or if in doubt, call 15.',
          'If the practice is closed, call 116 117 (on-call doctor) or 15.',
        ];
  const onCall = sheetValue(sheet, 'on_call');
  if (onCall) out.push(`${TOPIC_LABELS.on_call[lang]} : ${onCall}`);
  if (suicidal) out.push(SUICIDE_SENTENCE[lang]);
  return out;
}

/** Composes the reply to one inbound message. Pure. */
export function composeReply(input: ReplyInput): ComposedReply {
  const { triage, sheet } = input;
  const lang = triage.lang;
  const suicidal = hasSuicideReason(triage.reasons);
  if (triage.urgency === 'vital') {
    const numbers = ['15', '112', '114', ...(suicidal ? ['3114'] : [])];
    return { text: emergencyBlock(lang, suicidal).join(' '), lang, emergency: true, numbers, asked: [], fileRequest: true };
  }

  const parts: string[] = [];
  const numbers: string[] = [];
  if (triage.urgency === 'same_day') {
    parts.push(...sameDayBlock(lang, sheet, suicidal));
    numbers.push('15', '116 117', ...(suicidal ? ['3114'] : []));
  }

  // A routine message classified `other` that asks about a sheet item ("Avez-vous un ascenseur ?") is practical too.
  const practical = triage.intent === 'practical_info' || (triage.intent === 'other' && detectTopics(input.text).length > 0);
  if (practical && triage.urgency === 'routine') {
    const answer = answerFromSheet(input.text, sheet, lang);
    if (answer.answered.length > 0) {
      parts.push(lang === 'fr' ? 'Voici les informations du cabinet :' : 'Here is the practice information:');
      for (const a of answer.answered) parts.push(`- ${a.label} : ${a.text}`);
    }
    if (!answer.complete) {
      const what = answer.missing.map((t) => TOPIC_LABELS[t][lang].toLowerCase()).join(', ');
      parts.push(
        lang === 'fr'
          ? `Je n’ai pas ${what ? `l’information (${what})` : 'cette information'} dans la fiche du cabinet : je transmets votre question au secrétariat, qui vous répondra.`
          : `The practice information sheet does not say ${what ? `(${what})` : 'this'}: I have passed your question to the front desk, who will reply.`,
      );
    }
    return { text: joinLines(parts), lang, emergency: false, numbers, asked: [], sheet: answer, fileRequest: !answer.complete };
  }

  const asked = missingPieces(input);
  if (triage.urgency === 'routine') {
    parts.push(lang === 'fr' ? 'Merci pour votre message.' : 'Thank you for your message.');
    parts.push(ACK[triage.intent][lang]);
    if (triage.intent === 'medical_question') {
      parts.push(lang === 'fr' ? 'Si les symptômes s’aggravent, appelez le 15.' : 'If the symptoms get worse, call 15.');
      numbers.push('15');
    }
  } else if (triage.intent !== 'book' && triage.intent !== 'medical_question') {
    parts.push(ACK[triage.intent][lang]);
  }
  for (const piece of asked) parts.push(ASK[piece][lang]);
  return { text: joinLines(parts), lang, emergency: false, numbers, asked, fileRequest: true };
}

function joinLines(parts: string[]): string {
  // Sentences on one line; list items on their own lines.
  let out = '';
  let previousWasItem = false;
  for (const p of parts) {
    const item = p.startsWith('- ');
    out = out === '' ? p : item || previousWasItem || out.endsWith(':') ? `${out}\n${p}` : `${out} ${p}`;
    previousWasItem = item;
  }
  return out;
}

/** Short texts sent when a message cannot be processed (empty, too long). */
export const FALLBACK_REPLY: Record<Lang, string> = {
  fr: 'Votre message a bien été reçu et transmis au secrétariat. En cas d’urgence vitale, appelez le 15 ou le 112.',
  en: 'Your message has been received and passed to the front desk. In a life-threatening emergency, call 15 or 112.',
};
