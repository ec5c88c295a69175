import crypto from 'node:crypto';
import { inSavepoint } from '../../platform/db/savepoint.js';
import { DateTime } from 'luxon';
import type { Tx } from '../../platform/db/database.js';
import type { AuditDraft } from '../../platform/http/context.js';
import { AppError } from '../../platform/http/errors.js';
import { appendAudit } from '../../audit/service.js';
import { bookAppointment, changeStatus, moveAppointment, type BookingContext } from '../../agenda/index.js';
import { engineChannel, findFreeSlots, motifRule, type MotifRow } from '../../agenda/index.js';
import { notificationSettings } from '../../agenda/index.js';
import { queueMessage, toE164, type SendPayload } from '../../messaging/index.js';
import type { Lang } from '../../triage/index.js';
import { dialogResolve, dialogStep, type DialogContext, type DialogInput, type DialogOutcome, type Effect, type EffectResult } from './machine.js';
import { identityFits } from './parse.js';
import { localDay, pickProposals, type Slot } from './proposals.js';
import type { DialogState } from './state.js';
import { ASSISTANT_MESSAGES as M } from '../error-messages.js';

/**
 * Performs the booking dialog's effects in the caller's transaction, on top of the agenda's and patients'
 * functions: the one-time code goes through the messaging outbox (`messaging.send` job, like online booking) to the
 * phone or e-mail ON FILE; slots come from the agenda's slot engine (channel `assistant`); bookings, moves and
 * cancellations go through `bookAppointment` / `moveAppointment` / `changeStatus` (channel `assistant`), the same
 * database-guarded path as the desk. Every step touching patient data is audited (account = none).
 */

export const CODE_MINUTES = 15;
const MAX_CODE_ATTEMPTS = 5;
/** Codes per conversation per hour and per patient per hour (the chat route also limits each IP). */
const MAX_CODES_PER_CONVERSATION = 3;
const MAX_CODES_PER_PATIENT = 5;
/** A verification lets the conversation act for the patient for this long. */
const VERIFIED_FOR_MS = 2 * 3600_000;
const SAME_DAY_NOTICE_MINUTES = 30;
const SEARCH_DAYS = 28;

export interface DialogRun {
  tx: Tx;
  practiceId: string;
  practiceName: string;
  conversationId: string;
  now: Date;
  ip?: string | null | undefined;
  /** Base of the links the dialog gives (the online booking page); a relative link without it (web chat). */
  publicUrl?: string | undefined;
  /**
   * Set when this turn looked a person up by name and birth date. A person on file costs more work (a code, a message
   * queued, two more audit entries) than an invented one: the web chat holds such answers to one floor so that the
   * time does not tell which (routes/chat.ts).
   */
  identityLookedUp?: boolean;
}
const hashCode = (id: string, code: string) => crypto.createHash('sha256').update(`${id}:${code}`).digest();

async function audit(run: DialogRun, events: AuditDraft[]): Promise<void> {
  await appendAudit(
    run.tx,
    events.map((e) => ({ ...e, accountId: null, practiceId: run.practiceId, ip: run.ip ?? null })),
  );
}

async function onlineMotifs(tx: Tx, practiceId: string): Promise<MotifRow[]> {
  return (await tx.selectFrom('appointment_types').selectAll().where('practice_id', '=', practiceId).where('active', '=', true).where('online_bookable', '=', true).orderBy('created_at').orderBy('name').execute()) as MotifRow[];
}

