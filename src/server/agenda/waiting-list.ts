import { DateTime } from 'luxon';
import { inSavepoint } from '../platform/db/savepoint.js';
import type { Db, Tx } from '../platform/db/database.js';
import { AppError } from '../platform/http/errors.js';
import type { AuditDraft } from '../platform/http/context.js';
import { appendAudit } from '../audit/service.js';
import { enqueue, PermanentJobError, type Finish, type JobHandler } from '../jobs/index.js';
import { bookAppointment, type BookingContext } from './booking.js';
import { moveAppointment } from './appointment-changes.js';
import { linkKey, signLink } from './links.js';
import { langOf, renderOfferMessage } from './messages.js';
import type { NotifyDeps } from './notifications.js';
import { addressOn, allowedChannels, queueMessage, textsOn, type SendPayload } from '../messaging/index.js';
import './notify-schema.js';
import { clock } from '../platform/clock.js';

/**
 * Waiting list. A patient waits for an earlier slot (practitioner, motif, weekdays, morning/afternoon, dates).
 * When a slot frees up (cancellation, move: `agenda.slot_freed` from the appointments trigger), the eligible
 * entries are asked in order of arrival (first come, first asked), `offer_batch_size` at a time; each offer
 * expires after `offer_expiry_minutes`, then the next wave is asked. The first to accept gets the slot,
 * through the booking path (exclusion constraints) and a unique index (one accepted offer per slot).
 */
export interface WaitingEntryLite {
  id: string;
  patientId: string;
  practitionerId: string | null;
  motifId: string | null;
  /** Duration of the entry's motif (must fit in the freed slot). */
  motifDurationMinutes: number | null;
  currentStart: Date | null;
  earliest: string | null;
  latest: string | null;
  weekdays: number[];
  timeOfDay: 'any' | 'morning' | 'afternoon';
  createdAt: Date;
}

export interface FreedSlot {
  practitionerId: string;
  motifId: string | null;
  start: Date;
  end: Date;
}

/** Offers are not sent at night (21:00–08:00, practice time): the next 08:00, or undefined when it is daytime. */
export function quietUntil(now: Date, zone: string): Date | undefined {
  const local = DateTime.fromJSDate(now, { zone });
  if (local.hour >= 8 && local.hour < 21) return undefined;
  return (local.hour >= 21 ? local.plus({ days: 1 }) : local).set({ hour: 8, minute: 0, second: 0, millisecond: 0 }).toJSDate();
}

/** Nobody is asked to come to a slot starting in less than this. */
export const OFFER_CUTOFF_MS = 30 * 60_000;

export const slotKeyOf = (s: { practitionerId: string; start: Date }) => `${s.practitionerId}@${s.start.toISOString()}`;

/** Entries that may take this slot, in the order they are asked (pure). */
export function eligibleInOrder(entries: readonly WaitingEntryLite[], slot: FreedSlot, zone: string, alreadyAsked: ReadonlySet<string> = new Set(), busyPatients: ReadonlySet<string> = new Set()): WaitingEntryLite[] {
  const local = DateTime.fromJSDate(slot.start, { zone });
  const day = local.toISODate()!;
  const minutes = (slot.end.getTime() - slot.start.getTime()) / 60_000;
  return entries
    .filter((e) => {
      if (alreadyAsked.has(e.id) || busyPatients.has(e.patientId)) return false;
      if (e.practitionerId && e.practitionerId !== slot.practitionerId) return false;
      if (e.motifId && e.motifId !== slot.motifId && (e.motifDurationMinutes === null || e.motifDurationMinutes > minutes)) return false;
      if (!e.weekdays.includes(local.weekday)) return false;
      if (e.timeOfDay === 'morning' && local.hour >= 12) return false;
      if (e.timeOfDay === 'afternoon' && local.hour < 12) return false;
      if (e.earliest && day < e.earliest) return false;
      if (e.latest && day > e.latest) return false;
      if (e.currentStart && e.currentStart.getTime() <= slot.start.getTime()) return false; // not earlier than what they have
      return true;
    })
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : 1));
}

async function slotStillFree(db: Db | Tx, practiceId: string, slot: FreedSlot): Promise<boolean> {
  const busy = await db
    .selectFrom('appointments')
    .select('id')
    .where('practice_id', '=', practiceId)
    .where('practitioner_id', '=', slot.practitionerId)
    .where('status', 'in', ['booked', 'confirmed', 'arrived', 'in_consultation', 'done'])
    .where('starts_at', '<', slot.end)
    .where('busy_until', '>', slot.start)
    .limit(1)
    .executeTakeFirst();
  return !busy;
}

