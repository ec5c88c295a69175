import type { Lang, TriageResult } from '../../triage/index.js';
import { formatWhen } from '../../agenda/messages.js';
import { emergencyBlock, hasSuicideReason, type MissingPiece } from '../reply.js';
import { isAsap, isCallback, isNewCode, isNewcomer, isNoCode, isOther, isStop, nameWords, norm, parseChoice, parseCode, parseIdentity, timesIn, yesNo } from './parse.js';
import { localDay, sameDayOnly, type Preferences, type Slot } from './proposals.js';
import type { DialogState } from './state.js';

/**
 * The booking dialog as a pure state machine: (state, message, context) → (next state, reply, effect).
 *
 * Effects are what needs the database (find the record and send a code, check a code, search slots, book, list
 * the patient's appointments, cancel, move). The runner (`runner.ts`) performs the effect and feeds its result to
 * `dialogResolve`, which again gives a state, a reply or a further effect. Nothing here does I/O, so every rule
 * is unit- and property-tested:
 * - a vital message ends the dialog at any step and the reply starts with the emergency instruction;
 * - `book`, `move` and `cancel` effects are only produced once a one-time code was verified (`patientId` set);
 * - a `same_day` case is only offered slots of the current day, always with the call-back alternative.
 */

export const DIALOG_MINUTES = 30;
const MAX_TRIES = 3;
const MAX_CODE_TRIES = 5;

export interface DialogContext {
  now: Date;
  timeZone: string;
  /** Practitioners the assistant may book, with the names of their motifs open to it. */
  offer: { id: string; name: string; motifs: string[] }[];
  /** The practice's online booking is open (the assistant follows the same switch to book or move). */
  bookingOpen: boolean;
  /** Cancelling / moving: no later than this before the appointment (the online manage link's deadline). */
  manageDeadlineMinutes: number;
  /**
   * The practice's online booking page when it offers at least one motif to new patients, else null. A newcomer has
   * no file, hence no contact on file for a code: the chat cannot book them and says where they can.
   */
  newcomerBookingUrl: string | null;
}

export interface DialogInput {
  text: string;
  triage: Pick<TriageResult, 'intent' | 'urgency' | 'lang' | 'reasons' | 'details'>;
}

export type Effect =
  | { type: 'identify'; name: string; birthDate: string; lang: Lang }
  | { type: 'check_code'; verificationId: string | null; code: string }
  | { type: 'propose'; practitionerIds: string[]; motifName?: string | undefined; motifId?: string | null | undefined; prefs: Preferences; urgency: 'routine' | 'same_day'; excludeAppointmentId?: string | undefined }
  | { type: 'book'; patientId: string; practitionerId: string; motifName: string; start: string; urgency: 'routine' | 'same_day' }
  | { type: 'list_appointments'; patientId: string }
  | { type: 'cancel'; patientId: string; appointmentId: string }
  | { type: 'move'; patientId: string; appointmentId: string; start: string; urgency: 'routine' | 'same_day' };

export type EffectResult =
  | { type: 'identify'; verificationId: string | null; rateLimited?: boolean }
  | { type: 'check_code'; result: 'ok' | 'wrong' | 'expired'; patientId?: string | undefined }
  | { type: 'propose'; slots: Slot[]; urgentHeldToday: number }
  | { type: 'book' | 'move' | 'cancel'; result: 'ok'; appointmentId: string }
  | { type: 'book' | 'move' | 'cancel'; result: 'taken' }
  | { type: 'book' | 'move' | 'cancel'; result: 'refused'; message: string }
  | { type: 'list_appointments'; appointments: DialogState['appointments'] };

export interface DialogReply {
  text: string;
  lang: Lang;
  emergency: boolean;
  numbers: string[];
  /** Answers offered as buttons in the web chat (the label is sent back as the message). */
  choices: string[];
  asked: MissingPiece[];
}

export type DialogEnd =
  | { kind: 'booked' | 'moved' | 'cancelled'; appointmentId: string }
  | { kind: 'handed_over'; reason: HandOver };

export type HandOver =
  | 'vital'
  | 'stopped'
  | 'changed_subject'
  | 'unclear'
  | 'no_code'
  | 'code_tries'
  | 'rate_limited'
  | 'no_offer'
  | 'no_slot'
  | 'same_day_callback'
  | 'callback'
  | 'no_appointment'
  | 'deadline'
  | 'refused'
  | 'kept'
  | 'new_patient';

export interface DialogOutcome {
  /** null: no dialog (ended, or never started). */
  state: DialogState | null;
  /** null with no effect: the message is not for the dialog; the usual reply applies. */
  reply: DialogReply | null;
  effect?: Effect;
  end?: DialogEnd;
}

const DIALOG_INTENTS = { book: 'book', reschedule: 'move', cancel: 'cancel' } as const;
/** Intents that clearly change the subject when the answer does not fit the question. */
const OTHER_SUBJECTS = new Set(['prescription_renewal', 'test_results', 'document_request', 'billing', 'practical_info', 'professional']);

// ---------- texts ----------

