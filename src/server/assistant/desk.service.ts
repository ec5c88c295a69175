import type { Tx } from '../platform/db/database.js';
import { searchSlots } from './dialog/runner.js';
import { localDay } from './dialog/proposals.js';
import { requestDetail } from './inbox.js';
import { clock } from '../platform/clock.js';

/** What the desk needs around the inbox: booking from a request, the practice's public links, the assignees. */

export interface BookingOptionsQuery {
  practitionerId?: string | undefined;
  motifId?: string | undefined;
  date?: string | undefined;
  partOfDay?: 'morning' | 'afternoon' | undefined;
  after?: string | undefined;
  /** Default: today only for a same-day request. */
  today?: boolean | undefined;
}

/** Booking from a request: the patient, the preferences read in the message, practitioners, motifs and free slots. */
export async function bookingOptions(tx: Tx, practiceId: string, requestId: string, query: BookingOptionsQuery) {
  const detail = await requestDetail(tx, practiceId, requestId);
  const r = detail.request;
  const dates = ((r.details.dates ?? []) as { text?: string; date?: string; time?: string; partOfDay?: string }[]).filter((d) => d.date || d.time || d.partOfDay);
  const now = clock.now();
  const practitioners = await tx.selectFrom('practitioners').select(['id', 'display_name']).where('practice_id', '=', practiceId).where('active', '=', true).orderBy('display_name').execute();
  const motifs = await tx.selectFrom('appointment_types').select(['id', 'name', 'practitioner_id', 'duration_minutes']).where('practice_id', '=', practiceId).where('active', '=', true).orderBy('name').execute();
  const zone = (await tx.selectFrom('practices').select('timezone').where('id', '=', practiceId).executeTakeFirstOrThrow()).timezone;
  const today = localDay(now, zone);
  const wanted = dates.find((d) => !d.date || d.date >= today);
  const ids = query.practitionerId ? practitioners.filter((p) => p.id === query.practitionerId).map((p) => p.id) : practitioners.map((p) => p.id);
  const sameDay = query.today ?? r.urgency !== 'routine';
  const prefs = query.date || query.partOfDay || query.after
    ? { date: query.date, partOfDay: query.partOfDay, after: query.after ? new Date(query.after).toISOString() : undefined }
    : { date: wanted?.date, time: wanted?.time, partOfDay: wanted?.partOfDay as 'morning' | undefined };
  const found = await searchSlots(tx, practiceId, { practitionerIds: ids, motifId: query.motifId ?? null, prefs, urgency: sameDay ? 'same_day' : 'routine', now, channel: 'desk', n: 6 });
  const names = new Map(practitioners.map((p) => [p.id, p.display_name]));
  return {
    patient: r.patient,
    urgency: r.urgency,
    preferences: { date: wanted?.date ?? null, time: wanted?.time ?? null, partOfDay: wanted?.partOfDay ?? null, text: wanted?.text ?? null },
    practitioners: practitioners.map((p) => ({ id: p.id, name: p.display_name })),
    motifs: motifs.map((m) => ({ id: m.id, name: m.name, practitionerId: m.practitioner_id, durationMinutes: m.duration_minutes })),
    slots: found.slots.map((s) => ({ ...s, practitionerName: names.get(s.practitionerId) ?? '' })),
    timeZone: zone,
  };
}

/** The practice's public addresses (chat, online booking) and the widget snippet, for a site served at `origin`. */
export async function practiceLinks(tx: Tx, practiceId: string, origin: string) {
  const p = await tx.selectFrom('practices').select(['name', 'slug']).where('id', '=', practiceId).executeTakeFirstOrThrow();
  return {
    name: p.name,
    slug: p.slug,
    chatPath: `/#/chat/${p.slug}`,
    bookingPath: `/#/rdv/${p.slug}`,
    widgetSnippet: `<script src="${origin}/assistant-widget.js" data-practice="${p.slug}" async></script>`,
  };
}

