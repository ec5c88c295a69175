import type { Db, Tx } from '../platform/db/database.js';
import { AppError } from '../platform/http/errors.js';
import type { AuditDraft } from '../platform/http/context.js';
import type { Keyring } from '../platform/security/keyring.js';
import type { BookingContext } from './booking.js';
import { changeStatus, moveAppointment } from './appointment-changes.js';
import { linkKey, verifyLink } from './links.js';
import { appointmentForMessage, notificationSettings } from './notifications.js';
import { auditPublic } from './online-booking.service.js';
import { clock } from '../platform/clock.js';
import { AGENDA_MESSAGES as M } from './error-messages.js';
import type { PublicAppointmentView } from './contract.js';

/**
 * The signed link a patient gets to see, move or cancel an appointment (no account). A link is valid until the
 * appointment's deadline and only in its latest generation: a move issues a newer link and supersedes the old one.
 */


export async function viewOf(db: Db | Tx, id: string) {
  const a = await appointmentForMessage(db, id);
  if (!a) throw new AppError('not_found');
  return { row: a, dto: dtoOf(a) };
}

function dtoOf(a: NonNullable<Awaited<ReturnType<typeof appointmentForMessage>>>): PublicAppointmentView {
  return {
    id: a.id,
    start: new Date(a.starts_at).toISOString(),
    end: new Date(a.ends_at).toISOString(),
    status: a.status,
    practitionerName: a.practitioner_name,
    motifName: a.motif_name,
    teleconsultation: a.teleconsultation,
    preparationInstructions: a.preparation_instructions,
    documentsToBring: a.documents_to_bring,
  };
}

/** One answer for a link that is forged, expired, superseded or names nothing: none of them tells more. */
const invalidManageLink = () =>
  new AppError('not_found', undefined, { fr: 'Ce lien n’est pas valable ou a expiré. Contactez le cabinet.', en: 'This link is invalid or has expired. Please contact the practice.' });

/** The appointment a link names, whether it can still be changed, and by when. */
export async function manageTarget(db: Db, keyring: Keyring | undefined, token: string) {
  const check = verifyLink(await linkKey(db, keyring), 'm', token);
  if (!check.ok) throw invalidManageLink();
  const row = await appointmentForMessage(db, check.id);
  // A move since the link was issued superseded it (the move answered with, and messages carry, the newer one).
  if (!row || row.manage_link_generation !== check.generation) throw invalidManageLink();
  const dto = dtoOf(row);
  const settings = await notificationSettings(db, row.practice_id);
  const deadline = new Date(new Date(row.starts_at).getTime() - settings.manageDeadlineMinutes * 60_000);
  const canChange = (row.status === 'booked' || row.status === 'confirmed') && deadline > clock.now() && check.expiresAt > clock.now();
  return { row, dto, settings, deadline, canChange, generation: check.generation };
}

/**
 * Inside the transaction of a change: locks the appointment and re-checks the link's generation, so that two
 * requests with one link cannot both act (the second finds the link superseded by the first one's move).
 */
async function lockManagedAppointment(tx: Tx, appointmentId: string, generation: number): Promise<void> {
  const current = await tx.selectFrom('appointments').select('manage_link_generation').where('id', '=', appointmentId).forUpdate().executeTakeFirst();
  if (!current || current.manage_link_generation !== generation) throw invalidManageLink();
}

/** Cancels or moves the linked appointment in one transaction, audited with the caller's IP. */
export async function changeManagedAppointment(
  db: Db,
  t: { row: { id: string; practice_id: string }; generation: number; settings: { onlineMinNoticeMinutes: number } },
  body: { action: 'cancel'; reason?: string | undefined } | { action: 'move'; start: Date },
  ip: string,
): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await lockManagedAppointment(tx, t.row.id, t.generation);
    const events: AuditDraft[] = [];
    const ctx: BookingContext = { practiceId: t.row.practice_id, accountId: null, audit: (e) => events.push(e) };
    if (body.action === 'cancel') {
      await changeStatus(tx, ctx, t.row.id, 'cancelled_by_patient', { reason: body.reason || 'Annulé en ligne par le patient', channel: 'online' });
    } else {
      if (body.start.getTime() < clock.nowMs() + t.settings.onlineMinNoticeMinutes * 60_000) throw new AppError('unprocessable', [{ field: 'start', message: M.onlineTooLate, reason: 'too_late' }]);
      await moveAppointment(tx, ctx, t.row.id, { start: body.start, channel: 'online' });
    }
    events.push({ action: `online_booking.${body.action === 'cancel' ? 'cancelled' : 'moved'}`, resourceType: 'appointment', resourceId: t.row.id });
    await auditPublic(tx, t.row.practice_id, ip, events);
  });
}