type Txt = Record<Lang, string>;
const T = {
  startBook: { fr: 'Je peux vous proposer un rendez-vous.', en: 'I can offer you an appointment.' },
  startMove: { fr: 'Je peux déplacer votre rendez-vous.', en: 'I can move your appointment.' },
  startCancel: { fr: 'Je peux enregistrer l’annulation de votre rendez-vous.', en: 'I can cancel your appointment.' },
  sameDay: {
    fr: 'Votre situation doit être vue par un médecin aujourd’hui. Si les symptômes s’aggravent, appelez le 15.',
    en: 'Your situation needs to be seen by a doctor today. If the symptoms get worse, call 15.',
  },
  askIdentity: {
    fr: 'Pour vérifier l’identité du patient, écrivez ses nom, prénom et date de naissance (par exemple : Camille Lefèvre 12/04/1988). Un code vous sera envoyé par SMS ou e-mail, aux coordonnées enregistrées au cabinet.',
    en: 'To check the patient’s identity, write their surname, first name and date of birth (for example: Camille Lefèvre 12/04/1988). A code will be sent by text or e-mail to the contact details the practice has on file.',
  },
  stopHint: { fr: 'Écrivez « stop » à tout moment pour arrêter.', en: 'Write “stop” at any time to stop.' },
  identityUnclear: {
    fr: 'Je n’ai pas compris. Écrivez le nom, le prénom et la date de naissance complète du patient (jour/mois/année).',
    en: 'I did not understand. Please write the patient’s surname, first name and full date of birth (day/month/year).',
  },
  codeSent: {
    fr: 'Si ces informations correspondent à un dossier du cabinet, un code à 6 chiffres vient d’être envoyé au téléphone portable ou à l’adresse e-mail enregistrés dans ce dossier (valable 15 minutes). Écrivez ce code ici. Rien reçu ? Écrivez « nouveau code », ou « pas de code » pour que le secrétariat vous recontacte.',
    en: 'If these details match a file of the practice, a 6-digit code has just been sent to the mobile phone or e-mail address recorded in that file (valid for 15 minutes). Write the code here. Nothing received? Write “new code”, or “no code” and the front desk will contact you.',
  },
  codeUnclear: {
    fr: 'Écrivez le code à 6 chiffres reçu, « nouveau code » ou « pas de code ».',
    en: 'Write the 6-digit code you received, “new code” or “no code”.',
  },
  codeWrong: { fr: 'Code incorrect.', en: 'Wrong code.' },
  codeExpired: {
    fr: 'Ce code a expiré ou a déjà servi. Écrivez « nouveau code » pour en recevoir un autre.',
    en: 'This code has expired or was already used. Write “new code” to receive another one.',
  },
  verified: { fr: 'Merci, votre identité est vérifiée.', en: 'Thank you, your identity is confirmed.' },
  rateLimited: {
    fr: 'Trop de codes ont été demandés. Votre demande est transmise au secrétariat, qui vous recontactera.',
    en: 'Too many codes were requested. Your request has been passed to the front desk, who will contact you.',
  },
  noCode: {
    fr: 'Votre demande est transmise au secrétariat, qui vous recontactera pour vérifier votre identité et vous proposer un rendez-vous.',
    en: 'Your request has been passed to the front desk, who will contact you to check your identity and offer you an appointment.',
  },
  askPractitioner: { fr: 'Avec quel praticien ?', en: 'With which practitioner?' },
  anyPractitioner: { fr: 'Peu importe', en: 'No preference' },
  askMotif: { fr: 'Pour quel motif ?', en: 'What is the appointment for?' },
  askWhen: {
    fr: 'Quand souhaitez-vous venir ? Par exemple : « mardi prochain vers 10h », « demain matin », « dès que possible ».',
    en: 'When would you like to come? For example: “next Tuesday around 10am”, “tomorrow morning”, “as soon as possible”.',
  },
  askWhenMove: {
    fr: 'Quand souhaitez-vous venir à la place ? Par exemple : « jeudi après-midi », « la semaine prochaine », « dès que possible ».',
    en: 'When would you like to come instead? For example: “Thursday afternoon”, “next week”, “as soon as possible”.',
  },
  proposals: { fr: 'Voici les prochains créneaux libres :', en: 'Here are the next free slots:' },
  proposalsToday: { fr: 'Voici les créneaux encore libres aujourd’hui :', en: 'Here are the slots still free today:' },
  chooseSlot: {
    fr: 'Répondez par le numéro du créneau, ou « autre » pour d’autres horaires.',
    en: 'Reply with the number of the slot, or “other” for other times.',
  },
  chooseSlotToday: {
    fr: 'Répondez par le numéro du créneau, ou « rappel » pour que le secrétariat vous rappelle aujourd’hui.',
    en: 'Reply with the number of the slot, or “call back” and the front desk will call you today.',
  },
  other: { fr: 'Autres horaires', en: 'Other times' },
  callbackChoice: { fr: 'Être rappelé(e) aujourd’hui', en: 'Call me back today' },
  urgentHeld: {
    fr: 'Le cabinet garde aussi des créneaux pour les urgences du jour : le secrétariat peut vous en attribuer un en vous rappelant.',
    en: 'The practice also keeps slots for same-day needs: the front desk can give you one when calling you back.',
  },
  noSlotToday: {
    fr: 'Je n’ai pas de créneau libre à vous proposer aujourd’hui. Votre demande est transmise en priorité au secrétariat, qui vous rappellera aujourd’hui pour trouver une solution (créneaux d’urgence du jour). Si le cabinet est fermé, appelez le 116 117 (médecin de garde) ou le 15.',
    en: 'I have no free slot to offer you today. Your request has been passed to the front desk as a priority, who will call you back today to find a solution (same-day slots). If the practice is closed, call 116 117 (on-call doctor) or 15.',
  },
  callback: {
    fr: 'C’est noté : le secrétariat vous rappellera aujourd’hui. Si les symptômes s’aggravent, appelez le 15.',
    en: 'Noted: the front desk will call you back today. If the symptoms get worse, call 15.',
  },
  noSlot: {
    fr: 'Je ne trouve pas de créneau libre dans les quatre prochaines semaines. Votre demande est transmise au secrétariat, qui vous recontactera.',
    en: 'I cannot find a free slot in the next four weeks. Your request has been passed to the front desk, who will contact you.',
  },
  noOffer: {
    fr: 'La prise de rendez-vous par l’assistant n’est pas ouverte pour ce cabinet. Votre demande est transmise au secrétariat, qui vous proposera un créneau.',
    en: 'Booking through the assistant is not open at this practice. Your request has been passed to the front desk, who will offer you a slot.',
  },
  yesNo: { fr: 'Répondez « oui » ou « non ».', en: 'Please answer “yes” or “no”.' },
  taken: { fr: 'Ce créneau vient d’être pris.', en: 'This slot has just been taken.' },
  stopped: {
    fr: 'D’accord, j’arrête là. Votre demande reste transmise au secrétariat.',
    en: 'All right, I stop here. Your request stays with the front desk.',
  },
  unclear: {
    fr: 'Je n’arrive pas à comprendre votre réponse : votre demande est transmise au secrétariat, qui vous recontactera.',
    en: 'I cannot understand your answer: your request has been passed to the front desk, who will contact you.',
  },
  noAppointment: {
    fr: 'Je ne trouve aucun rendez-vous à venir dans votre dossier. Votre demande est transmise au secrétariat.',
    en: 'I cannot find any upcoming appointment in your file. Your request has been passed to the front desk.',
  },
  whichAppointment: { fr: 'De quel rendez-vous s’agit-il ?', en: 'Which appointment is it?' },
  kept: { fr: 'D’accord, votre rendez-vous est maintenu.', en: 'All right, your appointment is kept.' },
  changeLink: {
    fr: 'Pour le déplacer ou l’annuler, écrivez-moi ici ou utilisez le lien du message de confirmation.',
    en: 'To move or cancel it, write to me here or use the link in the confirmation message.',
  },
  refused: { fr: 'Votre demande est transmise au secrétariat, qui vous recontactera.', en: 'Your request has been passed to the front desk, who will contact you.' },
  callbackNumber: { fr: 'Indiquez un numéro où vous rappeler.', en: 'Please give a number where you can be called back.' },
  newcomer: {
    fr: 'Pour un premier rendez-vous, vous n’avez pas encore de dossier au cabinet : je ne peux pas vous envoyer de code.',
    en: 'For a first appointment you do not have a file at the practice yet, so I cannot send you a code.',
  },
  newcomerOnline: {
    fr: 'Vous pouvez réserver en ligne un motif ouvert aux nouveaux patients : {url} (un code sera envoyé au numéro ou à l’adresse que vous indiquerez).',
    en: 'You can book online a reason for visit open to new patients: {url} (a code will be sent to the number or address you give).',
  },
  newcomerCallback: {
    fr: 'Sinon, indiquez un numéro où vous rappeler : le secrétariat vous proposera un rendez-vous.',
    en: 'Otherwise, give a number where you can be called back: the front desk will offer you an appointment.',
  },
  newcomerCallbackOnly: {
    fr: 'Votre demande est transmise au secrétariat : indiquez un numéro où vous rappeler, il vous proposera un rendez-vous.',
    en: 'Your request has been passed to the front desk: give a number where you can be called back and they will offer you an appointment.',
  },
} satisfies Record<string, Txt>;