/** What the dialog needs to know about the practice (cheap: settings, practitioners, motif names). */
export async function loadDialogContext(tx: Tx, practiceId: string, now: Date, publicUrl = ''): Promise<DialogContext> {
  const [practice, settings, motifs, practitioners] = await Promise.all([
    tx.selectFrom('practices').select(['timezone', 'slug']).where('id', '=', practiceId).executeTakeFirstOrThrow(),
    notificationSettings(tx, practiceId),
    onlineMotifs(tx, practiceId),
    tx.selectFrom('practitioners').select(['id', 'display_name']).where('practice_id', '=', practiceId).where('active', '=', true).orderBy('display_name').orderBy('id').execute(),
  ]);
  const offer = practitioners
    .map((p) => ({ id: p.id, name: p.display_name, motifs: [...new Set(motifs.filter((m) => m.practitioner_id === null || m.practitioner_id === p.id).map((m) => m.name))] }))
    .filter((p) => p.motifs.length > 0);
  const openToNewcomers = settings.onlineBookingEnabled && motifs.some((m) => m.new_patients_allowed);
  const newcomerBookingUrl = openToNewcomers ? `${publicUrl.replace(/\/$/, '')}/rdv/${encodeURIComponent(practice.slug)}` : null;
  return { now, timeZone: practice.timezone, offer, bookingOpen: settings.onlineBookingEnabled, manageDeadlineMinutes: settings.manageDeadlineMinutes, newcomerBookingUrl };
}

/** The phone (mobile, E.164) or e-mail ON FILE where the code goes; never an address given in the conversation. */
function destinationOf(p: { phone: string | null; phones: unknown; email: string | null }): { channel: 'sms' | 'email'; to: string } | null {
  const phones = Array.isArray(p.phones) ? (p.phones as { number?: string; kind?: string }[]) : [];
  const mobiles = [...phones.filter((x) => x.kind === 'mobile').map((x) => x.number), p.phone].filter((n): n is string => typeof n === 'string');
  for (const n of mobiles) {
    const e164 = toE164(n);
    if (e164 && /^\+33[67]\d{8}$/.test(e164)) return { channel: 'sms', to: e164 };
  }
  if (p.email) return { channel: 'email', to: p.email.trim().toLowerCase() };
  return null;
}

function codeMessage(lang: Lang, practiceName: string, code: string): { subject: string; text: string } {
  return lang === 'fr'
    ? {
        subject: `Code de vérification — ${practiceName}`,
        text: `Votre code de vérification pour l’assistant du cabinet ${practiceName} : ${code}. Il est valable ${CODE_MINUTES} minutes. Ne le communiquez à personne. Si vous n’avez rien demandé, ignorez ce message.`,
      }
    : {
        subject: `Verification code — ${practiceName}`,
        text: `Your verification code for the assistant of ${practiceName}: ${code}. It is valid for ${CODE_MINUTES} minutes. Do not share it with anyone. If you did not ask for it, ignore this message.`,
      };
}

/** The verified patient of this conversation (a code consumed here recently), or null. */
async function verifiedPatient(run: DialogRun, patientId: string): Promise<boolean> {
  const row = await run.tx
    .selectFrom('assistant_verifications')
    .select('id')
    .where('practice_id', '=', run.practiceId)
    .where('conversation_id', '=', run.conversationId)
    .where('patient_id', '=', patientId)
    .where('consumed_at', '>', new Date(run.now.getTime() - VERIFIED_FOR_MS))
    .limit(1)
    .executeTakeFirst();
  return Boolean(row);
}

