import crypto from 'node:crypto';
import { z } from 'zod';
import type { Db, Tx } from '../platform/db/database.js';
import { AppError } from '../platform/http/errors.js';
import type { AuditDraft } from '../platform/http/context.js';
import { publicRoute, type RouteDef } from '../platform/http/route.js';
import type { Keyring } from '../platform/security/keyring.js';
import { appendAudit } from '../audit/service.js';
import { checkIdentity } from '../patients/identity/traits.js';
import { phoneticKeys } from '../patients/identity/phonetic.js';
import { normalizePhone } from '../patients/search-query.js';
import { bookAppointment, changeStatus, moveAppointment, type BookingContext } from './booking.js';
import { engineChannel, findFreeSlots, motifRule, type MotifRow } from './calendar.js';
import { renderCalendar } from './ical.js';
import { linkKey, sha256, verifyLink } from './links.js';
import { langOf, renderCodeMessage } from './messages.js';
import { appointmentForMessage, manageLinkFor, notificationSettings } from './notifications.js';
import { queueMessage, toE164, type SendPayload } from '../messaging/index.js';
import { acceptOffer, declineOffer, offerView } from './waiting-list.js';
import './notify-schema.js';
import { clock } from '../platform/clock.js';
import { identityName } from '../platform/identity-display.js';

/**
 * The public side of the agenda (no account): the practice's online booking page, the signed link to manage an
 * appointment, waiting-list offers and the practitioners' iCalendar feeds. Everything that changes data is
 * audited (account = null, with the IP). Practice data is always reached through the slug or a signed token:
 * an id of another practice gives 404.
 */
export interface PublicAgendaDeps {
  publicUrl: string;
  keyring?: Keyring | undefined;
}

const tags = ['agenda-public'];
const slugParam = z.object({ practiceSlug: z.string().regex(/^[a-z0-9-]{1,100}$/) });
const instant = z.iso.datetime({ offset: true }).transform((s) => new Date(s));
const CODE_MINUTES = 15;
const MAX_CODE_ATTEMPTS = 5;

async function practiceBySlug(db: Db | Tx, slug: string) {
  const p = await db.selectFrom('practices').select(['id', 'name', 'slug', 'timezone']).where('slug', '=', slug).executeTakeFirst();
  if (!p) throw new AppError('not_found');
  return p;
}

async function onlineMotifs(db: Db | Tx, practiceId: string): Promise<MotifRow[]> {
  return (await db.selectFrom('appointment_types').selectAll().where('practice_id', '=', practiceId).where('active', '=', true).where('online_bookable', '=', true).orderBy('name').execute()) as MotifRow[];
}

function maskDestination(channel: 'email' | 'sms', d: string): string {
  if (channel === 'email') {
    const [user, domain] = d.split('@');
    return `${user!.slice(0, 1)}…@${domain}`;
  }
  return `…${d.slice(-2)}`;
}

const hashCode = (verificationId: string, code: string) => sha256(`${verificationId}:${code}`);

function ipOf(req: { ip: string }): string {
  return req.ip;
}

async function audit(db: Db | Tx, practiceId: string, ip: string, events: AuditDraft[]): Promise<void> {
  const run = (tx: Tx) => appendAudit(tx, events.map((e) => ({ ...e, accountId: null, practiceId, ip })));
  if ('isTransaction' in db && db.isTransaction) await run(db as Tx);
  else await (db as Db).transaction().execute(run);
}

const identitySchema = z.object({
  birthName: z.string().trim().min(1).max(100),
  firstName: z.string().trim().min(1).max(100),
  birthDate: z.iso.date(),
  sex: z.enum(['F', 'M', 'U']).default('U'),
  phone: z.string().trim().min(6).max(30).optional(),
  email: z.email().max(254).optional(),
  channel: z.enum(['sms', 'email']).optional(),
  language: z.enum(['fr', 'en']).default('fr'),
});

const appointmentView = z.object({
  id: z.uuid(),
  start: z.string(),
  end: z.string(),
  status: z.string(),
  practitionerName: z.string(),
  motifName: z.string().nullable(),
  teleconsultation: z.boolean(),
  preparationInstructions: z.string().nullable(),
  documentsToBring: z.string().nullable(),
});