function deadlineText(minutes: number, lang: Lang): string {
  const h = Math.round(minutes / 60);
  const span = minutes % 60 === 0 ? (lang === 'fr' ? `${h} h` : `${h} hours`) : `${minutes} min`;
  return lang === 'fr'
    ? `Ce rendez-vous ne peut plus être modifié ici (au plus tard ${span} avant). Appelez le cabinet ; votre demande est transmise au secrétariat.`
    : `This appointment can no longer be changed here (at the latest ${span} before). Please call the practice; your request has been passed to the front desk.`;
}

// ---------- helpers ----------

function reply(lang: Lang, parts: (string | undefined | false)[], extra: Partial<DialogReply> = {}): DialogReply {
  return { text: parts.filter(Boolean).join(' ').replace(/ \n/g, '\n'), lang, emergency: false, numbers: [], choices: [], asked: [], ...extra };
}

function refresh(state: DialogState, ctx: DialogContext, patch: Partial<DialogState> = {}): DialogState {
  return { ...state, ...patch, expiresAt: new Date(ctx.now.getTime() + DIALOG_MINUTES * 60_000).toISOString() };
}

function handOver(state: DialogState | null, lang: Lang, reason: HandOver, text: string, extra: Partial<DialogReply> = {}): DialogOutcome {
  void state;
  return { state: null, reply: reply(lang, [text], extra), end: { kind: 'handed_over', reason } };
}