async function loadEntries(db: Db | Tx, practiceId: string): Promise<WaitingEntryLite[]> {
  const rows = await db
    .selectFrom('waiting_list_entries as w')
    .leftJoin('appointment_types as m', (j) => j.onRef('m.id', '=', 'w.motif_id').onRef('m.practice_id', '=', 'w.practice_id'))
    .leftJoin('appointments as a', (j) => j.onRef('a.id', '=', 'w.current_appointment_id').onRef('a.practice_id', '=', 'w.practice_id'))
    .select(['w.id', 'w.patient_id', 'w.practitioner_id', 'w.motif_id', 'm.duration_minutes', 'a.starts_at as current_start', 'a.status as current_status', 'w.earliest', 'w.latest', 'w.weekdays', 'w.time_of_day', 'w.created_at'])
    .where('w.practice_id', '=', practiceId)
    .where('w.status', '=', 'active')
    .orderBy('w.created_at')
    .limit(2000)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    patientId: r.patient_id,
    practitionerId: r.practitioner_id,
    motifId: r.motif_id,
    motifDurationMinutes: r.duration_minutes,
    currentStart: r.current_start && (r.current_status === 'booked' || r.current_status === 'confirmed') ? new Date(r.current_start) : null,
    earliest: r.earliest,
    latest: r.latest,
    weekdays: r.weekdays,
    timeOfDay: r.time_of_day,
    createdAt: new Date(r.created_at),
  }));
}

interface SlotPayload {
  practiceId: string;
  practitionerId: string;
  motifId: string | null;
  start: string;
  end: string;
}

const slotFrom = (p: SlotPayload): FreedSlot => ({ practitionerId: p.practitionerId, motifId: p.motifId, start: new Date(p.start), end: new Date(p.end) });

/** Asks the next wave of eligible entries; returns the `finish` that records the offers and their messages. */
async function nextWave(deps: NotifyDeps, p: SlotPayload, now = clock.now()): Promise<Finish | void> {
  const { notificationSettings } = await import('./notifications.js');
  const settings = await notificationSettings(deps.db, p.practiceId);
  if (!settings.waitingListEnabled) return;
  const slot = slotFrom(p);
  if (slot.start.getTime() - now.getTime() < OFFER_CUTOFF_MS || !(await slotStillFree(deps.db, p.practiceId, slot))) return;
  const key = slotKeyOf(slot);
  const practice = await deps.db.selectFrom('practices').select('timezone').where('id', '=', p.practiceId).executeTakeFirstOrThrow();
  const asked = await deps.db.selectFrom('waiting_offers').select(['entry_id', 'wave', 'status']).where('practice_id', '=', p.practiceId).where('slot_key', '=', key).execute();
  if (asked.some((o) => o.status === 'accepted' || (o.status === 'pending'))) return;
  const busy = await deps.db
    .selectFrom('appointments')
    .select('patient_id')
    .where('practice_id', '=', p.practiceId)
    .where('status', 'in', ['booked', 'confirmed'])
    .where('starts_at', '<', slot.end)
    .where('busy_until', '>', slot.start)
    .execute();
  const order = eligibleInOrder(await loadEntries(deps.db, p.practiceId), slot, practice.timezone, new Set(asked.map((o) => o.entry_id)), new Set(busy.map((b) => b.patient_id)));
  const chosen = order.slice(0, settings.offerBatchSize);
  if (chosen.length === 0) return;
  const wake = settings.offerQuietHours ? quietUntil(now, practice.timezone) : undefined;
  if (wake) {
    // Night: ask again at 08:00 (an offer sent now would expire unanswered and burn the list).
    if (slot.start.getTime() - wake.getTime() < OFFER_CUTOFF_MS) return;
    return async (tx) => {
      await enqueue(tx, { kind: 'agenda.offer_expire', practiceId: p.practiceId, runAt: wake, dedupeKey: `offer-wake:${key}:${wake.toISOString()}`, payload: { ...p } });
    };
  }
  const wave = Math.max(0, ...asked.map((o) => o.wave)) + 1;
  const expiresAt = new Date(Math.min(now.getTime() + settings.offerExpiryMinutes * 60_000, slot.start.getTime()));
  return async (tx) => {
    for (const e of chosen) {
      const end = e.motifId && e.motifId !== slot.motifId && e.motifDurationMinutes ? new Date(slot.start.getTime() + e.motifDurationMinutes * 60_000) : slot.end;
      const offer = await tx
        .insertInto('waiting_offers')
        .values({ practice_id: p.practiceId, entry_id: e.id, practitioner_id: slot.practitionerId, motif_id: e.motifId ?? slot.motifId, starts_at: slot.start, ends_at: end, slot_key: key, wave, expires_at: expiresAt })
        .onConflict((oc) => oc.columns(['entry_id', 'slot_key']).doNothing())
        .returning('id')
        .executeTakeFirst();
      if (offer) await enqueue(tx, { kind: 'agenda.offer_message', practiceId: p.practiceId, dedupeKey: `offer-msg:${offer.id}`, payload: { offerId: offer.id } });
    }
    await enqueue(tx, { kind: 'agenda.offer_expire', practiceId: p.practiceId, runAt: expiresAt, dedupeKey: `offer-expire:${key}:${wave}`, payload: { ...p } });
  };
}

