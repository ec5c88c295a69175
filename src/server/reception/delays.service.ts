import crypto from 'node:crypto';
import type { Tx } from '../platform/db/database.js';
import { AppError } from '../platform/http/errors.js';
import type { RequestContext } from '../platform/http/context.js';
import { practiceSettings } from '../agenda/index.js';
import { langOf } from '../agenda/index.js';
import { addressOn, allowedChannels, queueMessage, textsOn, type SendPayload } from '../messaging/index.js';
import { dayView } from './day.service.js';
import { dayBounds, serviceDateOf } from './days.js';
import { renderDelayMessage } from './messages.js';
import { requirePractitioner } from './visits.service.js';
import { clock } from '../platform/clock.js';
import { RECEPTION_MESSAGES as M } from './error-messages.js';

// ---------- delays ----------

export async function declareDelay(tx: Tx, ctx: RequestContext, practitionerId: string, minutes: number | null, now = clock.now()): Promise<void> {
  await requirePractitioner(tx, ctx.practiceId, practitionerId, 'path');
  const { timeZone } = await practiceSettings(tx, ctx.practiceId);
  const date = serviceDateOf(now, timeZone);
  if (minutes === null) {
    await tx.deleteFrom('reception_declared_delays').where('practice_id', '=', ctx.practiceId).where('practitioner_id', '=', practitionerId).where('service_date', '=', date).execute();
    return;
  }
  await tx
    .insertInto('reception_declared_delays')
    .values({ practice_id: ctx.practiceId, practitioner_id: practitionerId, service_date: date, minutes, declared_by: ctx.accountId, declared_at: now })
    .onConflict((oc) => oc.columns(['practice_id', 'practitioner_id', 'service_date']).doUpdateSet({ minutes, declared_by: ctx.accountId, declared_at: now }))
    .execute();
}

export interface DelayNoticeResult {
  noticeId: string;
  minutes: number;
  patients: { appointmentId: string; patientId: string; start: string; channels: ('sms' | 'email')[] }[];
  messages: number;
}

/**
 * Tells the next `count` patients of a practitioner (today, not arrived yet, appointment still to come) that
 * the practitioner runs `minutes` late: one `messaging.send` job per allowed channel (consent from the patient's
 * file, as the agenda's reminders), in the patient's language. Patients without consent are listed, not sent.
 */
export async function notifyDelay(tx: Tx, ctx: RequestContext, practitionerId: string, input: { count: number; minutes?: number | undefined }, now = clock.now()): Promise<DelayNoticeResult> {
  const pr = await requirePractitioner(tx, ctx.practiceId, practitionerId, 'path');
  const view = await dayView(tx, ctx.practiceId, now);
  const minutes = input.minutes ?? view.practitioners.find((p) => p.id === practitionerId)?.delay.minutes ?? 0;
  if (minutes < 1) {
    throw new AppError('unprocessable', [{ field: 'minutes', message: M.noDelay }], { fr: 'Aucun retard à annoncer : indiquez le retard en minutes.', en: 'No delay to announce: give the delay in minutes.' });
  }
  const practice = await tx.selectFrom('practices').select(['name', 'timezone']).where('id', '=', ctx.practiceId).executeTakeFirstOrThrow();
  const targets = await tx
    .selectFrom('appointments as a')
    .innerJoin('patients as p', (j) => j.onRef('p.id', '=', 'a.patient_id').onRef('p.practice_id', '=', 'a.practice_id'))
    .leftJoin('reception_visits as v', 'v.appointment_id', 'a.id')
    .select(['a.id', 'a.starts_at', 'a.channel', 'p.id as patient_id', 'p.email', 'p.phone', 'p.email_consent', 'p.sms_consent', 'p.preferred_language'])
    .where('a.practice_id', '=', ctx.practiceId)
    .where('a.practitioner_id', '=', practitionerId)
    .where('a.status', 'in', ['booked', 'confirmed'])
    .where('v.id', 'is', null)
    .where('a.starts_at', '>', now)
    .where('a.starts_at', '<', dayBounds(view.date, view.timeZone).to)
    .orderBy('a.starts_at')
    .limit(input.count)
    .execute();
  const noticeId = crypto.randomUUID();
  const patients: DelayNoticeResult['patients'] = [];
  let messages = 0;
  for (const t of targets) {
    const channels = allowedChannels({ event: 'reminder', bookedOnline: t.channel === 'online', email: t.email, phone: t.phone, emailConsent: t.email_consent, smsConsent: t.sms_consent });
    const msg = renderDelayMessage({ lang: langOf(t.preferred_language), practiceName: practice.name, timeZone: practice.timezone, start: new Date(t.starts_at), minutes, practitionerName: pr.display_name });
    for (const channel of channels) {
      const payload: SendPayload = {
        practiceId: ctx.practiceId,
        key: `msg:delay:${noticeId}:${t.id}:${channel}`,
        kind: 'delay',
        ...textsOn(channel, msg),
        to: addressOn(channel, t),
        appointmentId: t.id,
      };
      await queueMessage(tx, payload);
      messages++;
    }
    patients.push({ appointmentId: t.id, patientId: t.patient_id, start: new Date(t.starts_at).toISOString(), channels });
  }
  await tx
    .insertInto('reception_delay_notices')
    .values({ id: noticeId, practice_id: ctx.practiceId, practitioner_id: practitionerId, service_date: view.date, minutes, appointment_ids: targets.map((t) => t.id), messages, created_by: ctx.accountId })
    .execute();
  return { noticeId, minutes, patients, messages };
}