const who = (ctx: DialogContext, id: string) => ctx.offer.find((p) => p.id === id)?.name ?? '';

function slotLabel(s: Slot, ctx: DialogContext, lang: Lang, names?: Map<string, string>): string {
  const name = names?.get(s.practitionerId) ?? who(ctx, s.practitionerId);
  return `${formatWhen(new Date(s.start), ctx.timeZone, lang)}${name ? ` — ${name}` : ''}`;
}

function numbered(labels: string[]): string {
  return labels.map((l, i) => `\n${i + 1}) ${l}`).join('');
}

/** Wanted day / time from the message (the triage engine's dates), only for dates from today on. */
export function prefsFrom(triage: DialogInput['triage'], ctx: DialogContext, text = ''): Preferences | null {
  const today = localDay(ctx.now, ctx.timeZone);
  // « la semaine prochaine » / "next week" (not a date for the engine): from the Monday of next week.
  if (!triage.details.dates.some((d) => d.date) && /\b(semaine prochaine|next week)\b/.test(norm(text))) {
    const d = new Date(`${today}T12:00:00Z`);
    const monday = new Date(d.getTime() + (((8 - d.getUTCDay()) % 7 || 7) * 86_400_000));
    const n = norm(text);
    const partOfDay = /\b(matin|morning)\b/.test(n) ? 'morning' : /\b(apres ?midi|aprem|afternoon)\b/.test(n) ? 'afternoon' : /\b(soir|evening)\b/.test(n) ? 'evening' : undefined;
    return { date: monday.toISOString().slice(0, 10), ...(partOfDay ? { partOfDay } : {}) };
  }
  for (const d of triage.details.dates) {
    if (d.date && d.date < today) continue;
    if (!d.date && !d.time && !d.partOfDay) continue;
    return {
      ...(d.date ? { date: d.date } : {}),
      ...(d.time ? { time: d.time } : {}),
      ...(d.partOfDay ? { partOfDay: d.partOfDay } : {}),
    };
  }
  return null;
}

function practitionerFrom(text: string, triage: DialogInput['triage'], ctx: DialogContext): string | undefined {
  const named = [...triage.details.practitioners, text].map((n) => nameWords(n));
  const hits = ctx.offer.filter((p) => {
    const surname = nameWords(p.name).filter((w) => w !== 'dr' && w !== 'docteur');
    const last = surname[surname.length - 1];
    return last !== undefined && named.some((ws) => ws.includes(last) && (ws.includes('dr') || ws.includes('docteur') || ws.includes('doctor') || triage.details.practitioners.length > 0));
  });
  return hits.length === 1 ? hits[0]!.id : undefined;
}

const withNotice = (state: DialogState, lang: Lang) => (state.notice === 'taken' ? T.taken[lang] : undefined);

// ---------- the machine ----------

/** Vital at any step: the emergency instruction first, the dialog ends. */
function vital(input: DialogInput): DialogOutcome {
  const lang = input.triage.lang;
  const suicidal = hasSuicideReason(input.triage.reasons);
  return {
    state: null,
    reply: { text: emergencyBlock(lang, suicidal).join(' '), lang, emergency: true, numbers: ['15', '112', '114', ...(suicidal ? ['3114'] : [])], choices: [], asked: [] },
    end: { kind: 'handed_over', reason: 'vital' },
  };
}

