import { z } from 'zod';
import { sql } from 'kysely';
import type { Tx } from '../platform/db/database.js';
import { route, ADMINS, type RouteDef } from '../platform/http/route.js';
import type { RequestContext } from '../platform/http/context.js';
import { singleLine } from '../platform/text.js';
import type { AuditChain } from './audit-chain.js';
import { describeProblem, describeWarning, summarise } from './report.js';
import { clock } from '../platform/clock.js';
import { identityName, identityParts } from '../platform/identity-display.js';
import { auditEntrySchema as entry, auditPageSchema, auditVerifySchema } from './contract.js';

const filters = z.object({
  action: z.string().max(100).optional(),
  accountId: z.uuid().optional(),
  resourceType: z.string().max(100).optional(),
  resourceId: z.string().max(200).optional(),
  from: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  to: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
});
const listQuery = filters.extend({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  before: z.string().regex(/^\d{1,19}$/).optional(),
});

/** An admin sees the entries of the current practice only. */
function query(tx: Tx, ctx: RequestContext, f: z.infer<typeof filters>) {
  let q = tx
    .selectFrom('audit_log as l')
    .leftJoin('accounts as a', 'a.id', 'l.account_id')
    .select(['l.id', 'l.occurred_at', 'l.account_id', 'a.email', 'l.action', 'l.resource_type', 'l.resource_id', 'l.ip', 'l.reason', 'l.details'])
    .where('l.practice_id', '=', ctx.practiceId);
  if (f.action) q = q.where('l.action', 'like', `${f.action.replace(/[%_\\]/g, (c) => `\\${c}`)}%`);
  if (f.accountId) q = q.where('l.account_id', '=', f.accountId);
  if (f.resourceType) q = q.where('l.resource_type', '=', f.resourceType);
  if (f.resourceId) q = q.where('l.resource_id', '=', f.resourceId);
  if (f.from) q = q.where('l.occurred_at', '>=', new Date(f.from));
  if (f.to) q = q.where('l.occurred_at', '<', endOf(f.to));
  return q.orderBy('l.id', 'desc');
}

/** A bare date as upper bound includes that whole day. */
function endOf(value: string): Date {
  const d = new Date(value);
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(d.getTime() + 86_400_000) : d;
}

type Row = Awaited<ReturnType<ReturnType<typeof query>['execute']>>[number];
type PatientOfEntry = z.infer<typeof entry>['patient'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Which patient each entry is about, in this practice only: the admin reads « Rendez-vous annulé — MARTINEZ Lucie »
 * instead of a bare id. Two queries per page, whatever its length. The names shown are listed in the `audit.read`
 * entry of the request (route below): reading the log is also a read of those patients' identities.
 */
async function patientsOf(tx: Tx, practiceId: string, rows: Row[]): Promise<Map<string, PatientOfEntry>> {
  const direct = new Map<string, string>();
  const viaAppointment = new Map<string, string>();
  for (const r of rows) {
    const fromDetails = (r.details as { patientId?: unknown } | null)?.patientId;
    if (r.resource_type === 'patient' && r.resource_id && UUID.test(r.resource_id)) direct.set(r.id, r.resource_id);
    else if (typeof fromDetails === 'string' && UUID.test(fromDetails)) direct.set(r.id, fromDetails);
    else if (r.resource_type === 'appointment' && r.resource_id && UUID.test(r.resource_id)) viaAppointment.set(r.id, r.resource_id);
  }
  if (viaAppointment.size) {
    const found = await tx.selectFrom('appointments').select(['id', 'patient_id'])
      .where('practice_id', '=', practiceId).where('id', 'in', [...new Set(viaAppointment.values())]).execute();
    const byId = new Map(found.map((a) => [a.id, a.patient_id]));
    for (const [entryId, appointmentId] of viaAppointment) {
      const patientId = byId.get(appointmentId);
      if (patientId) direct.set(entryId, patientId);
    }
  }
  const out = new Map<string, PatientOfEntry>();
  if (!direct.size) return out;
  const patients = await tx.selectFrom('patients').select(['id', 'birth_name', 'used_name', 'first_name'])
    .where('practice_id', '=', practiceId).where('id', 'in', [...new Set(direct.values())]).execute();
  const byId = new Map(patients.map((p) => [p.id, { id: p.id, ...identityParts(p), name: identityName(identityParts(p)) }]));
  for (const [entryId, patientId] of direct) out.set(entryId, byId.get(patientId) ?? null);
  return out;
}

const toEntry = (r: Row, patient: PatientOfEntry = null) => ({
  id: r.id,
  occurredAt: r.occurred_at.toISOString(),
  accountId: r.account_id,
  accountEmail: r.email,
  action: r.action,
  resourceType: r.resource_type,
  resourceId: r.resource_id,
  ip: r.ip,
  reason: r.reason,
  details: (r.details as Record<string, unknown> | null) ?? null,
  patient,
});

export function csvCell(v: unknown): string {
  const s = singleLine(v === null || v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v));
  // Quote everything; neutralise spreadsheet formulas (CSV injection).
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return `"${safe.replace(/"/g, '""')}"`;
}

