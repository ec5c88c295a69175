import { nameWords, norm, parseIdentity } from './parse.js';
import { localDay, type Preferences } from './proposals.js';
import type { DialogState } from './state.js';
import type { DialogContext, DialogInput } from './types.js';

/** What the patient's message says for the dialog: wanted day and time, practitioner, identity, motifs on offer. */

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

export function practitionerFrom(text: string, triage: DialogInput['triage'], ctx: DialogContext): string | undefined {
  const named = [...triage.details.practitioners, text].map((n) => nameWords(n));
  const hits = ctx.offer.filter((p) => {
    const surname = nameWords(p.name).filter((w) => w !== 'dr' && w !== 'docteur');
    const last = surname[surname.length - 1];
    return last !== undefined && named.some((ws) => ws.includes(last) && (ws.includes('dr') || ws.includes('docteur') || ws.includes('doctor') || triage.details.practitioners.length > 0));
  });
  return hits.length === 1 ? hits[0]!.id : undefined;
}

export function identityFrom(input: DialogInput, today: string): { name: string; birthDate: string } | null {
  const p = input.triage.details.patient;
  if (p.name && p.birthDate && nameWords(p.name).length >= 2) return { name: p.name, birthDate: p.birthDate };
  return parseIdentity(input.text, today);
}

export function motifNames(s: DialogState, ctx: DialogContext): string[] {
  const from = s.practitionerId ? ctx.offer.filter((p) => p.id === s.practitionerId) : ctx.offer;
  return [...new Set(from.flatMap((p) => p.motifs))];
}
