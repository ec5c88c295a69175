import { z } from 'zod';
import { sql } from 'kysely';
import { route, type RouteDef } from '../platform/http/route.js';
import { AppError } from '../platform/http/errors.js';
import type { Tx } from '../platform/db/database.js';

/**
 * The patients capability as the platform needs it: search, read, create, always within the
 * current practice and always audited. Identity rules (INS, NIR, duplicates) come with the patients issue.
 */
const summary = z.object({
  id: z.uuid(),
  birthName: z.string(),
  usedName: z.string().nullable(),
  firstName: z.string(),
  birthDate: z.string(),
  sex: z.enum(['F', 'M', 'U']),
  identityStatus: z.enum(['provisoire', 'recuperee', 'validee', 'qualifiee']),
});
const detail = summary.extend({ phone: z.string().nullable(), email: z.string().nullable() });

function select(tx: Tx, practiceId: string) {
  return tx
    .selectFrom('patients')
    .select(['id', 'birth_name', 'used_name', 'first_name', 'birth_date', 'sex', 'identity_status', 'phone', 'email'])
    .where('practice_id', '=', practiceId);
}
type Row = Awaited<ReturnType<ReturnType<typeof select>['execute']>>[number];
const toDetail = (r: Row) => ({
  id: r.id,
  birthName: r.birth_name,
  usedName: r.used_name,
  firstName: r.first_name,
  birthDate: r.birth_date,
  sex: r.sex,
  identityStatus: r.identity_status,
  phone: r.phone,
  email: r.email,
});
const toSummary = (r: Row) => {
  const { phone: _p, email: _e, ...rest } = toDetail(r);
  return rest;
};

export function patientRoutes(): RouteDef[] {
  const everyone = { roles: ['admin', 'practitioner', 'secretary'] as const };
  return [
    route({
      method: 'GET',
      url: '/api/patients',
      summary: 'Rechercher des patients du cabinet (nom de naissance ou d’usage, prénom ; fautes tolérées)',
      tags: ['patients'],
      access: everyone,
      query: z.object({ q: z.string().trim().max(100).optional(), limit: z.coerce.number().int().min(1).max(100).default(30) }),
      response: z.object({ patients: z.array(summary) }),
      audit: { action: 'patient.searched', resourceType: 'patient', details: (_p, r) => ({ results: r.patients.length }) },
      async handler({ ctx, tx, query }) {
        let q = select(tx, ctx.practiceId);
        if (query.q) {
          const needle = query.q;
          q = q
            .where(sql<boolean>`(search_name % pivot_normalize(${needle}) OR search_name LIKE '%' || pivot_normalize(${needle}) || '%')`)
            .orderBy(sql`search_name <-> pivot_normalize(${needle})`);
        } else {
          q = q.orderBy('birth_name').orderBy('first_name');
        }
        const rows = await q.limit(query.limit).execute();
        return { patients: rows.map(toSummary) };
      },
    }),
    route({
      method: 'GET',
      url: '/api/patients/:id',
      summary: 'Fiche administrative d’un patient',
      tags: ['patients'],
      access: everyone,
      params: z.object({ id: z.uuid() }),
      response: z.object({ patient: detail }),
      audit: { action: 'patient.read', resourceType: 'patient', resourceId: (p) => p.id },
      async handler({ ctx, tx, params }) {
        const row = await select(tx, ctx.practiceId).where('id', '=', params.id).executeTakeFirst();
        if (!row) throw new AppError('not_found');
        return { patient: toDetail(row) };
      },
    }),
    route({
      method: 'POST',
      url: '/api/patients',
      summary: 'Créer un patient (identité provisoire)',
      tags: ['patients'],
      access: { roles: ['admin', 'secretary', 'practitioner'] },
      status: 201,
      body: z.object({
        birthName: z.string().trim().min(1).max(100),
        usedName: z.string().trim().min(1).max(100).optional(),
        firstName: z.string().trim().min(1).max(100),
        birthDate: z.iso.date(),
        sex: z.enum(['F', 'M', 'U']),
        phone: z.string().trim().max(30).optional(),
        email: z.email().max(254).optional(),
      }),
      response: z.object({ patient: detail }),
      audit: { action: 'patient.created', resourceType: 'patient', resourceId: (_p, r) => r.patient.id },
      async handler({ ctx, tx, body }) {
        const row = await tx
          .insertInto('patients')
          .values({
            practice_id: ctx.practiceId,
            birth_name: body.birthName.toUpperCase(),
            used_name: body.usedName?.toUpperCase() ?? null,
            first_name: body.firstName,
            birth_date: body.birthDate,
            sex: body.sex,
            phone: body.phone ?? null,
            email: body.email ?? null,
            updated_at: new Date(),
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        const created = await select(tx, ctx.practiceId).where('id', '=', row.id).executeTakeFirstOrThrow();
        return { patient: toDetail(created) };
      },
    }),
  ];
}
