import type { Tx } from '../platform/db/database.js';
import { AppError } from '../platform/http/errors.js';
import { clock } from '../platform/clock.js';
import type { Sector } from './schema.js';
import { AGENDA_MESSAGES as M } from './error-messages.js';
import type { HoursFields, PractitionerPatchFields } from './contract.js';

/**
 * The practice's practitioners and their time: who they are (RPPS, specialty, sector, linked account), their weekly
 * hours and urgent ranges, and their exceptions (absences, exceptional openings). Every query is scoped by practice.
 */

type PractitionerRowFull = { id: string; account_id: string | null; display_name: string; rpps: string | null; specialty: string; sector: Sector; colour: string; active: boolean };
const toPractitioner = (r: PractitionerRowFull) => ({
  id: r.id,
  accountId: r.account_id,
  displayName: r.display_name,
  rpps: r.rpps,
  specialty: r.specialty,
  sector: r.sector,
  colour: r.colour,
  active: r.active,
});

/** What a practitioner's creation or change may set (the route's body, validated). */
export type PractitionerFields = PractitionerPatchFields;

/** The practitioner of this practice, or 404. */
export async function ownPractitioner(tx: Tx, practiceId: string, id: string) {
  const p = await tx.selectFrom('practitioners').selectAll().where('practice_id', '=', practiceId).where('id', '=', id).executeTakeFirst();
  if (!p) throw new AppError('not_found');
  return p;
}

async function requireMember(tx: Tx, practiceId: string, accountId: string | null | undefined) {
  if (!accountId) return;
  const m = await tx.selectFrom('memberships').select('account_id').where('practice_id', '=', practiceId).where('account_id', '=', accountId).executeTakeFirst();
  if (!m) throw new AppError('unprocessable', [{ field: 'accountId', message: M.notAMember }]);
}

export async function listPractitioners(tx: Tx, practiceId: string, includeInactive: boolean) {
  let q = tx.selectFrom('practitioners').selectAll().where('practice_id', '=', practiceId).orderBy('display_name');
  if (!includeInactive) q = q.where('active', '=', true);
  return (await q.execute()).map(toPractitioner);
}

export async function createPractitioner(tx: Tx, practiceId: string, body: PractitionerFields & { displayName: string }) {
  await requireMember(tx, practiceId, body.accountId);
  const row = await tx
    .insertInto('practitioners')
    .values({
      practice_id: practiceId, display_name: body.displayName, account_id: body.accountId ?? null, rpps: body.rpps ?? null,
      ...(body.specialty ? { specialty: body.specialty } : {}), ...(body.sector ? { sector: body.sector } : {}), ...(body.colour ? { colour: body.colour } : {}),
      updated_at: clock.now(),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toPractitioner(row);
}

export async function updatePractitioner(tx: Tx, practiceId: string, id: string, body: PractitionerFields) {
  await ownPractitioner(tx, practiceId, id);
  await requireMember(tx, practiceId, body.accountId);
  const row = await tx
    .updateTable('practitioners')
    .set({
      ...(body.displayName !== undefined ? { display_name: body.displayName } : {}),
      ...(body.accountId !== undefined ? { account_id: body.accountId } : {}),
      ...(body.rpps !== undefined ? { rpps: body.rpps } : {}),
      ...(body.specialty !== undefined ? { specialty: body.specialty } : {}),
      ...(body.sector !== undefined ? { sector: body.sector } : {}),
      ...(body.colour !== undefined ? { colour: body.colour } : {}),
      ...(body.active !== undefined ? { active: body.active } : {}),
      updated_at: clock.now(),
    })
    .where('practice_id', '=', practiceId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return toPractitioner(row);
}

/** Weekly hours, urgent ranges and the exceptions not yet over. */
export async function practitionerHours(tx: Tx, practiceId: string, id: string) {
  await ownPractitioner(tx, practiceId, id);
  const [hours, urgent, exceptions] = await Promise.all([
    tx.selectFrom('opening_hours').selectAll().where('practice_id', '=', practiceId).where('practitioner_id', '=', id).orderBy('weekday').orderBy('start_time').execute(),
    tx.selectFrom('urgent_ranges').selectAll().where('practice_id', '=', practiceId).where('practitioner_id', '=', id).orderBy('weekday').orderBy('start_time').execute(),
    tx.selectFrom('agenda_exceptions').selectAll().where('practice_id', '=', practiceId).where('practitioner_id', '=', id).where('ends_at', '>', clock.now()).orderBy('starts_at').execute(),
  ]);
  return {
    weekly: hours.map((h) => ({ weekday: h.weekday, start: h.start_time.slice(0, 5), end: h.end_time.slice(0, 5), validFrom: h.valid_from, validUntil: h.valid_until, weekParity: h.week_parity })),
    urgent: urgent.map((u) => ({ weekday: u.weekday, start: u.start_time.slice(0, 5), end: u.end_time.slice(0, 5) })),
    exceptions: exceptions.map((e) => ({ id: e.id, kind: e.kind, reason: e.reason, start: new Date(e.starts_at).toISOString(), end: new Date(e.ends_at).toISOString() })),
  };
}

/** Replaces the weekly hours and urgent ranges as a whole. */
export async function replaceHours(tx: Tx, practiceId: string, id: string, body: HoursFields) {
  await ownPractitioner(tx, practiceId, id);
  for (const r of [...body.weekly, ...body.urgent]) {
    if (r.end <= r.start) throw new AppError('validation_failed', [{ field: 'weekly', message: M.rangeEndsBeforeStart }]);
  }
  await tx.deleteFrom('opening_hours').where('practice_id', '=', practiceId).where('practitioner_id', '=', id).execute();
  await tx.deleteFrom('urgent_ranges').where('practice_id', '=', practiceId).where('practitioner_id', '=', id).execute();
  if (body.weekly.length) {
    await tx.insertInto('opening_hours').values(body.weekly.map((w) => ({
      practice_id: practiceId, practitioner_id: id, weekday: w.weekday, start_time: w.start, end_time: w.end,
      ...(w.validFrom ? { valid_from: w.validFrom } : {}), valid_until: w.validUntil ?? null, week_parity: w.weekParity,
    }))).execute();
  }
  if (body.urgent.length) {
    await tx.insertInto('urgent_ranges').values(body.urgent.map((u) => ({ practice_id: practiceId, practitioner_id: id, weekday: u.weekday, start_time: u.start, end_time: u.end }))).execute();
  }
  return { weekly: body.weekly.length, urgent: body.urgent.length };
}

export async function addException(tx: Tx, practiceId: string, id: string, body: { kind: 'opening' | 'absence'; start: Date; end: Date; reason?: string | null | undefined }) {
  await ownPractitioner(tx, practiceId, id);
  if (body.end <= body.start) throw new AppError('validation_failed', [{ field: 'end', message: M.endBeforeStart }]);
  const e = await tx.insertInto('agenda_exceptions').values({ practice_id: practiceId, practitioner_id: id, kind: body.kind, starts_at: body.start, ends_at: body.end, reason: body.reason ?? null }).returningAll().executeTakeFirstOrThrow();
  return { id: e.id, kind: e.kind, reason: e.reason, start: new Date(e.starts_at).toISOString(), end: new Date(e.ends_at).toISOString() };
}

export async function removeException(tx: Tx, practiceId: string, id: string): Promise<void> {
  const r = await tx.deleteFrom('agenda_exceptions').where('practice_id', '=', practiceId).where('id', '=', id).executeTakeFirst();
  if (!r.numDeletedRows) throw new AppError('not_found');
}