/** `chain`: verification seals pending entries in transactions of its own, outside the request's. */
export function auditRoutes(deps: { chain: AuditChain }): RouteDef[] {
  return [
    route({
      method: 'GET',
      url: '/api/audit',
      summary: 'Journal d’audit du cabinet (filtres, pagination par curseur)',
      tags: ['audit'],
      access: ADMINS,
      query: listQuery,
      response: auditPageSchema,
      audit: {
        action: 'audit.read',
        resourceType: 'audit_log',
        // The patients whose names this page showed: the log itself says who read whose identity.
        details: (_p, r) => {
          const shown = [...new Set(r.entries.flatMap((e) => (e.patient ? [e.patient.id] : [])))];
          return shown.length ? { patientsShown: shown } : undefined;
        },
      },
      async handler({ ctx, tx, query: q }) {
        let sel = query(tx, ctx, q);
        if (q.before) sel = sel.where(sql<boolean>`l.id < ${q.before}::bigint`);
        const rows = await sel.limit(q.limit + 1).execute();
        const page = rows.slice(0, q.limit);
        const patients = await patientsOf(tx, ctx.practiceId, page);
        return { entries: page.map((r) => toEntry(r, patients.get(r.id) ?? null)), nextBefore: rows.length > q.limit ? page[page.length - 1]!.id : null };
      },
    }),
    route({
      method: 'GET',
      url: '/api/audit/export.csv',
      summary: 'Export CSV du journal d’audit (mêmes filtres)',
      tags: ['audit'],
      access: ADMINS,
      query: filters,
      raw: true,
      audit: { action: 'audit.exported', resourceType: 'audit_log', details: () => ({ format: 'csv' }) },
      async handler({ ctx, tx, query: q, reply }) {
        const rows = await query(tx, ctx, q).limit(100_000).execute();
        const header = ['id', 'date', 'compte', 'action', 'type', 'element', 'ip', 'motif', 'details'];
        const lines = rows.map((r) =>
          [r.id, r.occurred_at.toISOString(), r.email, r.action, r.resource_type, r.resource_id, r.ip, r.reason, r.details].map(csvCell).join(';'),
        );
        const csv = `\uFEFF${header.join(';')}\r\n${lines.join('\r\n')}\r\n`;
        const fileName = `journal-audit-${clock.now().toISOString().slice(0, 10)}.csv`;
        // Sent once the `audit.exported` entry is committed: no export leaves without its trace.
        ctx.afterCommit(async () => {
          reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${fileName}"`).send(csv);
        });
      },
    }),
    route({
      method: 'GET',
      url: '/api/audit/verify',
      summary: 'Vérifier la chaîne du journal d’audit (sceaux à clé, points de contrôle hors de la base)',
      tags: ['audit'],
      access: ADMINS,
      response: auditVerifySchema,
      audit: { action: 'audit.verified', resourceType: 'audit_log' },
      async handler({ ctx }) {
        const r = await deps.chain.verify();
        const lang = ctx.language === 'en' ? 'en' : 'fr';
        return {
          ok: r.ok,
          checked: r.checked,
          firstBrokenId: r.firstBrokenId,
          message: summarise(r, lang),
          problems: r.problems.map((p) => ({ kind: p.kind, message: describeProblem(p, lang) })),
          problemCounts: r.problemCounts,
          warnings: r.warnings.map((w) => ({ kind: w.kind, message: describeWarning(w, lang) })),
        };
      },
    }),
  ];
}