/** One message of the patient. `state` is the stored dialog (already checked for expiry by `readDialogState`). */
export function dialogStep(state: DialogState | null, input: DialogInput, ctx: DialogContext): DialogOutcome {
  if (input.triage.urgency === 'vital') return vital(input);
  if (!state) return start(input, ctx);

  const lang = state.lang;
  if (isStop(input.text)) return handOver(state, lang, 'stopped', T.stopped[lang]);
  const s: DialogState = refresh(state, ctx, {
    urgency: input.triage.urgency === 'same_day' ? 'same_day' : state.urgency,
    notice: undefined,
  });
  const unclear = (again: string, extra: Partial<DialogReply> = {}): DialogOutcome => {
    if (OTHER_SUBJECTS.has(input.triage.intent)) return { state: null, reply: null, end: { kind: 'handed_over', reason: 'changed_subject' } };
    if (s.tries + 1 >= MAX_TRIES) return handOver(s, lang, 'unclear', T.unclear[lang]);
    return { state: { ...s, tries: s.tries + 1 }, reply: reply(lang, [again], extra) };
  };
  const today = localDay(ctx.now, ctx.timeZone);

  switch (s.step) {
    case 'identity': {
      if (s.kind === 'book' && isNewcomer(input.text)) return newcomerHandOver(s, lang, ctx);
      const id = identityFrom(input, today);
      if (!id) return unclear(T.identityUnclear[lang]);
      return { state: { ...s, identity: id, tries: 0 }, reply: null, effect: { type: 'identify', ...id, lang } };
    }
    case 'code': {
      if (s.kind === 'book' && isNewcomer(input.text)) return newcomerHandOver(s, lang, ctx);
      if (isNoCode(input.text)) return noCodeHandOver(s, lang);
      if (isNewCode(input.text) && s.identity) return { state: { ...s, tries: 0 }, reply: null, effect: { type: 'identify', ...s.identity, lang } };
      const code = parseCode(input.text);
      if (!code) return unclear(T.codeUnclear[lang]);
      return { state: s, reply: null, effect: { type: 'check_code', verificationId: s.verificationId ?? null, code } };
    }
    case 'practitioner': {
      const options = ctx.offer;
      const labels = [...options.map((p) => p.name), T.anyPractitioner[lang]];
      const i = parseChoice(input.text, labels) ?? (() => {
        const id = practitionerFrom(input.text, input.triage, ctx);
        return id ? options.findIndex((p) => p.id === id) : isAsap(input.text) ? options.length : null;
      })();
      if (i === null || i < 0) return unclear(T.askPractitioner[lang], { choices: labels });
      const next = i === options.length ? { ...s, anyPractitioner: true, tries: 0 } : { ...s, practitionerId: options[i]!.id, tries: 0 };
      return advance(next, ctx);
    }
    case 'motif': {
      const labels = motifNames(s, ctx);
      const i = parseChoice(input.text, labels);
      if (i === null) return unclear(T.askMotif[lang], { choices: labels });
      return advance({ ...s, motifName: labels[i]!, tries: 0 }, ctx);
    }
    case 'when': {
      const prefs = prefsFrom(input.triage, ctx, input.text) ?? {};
      const times = timesIn(input.text);
      if (!prefs.time && times[0]) prefs.time = times[0];
      return advance({ ...s, prefs, prefsAsked: true, proposals: [], tries: 0 }, ctx);
    }
    case 'slot': {
      if (isCallback(input.text)) return callbackHandOver(s, lang);
      const labels = s.proposals.map((p) => slotLabel(p, ctx, lang));
      let i = parseChoice(input.text, labels);
      if (i === null) {
        const times = timesIn(input.text);
        const byTime = s.proposals.map((p, k) => (times.some((t) => localTime(p.start, ctx.timeZone) === t) ? k : -1)).filter((k) => k >= 0);
        if (byTime.length === 1) i = byTime[0]!;
      }
      if (i !== null) {
        const chosen = s.proposals[i]!;
        // Defence in depth: a same-day case never confirms a slot of another day.
        if (s.urgency === 'same_day' && sameDayOnly([chosen], ctx.now, ctx.timeZone).length === 0) return callbackHandOver(s, lang);
        return askConfirm({ ...s, chosen, step: 'confirm', tries: 0 }, ctx);
      }
      const newPrefs = prefsFrom(input.triage, ctx, input.text);
      if (s.urgency === 'same_day' && (isOther(input.text) || newPrefs)) return callbackHandOver(s, lang);
      if (newPrefs) return advance({ ...s, prefs: newPrefs, proposals: [], tries: 0 }, ctx);
      if (isOther(input.text)) {
        const last = s.proposals[s.proposals.length - 1];
        return advance({ ...s, prefs: { ...s.prefs, ...(last ? { after: last.start } : {}) }, proposals: [], tries: 0 }, ctx);
      }
      return unclear(s.urgency === 'same_day' ? T.chooseSlotToday[lang] : T.chooseSlot[lang], { choices: slotChoices(s, ctx, lang) });
    }
    case 'confirm': {
      const yn = yesNo(input.text);
      if (yn === 'no') return { state: { ...s, step: 'when', chosen: undefined, proposals: [], prefs: {}, tries: 0 }, reply: reply(lang, [s.kind === 'move' ? T.askWhenMove[lang] : T.askWhen[lang]]) };
      if (yn !== 'yes' || !s.chosen) return unclear(T.yesNo[lang], { choices: yesNoChoices(lang) });
      // Never without a verified code.
      if (!s.patientId) return handOver(s, lang, 'refused', T.refused[lang]);
      if (s.kind === 'move' && s.appointmentId) {
        return { state: s, reply: null, effect: { type: 'move', patientId: s.patientId, appointmentId: s.appointmentId, start: s.chosen.start, urgency: s.urgency } };
      }
      if (s.kind === 'book' && s.motifName) {
        return { state: s, reply: null, effect: { type: 'book', patientId: s.patientId, practitionerId: s.chosen.practitionerId, motifName: s.motifName, start: s.chosen.start, urgency: s.urgency } };
      }
      return handOver(s, lang, 'refused', T.refused[lang]);
    }
    case 'appointment': {
      const labels = s.appointments.map((a) => appointmentLabel(a, ctx, lang));
      const i = parseChoice(input.text, labels);
      if (i === null) return unclear(T.whichAppointment[lang], { choices: labels });
      return chooseAppointment(s, s.appointments[i]!, ctx);
    }
    case 'confirm_cancel': {
      const yn = yesNo(input.text);
      if (yn === 'no') return handOver(s, lang, 'kept', T.kept[lang]);
      if (yn !== 'yes' || !s.appointmentId) return unclear(T.yesNo[lang], { choices: yesNoChoices(lang) });
      if (!s.patientId) return handOver(s, lang, 'refused', T.refused[lang]);
      return { state: s, reply: null, effect: { type: 'cancel', patientId: s.patientId, appointmentId: s.appointmentId } };
    }
  }
}

