import type { Tx } from '../platform/db/database.js';
import type { RequestContext } from '../platform/http/context.js';
import { AppError } from '../platform/http/errors.js';
import type { IncidentUpdate, IncidentView, NewIncident } from './contract.js';
import { clock } from '../platform/clock.js';
import { identityNameOrNull } from '../platform/identity-display.js';

/**
 * The incident log. Visibility is the rule that matters: an administrator sees every incident of the practice;
 * anyone else sees only the incidents they declared themselves (a foreign or hidden id answers 404).
 */
const clean = (s: string | null | undefined) => (s && s.trim() ? s.trim() : null);
const isAdmin = (ctx: RequestContext) => ctx.roles.includes('admin');

function visible(tx: Tx, ctx: RequestContext) {
  let q = tx
    .selectFrom('incidents as i')
    .leftJoin('patients as p', (j) => j.onRef('p.practice_id', '=', 'i.practice_id').onRef('p.id', '=', 'i.patient_id'))
    .innerJoin('accounts as d', 'd.id', 'i.declared_by')
    .leftJoin('accounts as c', 'c.id', 'i.closed_by')
    .where('i.practice_id', '=', ctx.practiceId)
    .selectAll('i')
    .select(['p.birth_name', 'p.used_name', 'p.first_name', 'p.birth_date', 'd.display_name as declared_by_name', 'c.display_name as closed_by_name']);
  if (!isAdmin(ctx)) q = q.where('i.declared_by', '=', ctx.accountId);
  return q;
}

type Row = Awaited<ReturnType<ReturnType<typeof visible>['executeTakeFirstOrThrow']>>;

async function toViews(tx: Tx, practiceId: string, rows: Row[]): Promise<IncidentView[]> {
  if (rows.length === 0) return [];
  const staff = await tx
    .selectFrom('incident_staff as s')
    .innerJoin('accounts as a', 'a.id', 's.account_id')
    .select(['s.incident_id', 'a.id', 'a.display_name'])
    .where('s.practice_id', '=', practiceId)
    .where('s.incident_id', 'in', rows.map((r) => r.id))
    .orderBy('a.display_name')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    occurredAt: new Date(r.occurred_at).toISOString(),
    place: r.place,
    description: r.description,
    severity: r.severity,
    staff: staff.filter((s) => s.incident_id === r.id).map((s) => ({ id: s.id, name: s.display_name })),
    patient: r.patient_id ? { id: r.patient_id, name: identityNameOrNull(r.birth_name, r.used_name, r.first_name) ?? '', birthDate: r.birth_date ?? '' } : null,
    others: r.others,
    followUp: r.follow_up,
    followUpNote: r.follow_up_note,
    status: r.status,
    closedAt: r.closed_at ? new Date(r.closed_at).toISOString() : null,
    closedBy: r.closed_by ? { id: r.closed_by, name: r.closed_by_name ?? '' } : null,
    declaredBy: { id: r.declared_by, name: r.declared_by_name },
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
  }));
}

function unprocessable(field: string, fr: string, en: string): AppError {
  return new AppError('unprocessable', [{ field, message: fr }], { fr, en });
}

export async function createIncident(tx: Tx, ctx: RequestContext, input: NewIncident): Promise<IncidentView> {
  const occurredAt = new Date(input.occurredAt);
  if (occurredAt.getTime() > clock.nowMs() + 5 * 60_000) throw unprocessable('occurredAt', 'La date de l’incident ne peut pas être dans le futur.', 'The incident date cannot be in the future.');
  if (input.patientId) {
    const p = await tx.selectFrom('patients').select('id').where('practice_id', '=', ctx.practiceId).where('id', '=', input.patientId).executeTakeFirst();
    if (!p) throw unprocessable('patientId', 'Patient inconnu dans ce cabinet.', 'Unknown patient in this practice.');
  }
  const staffIds = [...new Set(input.staffIds)];
  if (staffIds.length) {
    const members = await tx.selectFrom('memberships').select('account_id').where('practice_id', '=', ctx.practiceId).where('account_id', 'in', staffIds).execute();
    if (members.length !== staffIds.length) throw unprocessable('staffIds', 'Une des personnes citées n’est pas membre du cabinet.', 'One of the people named is not a member of the practice.');
  }
  const row = await tx
    .insertInto('incidents')
    .values({
      practice_id: ctx.practiceId,
      kind: input.kind,
      occurred_at: occurredAt,
      place: input.place.trim(),
      description: input.description.trim(),
      severity: input.severity,
      patient_id: input.patientId ?? null,
      others: clean(input.others),
      follow_up: [...new Set(input.followUp)],
      follow_up_note: clean(input.followUpNote),
      declared_by: ctx.accountId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (staffIds.length) await tx.insertInto('incident_staff').values(staffIds.map((a) => ({ practice_id: ctx.practiceId, incident_id: row.id, account_id: a }))).execute();
  ctx.audit({ action: 'incident.declared', resourceType: 'incident', resourceId: row.id, details: { kind: input.kind, severity: input.severity, ...(input.patientId ? { patientId: input.patientId } : {}) } });
  return getIncident(tx, ctx, row.id);
}

export async function getIncident(tx: Tx, ctx: RequestContext, id: string): Promise<IncidentView> {
  const row = await visible(tx, ctx).where('i.id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('not_found');
  return (await toViews(tx, ctx.practiceId, [row]))[0]!;
}

export async function listIncidents(tx: Tx, ctx: RequestContext, status: 'open' | 'closed' | 'all'): Promise<IncidentView[]> {
  let q = visible(tx, ctx);
  if (status !== 'all') q = q.where('i.status', '=', status);
  const rows = await q.orderBy('i.occurred_at', 'desc').limit(500).execute();
  return toViews(tx, ctx.practiceId, rows);
}

/** Follow-up and closing: administrators only (the route's roles). */
export async function updateIncident(tx: Tx, ctx: RequestContext, id: string, u: IncidentUpdate): Promise<IncidentView> {
  // Lock the row first (not the joined ones): two admins closing at once keep one closing author.
  await tx.selectFrom('incidents').select('id').where('practice_id', '=', ctx.practiceId).where('id', '=', id).forUpdate().execute();
  const current = await visible(tx, ctx).where('i.id', '=', id).executeTakeFirst();
  if (!current) throw new AppError('not_found');
  const closing = u.status === 'closed' && current.status === 'open';
  const reopening = u.status === 'open' && current.status === 'closed';
  await tx
    .updateTable('incidents')
    .set({
      ...(u.severity ? { severity: u.severity } : {}),
      ...(u.followUp ? { follow_up: [...new Set(u.followUp)] } : {}),
      ...(u.followUpNote !== undefined ? { follow_up_note: clean(u.followUpNote) } : {}),
      ...(closing ? { status: 'closed' as const, closed_at: clock.now(), closed_by: ctx.accountId } : {}),
      ...(reopening ? { status: 'open' as const, closed_at: null, closed_by: null } : {}),
      updated_at: clock.now(),
    })
    .where('practice_id', '=', ctx.practiceId)
    .where('id', '=', id)
    .execute();
  ctx.audit({
    action: closing ? 'incident.closed' : reopening ? 'incident.reopened' : 'incident.updated',
    resourceType: 'incident',
    resourceId: id,
    details: { fields: Object.keys(u).filter((k) => u[k as keyof IncidentUpdate] !== undefined) },
  });
  return getIncident(tx, ctx, id);
}
