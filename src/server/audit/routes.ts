import { z } from 'zod';
import { sql } from 'kysely';
import type { Tx } from '../platform/db/database.js';
import { route, type RouteDef } from '../platform/http/route.js';
import type { RequestContext } from '../platform/http/context.js';
import { singleLine } from '../platform/text.js';
import type { AuditChain } from './audit-chain.js';
import { describeProblem, describeWarning, summarise } from './report.js';
import { clock } from '../platform/clock.js';

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

const entry = z.object({
  id: z.string(),
  occurredAt: z.string(),
  accountId: z.string().nullable(),
  accountEmail: z.string().nullable(),
  action: z.string(),
  resourceType: z.string().nullable(),
  resourceId: z.string().nullable(),
  ip: z.string().nullable(),
  reason: z.string().nullable(),
  details: z.record(z.string(), z.unknown()).nullable(),
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
const toEntry = (r: Row) => ({
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
      access: { roles: ['admin'] },
      query: listQuery,
      response: z.object({ entries: z.array(entry), nextBefore: z.string().nullable() }),
      audit: { action: 'audit.read', resourceType: 'audit_log' },
      async handler({ ctx, tx, query: q }) {
        let sel = query(tx, ctx, q);
        if (q.before) sel = sel.where(sql<boolean>`l.id < ${q.before}::bigint`);
        const rows = await sel.limit(q.limit + 1).execute();
        const page = rows.slice(0, q.limit);
        return { entries: page.map(toEntry), nextBefore: rows.length > q.limit ? page[page.length - 1]!.id : null };
      },
    }),
    route({
      method: 'GET',
      url: '/api/audit/export.csv',
      summary: 'Export CSV du journal d’audit (mêmes filtres)',
      tags: ['audit'],
      access: { roles: ['admin'] },
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
      access: { roles: ['admin'] },
      response: z.object({
        ok: z.boolean(),
        checked: z.number(),
        firstBrokenId: z.string().nullable(),
        message: z.string(),
        problems: z.array(z.object({ kind: z.string(), message: z.string() })),
        problemCounts: z.record(z.string(), z.number()),
        warnings: z.array(z.object({ kind: z.string(), message: z.string() })),
      }),
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