function identityFrom(input: DialogInput, today: string): { name: string; birthDate: string } | null {
  const p = input.triage.details.patient;
  if (p.name && p.birthDate && nameWords(p.name).length >= 2) return { name: p.name, birthDate: p.birthDate };
  return parseIdentity(input.text, today);
}

function start(input: DialogInput, ctx: DialogContext): DialogOutcome {
  const intent = input.triage.intent;
  if (!(intent in DIALOG_INTENTS)) return { state: null, reply: null };
  const kind = DIALOG_INTENTS[intent as keyof typeof DIALOG_INTENTS];
  if (kind !== 'cancel' && (!ctx.bookingOpen || ctx.offer.length === 0)) return { state: null, reply: null };
  const lang = input.triage.lang;
  if (kind === 'book' && isNewcomer(input.text)) return newcomerHandOver(null, lang, ctx);
  const urgency = input.triage.urgency === 'same_day' ? 'same_day' : 'routine';
  const today = localDay(ctx.now, ctx.timeZone);
  const identity = identityFrom(input, today);
  // Moving: the date in the message is the current appointment's (« mon rdv de jeudi »), kept to find it.
  const prefs = prefsFrom(input.triage, ctx, input.text) ?? {};
  const practitionerId = kind === 'book' ? practitionerFrom(input.text, input.triage, ctx) : undefined;
  const state: DialogState = {
    v: 1,
    kind,
    step: 'identity',
    lang,
    urgency,
    expiresAt: new Date(ctx.now.getTime() + DIALOG_MINUTES * 60_000).toISOString(),
    tries: 0,
    codeTries: 0,
    prefs,
    prefsAsked: false,
    proposals: [],
    appointmentsLoaded: false,
    appointments: [],
    ...(practitionerId ? { practitionerId } : {}),
    ...(identity ? { identity } : {}),
  };
  if (identity) return { state, reply: null, effect: { type: 'identify', ...identity, lang } };
  const lead = kind === 'book' ? T.startBook[lang] : kind === 'move' ? T.startMove[lang] : T.startCancel[lang];
  return {
    state,
    reply: reply(lang, [urgency === 'same_day' ? T.sameDay[lang] : undefined, lead, T.askIdentity[lang], T.stopHint[lang]], {
      asked: ['identity'],
      numbers: urgency === 'same_day' ? ['15'] : [],
    }),
  };
}

/** A first visit: online booking (which creates a provisional file) where the practice opens it, else a call-back. */
function newcomerHandOver(s: DialogState | null, lang: Lang, ctx: DialogContext): DialogOutcome {
  const parts = ctx.newcomerBookingUrl
    ? [T.newcomer[lang], T.newcomerOnline[lang].replace('{url}', ctx.newcomerBookingUrl), T.newcomerCallback[lang]]
    : [T.newcomer[lang], T.newcomerCallbackOnly[lang]];
  return handOver(s, lang, 'new_patient', parts.join(' '), { asked: ['callback'] });
}

function noCodeHandOver(s: DialogState, lang: Lang): DialogOutcome {
  return handOver(s, lang, 'no_code', `${T.noCode[lang]} ${T.callbackNumber[lang]}`, { asked: ['callback'] });
}

function callbackHandOver(s: DialogState, lang: Lang): DialogOutcome {
  return handOver(s, lang, 'callback', `${T.callback[lang]} ${T.callbackNumber[lang]}`, { asked: ['callback'], numbers: ['15'] });
}

function motifNames(s: DialogState, ctx: DialogContext): string[] {
  const from = s.practitionerId ? ctx.offer.filter((p) => p.id === s.practitionerId) : ctx.offer;
  return [...new Set(from.flatMap((p) => p.motifs))];
}

const localTime = (iso: string, zone: string) => new Intl.DateTimeFormat('fr-FR', { timeZone: zone, hour: '2-digit', minute: '2-digit', hour12: false }).format(new Date(iso)).replace(/\s/g, '');

const yesNoChoices = (lang: Lang) => (lang === 'fr' ? ['Oui', 'Non'] : ['Yes', 'No']);

function slotChoices(s: DialogState, ctx: DialogContext, lang: Lang): string[] {
  return [...s.proposals.map((p) => slotLabel(p, ctx, lang)), s.urgency === 'same_day' ? T.callbackChoice[lang] : T.other[lang]];
}

function appointmentLabel(a: DialogState['appointments'][number], ctx: DialogContext, lang: Lang): string {
  return `${formatWhen(new Date(a.start), ctx.timeZone, lang)} — ${a.practitionerName}${a.motifName ? ` (${a.motifName})` : ''}`;
}

