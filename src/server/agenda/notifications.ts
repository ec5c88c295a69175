import type { Logger } from 'pino';
import type { Db, Tx } from '../platform/db/database.js';
import type { Keyring } from '../platform/security/keyring.js';
import { PermanentJobError, type Finish, type JobHandler } from '../jobs/index.js';
import { addressOn, allowedChannels, queueMessage, textsOn, toE164, type SendPayload } from '../messaging/index.js';
import { linkKey, signLink } from './links.js';
import { langOf, renderAppointmentMessage, type AppointmentEvent } from './messages.js';
import { offerExpireHandler, offerMessageHandler, slotFreedHandler } from './waiting-list.js';
import './notify-schema.js';
import { clock } from '../platform/clock.js';

/**
 * Appointment notifications. The trigger of 0023 enqueues `agenda.notify` jobs (confirmation, reminders at
 * the practice's offsets, change, cancellation) in the transaction of the change. The notify job re-reads the
 * appointment (a reminder for a moved or cancelled appointment is dropped), checks consent, renders the
 * message in the patient's language and, in the transaction that completes it, queues one message per channel
 * in the messaging outbox (`messaging.send` jobs: see docs/messaging.md for the exactly-once protocol).
 */
export interface NotificationSettings {
  reminderOffsetsMinutes: number[];
  manageDeadlineMinutes: number;
  onlineBookingEnabled: boolean;
  onlineMinNoticeMinutes: number;
  waitingListEnabled: boolean;
  offerExpiryMinutes: number;
  offerBatchSize: number;
  offerQuietHours: boolean;
  noShowWarnAfter: number;
  noShowBlockOnlineAfter: number;
}

export const DEFAULT_SETTINGS: NotificationSettings = {
  reminderOffsetsMinutes: [2880, 120],
  manageDeadlineMinutes: 1440,
  onlineBookingEnabled: true,
  onlineMinNoticeMinutes: 120,
  waitingListEnabled: true,
  offerExpiryMinutes: 30,
  offerBatchSize: 1,
  offerQuietHours: true,
  noShowWarnAfter: 2,
  noShowBlockOnlineAfter: 3,
};

export async function notificationSettings(db: Db | Tx, practiceId: string): Promise<NotificationSettings> {
  const r = await db.selectFrom('agenda_notification_settings').selectAll().where('practice_id', '=', practiceId).executeTakeFirst();
  if (!r) return { ...DEFAULT_SETTINGS };
  return {
    reminderOffsetsMinutes: r.reminder_offsets_minutes,
    manageDeadlineMinutes: r.manage_deadline_minutes,
    onlineBookingEnabled: r.online_booking_enabled,
    onlineMinNoticeMinutes: r.online_min_notice_minutes,
    waitingListEnabled: r.waiting_list_enabled,
    offerExpiryMinutes: r.offer_expiry_minutes,
    offerBatchSize: r.offer_batch_size,
    offerQuietHours: r.offer_quiet_hours,
    noShowWarnAfter: r.no_show_warn_after,
    noShowBlockOnlineAfter: r.no_show_block_online_after,
  };
}

// The consent rules and phone numbers moved to messaging's pure rules; re-exported for the agenda's callers.
export { allowedChannels, toE164 };

export interface NotifyDeps {
  db: Db;
  publicUrl: string;
  keyring?: Keyring | undefined;
  log?: Pick<Logger, 'error' | 'warn'> | undefined;
}

export const manageUrl = (publicUrl: string, token: string) => `${publicUrl.replace(/\/$/, '')}/rendez-vous/${token}`;
export const offerUrl = (publicUrl: string, token: string) => `${publicUrl.replace(/\/$/, '')}/liste-attente/${token}`;

