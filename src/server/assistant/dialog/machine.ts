import { formatWhen } from '../../agenda/index.js';
import { isAsap, isCallback, isNewCode, isNewcomer, isNoCode, isOther, isStop, norm, parseChoice, parseCode, timesIn, yesNo } from './parse.js';
import { localDay, sameDayOnly } from './proposals.js';
import type { DialogState } from './state.js';
import { deadlineText, T } from './texts.js';
import { DIALOG_MINUTES, type DialogContext, type DialogInput, type DialogOutcome, type DialogReply, type EffectResult } from './types.js';
import {
  appointmentLabel, callbackHandOver, handOver, localTime, newcomerHandOver, noCodeHandOver, numbered, refresh, reply, slotChoices, slotLabel, vital, who, withNotice, yesNoChoices,
} from './replies.js';
import { identityFrom, motifNames, practitionerFrom, prefsFrom } from './understand.js';

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

export type { DialogContext, DialogEnd, DialogInput, DialogOutcome, DialogReply, Effect, EffectResult, HandOver } from './types.js';
export { DIALOG_MINUTES, prefsFrom };

const MAX_TRIES = 3;
const MAX_CODE_TRIES = 5;

const DIALOG_INTENTS = { book: 'book', reschedule: 'move', cancel: 'cancel' } as const;
/** Intents that clearly change the subject when the answer does not fit the question. */
const OTHER_SUBJECTS = new Set(['prescription_renewal', 'test_results', 'document_request', 'billing', 'practical_info', 'professional']);

// ---------- the machine ----------

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
      const why = result.result === 'refused' ? (typeof result.message === 'string' ? result.message : result.message[lang]) : '';
      return handOver(s, lang, 'refused', `${why} ${T.refused[lang]}`.trim());
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