/** After identification (and after every answer of the booking part): what is still missing, or the search. */
function advance(s: DialogState, ctx: DialogContext, lead?: string): DialogOutcome {
  const lang = s.lang;
  if (!s.patientId) return handOver(s, lang, 'refused', T.refused[lang]);
  if (s.kind === 'book') {
    if (!ctx.bookingOpen || ctx.offer.length === 0) return handOver(s, lang, 'no_offer', T.noOffer[lang]);
    if (!s.practitionerId && !s.anyPractitioner) {
      if (ctx.offer.length === 1) s = { ...s, practitionerId: ctx.offer[0]!.id };
      else {
        const choices = [...ctx.offer.map((p) => p.name), T.anyPractitioner[lang]];
        return { state: { ...s, step: 'practitioner' }, reply: reply(lang, [lead, T.askPractitioner[lang], numbered(choices)], { choices }) };
      }
    }
    if (!s.motifName) {
      const names = motifNames(s, ctx);
      if (names.length === 0) return handOver(s, lang, 'no_offer', T.noOffer[lang]);
      if (names.length === 1) s = { ...s, motifName: names[0]! };
      else return { state: { ...s, step: 'motif' }, reply: reply(lang, [lead, T.askMotif[lang], numbered(names)], { choices: names }) };
    }
    const hasPrefs = Boolean(s.prefs.date || s.prefs.time || s.prefs.partOfDay || s.prefs.after);
    if (!hasPrefs && !s.prefsAsked && s.urgency === 'routine') {
      return { state: { ...s, step: 'when' }, reply: reply(lang, [lead, T.askWhen[lang]], { asked: ['preferred_time'] }) };
    }
    const ids = s.practitionerId ? [s.practitionerId] : ctx.offer.filter((p) => p.motifs.includes(s.motifName!)).map((p) => p.id);
    return { state: { ...s, step: 'slot' }, reply: null, effect: { type: 'propose', practitionerIds: ids, motifName: s.motifName, prefs: s.prefs, urgency: s.urgency } };
  }
  if (!s.appointmentsLoaded) return { state: s, reply: null, effect: { type: 'list_appointments', patientId: s.patientId } };
  if (s.kind === 'move' && s.appointmentId && s.practitionerId) {
    if (!s.prefsAsked && s.urgency === 'routine') return { state: { ...s, step: 'when' }, reply: reply(lang, [lead, T.askWhenMove[lang]], { asked: ['preferred_time'] }) };
    return {
      state: { ...s, step: 'slot' },
      reply: null,
      effect: { type: 'propose', practitionerIds: [s.practitionerId], motifId: s.motifId ?? null, prefs: s.prefs, urgency: s.urgency, excludeAppointmentId: s.appointmentId },
    };
  }
  return handOver(s, lang, 'refused', T.refused[lang]);
}

function chooseAppointment(s: DialogState, a: DialogState['appointments'][number], ctx: DialogContext): DialogOutcome {
  const lang = s.lang;
  if (!a.changeable) return handOver(s, lang, 'deadline', deadlineText(ctx.manageDeadlineMinutes, lang));
  if (s.kind === 'cancel') {
    const label = appointmentLabel(a, ctx, lang);
    return {
      state: { ...s, step: 'confirm_cancel', appointmentId: a.id, tries: 0 },
      reply: reply(lang, [lang === 'fr' ? `Confirmez-vous l’annulation du rendez-vous du ${label} ? (oui / non)` : `Do you confirm the cancellation of the appointment on ${label}? (yes / no)`], { choices: yesNoChoices(lang) }),
    };
  }
  if (!ctx.bookingOpen) return handOver(s, lang, 'no_offer', T.noOffer[lang]);
  // Moving: the wanted new time is asked (the date of the first message designated the current appointment).
  return advance({ ...s, appointmentId: a.id, practitionerId: a.practitionerId, motifId: a.motifId, prefs: {}, prefsAsked: false, tries: 0 }, ctx);
}

function askConfirm(s: DialogState, ctx: DialogContext): DialogOutcome {
  const lang = s.lang;
  const c = s.chosen!;
  const when = formatWhen(new Date(c.start), ctx.timeZone, lang);
  const name = who(ctx, c.practitionerId) || s.appointments.find((a) => a.id === s.appointmentId)?.practitionerName || '';
  const text =
    s.kind === 'move'
      ? lang === 'fr'
        ? `Je déplace votre rendez-vous au ${when}${name ? ` avec ${name}` : ''}. Confirmez-vous ? (oui / non)`
        : `I will move your appointment to ${when}${name ? ` with ${name}` : ''}. Do you confirm? (yes / no)`
      : lang === 'fr'
        ? `Je réserve le ${when}${name ? ` avec ${name}` : ''} (${s.motifName}). Confirmez-vous ? (oui / non)`
        : `I will book ${when}${name ? ` with ${name}` : ''} (${s.motifName}). Do you confirm? (yes / no)`;
  return { state: s, reply: reply(lang, [text], { choices: yesNoChoices(lang) }) };
}