async function identify(run: DialogRun, e: Extract<Effect, { type: 'identify' }>): Promise<EffectResult> {
  const { tx, practiceId } = run;
  run.identityLookedUp = true;
  // The limit counts attempts, a record found or not: counting only the codes sent made it answer « trop de codes »
  // to a person on file and never to an invented one.
  const recent = await tx
    .selectFrom('assistant_identify_attempts')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('practice_id', '=', practiceId)
    .where('conversation_id', '=', run.conversationId)
    .where('created_at', '>', new Date(run.now.getTime() - 3600_000))
    .executeTakeFirstOrThrow();
  if (Number(recent.n) >= MAX_CODES_PER_CONVERSATION) return { type: 'identify', verificationId: null, rateLimited: true };
  await tx.insertInto('assistant_identify_attempts').values({ practice_id: practiceId, conversation_id: run.conversationId, created_at: run.now }).execute();

  const rows = await tx
    .selectFrom('patients')
    .select(['id', 'birth_name', 'used_name', 'first_name', 'given_names', 'used_first_name', 'phone', 'phones', 'email'])
    .where('practice_id', '=', practiceId)
    .where('merged_into_id', 'is', null)
    .where('birth_date', '=', e.birthDate)
    .limit(200)
    .execute();
  const fits = rows.filter((r) => identityFits(e.name, { birthName: r.birth_name, usedName: r.used_name, firstName: r.first_name, givenNames: r.given_names, usedFirstName: r.used_first_name }));
  const patient = fits.length === 1 ? fits[0]! : null;
  const destination = patient ? destinationOf(patient) : null;
  if (!patient || !destination) {
    // Same answer to the caller whatever the reason: the reply must not tell whether a file exists.
    await audit(run, [{ action: 'assistant.identity_not_verified', resourceType: 'conversation', resourceId: run.conversationId, details: { reason: !patient ? (fits.length > 1 ? 'ambiguous' : 'not_found') : 'no_contact' } }]);
    return { type: 'identify', verificationId: null };
  }
  const perPatient = await tx
    .selectFrom('assistant_verifications')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('practice_id', '=', practiceId)
    .where('patient_id', '=', patient.id)
    .where('created_at', '>', new Date(run.now.getTime() - 3600_000))
    .executeTakeFirstOrThrow();
  if (Number(perPatient.n) >= MAX_CODES_PER_PATIENT) {
    // Across conversations: answered like an unknown person (no code, the same words), or the limit would tell
    // that this name and birth date are on file.
    await audit(run, [{ action: 'assistant.identity_not_verified', resourceType: 'conversation', resourceId: run.conversationId, details: { reason: 'patient_code_limit' } }]);
    return { type: 'identify', verificationId: null };
  }

  const id = crypto.randomUUID();
  const code = String(crypto.randomInt(0, 1_000_000)).padStart(6, '0');
  await tx
    .insertInto('assistant_verifications')
    .values({
      id,
      practice_id: practiceId,
      conversation_id: run.conversationId,
      patient_id: patient.id,
      code_hash: hashCode(id, code),
      channel: destination.channel,
      expires_at: new Date(run.now.getTime() + CODE_MINUTES * 60_000),
      created_at: run.now,
    })
    .execute();
  const msg = codeMessage(e.lang, run.practiceName, code);
  const payload: SendPayload = { practiceId, key: `msg:otp:${id}`, kind: 'otp', channel: destination.channel, to: destination.to, subject: destination.channel === 'email' ? msg.subject : null, text: msg.text };
  await queueMessage(tx, payload, { maxAttempts: 3 });
  await audit(run, [{ action: 'assistant.code_sent', resourceType: 'patient', resourceId: patient.id, details: { channel: destination.channel, conversationId: run.conversationId, verificationId: id } }]);
  return { type: 'identify', verificationId: id };
}

async function checkCode(run: DialogRun, e: Extract<Effect, { type: 'check_code' }>): Promise<EffectResult> {
  if (!e.verificationId) return { type: 'check_code', result: 'wrong' };
  const row = await run.tx
    .selectFrom('assistant_verifications')
    .selectAll()
    .where('practice_id', '=', run.practiceId)
    .where('conversation_id', '=', run.conversationId)
    .where('id', '=', e.verificationId)
    .forUpdate()
    .executeTakeFirst();
  if (!row || row.consumed_at || new Date(row.expires_at).getTime() <= run.now.getTime() || row.attempts >= MAX_CODE_ATTEMPTS) return { type: 'check_code', result: 'expired' };
  const good = crypto.timingSafeEqual(row.code_hash, hashCode(row.id, e.code));
  if (!good) {
    await run.tx.updateTable('assistant_verifications').set({ attempts: row.attempts + 1 }).where('practice_id', '=', run.practiceId).where('id', '=', row.id).execute();
    await audit(run, [{ action: 'assistant.code_refused', resourceType: 'patient', resourceId: row.patient_id, details: { conversationId: run.conversationId, attempts: row.attempts + 1 } }]);
    return { type: 'check_code', result: 'wrong' };
  }
  await run.tx.updateTable('assistant_verifications').set({ consumed_at: run.now }).where('practice_id', '=', run.practiceId).where('id', '=', row.id).execute();
  await audit(run, [{ action: 'assistant.identity_verified', resourceType: 'patient', resourceId: row.patient_id, details: { conversationId: run.conversationId, channel: row.channel } }]);
  return { type: 'check_code', result: 'ok', patientId: row.patient_id };
}

