import crypto from 'node:crypto';
import type { Db, Tx } from '../platform/db/database.js';
import { AppError } from '../platform/http/errors.js';
import type { AuditDraft } from '../platform/http/context.js';
import { appendAudit } from '../audit/service.js';
import { bookAppointment, type BookingContext } from './booking.js';
import { engineChannel, findFreeSlots, motifRule, type MotifRow } from './calendar.js';
import { sha256 } from './links.js';
import { renderCodeMessage } from './messages.js';
import { queueMessage, textsOn, type SendPayload } from '../messaging/index.js';
import { findOrCreatePatient, noShowCount } from './online-patients.js';
import type { NotificationSettings } from './notifications.js';
import { clock } from '../platform/clock.js';
import { practiceBySlug as findPracticeBySlug } from '../practices/index.js';

/**
 * The online booking page's database work (no account): the practice by its slug, the motifs and slots open online,
 * the one-time code (sent, then checked) and the booking itself. Everything that changes data is audited with
 * account = null and the caller's IP.
 */

export const CODE_MINUTES = 15;
const MAX_CODE_ATTEMPTS = 5;

/** The practice of a public page, or 404. */
export async function practiceBySlug(db: Db | Tx, slug: string) {
  const p = await findPracticeBySlug(db, slug);
  if (!p) throw new AppError('not_found');
  return p;
}

export async function onlineMotifs(db: Db | Tx, practiceId: string): Promise<MotifRow[]> {
  return (await db.selectFrom('appointment_types').selectAll().where('practice_id', '=', practiceId).where('active', '=', true).where('online_bookable', '=', true).orderBy('name').execute()) as MotifRow[];
}

/** The active practitioners offering at least one of these motifs. */
export async function onlinePractitioners(db: Db, practiceId: string, motifs: MotifRow[]) {
  const practitioners = await db.selectFrom('practitioners').select(['id', 'display_name', 'specialty', 'colour']).where('practice_id', '=', practiceId).where('active', '=', true).orderBy('display_name').execute();
  return practitioners.filter((d) => motifs.some((m) => m.practitioner_id === null || m.practitioner_id === d.id));
}

function maskDestination(channel: 'email' | 'sms', d: string): string {
  if (channel === 'email') {
    const [user, domain] = d.split('@');
    return `${user!.slice(0, 1)}…@${domain}`;
  }
  return `…${d.slice(-2)}`;
}

const hashCode = (verificationId: string, code: string) => sha256(`${verificationId}:${code}`);

/** Audit entries of a public request: no account, the caller's IP; in the caller's transaction or one of its own. */
export async function auditPublic(db: Db | Tx, practiceId: string, ip: string, events: AuditDraft[]): Promise<void> {
  const run = (tx: Tx) => appendAudit(tx, events.map((e) => ({ ...e, accountId: null, practiceId, ip })));
  if ('isTransaction' in db && db.isTransaction) await run(db as Tx);
  else await (db as Db).transaction().execute(run);
}

export interface OnlineIdentity {
  birthName: string;
  firstName: string;
  birthDate: string;
  sex: 'F' | 'M' | 'U';
  phone?: string | undefined;
  email?: string | undefined;
  channel?: 'sms' | 'email' | undefined;
  language: 'fr' | 'en';
}

/** Step 1: stores the identity and sends a one-time code to the destination (at most 5 per destination and 15 minutes). */
export async function sendBookingCode(
  db: Db,
  p: { id: string; name: string },
  body: OnlineIdentity,
  channel: 'sms' | 'email',
  destination: string,
  ip: string,
) {
  return db.transaction().execute(async (tx) => {
    // At most 5 codes per destination and 15 minutes (the route also limits each IP to 5 per minute).
    const recent = await tx.selectFrom('online_booking_verifications').select((eb) => eb.fn.countAll<string>().as('n')).where('practice_id', '=', p.id).where('destination', '=', destination).where('created_at', '>', new Date(clock.nowMs() - 15 * 60_000)).executeTakeFirstOrThrow();
    if (Number(recent.n) >= 5) throw new AppError('rate_limited');
    const id = crypto.randomUUID();
    const code = String(crypto.randomInt(0, 1_000_000)).padStart(6, '0');
    const expiresAt = new Date(clock.nowMs() + CODE_MINUTES * 60_000);
    await tx.insertInto('online_booking_verifications').values({ id, practice_id: p.id, code_hash: hashCode(id, code), identity: JSON.stringify({ ...body, channel }), channel, destination, expires_at: expiresAt, ip }).execute();
    const msg = renderCodeMessage(body.language, p.name, code, CODE_MINUTES);
    const payload: SendPayload = { practiceId: p.id, key: `msg:otp:${id}`, kind: 'otp', ...textsOn(channel, msg), to: destination };
    await queueMessage(tx, payload, { maxAttempts: 3 });
    await auditPublic(tx, p.id, ip, [{ action: 'online_booking.code_sent', resourceType: 'online_booking_verification', resourceId: id, details: { channel } }]);
    return { verificationId: id, channel, destination: maskDestination(channel, destination), expiresAt: expiresAt.toISOString() };
  });
}

