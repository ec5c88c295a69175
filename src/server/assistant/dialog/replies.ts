import type { Lang } from '../../triage/index.js';
import { formatWhen } from '../../agenda/index.js';
import { emergencyBlock, hasSuicideReason } from '../reply.js';
import type { Slot } from './proposals.js';
import type { DialogState } from './state.js';
import { T } from './texts.js';
import { DIALOG_MINUTES, type DialogContext, type DialogInput, type DialogOutcome, type DialogReply, type HandOver } from './types.js';

/** How the booking dialog words its replies: labels of slots and appointments, numbered choices, hand-overs. */

export function reply(lang: Lang, parts: (string | undefined | false)[], extra: Partial<DialogReply> = {}): DialogReply {
  return { text: parts.filter(Boolean).join(' ').replace(/ \n/g, '\n'), lang, emergency: false, numbers: [], choices: [], asked: [], ...extra };
}

export function refresh(state: DialogState, ctx: DialogContext, patch: Partial<DialogState> = {}): DialogState {
  return { ...state, ...patch, expiresAt: new Date(ctx.now.getTime() + DIALOG_MINUTES * 60_000).toISOString() };
}

export function handOver(state: DialogState | null, lang: Lang, reason: HandOver, text: string, extra: Partial<DialogReply> = {}): DialogOutcome {
  void state;
  return { state: null, reply: reply(lang, [text], extra), end: { kind: 'handed_over', reason } };
}

export const who = (ctx: DialogContext, id: string) => ctx.offer.find((p) => p.id === id)?.name ?? '';

export function slotLabel(s: Slot, ctx: DialogContext, lang: Lang, names?: Map<string, string>): string {
  const name = names?.get(s.practitionerId) ?? who(ctx, s.practitionerId);
  return `${formatWhen(new Date(s.start), ctx.timeZone, lang)}${name ? ` — ${name}` : ''}`;
}

export function numbered(labels: string[]): string {
  return labels.map((l, i) => `\n${i + 1}) ${l}`).join('');
}

export const withNotice = (state: DialogState, lang: Lang) => (state.notice === 'taken' ? T.taken[lang] : undefined);

/** Vital at any step: the emergency instruction first, the dialog ends. */
export function vital(input: DialogInput): DialogOutcome {
  const lang = input.triage.lang;
  const suicidal = hasSuicideReason(input.triage.reasons);
  return {
    state: null,
    reply: { text: emergencyBlock(lang, suicidal).join(' '), lang, emergency: true, numbers: ['15', '112', '114', ...(suicidal ? ['3114'] : [])], choices: [], asked: [] },
    end: { kind: 'handed_over', reason: 'vital' },
  };
}

/** A first visit: online booking (which creates a provisional file) where the practice opens it, else a call-back. */
export function newcomerHandOver(s: DialogState | null, lang: Lang, ctx: DialogContext): DialogOutcome {
  const parts = ctx.newcomerBookingUrl
    ? [T.newcomer[lang], T.newcomerOnline[lang].replace('{url}', ctx.newcomerBookingUrl), T.newcomerCallback[lang]]
    : [T.newcomer[lang], T.newcomerCallbackOnly[lang]];
  return handOver(s, lang, 'new_patient', parts.join(' '), { asked: ['callback'] });
}

export function noCodeHandOver(s: DialogState, lang: Lang): DialogOutcome {
  return handOver(s, lang, 'no_code', `${T.noCode[lang]} ${T.callbackNumber[lang]}`, { asked: ['callback'] });
}

export function callbackHandOver(s: DialogState, lang: Lang): DialogOutcome {
  return handOver(s, lang, 'callback', `${T.callback[lang]} ${T.callbackNumber[lang]}`, { asked: ['callback'], numbers: ['15'] });
}


export const localTime = (iso: string, zone: string) => new Intl.DateTimeFormat('fr-FR', { timeZone: zone, hour: '2-digit', minute: '2-digit', hour12: false }).format(new Date(iso)).replace(/\s/g, '');

export const yesNoChoices = (lang: Lang) => (lang === 'fr' ? ['Oui', 'Non'] : ['Yes', 'No']);

export function slotChoices(s: DialogState, ctx: DialogContext, lang: Lang): string[] {
  return [...s.proposals.map((p) => slotLabel(p, ctx, lang)), s.urgency === 'same_day' ? T.callbackChoice[lang] : T.other[lang]];
}

export function appointmentLabel(a: DialogState['appointments'][number], ctx: DialogContext, lang: Lang): string {
  return `${formatWhen(new Date(a.start), ctx.timeZone, lang)} — ${a.practitionerName}${a.motifName ? ` (${a.motifName})` : ''}`;
}