async function viewOf(db: Db | Tx, id: string) {
  const a = await appointmentForMessage(db, id);
  if (!a) throw new AppError('not_found');
  return { row: a, dto: dtoOf(a) };
}

function dtoOf(a: NonNullable<Awaited<ReturnType<typeof appointmentForMessage>>>): z.output<typeof appointmentView> {
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

/** Patients matched only on exact identity AND a verified contact; otherwise a new provisional identity. */
async function findOrCreatePatient(
  tx: Tx,
  practiceId: string,
  ident: { birthName: string; firstName: string; birthDate: string; sex: 'F' | 'M' | 'U'; phone?: string | undefined; email?: string | undefined; language: 'fr' | 'en' },
  verificationId: string,
  consent: boolean,
): Promise<{ patientId: string; created: boolean }> {
  const checked = checkIdentity({ birthName: ident.birthName, firstName: ident.firstName, givenNames: ident.firstName, birthDate: ident.birthDate, sex: ident.sex });
  if (!checked.ok) {
    throw new AppError('validation_failed', checked.issues.map((i) => ({ field: i.field, message: i.fr })));
  }
  const t = checked.identity.traits;
  let q = tx
    .selectFrom('patients')
    .select('id')
    .where('practice_id', '=', practiceId)
    .where('merged_into_id', 'is', null)
    .where('birth_date', '=', t.birthDate)
    .where('first_name', '=', t.firstName)
    .where((eb) => eb.or([eb('birth_name', '=', t.birthName), eb('used_name', '=', t.birthName)]));
  q = q.where((eb) => {
    const ors = [];
    if (ident.email) ors.push(eb(eb.fn('lower', ['email']), '=', ident.email.toLowerCase()));
    if (ident.phone) ors.push(eb('phone_search', '@>', eb.val([normalizePhone(ident.phone)])));
    return eb.or(ors);
  });
  const matches = await q.limit(2).execute();
  if (matches.length === 1) return { patientId: matches[0]!.id, created: false };
  // No match, or several (ambiguous): a new provisional identity, flagged as created online; the desk merges if needed.
  const phones = ident.phone ? [{ number: ident.phone, kind: 'mobile' }] : [];
  const row = await tx
    .insertInto('patients')
    .values({
      practice_id: practiceId,
      birth_name: t.birthName,
      given_names: t.givenNames,
      first_name: t.firstName,
      birth_date: t.birthDate,
      birth_date_precision: t.birthDatePrecision,
      sex: t.sex,
      birth_place_code: null,
      phonetic_keys: phoneticKeys(t.birthName, null, t.givenNames, null),
      phone: ident.phone ?? null,
      phones: JSON.stringify(phones),
      phone_search: phones.map((p) => normalizePhone(p.number)),
      email: ident.email ?? null,
      email_consent: consent && !!ident.email,
      sms_consent: consent && !!ident.phone,
      preferred_language: ident.language,
      updated_at: clock.now(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await tx.insertInto('online_patients').values({ practice_id: practiceId, patient_id: row.id, verification_id: verificationId }).execute();
  return { patientId: row.id, created: true };
}

async function noShowCount(db: Db | Tx, practiceId: string, patientId: string): Promise<number> {
  const r = await db.selectFrom('appointments').select((eb) => eb.fn.countAll<string>().as('n')).where('practice_id', '=', practiceId).where('patient_id', '=', patientId).where('status', '=', 'no_show').executeTakeFirstOrThrow();
  return Number(r.n);
}

/** One answer for a link that is forged, expired, superseded or names nothing: none of them tells more. */
const invalidManageLink = () =>
  new AppError('not_found', undefined, { fr: 'Ce lien n’est pas valable ou a expiré. Contactez le cabinet.', en: 'This link is invalid or has expired. Please contact the practice.' });

async function manageTarget(db: Db, deps: PublicAgendaDeps, token: string) {
  const check = verifyLink(await linkKey(db, deps.keyring), 'm', token);
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

export function publicAgendaRoutes(deps: PublicAgendaDeps): RouteDef[] {
  return [
    publicRoute({
      access: 'public',
      method: 'GET', url: '/api/public/:practiceSlug/booking', summary: 'Page de prise de rendez-vous en ligne : cabinet, praticiens, motifs', tags,
      params: slugParam,
      rateLimit: 120,
      response: z.object({
        practice: z.object({ name: z.string(), slug: z.string(), timeZone: z.string() }),
        onlineBookingEnabled: z.boolean(),
        minNoticeMinutes: z.number(),
        manageDeadlineMinutes: z.number(),
        practitioners: z.array(z.object({ id: z.uuid(), displayName: z.string(), specialty: z.string(), colour: z.string() })),
        motifs: z.array(z.object({ id: z.uuid(), practitionerId: z.uuid().nullable(), name: z.string(), durationMinutes: z.number(), teleconsultation: z.boolean(), newPatientsAllowed: z.boolean(), preparationInstructions: z.string().nullable(), documentsToBring: z.string().nullable() })),
      }),
      async handler({ db, params }) {
        const p = await practiceBySlug(db, params.practiceSlug);
        const s = await notificationSettings(db, p.id);
        const motifs = s.onlineBookingEnabled ? await onlineMotifs(db, p.id) : [];
        const practitioners = await db.selectFrom('practitioners').select(['id', 'display_name', 'specialty', 'colour']).where('practice_id', '=', p.id).where('active', '=', true).orderBy('display_name').execute();
        const withMotif = practitioners.filter((d) => motifs.some((m) => m.practitioner_id === null || m.practitioner_id === d.id));
        return {
          practice: { name: p.name, slug: p.slug, timeZone: p.timezone },
          onlineBookingEnabled: s.onlineBookingEnabled,
          minNoticeMinutes: s.onlineMinNoticeMinutes,
          manageDeadlineMinutes: s.manageDeadlineMinutes,
          practitioners: withMotif.map((d) => ({ id: d.id, displayName: d.display_name, specialty: d.specialty, colour: d.colour })),
          motifs: motifs.map((m) => ({ id: m.id, practitionerId: m.practitioner_id, name: m.name, durationMinutes: m.duration_minutes, teleconsultation: m.teleconsultation, newPatientsAllowed: m.new_patients_allowed, preparationInstructions: m.preparation_instructions, documentsToBring: m.documents_to_bring })),
        };
      },
    }),

    publicRoute({
      access: 'public',
      method: 'GET', url: '/api/public/:practiceSlug/slots', summary: 'Créneaux réservables en ligne (canal « online », délai minimal)', tags,
      params: slugParam,
      rateLimit: 120,
      query: z.object({ motif: z.uuid(), practitioner: z.uuid().optional(), from: instant.optional(), limit: z.coerce.number().int().min(1).max(100).default(30) }),
      response: z.object({ slots: z.array(z.object({ practitionerId: z.uuid(), start: z.string(), end: z.string() })) }),
      async handler({ db, params, query }) {
        const p = await practiceBySlug(db, params.practiceSlug);
        const s = await notificationSettings(db, p.id);
        if (!s.onlineBookingEnabled) return { slots: [] };
        return { slots: await onlineSlots(db, p.id, query.motif, query.practitioner, query.from, query.limit, s.onlineMinNoticeMinutes) };
      },
    }),

    publicRoute({
      access: 'public',
      method: 'POST', url: '/api/public/:practiceSlug/booking/start', summary: 'Réservation en ligne, étape 1 : identité et envoi d’un code à usage unique', tags,
      params: slugParam,
      body: identitySchema,
      status: 202,
      rateLimit: 5,
      response: z.object({ verificationId: z.uuid(), channel: z.enum(['sms', 'email']), destination: z.string(), expiresAt: z.string() }),
      async handler({ db, params, body, req }) {
        const p = await practiceBySlug(db, params.practiceSlug);
        const s = await notificationSettings(db, p.id);
        if (!s.onlineBookingEnabled) throw new AppError('forbidden', undefined, { fr: 'La prise de rendez-vous en ligne est fermée pour ce cabinet.', en: 'Online booking is closed for this practice.' });
        const channel = body.channel ?? (body.phone ? 'sms' : 'email');
        const destination = channel === 'sms' ? (body.phone ? toE164(body.phone) : undefined) : body.email?.toLowerCase();
        if (!destination) throw new AppError('validation_failed', [{ field: channel === 'sms' ? 'phone' : 'email', message: channel === 'sms' ? 'Numéro de portable requis (format 06… ou +33…).' : 'Adresse e-mail requise.' }]);
        const checked = checkIdentity({ birthName: body.birthName, firstName: body.firstName, givenNames: body.firstName, birthDate: body.birthDate, sex: body.sex });
        if (!checked.ok) throw new AppError('validation_failed', checked.issues.map((i) => ({ field: i.field, message: i.fr })));
        return db.transaction().execute(async (tx) => {
          // At most 5 codes per destination and 15 minutes (the route also limits each IP to 5 per minute).
          const recent = await tx.selectFrom('online_booking_verifications').select((eb) => eb.fn.countAll<string>().as('n')).where('practice_id', '=', p.id).where('destination', '=', destination).where('created_at', '>', new Date(clock.nowMs() - 15 * 60_000)).executeTakeFirstOrThrow();
          if (Number(recent.n) >= 5) throw new AppError('rate_limited');
          const id = crypto.randomUUID();
          const code = String(crypto.randomInt(0, 1_000_000)).padStart(6, '0');
          const expiresAt = new Date(clock.nowMs() + CODE_MINUTES * 60_000);
          await tx.insertInto('online_booking_verifications').values({ id, practice_id: p.id, code_hash: hashCode(id, code), identity: JSON.stringify({ ...body, channel }), channel, destination, expires_at: expiresAt, ip: ipOf(req) }).execute();
          const msg = renderCodeMessage(body.language, p.name, code, CODE_MINUTES);
          const payload: SendPayload = { practiceId: p.id, key: `msg:otp:${id}`, kind: 'otp', channel, to: destination, subject: channel === 'email' ? msg.subject : null, text: channel === 'email' ? msg.text : msg.sms };
          await queueMessage(tx, payload, { maxAttempts: 3 });
          await audit(tx, p.id, ipOf(req), [{ action: 'online_booking.code_sent', resourceType: 'online_booking_verification', resourceId: id, details: { channel } }]);
          return { verificationId: id, channel, destination: maskDestination(channel, destination), expiresAt: expiresAt.toISOString() };
        });
      },
    }),

    publicRoute({
      access: 'public',
      method: 'POST', url: '/api/public/:practiceSlug/booking/confirm', summary: 'Réservation en ligne, étape 2 : code + créneau choisi → rendez-vous et lien de gestion', tags,
      params: slugParam,
      body: z.object({
        verificationId: z.uuid(),
        code: z.string().regex(/^\d{6}$/),
        practitionerId: z.uuid(),
        motifId: z.uuid(),
        start: instant,
        consentReminders: z.boolean().default(false),
      }),
      status: 201,
      rateLimit: 20,
      // No word on whether a file was found: the answer is the same for a person on file and a newcomer (the desk
      // sees it in the audit entry and in « créé en ligne »).
      response: z.object({ appointment: appointmentView, manageToken: z.string().nullable(), manageUrl: z.string().nullable(), manageDeadline: z.string().nullable() }),
      async handler({ db, params, body, req }) {
        const p = await practiceBySlug(db, params.practiceSlug);
        const ip = ipOf(req);
        // The code check commits its attempt counter on its own.
        const v = await db.transaction().execute(async (tx) => {
          const row = await tx.selectFrom('online_booking_verifications').selectAll().where('id', '=', body.verificationId).where('practice_id', '=', p.id).forUpdate().executeTakeFirst();
          if (!row || row.consumed_at || new Date(row.expires_at) <= clock.now() || row.attempts >= MAX_CODE_ATTEMPTS) return { ok: false as const, reason: 'expired' as const };
          const good = crypto.timingSafeEqual(row.code_hash, hashCode(row.id, body.code));
          if (!good) {
            await tx.updateTable('online_booking_verifications').set({ attempts: row.attempts + 1 }).where('id', '=', row.id).execute();
            await audit(tx, p.id, ip, [{ action: 'online_booking.code_refused', resourceType: 'online_booking_verification', resourceId: row.id }]);
            return { ok: false as const, reason: 'wrong' as const };
          }
          return { ok: true as const, row };
        });
        if (!v.ok) {
          throw new AppError('unprocessable', [{ field: 'code', message: v.reason === 'wrong' ? 'Code incorrect.' : 'Code expiré ou déjà utilisé : demandez-en un nouveau.', reason: v.reason }], {
            fr: v.reason === 'wrong' ? 'Code incorrect.' : 'Ce code a expiré ou a déjà servi : demandez-en un nouveau.',
            en: v.reason === 'wrong' ? 'Wrong code.' : 'This code has expired or was already used: ask for a new one.',
          });
        }
        const ident = v.row.identity as unknown as z.output<typeof identitySchema> & { channel: 'sms' | 'email' };
        const s = await notificationSettings(db, p.id);
        if (body.start.getTime() < clock.nowMs() + s.onlineMinNoticeMinutes * 60_000) {
          throw new AppError('unprocessable', [{ field: 'start', message: 'Ce créneau est trop proche pour une réservation en ligne.', reason: 'too_late' }]);
        }
        const motif = (await onlineMotifs(db, p.id)).find((m) => m.id === body.motifId);
        if (!motif) throw new AppError('unprocessable', [{ field: 'motifId', message: 'Ce motif ne se réserve pas en ligne.' }]);
        const result = await db.transaction().execute(async (tx) => {
          const used = await tx.updateTable('online_booking_verifications').set({ consumed_at: clock.now() }).where('id', '=', v.row.id).where('consumed_at', 'is', null).executeTakeFirst();
          if (Number(used.numUpdatedRows) !== 1) throw new AppError('conflict');
          const { patientId, created } = await findOrCreatePatient(tx, p.id, ident, v.row.id, body.consentReminders);
          if (!created && (await noShowCount(tx, p.id, patientId)) >= s.noShowBlockOnlineAfter) {
            throw new AppError('forbidden', undefined, { fr: 'La réservation en ligne n’est pas possible pour ce dossier : merci d’appeler le cabinet.', en: 'Online booking is not available for this record: please call the practice.' });
          }
          const events: AuditDraft[] = [];
          const ctx: BookingContext = { practiceId: p.id, accountId: null, audit: (e) => events.push(e) };
          const appt = await bookAppointment(tx, ctx, { practitionerId: body.practitionerId, patientId, motifId: motif.id, start: body.start, channel: 'online' });
          events.push({ action: 'online_booking.confirmed', resourceType: 'appointment', resourceId: appt.id, details: { patientId, newPatient: created, verificationId: v.row.id } });
          if (created) events.push({ action: 'patient.created', resourceType: 'patient', resourceId: patientId, details: { origin: 'online_booking', identityStatus: 'provisoire' } });
          await audit(tx, p.id, ip, events);
          return { id: appt.id };
        });
        const { row, dto } = await viewOf(db, result.id);
        const link = await manageLinkFor(db, deps, row, s.manageDeadlineMinutes);
        return { appointment: dto, manageToken: link?.token ?? null, manageUrl: link?.url ?? null, manageDeadline: link?.deadline.toISOString() ?? null };
      },
    }),

    publicRoute({
      access: 'public',
      method: 'GET', url: '/api/public/manage/:token', summary: 'Lien signé : voir son rendez-vous (déplacement / annulation jusqu’à l’échéance)', tags,
      params: z.object({ token: z.string().min(1).max(200) }),
      rateLimit: 60,
      response: z.object({ appointment: appointmentView, practice: z.object({ name: z.string(), slug: z.string(), timeZone: z.string() }), canChange: z.boolean(), deadline: z.string() }),
      async handler({ db, params, req }) {
        const t = await manageTarget(db, deps, params.token);
        await audit(db, t.row.practice_id, ipOf(req), [{ action: 'appointment.viewed_online', resourceType: 'appointment', resourceId: t.row.id }]);
        return { appointment: t.dto, practice: { name: t.row.practice_name, slug: t.row.slug, timeZone: t.row.timezone }, canChange: t.canChange, deadline: t.deadline.toISOString() };
      },
    }),

    publicRoute({
      access: 'public',
      method: 'GET', url: '/api/public/manage/:token/slots', summary: 'Lien signé : créneaux proposés pour déplacer le rendez-vous', tags,
      params: z.object({ token: z.string().min(1).max(200) }),
      query: z.object({ from: instant.optional(), limit: z.coerce.number().int().min(1).max(50).default(20) }),
      rateLimit: 60,
      response: z.object({ slots: z.array(z.object({ practitionerId: z.uuid(), start: z.string(), end: z.string() })) }),
      async handler({ db, params, query }) {
        const t = await manageTarget(db, deps, params.token);
        if (!t.canChange || !t.row.appointment_type_id) return { slots: [] };
        return { slots: await onlineSlots(db, t.row.practice_id, t.row.appointment_type_id, t.row.practitioner_id, query.from, query.limit, t.settings.onlineMinNoticeMinutes) };
      },
    }),

    publicRoute({
      access: 'public',
      method: 'POST', url: '/api/public/manage/:token', summary: 'Lien signé : annuler ou déplacer son rendez-vous', tags,
      params: z.object({ token: z.string().min(1).max(200) }),
      body: z.discriminatedUnion('action', [
        z.object({ action: z.literal('cancel'), reason: z.string().trim().max(300).optional() }),
        z.object({ action: z.literal('move'), start: instant }),
      ]),
      rateLimit: 20,
      response: z.object({ appointment: appointmentView, manageToken: z.string().nullable(), manageUrl: z.string().nullable(), manageDeadline: z.string().nullable() }),
      async handler({ db, params, body, req }) {
        const t = await manageTarget(db, deps, params.token);
        if (!t.canChange) throw new AppError('unprocessable', [{ field: 'token', message: 'Le délai pour modifier ce rendez-vous en ligne est passé : appelez le cabinet.', reason: 'deadline' }]);
        const ip = ipOf(req);
        await db.transaction().execute(async (tx) => {
          await lockManagedAppointment(tx, t.row.id, t.generation);
          const events: AuditDraft[] = [];
          const ctx: BookingContext = { practiceId: t.row.practice_id, accountId: null, audit: (e) => events.push(e) };
          if (body.action === 'cancel') {
            await changeStatus(tx, ctx, t.row.id, 'cancelled_by_patient', { reason: body.reason || 'Annulé en ligne par le patient', channel: 'online' });
          } else {
            if (body.start.getTime() < clock.nowMs() + t.settings.onlineMinNoticeMinutes * 60_000) throw new AppError('unprocessable', [{ field: 'start', message: 'Ce créneau est trop proche pour une réservation en ligne.', reason: 'too_late' }]);
            await moveAppointment(tx, ctx, t.row.id, { start: body.start, channel: 'online' });
          }
          events.push({ action: `online_booking.${body.action === 'cancel' ? 'cancelled' : 'moved'}`, resourceType: 'appointment', resourceId: t.row.id });
          await audit(tx, t.row.practice_id, ip, events);
        });
        const { row, dto } = await viewOf(db, t.row.id);
        const link = body.action === 'move' ? await manageLinkFor(db, deps, row, t.settings.manageDeadlineMinutes) : null;
        return { appointment: dto, manageToken: link?.token ?? null, manageUrl: link?.url ?? null, manageDeadline: link?.deadline.toISOString() ?? null };
      },
    }),

    publicRoute({
      access: 'public',
      method: 'GET', url: '/api/public/offers/:token', summary: 'Liste d’attente : voir la proposition de créneau', tags,
      params: z.object({ token: z.string().min(1).max(200) }),
      rateLimit: 60,
      response: z.object({ offer: z.object({ status: z.string(), start: z.string(), end: z.string(), expiresAt: z.string(), practitionerName: z.string(), motifName: z.string().nullable(), practiceName: z.string(), timeZone: z.string() }) }),
      async handler({ db, params }) {
        const check = verifyLink(await linkKey(db, deps.keyring), 'o', params.token);
        if (!check.ok) throw new AppError('not_found', undefined, { fr: 'Cette proposition n’est plus valable.', en: 'This offer is no longer valid.' });
        const o = await offerView(db, check.id);
        if (!o) throw new AppError('not_found');
        return { offer: { status: o.status, start: new Date(o.starts_at).toISOString(), end: new Date(o.ends_at).toISOString(), expiresAt: new Date(o.expires_at).toISOString(), practitionerName: o.practitioner_name, motifName: o.motif_name, practiceName: o.practice_name, timeZone: o.timezone } };
      },
    }),

    publicRoute({
      access: 'public',
      method: 'POST', url: '/api/public/offers/:token', summary: 'Liste d’attente : accepter (premier arrivé, premier servi) ou refuser', tags,
      params: z.object({ token: z.string().min(1).max(200) }),
      body: z.object({ action: z.enum(['accept', 'decline']) }),
      rateLimit: 20,
      response: z.object({ status: z.enum(['accepted', 'declined']), appointment: appointmentView.nullable(), manageToken: z.string().nullable(), manageUrl: z.string().nullable() }),
      async handler({ db, params, body, req }) {
        const check = verifyLink(await linkKey(db, deps.keyring), 'o', params.token);
        if (!check.ok) throw new AppError('not_found', undefined, { fr: 'Cette proposition n’est plus valable.', en: 'This offer is no longer valid.' });
        if (body.action === 'decline') {
          await declineOffer(db, check.id, ipOf(req));
          return { status: 'declined' as const, appointment: null, manageToken: null, manageUrl: null };
        }
        const r = await acceptOffer(db, check.id, ipOf(req));
        const { dto, row } = await viewOf(db, r.appointmentId);
        const s = await notificationSettings(db, row.practice_id);
        const link = await manageLinkFor(db, deps, row, s.manageDeadlineMinutes);
        return { status: 'accepted' as const, appointment: dto, manageToken: link?.token ?? null, manageUrl: link?.url ?? null };
      },
    }),

    publicRoute({
      access: 'public',
      method: 'GET', url: '/ical/:token.ics', summary: 'Flux iCalendar privé d’un praticien (RFC 5545)', tags,
      params: z.object({ token: z.string().min(1).max(200) }),
      rateLimit: 60,
      raw: true,
      async handler({ db, params, reply }) {
        const token = params.token.replace(/\.ics$/, '');
        const feed = await db
          .selectFrom('ical_feeds as f')
          .innerJoin('practitioners as d', (j) => j.onRef('d.id', '=', 'f.practitioner_id').onRef('d.practice_id', '=', 'f.practice_id'))
          .select(['f.id', 'f.practice_id', 'f.practitioner_id', 'f.include_patient_names', 'd.display_name'])
          .where('f.token_hash', '=', sha256(token))
          .executeTakeFirst();
        if (!feed) throw new AppError('not_found');
        const text = await practitionerCalendar(db, feed);
        await db.updateTable('ical_feeds').set({ last_used_at: clock.now() }).where('id', '=', feed.id).execute();
        reply.header('content-type', 'text/calendar; charset=utf-8').header('cache-control', 'private, max-age=300').send(text);
        return undefined;
      },
    }),

    // The links sent by e-mail and SMS are plain paths (`PIVOT_PUBLIC_URL/rendez-vous/<token>`); the web app
    // routes by the URL fragment. Redirect to it, without caching and without a Referer carrying the token.
    ...(['rendez-vous', 'liste-attente'] as const).map((page) =>
      publicRoute({
        access: 'public',
        method: 'GET', url: `/${page}/:token`, summary: page === 'rendez-vous' ? 'Lien envoyé au patient : gérer son rendez-vous (redirige vers la page)' : 'Lien envoyé au patient : proposition de la liste d’attente (redirige vers la page)', tags,
        params: z.object({ token: z.string().min(1).max(200).regex(/^[A-Za-z0-9._-]+$/) }),
        rateLimit: 60,
        raw: true,
        async handler({ params, reply }) {
          reply.code(302).header('location', `/#/${page}/${encodeURIComponent(params.token)}`).header('cache-control', 'no-store').header('referrer-policy', 'no-referrer').send();
          return undefined;
        },
      }),
    ),
  ];
}

async function onlineSlots(db: Db, practiceId: string, motifId: string, practitionerId: string | undefined, from: Date | undefined, limit: number, minNoticeMinutes: number) {
  const motif = (await onlineMotifs(db, practiceId)).find((m) => m.id === motifId);
  if (!motif) throw new AppError('not_found');
  const now = clock.now();
  const earliest = new Date(now.getTime() + minNoticeMinutes * 60_000);
  const start = from && from > earliest ? from : earliest;
  const to = new Date(start.getTime() + 28 * 86_400_000);
  const ids = practitionerId ? [practitionerId] : motif.practitioner_id ? [motif.practitioner_id] : undefined;
  if (practitionerId && motif.practitioner_id && motif.practitioner_id !== practitionerId) return [];
  const { slots } = await findFreeSlots(db as unknown as Tx, practiceId, {
    practitionerIds: ids, from: start, to, now, limit, channel: engineChannel('online'),
    motifFor: (_cal, pid) => (motif.practitioner_id === null || motif.practitioner_id === pid ? motifRule(motif) : motifRule(motif, { channels: [] })),
  });
  return slots.map((s) => ({ practitionerId: s.practitionerId, start: s.start.toISOString(), end: s.end.toISOString() }));
}

/** The practitioner's feed: 30 days back, 180 days ahead, active appointments; « Rendez-vous — motif » unless names are enabled. */
async function practitionerCalendar(db: Db, feed: { practice_id: string; practitioner_id: string; include_patient_names: boolean; display_name: string }): Promise<string> {
  const now = clock.nowMs();
  const rows = await db
    .selectFrom('appointments as a')
    .leftJoin('appointment_types as m', (j) => j.onRef('m.id', '=', 'a.appointment_type_id').onRef('m.practice_id', '=', 'a.practice_id'))
    .innerJoin('patients as p', (j) => j.onRef('p.id', '=', 'a.patient_id').onRef('p.practice_id', '=', 'a.practice_id'))
    .select(['a.id', 'a.starts_at', 'a.ends_at', 'a.updated_at', 'a.version', 'a.status', 'a.teleconsultation', 'm.name as motif_name', 'p.birth_name', 'p.used_name', 'p.first_name', 'p.used_first_name'])
    .where('a.practice_id', '=', feed.practice_id)
    .where('a.practitioner_id', '=', feed.practitioner_id)
    .where('a.status', 'in', ['booked', 'confirmed', 'arrived', 'in_consultation', 'done'])
    .where('a.starts_at', '>=', new Date(now - 30 * 86_400_000))
    .where('a.starts_at', '<', new Date(now + 180 * 86_400_000))
    .orderBy('a.starts_at')
    .limit(5000)
    .execute();
  return renderCalendar({
    name: `Pivot — ${feed.display_name}`,
    events: rows.map((r) => ({
      uid: `${r.id}@pivot`,
      start: new Date(r.starts_at),
      end: new Date(r.ends_at),
      stamp: new Date(r.updated_at),
      sequence: r.version,
      summary: feed.include_patient_names
        ? `${identityName({ birthName: r.birth_name, usedName: r.used_name, firstName: r.first_name, usedFirstName: r.used_first_name })}${r.motif_name ? ` — ${r.motif_name}` : ''}`
        : `Rendez-vous${r.motif_name ? ` — ${r.motif_name}` : ''}`,
      description: r.teleconsultation ? 'Téléconsultation' : null,
    })),
  });
}