/** Step 2, first half: checks the code; a wrong code commits its attempt counter on its own. */
export async function checkBookingCode(db: Db, practiceId: string, verificationId: string, code: string, ip: string) {
  return db.transaction().execute(async (tx) => {
    const row = await tx.selectFrom('online_booking_verifications').selectAll().where('id', '=', verificationId).where('practice_id', '=', practiceId).forUpdate().executeTakeFirst();
    if (!row || row.consumed_at || new Date(row.expires_at) <= clock.now() || row.attempts >= MAX_CODE_ATTEMPTS) return { ok: false as const, reason: 'expired' as const };
    const good = crypto.timingSafeEqual(row.code_hash, hashCode(row.id, code));
    if (!good) {
      await tx.updateTable('online_booking_verifications').set({ attempts: row.attempts + 1 }).where('id', '=', row.id).execute();
      await auditPublic(tx, practiceId, ip, [{ action: 'online_booking.code_refused', resourceType: 'online_booking_verification', resourceId: row.id }]);
      return { ok: false as const, reason: 'wrong' as const };
    }
    return { ok: true as const, row };
  });
}

/** Step 2, second half: consumes the code, finds or creates the patient's file and books, in one transaction. */
export async function confirmOnlineBooking(
  db: Db,
  practiceId: string,
  v: { id: string; identity: OnlineIdentity },
  booking: { practitionerId: string; motifId: string; start: Date; consentReminders: boolean },
  s: Pick<NotificationSettings, 'noShowBlockOnlineAfter'>,
  ip: string,
): Promise<{ id: string }> {
  return db.transaction().execute(async (tx) => {
    const used = await tx.updateTable('online_booking_verifications').set({ consumed_at: clock.now() }).where('id', '=', v.id).where('consumed_at', 'is', null).executeTakeFirst();
    if (Number(used.numUpdatedRows) !== 1) throw new AppError('conflict');
    const { patientId, created } = await findOrCreatePatient(tx, practiceId, v.identity, v.id, booking.consentReminders);
    if (!created && (await noShowCount(tx, practiceId, patientId)) >= s.noShowBlockOnlineAfter) {
      throw new AppError('forbidden', undefined, { fr: 'La réservation en ligne n’est pas possible pour ce dossier : merci d’appeler le cabinet.', en: 'Online booking is not available for this record: please call the practice.' });
    }
    const events: AuditDraft[] = [];
    const ctx: BookingContext = { practiceId, accountId: null, audit: (e) => events.push(e) };
    const appt = await bookAppointment(tx, ctx, { practitionerId: booking.practitionerId, patientId, motifId: booking.motifId, start: booking.start, channel: 'online' });
    events.push({ action: 'online_booking.confirmed', resourceType: 'appointment', resourceId: appt.id, details: { patientId, newPatient: created, verificationId: v.id } });
    if (created) events.push({ action: 'patient.created', resourceType: 'patient', resourceId: patientId, details: { origin: 'online_booking', identityStatus: 'provisoire' } });
    await auditPublic(tx, practiceId, ip, events);
    return { id: appt.id };
  });
}

/** Free slots open online for a motif (the online channel's rules and the practice's minimal notice). */
export async function onlineSlots(db: Db, practiceId: string, motifId: string, practitionerId: string | undefined, from: Date | undefined, limit: number, minNoticeMinutes: number, until?: Date) {
  const motif = (await onlineMotifs(db, practiceId)).find((m) => m.id === motifId);
  if (!motif) throw new AppError('not_found');
  const now = clock.now();
  const earliest = new Date(now.getTime() + minNoticeMinutes * 60_000);
  const start = from && from > earliest ? from : earliest;
  const horizon = new Date(start.getTime() + 28 * 86_400_000);
  const to = until && until < horizon ? until : horizon;
  if (to <= start) return [];
  const ids = practitionerId ? [practitionerId] : motif.practitioner_id ? [motif.practitioner_id] : undefined;
  if (practitionerId && motif.practitioner_id && motif.practitioner_id !== practitionerId) return [];
  const { slots } = await findFreeSlots(db as unknown as Tx, practiceId, {
    practitionerIds: ids, from: start, to, now, limit, channel: engineChannel('online'),
    motifFor: (_cal, pid) => (motif.practitioner_id === null || motif.practitioner_id === pid ? motifRule(motif) : motifRule(motif, { channels: [] })),
  });
  return slots.map((s) => ({ practitionerId: s.practitionerId, start: s.start.toISOString(), end: s.end.toISOString() }));
}