/** The result of an effect. */
export function dialogResolve(state: DialogState, result: EffectResult, ctx: DialogContext): DialogOutcome {
  const lang = state.lang;
  const s = refresh(state, ctx);
  switch (result.type) {
    case 'identify': {
      if (result.rateLimited) return handOver(s, lang, 'rate_limited', T.rateLimited[lang]);
      return {
        state: { ...s, step: 'code', verificationId: result.verificationId, codeTries: 0, tries: 0 },
        reply: reply(lang, [s.urgency === 'same_day' && s.step === 'identity' && !s.identity ? T.sameDay[lang] : undefined, T.codeSent[lang]], {
          choices: lang === 'fr' ? ['Nouveau code', 'Pas de code'] : ['New code', 'No code'],
        }),
      };
    }
    case 'check_code': {
      if (result.result === 'ok' && result.patientId) {
        return advance({ ...s, patientId: result.patientId, verificationId: undefined, tries: 0 }, ctx, T.verified[lang]);
      }
      if (result.result === 'expired') return { state: s, reply: reply(lang, [T.codeExpired[lang]], { choices: lang === 'fr' ? ['Nouveau code'] : ['New code'] }) };
      const tries = s.codeTries + 1;
      if (tries >= MAX_CODE_TRIES) return handOver(s, lang, 'code_tries', `${T.codeWrong[lang]} ${T.noCode[lang]}`);
      const left = MAX_CODE_TRIES - tries;
      return {
        state: { ...s, codeTries: tries },
        reply: reply(lang, [T.codeWrong[lang], lang === 'fr' ? `Vérifiez le code reçu (encore ${left} essai${left > 1 ? 's' : ''}).` : `Check the code you received (${left} attempt${left > 1 ? 's' : ''} left).`]),
      };
    }
    case 'propose': {
      const slots = s.urgency === 'same_day' ? sameDayOnly(result.slots, ctx.now, ctx.timeZone) : result.slots;
      if (slots.length === 0) {
        if (s.urgency === 'same_day') return handOver(s, lang, 'same_day_callback', `${T.noSlotToday[lang]} ${T.callbackNumber[lang]}`, { asked: ['callback'], numbers: ['116 117', '15'] });
        return handOver(s, lang, 'no_slot', T.noSlot[lang]);
      }
      const next: DialogState = { ...s, step: 'slot', proposals: slots.slice(0, 3), tries: 0, notice: undefined };
      const labels = next.proposals.map((p) => slotLabel(p, ctx, lang));
      const today = s.urgency === 'same_day';
      return {
        state: next,
        reply: reply(
          lang,
          [
            withNotice(state, lang),
            today ? T.proposalsToday[lang] : T.proposals[lang],
            numbered(labels),
            '\n' + (today ? T.chooseSlotToday[lang] : T.chooseSlot[lang]),
            today && result.urgentHeldToday > 0 ? T.urgentHeld[lang] : undefined,
            today ? (lang === 'fr' ? 'Si les symptômes s’aggravent, appelez le 15.' : 'If the symptoms get worse, call 15.') : undefined,
          ],
          { choices: slotChoices(next, ctx, lang), numbers: today ? ['15'] : [] },
        ),
      };
    }
    case 'book':
    case 'move':
    case 'cancel': {
      if (result.result === 'ok') {
        const c = s.chosen;
        const appt = s.appointments.find((a) => a.id === s.appointmentId);
        const when = c ? formatWhen(new Date(c.start), ctx.timeZone, lang) : appt ? formatWhen(new Date(appt.start), ctx.timeZone, lang) : '';
        const name = (c && who(ctx, c.practitionerId)) || appt?.practitionerName || '';
        const text =
          result.type === 'cancel'
            ? lang === 'fr'
              ? `C’est fait : votre rendez-vous du ${when}${name ? ` avec ${name}` : ''} est annulé.`
              : `Done: your appointment on ${when}${name ? ` with ${name}` : ''} is cancelled.`
            : result.type === 'move'
              ? lang === 'fr'
                ? `C’est fait : votre rendez-vous est déplacé au ${when}${name ? ` avec ${name}` : ''}.`
                : `Done: your appointment is moved to ${when}${name ? ` with ${name}` : ''}.`
              : lang === 'fr'
                ? `C’est fait : votre rendez-vous est réservé le ${when}${name ? ` avec ${name}` : ''} (${s.motifName}). Une confirmation vous sera envoyée si vous avez accepté les messages du cabinet.`
                : `Done: your appointment is booked for ${when}${name ? ` with ${name}` : ''} (${s.motifName}). A confirmation will be sent if you agreed to receive messages from the practice.`;
        return {
          state: null,
          reply: reply(lang, [text, result.type === 'cancel' ? undefined : T.changeLink[lang]]),
          end: { kind: result.type === 'book' ? 'booked' : result.type === 'move' ? 'moved' : 'cancelled', appointmentId: result.appointmentId },
        };
      }
      if (result.result === 'taken' && result.type !== 'cancel') {
        // Fresh proposals from the agenda (the taken slot is no longer free), with the same preferences.
        return advance({ ...s, chosen: undefined, proposals: [], prefsAsked: true, notice: 'taken' }, ctx);
      }
      return handOver(s, lang, 'refused', `${result.result === 'refused' ? result.message : ''} ${T.refused[lang]}`.trim());
    }
    case 'list_appointments': {
      const next: DialogState = { ...s, appointmentsLoaded: true, appointments: result.appointments.slice(0, 5) };
      if (next.appointments.length === 0) return handOver(next, lang, 'no_appointment', T.noAppointment[lang]);
      const date = s.prefs.date;
      const onDate = date ? next.appointments.filter((a) => localDay(a.start, ctx.timeZone) === date) : [];
      if (next.appointments.length === 1 || onDate.length === 1) return chooseAppointment(next, onDate[0] ?? next.appointments[0]!, ctx);
      const labels = next.appointments.map((a) => appointmentLabel(a, ctx, lang));
      return { state: { ...next, step: 'appointment' }, reply: reply(lang, [T.verified[lang], T.whichAppointment[lang], numbered(labels)], { choices: labels }) };
    }
  }
}

/** For tests and docs: the normalised form used by the parsers. */
export { norm };