export function slotFreedHandler(deps: NotifyDeps): JobHandler {
  return async (job) => {
    const p = job.payload as Partial<SlotPayload>;
    if (!job.practice_id || !p.practitionerId || !p.start || !p.end) throw new PermanentJobError('malformed slot payload');
    return nextWave(deps, { practiceId: job.practice_id, practitionerId: p.practitionerId, motifId: p.motifId ?? null, start: p.start, end: p.end });
  };
}

export function offerExpireHandler(deps: NotifyDeps): JobHandler {
  return async (job) => {
    const p = job.payload as unknown as SlotPayload;
    if (!job.practice_id || !p.practitionerId || !p.start) throw new PermanentJobError('malformed offer payload');
    const key = slotKeyOf(slotFrom(p));
    await deps.db
      .updateTable('waiting_offers')
      .set({ status: 'expired' })
      .where('practice_id', '=', job.practice_id)
      .where('slot_key', '=', key)
      .where('status', '=', 'pending')
      .where('expires_at', '<=', clock.now())
      .execute();
    return nextWave(deps, { ...p, practiceId: job.practice_id });
  };
}

export function offerMessageHandler(deps: NotifyDeps): JobHandler {
  return async (job) => {
    const offerId = (job.payload as { offerId?: string }).offerId;
    if (!offerId) throw new PermanentJobError('malformed offer payload');
    const o = await deps.db
      .selectFrom('waiting_offers as o')
      .innerJoin('waiting_list_entries as w', 'w.id', 'o.entry_id')
      .innerJoin('patients as p', (j) => j.onRef('p.id', '=', 'w.patient_id').onRef('p.practice_id', '=', 'w.practice_id'))
      .innerJoin('practices as pr', 'pr.id', 'o.practice_id')
      .innerJoin('practitioners as d', (j) => j.onRef('d.id', '=', 'o.practitioner_id').onRef('d.practice_id', '=', 'o.practice_id'))
      .leftJoin('appointment_types as m', (j) => j.onRef('m.id', '=', 'o.motif_id').onRef('m.practice_id', '=', 'o.practice_id'))
      .select(['o.id', 'o.status', 'o.starts_at', 'o.expires_at', 'o.practice_id', 'p.email', 'p.phone', 'p.email_consent', 'p.sms_consent', 'p.preferred_language', 'pr.name as practice_name', 'pr.timezone', 'd.display_name', 'm.name as motif_name'])
      .where('o.id', '=', offerId)
      .executeTakeFirst();
    if (!o || o.status !== 'pending' || new Date(o.expires_at) <= clock.now()) return;
    const { offerUrl } = await import('./notifications.js');
    const channels = allowedChannels({ event: 'offer', bookedOnline: false, email: o.email, phone: o.phone, emailConsent: o.email_consent, smsConsent: o.sms_consent });
    if (!channels.length) return;
    const token = signLink(await linkKey(deps.db, deps.keyring), 'o', o.id, new Date(o.expires_at));
    const msg = renderOfferMessage({ lang: langOf(o.preferred_language), practiceName: o.practice_name, timeZone: o.timezone, start: new Date(o.starts_at), practitionerName: o.display_name, motifName: o.motif_name, acceptUrl: offerUrl(deps.publicUrl, token), expiresAt: new Date(o.expires_at) });
    return async (tx) => {
      for (const channel of channels) {
        const payload: SendPayload = { practiceId: o.practice_id, key: `msg:offer:${o.id}:${channel}`, kind: 'offer', ...textsOn(channel, msg), to: addressOn(channel, o) };
        await queueMessage(tx, payload);
      }
    };
  };
}

/** What the patient sees behind the offer link. */
export async function offerView(db: Db | Tx, offerId: string) {
  return db
    .selectFrom('waiting_offers as o')
    .innerJoin('practices as pr', 'pr.id', 'o.practice_id')
    .innerJoin('practitioners as d', (j) => j.onRef('d.id', '=', 'o.practitioner_id').onRef('d.practice_id', '=', 'o.practice_id'))
    .leftJoin('appointment_types as m', (j) => j.onRef('m.id', '=', 'o.motif_id').onRef('m.practice_id', '=', 'o.practice_id'))
    .select(['o.id', 'o.status', 'o.starts_at', 'o.ends_at', 'o.expires_at', 'o.entry_id', 'o.practice_id', 'o.practitioner_id', 'o.motif_id', 'o.slot_key', 'o.wave', 'pr.name as practice_name', 'pr.timezone', 'd.display_name as practitioner_name', 'm.name as motif_name'])
    .where('o.id', '=', offerId)
    .executeTakeFirst();
}