/** Free slots for the dialog: the slot engine (channel `assistant`), then the 3 best for the preferences. */
export async function searchSlots(
  tx: Tx,
  practiceId: string,
  q: { practitionerIds: string[]; motifName?: string | undefined; motifId?: string | null | undefined; prefs: { date?: string | undefined; time?: string | undefined; partOfDay?: 'morning' | 'noon' | 'afternoon' | 'evening' | 'night' | undefined; after?: string | undefined }; urgency: 'routine' | 'same_day'; now: Date; channel?: 'assistant' | 'desk'; n?: number },
): Promise<{ slots: Slot[]; urgentHeldToday: number; zone: string }> {
  const channel = q.channel ?? 'assistant';
  const [practice, settings] = await Promise.all([tx.selectFrom('practices').select('timezone').where('id', '=', practiceId).executeTakeFirstOrThrow(), notificationSettings(tx, practiceId)]);
  const zone = practice.timezone;
  let motifs: MotifRow[];
  if (q.motifId) motifs = (await tx.selectFrom('appointment_types').selectAll().where('practice_id', '=', practiceId).where('id', '=', q.motifId).where('active', '=', true).execute()) as MotifRow[];
  else if (channel === 'desk') motifs = (await tx.selectFrom('appointment_types').selectAll().where('practice_id', '=', practiceId).where('active', '=', true).execute()) as MotifRow[];
  else motifs = await onlineMotifs(tx, practiceId);
  const motifFor = (pid: string): MotifRow | undefined => {
    if (q.motifId) return motifs.find((m) => m.practitioner_id === null || m.practitioner_id === pid);
    if (!q.motifName) return undefined;
    return motifs.find((m) => m.name === q.motifName && m.practitioner_id === pid) ?? motifs.find((m) => m.name === q.motifName && m.practitioner_id === null);
  };
  const notice = channel === 'desk' ? 0 : q.urgency === 'same_day' ? Math.min(SAME_DAY_NOTICE_MINUTES, settings.onlineMinNoticeMinutes) : settings.onlineMinNoticeMinutes;
  let from = new Date(q.now.getTime() + notice * 60_000);
  if (q.prefs.date) {
    const d = DateTime.fromISO(q.prefs.date, { zone }).startOf('day').toJSDate();
    if (d > from) from = d;
  }
  if (q.prefs.after && new Date(q.prefs.after) >= from) from = new Date(new Date(q.prefs.after).getTime() + 60_000);
  const endOfToday = DateTime.fromJSDate(q.now, { zone }).endOf('day').toJSDate();
  const to = q.urgency === 'same_day' ? endOfToday : new Date(from.getTime() + SEARCH_DAYS * 86_400_000);
  if (from >= to || q.practitionerIds.length === 0 || ((q.motifId || q.motifName) && motifs.length === 0)) return { slots: [], urgentHeldToday: 0, zone };
  const query = (ch: 'assistant' | 'desk', limit: number) =>
    findFreeSlots(tx, practiceId, {
      practitionerIds: q.practitionerIds,
      from,
      to,
      now: q.now,
      limit,
      channel: engineChannel(ch),
      motifFor: (_cal, pid) => {
        const m = motifFor(pid);
        if (m) return motifRule(m);
        // The desk may look for a plain slot (default length) without naming a motif.
        return ch === 'desk' && !q.motifId && !q.motifName ? motifRule(undefined) : motifRule(undefined, { channels: [] });
      },
    });
  const { slots } = await query(channel, 60);
  const free = slots.map((s) => ({ practitionerId: s.practitionerId, start: s.start.toISOString(), end: s.end.toISOString() }));
  let urgentHeldToday = 0;
  if (q.urgency === 'same_day' && channel === 'assistant') {
    // Slots kept for same-day needs that only the desk may give now: the call-back can offer them.
    urgentHeldToday = (await query('desk', 60)).slots.filter((s) => s.urgent && !free.some((f) => f.start === s.start.toISOString() && f.practitionerId === s.practitionerId)).length;
  }
  return { slots: pickProposals(free, q.prefs, { zone, now: q.now, urgency: q.urgency, n: q.n ?? 3 }), urgentHeldToday, zone };
}