/** Loads everything a message about an appointment needs (one row). */
export async function appointmentForMessage(db: Db | Tx, appointmentId: string) {
  return db
    .selectFrom('appointments as a')
    .innerJoin('patients as p', (j) => j.onRef('p.id', '=', 'a.patient_id').onRef('p.practice_id', '=', 'a.practice_id'))
    .innerJoin('practices as pr', 'pr.id', 'a.practice_id')
    .innerJoin('practitioners as d', (j) => j.onRef('d.id', '=', 'a.practitioner_id').onRef('d.practice_id', '=', 'a.practice_id'))
    .leftJoin('appointment_types as m', (j) => j.onRef('m.id', '=', 'a.appointment_type_id').onRef('m.practice_id', '=', 'a.practice_id'))
    .select([
      'a.id', 'a.practice_id', 'a.starts_at', 'a.ends_at', 'a.status', 'a.channel', 'a.teleconsultation', 'a.version', 'a.practitioner_id', 'a.appointment_type_id', 'a.patient_id',
      'a.manage_link_generation',
      'p.email', 'p.phone', 'p.email_consent', 'p.sms_consent', 'p.preferred_language',
      'pr.name as practice_name', 'pr.timezone', 'pr.slug',
      'd.display_name as practitioner_name',
      'm.name as motif_name', 'm.preparation_instructions', 'm.documents_to_bring',
    ])
    .where('a.id', '=', appointmentId)
    .executeTakeFirst();
}

/**
 * The signed manage link of an appointment as read (`starts_at` and `manage_link_generation` from one row, so the
 * link matches the time the message shows), or null when the practice's deadline has passed.
 */
export async function manageLinkFor(
  db: Db,
  deps: { publicUrl: string; keyring?: Keyring | undefined },
  appointment: { id: string; starts_at: Date | string; manage_link_generation: number },
  deadlineMinutes: number,
  now = clock.now(),
): Promise<{ url: string; token: string; deadline: Date } | null> {
  const deadline = new Date(new Date(appointment.starts_at).getTime() - deadlineMinutes * 60_000);
  if (deadline <= now) return null;
  const token = signLink(await linkKey(db, deps.keyring), 'm', appointment.id, deadline, appointment.manage_link_generation);
  return { url: manageUrl(deps.publicUrl, token), token, deadline };
}

const ACTIVE = new Set(['booked', 'confirmed']);

export function notifyHandler(deps: NotifyDeps): JobHandler {
  return async (job): Promise<Finish | void> => {
    const p = job.payload as { event?: AppointmentEvent; appointmentId?: string; startsAt?: string; fromStart?: string };
    if (!p.event || !p.appointmentId) throw new PermanentJobError('malformed notify payload');
    const a = await appointmentForMessage(deps.db, p.appointmentId);
    if (!a) return;
    const start = new Date(a.starts_at);
    const sameTime = p.startsAt ? new Date(p.startsAt).getTime() === start.getTime() : true;
    if (p.event === 'cancelled' ? !a.status.startsWith('cancelled') : !ACTIVE.has(a.status) || !sameTime) return; // outdated: drop
    if (p.event !== 'cancelled' && start <= clock.now()) return;
    const channels = allowedChannels({ event: p.event, bookedOnline: a.channel === 'online', email: a.email, phone: a.phone, emailConsent: a.email_consent, smsConsent: a.sms_consent });
    if (channels.length === 0) return;
    const settings = await notificationSettings(deps.db, a.practice_id);
    const link = p.event === 'cancelled' ? null : await manageLinkFor(deps.db, deps, a, settings.manageDeadlineMinutes);
    const msg = renderAppointmentMessage({
      lang: langOf(a.preferred_language),
      event: p.event,
      practiceName: a.practice_name,
      timeZone: a.timezone,
      start,
      fromStart: p.fromStart ? new Date(p.fromStart) : null,
      practitionerName: a.practitioner_name,
      motifName: a.motif_name,
      teleconsultation: a.teleconsultation,
      preparationInstructions: a.preparation_instructions,
      documentsToBring: a.documents_to_bring,
      manageUrl: link?.url,
      manageDeadline: link?.deadline,
    });
    const base = job.dedupe_key ?? job.id;
    return async (tx) => {
      for (const channel of channels) {
        const payload: SendPayload = {
          practiceId: a.practice_id,
          key: `msg:${base}:${channel}`,
          kind: p.event!,
          ...textsOn(channel, msg),
          to: addressOn(channel, a),
          appointmentId: a.id,
        };
        await queueMessage(tx, payload);
      }
    };
  };
}

/** Every job handler of the agenda (notifications, waiting list); messaging sends what they queue. */
export function agendaJobHandlers(deps: NotifyDeps): Record<string, JobHandler> {
  return {
    'agenda.notify': notifyHandler(deps),
    'agenda.slot_freed': slotFreedHandler(deps),
    'agenda.offer_expire': offerExpireHandler(deps),
    'agenda.offer_message': offerMessageHandler(deps),
  };
}