/**
 * Accepts an offer: books (or moves the patient's current appointment to) the freed slot through the booking
 * path, in one transaction. First to accept wins; the others get 409.
 */
export async function acceptOffer(db: Db, offerId: string, ip: string | null, now = clock.now()): Promise<{ appointmentId: string; start: Date; end: Date }> {
  return db.transaction().execute(async (tx) => {
    const offer = await tx.selectFrom('waiting_offers').selectAll().where('id', '=', offerId).forUpdate().executeTakeFirst();
    if (!offer) throw new AppError('not_found');
    if (offer.status !== 'pending' || new Date(offer.expires_at) <= now) {
      throw new AppError('conflict', undefined, { fr: 'Cette proposition n’est plus valable.', en: 'This offer is no longer valid.' });
    }
    const entry = await tx.selectFrom('waiting_list_entries').selectAll().where('id', '=', offer.entry_id).forUpdate().executeTakeFirstOrThrow();
    const audit: AuditDraft[] = [];
    const ctx: BookingContext = { practiceId: offer.practice_id, accountId: null, audit: (e) => audit.push(e), now };
    const start = new Date(offer.starts_at);
    const end = new Date(offer.ends_at);
    let appointmentId: string;
    try {
      appointmentId = await inSavepoint(tx, 'offer_accept', async () => {
        const current = entry.current_appointment_id
          ? await tx.selectFrom('appointments').select(['id', 'status']).where('id', '=', entry.current_appointment_id).executeTakeFirst()
          : undefined;
        if (current && (current.status === 'booked' || current.status === 'confirmed')) {
          return (await moveAppointment(tx, ctx, current.id, { start, end, practitionerId: offer.practitioner_id, channel: 'desk' })).id;
        }
        return (await bookAppointment(tx, ctx, { practitionerId: offer.practitioner_id, patientId: entry.patient_id, motifId: offer.motif_id, start, end, channel: 'desk' })).id;
      });
    } catch (err) {
      if (err instanceof AppError && (err.status === 409 || err.status === 422)) {
        await tx.updateTable('waiting_offers').set({ status: 'lost', responded_at: now }).where('id', '=', offerId).execute();
        await appendAudit(tx, [{ accountId: null, practiceId: offer.practice_id, action: 'waiting_list.offer_lost', resourceType: 'waiting_offer', resourceId: offerId, ip }]);
        throw new AppError('conflict', undefined, { fr: 'Désolé, ce créneau vient d’être pris par un autre patient.', en: 'Sorry, this slot has just been taken by another patient.' });
      }
      throw err;
    }
    await tx.updateTable('waiting_offers').set({ status: 'accepted', responded_at: now, appointment_id: appointmentId }).where('id', '=', offerId).execute();
    await tx.updateTable('waiting_offers').set({ status: 'lost', responded_at: now }).where('practice_id', '=', offer.practice_id).where('slot_key', '=', offer.slot_key).where('status', '=', 'pending').execute();
    await tx.updateTable('waiting_list_entries').set({ status: 'satisfied', updated_at: now }).where('id', '=', entry.id).execute();
    await appendAudit(tx, [
      ...audit.map((e) => ({ ...e, accountId: null, practiceId: offer.practice_id, ip })),
      { accountId: null, practiceId: offer.practice_id, action: 'waiting_list.offer_accepted', resourceType: 'waiting_offer', resourceId: offerId, ip, details: { appointmentId, entryId: entry.id } },
    ]);
    return { appointmentId, start, end };
  });
}

export async function declineOffer(db: Db, offerId: string, ip: string | null, now = clock.now()): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const offer = await tx.selectFrom('waiting_offers').selectAll().where('id', '=', offerId).forUpdate().executeTakeFirst();
    if (!offer) throw new AppError('not_found');
    if (offer.status !== 'pending') return;
    await tx.updateTable('waiting_offers').set({ status: 'declined', responded_at: now, expires_at: now }).where('id', '=', offerId).execute();
    await appendAudit(tx, [{ accountId: null, practiceId: offer.practice_id, action: 'waiting_list.offer_declined', resourceType: 'waiting_offer', resourceId: offerId, ip }]);
    // Ask the next one now if nobody else of this wave is still deciding.
    await enqueue(tx, {
      kind: 'agenda.offer_expire',
      practiceId: offer.practice_id,
      dedupeKey: `offer-declined:${offerId}`,
      payload: { practiceId: offer.practice_id, practitionerId: offer.practitioner_id, motifId: offer.motif_id, start: new Date(offer.starts_at).toISOString(), end: new Date(offer.ends_at).toISOString() },
    });
  });
}