function refusal(err: unknown): string | null {
  if (!(err instanceof AppError)) return null;
  const d = Array.isArray(err.details) ? (err.details[0] as { message?: string | { fr: string } } | undefined) : undefined;
  return err.overrideMessage?.fr ?? (typeof d?.message === 'object' ? d.message.fr : d?.message) ?? 'Action impossible.'; // French, as before
}

const withSavepoint = <T>(tx: Tx, fn: () => Promise<T>): Promise<T> => inSavepoint(tx, 'assistant_dialog', fn);

async function bookingGuards(run: DialogRun, patientId: string, start: string | null, urgency: 'routine' | 'same_day'): Promise<string | null> {
  if (!(await verifiedPatient(run, patientId))) return 'Identité non vérifiée.';
  if (start && urgency === 'same_day') {
    const zone = (await run.tx.selectFrom('practices').select('timezone').where('id', '=', run.practiceId).executeTakeFirstOrThrow()).timezone;
    if (localDay(start, zone) !== localDay(run.now, zone)) return 'Un besoin du jour ne se réserve pas un autre jour.';
  }
  return null;
}

async function appointmentOf(run: DialogRun, patientId: string, appointmentId: string) {
  return run.tx
    .selectFrom('appointments')
    .select(['id', 'starts_at', 'status'])
    .where('practice_id', '=', run.practiceId)
    .where('patient_id', '=', patientId)
    .where('id', '=', appointmentId)
    .executeTakeFirst();
}

export async function runEffect(run: DialogRun, ctx: DialogContext, e: Effect): Promise<EffectResult> {
  const { tx, practiceId } = run;
  const events: AuditDraft[] = [];
  const bctx: BookingContext = { practiceId, accountId: null, audit: (ev) => events.push(ev), now: run.now };
  switch (e.type) {
    case 'identify':
      return identify(run, e);
    case 'check_code':
      return checkCode(run, e);
    case 'propose': {
      const r = await searchSlots(tx, practiceId, { ...e, now: run.now });
      return { type: 'propose', slots: r.slots, urgentHeldToday: r.urgentHeldToday };
    }
    case 'book': {
      const guard = await bookingGuards(run, e.patientId, e.start, e.urgency);
      if (guard) return { type: 'book', result: 'refused', message: guard };
      const settings = await notificationSettings(tx, practiceId);
      const noShows = await tx.selectFrom('appointments').select((eb) => eb.fn.countAll<string>().as('n')).where('practice_id', '=', practiceId).where('patient_id', '=', e.patientId).where('status', '=', 'no_show').executeTakeFirstOrThrow();
      if (Number(noShows.n) >= settings.noShowBlockOnlineAfter) {
        return { type: 'book', result: 'refused', message: M.assistantBookingBlocked };
      }
      const motif = (await onlineMotifs(tx, practiceId)).find((m) => m.name === e.motifName && (m.practitioner_id === e.practitionerId || m.practitioner_id === null));
      if (!motif) return { type: 'book', result: 'refused', message: M.motifNotForAssistant };
      try {
        const appt = await withSavepoint(tx, () => bookAppointment(tx, bctx, { practitionerId: e.practitionerId, patientId: e.patientId, motifId: motif.id, start: new Date(e.start), channel: 'assistant' }));
        events.push({ action: 'assistant.booked', resourceType: 'appointment', resourceId: appt.id, details: { patientId: e.patientId, conversationId: run.conversationId, urgency: e.urgency } });
        await audit(run, events);
        return { type: 'book', result: 'ok', appointmentId: appt.id };
      } catch (err) {
        if (err instanceof AppError && err.code === 'conflict') return { type: 'book', result: 'taken' };
        const m = refusal(err);
        if (m === null) throw err;
        return { type: 'book', result: 'refused', message: m };
      }
    }
    case 'list_appointments': {
      if (!(await verifiedPatient(run, e.patientId))) return { type: 'list_appointments', appointments: [] };
      const rows = await tx
        .selectFrom('appointments as a')
        .innerJoin('practitioners as d', (j) => j.onRef('d.id', '=', 'a.practitioner_id').onRef('d.practice_id', '=', 'a.practice_id'))
        .leftJoin('appointment_types as m', (j) => j.onRef('m.id', '=', 'a.appointment_type_id').onRef('m.practice_id', '=', 'a.practice_id'))
        .select(['a.id', 'a.starts_at', 'a.practitioner_id', 'd.display_name', 'a.appointment_type_id', 'm.name as motif_name'])
        .where('a.practice_id', '=', practiceId)
        .where('a.patient_id', '=', e.patientId)
        .where('a.status', 'in', ['booked', 'confirmed'])
        .where('a.starts_at', '>', run.now)
        .orderBy('a.starts_at')
        .limit(5)
        .execute();
      await audit(run, [{ action: 'assistant.appointments_listed', resourceType: 'patient', resourceId: e.patientId, details: { conversationId: run.conversationId, results: rows.length } }]);
      const deadline = ctx.manageDeadlineMinutes * 60_000;
      return {
        type: 'list_appointments',
        appointments: rows.map((r) => ({
          id: r.id,
          start: new Date(r.starts_at).toISOString(),
          practitionerId: r.practitioner_id,
          practitionerName: r.display_name,
          motifId: r.appointment_type_id,
          motifName: r.motif_name,
          changeable: new Date(r.starts_at).getTime() - deadline > run.now.getTime(),
        })),
      };
    }
    case 'cancel':
    case 'move': {
      const guard = await bookingGuards(run, e.patientId, e.type === 'move' ? e.start : null, e.type === 'move' ? e.urgency : 'routine');
      if (guard) return { type: e.type, result: 'refused', message: guard };
      const appt = await appointmentOf(run, e.patientId, e.appointmentId);
      if (!appt) return { type: e.type, result: 'refused', message: M.appointmentNotFound };
      if (new Date(appt.starts_at).getTime() - ctx.manageDeadlineMinutes * 60_000 <= run.now.getTime()) {
        return { type: e.type, result: 'refused', message: M.changeDeadlinePassed };
      }
      try {
        if (e.type === 'cancel') {
          await withSavepoint(tx, () => changeStatus(tx, bctx, e.appointmentId, 'cancelled_by_patient', { reason: 'Annulé par le patient (assistant)', channel: 'assistant' }));
        } else {
          await withSavepoint(tx, () => moveAppointment(tx, bctx, e.appointmentId, { start: new Date(e.start), channel: 'assistant' }));
        }
        events.push({ action: e.type === 'cancel' ? 'assistant.cancelled' : 'assistant.moved', resourceType: 'appointment', resourceId: e.appointmentId, details: { patientId: e.patientId, conversationId: run.conversationId } });
        await audit(run, events);
        return { type: e.type, result: 'ok', appointmentId: e.appointmentId };
      } catch (err) {
        if (err instanceof AppError && err.code === 'conflict' && e.type === 'move') return { type: 'move', result: 'taken' };
        const m = refusal(err);
        if (m === null) throw err;
        return { type: e.type, result: 'refused', message: m };
      }
    }
  }
}

/** One message through the dialog: the step, then its effects (at most 4 in a row), each result resolved. */
export async function driveDialog(run: DialogRun, state: DialogState | null, input: DialogInput, ctx?: DialogContext): Promise<DialogOutcome> {
  const context = ctx ?? (await loadDialogContext(run.tx, run.practiceId, run.now, run.publicUrl));
  let outcome = dialogStep(state, input, context);
  for (let i = 0; i < 4 && outcome.effect && outcome.state; i++) {
    const result = await runEffect(run, context, outcome.effect);
    outcome = dialogResolve(outcome.state, result, context);
  }
  if (outcome.effect) {
    // Should not happen (the machine never chains more): hand over rather than loop.
    const lang = outcome.state?.lang ?? input.triage.lang;
    const text = lang === 'fr' ? 'Votre demande est transmise au secrétariat, qui vous recontactera.' : 'Your request has been passed to the front desk, who will contact you.';
    return { state: null, reply: { text, lang, emergency: false, numbers: [], choices: [], asked: [] }, end: { kind: 'handed_over', reason: 'unclear' } };
  }
  return outcome;
}
