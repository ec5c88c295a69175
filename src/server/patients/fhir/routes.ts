import { sql, type Expression, type SqlBool } from 'kysely';
import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import type { Tx } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import { route, STAFF, idParams, type RouteDef } from '../../platform/http/route.js';
import { wordKeys } from '../identity/phonetic.js';
import { checkIdentity } from '../identity/traits.js';
import { updateAdministrative } from '../administrative/service.js';
import { createPatient, invalidIdentity, updateIdentity } from '../identity.service.js';
import type { PatientRow } from '../mapping.js';
import { findPatient, legalRepresentatives } from '../read.service.js';
import { FHIR_FIELD, INS_OIDS, NIR_DECLARED_SYSTEM, PIVOT_FHIR, fromFhirPatient, toFhirPatient } from './mapping.js';

/**
 * FHIR R4 Patient: read, create, update (PUT), search (`name`, `family`, `given`, `phonetic`,
 * `birthdate`, `identifier`, `gender`, `_count`). Errors become OperationOutcome (platform).
 */
const patientResource = z.looseObject({ resourceType: z.literal('Patient') });
const repeatable = z.union([z.string().max(200), z.array(z.string().max(200)).max(5)]).optional();
const values = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const PATIENT_ID_SYSTEM = `${PIVOT_FHIR}/sid/patient`;

function fail(field: string, fr: string, en: string): never {
  throw new AppError('validation_failed', [{ field, message: fr }], { fr, en });
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, (c) => `\\${c}`);

/** FHIR string search: case- and accent-insensitive match at the start of any part of the name. */
function startsAnyPart(column: 'search_name' | 'family' | 'given', value: string): Expression<SqlBool> {
  const v = value.trim();
  const target =
    column === 'search_name' ? sql`search_name`
    : column === 'family' ? sql`pivot_normalize(birth_name || ' ' || coalesce(used_name, ''))`
    : sql`pivot_normalize(given_names || ' ' || coalesce(used_first_name, ''))`;
  // The LIKE lets the trigram index narrow the rows; the regex keeps « start of a part » semantics.
  return sql<SqlBool>`(search_name LIKE ('%' || pivot_normalize(${escapeLike(v)}) || '%') AND ${target} ~ ('(^|[ ''-])' || pivot_normalize(${escapeRegex(v)})))`;
}

function birthdateCondition(raw: string): Expression<SqlBool> {
  const m = raw.trim().match(/^(eq|ne|gt|lt|ge|le)?(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/);
  if (!m) fail('birthdate', `Paramètre birthdate « ${raw} » illisible : AAAA-MM-JJ, AAAA-MM ou AAAA, précédé éventuellement de eq, ne, gt, lt, ge, le.`, `Unreadable birthdate "${raw}".`);
  const [, prefix = 'eq', y, mo, d] = m;
  const start = new Date(Date.UTC(Number(y), mo ? Number(mo) - 1 : 0, d ? Number(d) : 1));
  if (start.getUTCFullYear() !== Number(y) || (mo && start.getUTCMonth() !== Number(mo) - 1) || (d && start.getUTCDate() !== Number(d))) {
    fail('birthdate', `La date « ${raw} » n’existe pas.`, `Date "${raw}" does not exist.`);
  }
  const end = new Date(start);
  if (d) end.setUTCDate(end.getUTCDate() + 1);
  else if (mo) end.setUTCMonth(end.getUTCMonth() + 1);
  else end.setUTCFullYear(end.getUTCFullYear() + 1);
  const s = start.toISOString().slice(0, 10);
  const e = end.toISOString().slice(0, 10);
  switch (prefix) {
    case 'eq': return sql<SqlBool>`(birth_date >= ${s}::date AND birth_date < ${e}::date)`;
    case 'ne': return sql<SqlBool>`(birth_date < ${s}::date OR birth_date >= ${e}::date)`;
    case 'gt': return sql<SqlBool>`(birth_date >= ${e}::date)`;
    case 'ge': return sql<SqlBool>`(birth_date >= ${s}::date)`;
    case 'lt': return sql<SqlBool>`(birth_date < ${s}::date)`;
    default: return sql<SqlBool>`(birth_date < ${e}::date)`;
  }
}

function identifierCondition(raw: string): Expression<SqlBool> {
  const bar = raw.indexOf('|');
  const system = bar >= 0 ? raw.slice(0, bar) : null;
  const value = (bar >= 0 ? raw.slice(bar + 1) : raw).replace(/\s/g, '').toUpperCase();
  if (!value) fail('identifier', 'Paramètre identifier : valeur manquante (system|valeur).', 'identifier: missing value.');
  const oid = system?.startsWith('urn:oid:') ? system.slice(8) : null;
  if (system === null) {
    return sql<SqlBool>`(nir = ${value} OR ins_matricule = ${value} OR id::text = ${value.toLowerCase()})`;
  }
  if (oid && INS_OIDS.includes(oid)) {
    // The INS is only disclosed, hence only searchable, on qualified identities.
    return sql<SqlBool>`(ins_matricule = ${value} AND ins_oid = ${oid} AND identity_status = 'qualifiee')`;
  }
  if (system === NIR_DECLARED_SYSTEM) return sql<SqlBool>`(nir = ${value})`;
  if (system === PATIENT_ID_SYSTEM) return sql<SqlBool>`(id::text = ${value.toLowerCase()})`;
  return sql<SqlBool>`false`;
}

function baseUrl(req: FastifyRequest): string {
  return `${req.protocol}://${req.headers.host ?? 'localhost'}/fhir/R4`;
}

async function fhirOf(tx: Tx, practiceId: string, row: PatientRow) {
  return toFhirPatient(row, await legalRepresentatives(tx, practiceId, row.id));
}

function readResource(body: Record<string, unknown>) {
  const parsed = fromFhirPatient(body);
  if (!parsed.ok) {
    throw new AppError('validation_failed', parsed.issues, {
      fr: `Patient refusé, rien n’a été enregistré : ${parsed.issues.map((i) => i.message.fr).join(' ')}`,
      en: `Patient refused, nothing was saved: ${parsed.issues.map((i) => i.message.en).join(' ')}`,
    });
  }
  const checked = checkIdentity(parsed.identity);
  if (!checked.ok) {
    const err = invalidIdentity(checked.issues);
    throw new AppError('validation_failed', checked.issues.map((i) => ({ field: FHIR_FIELD[i.field] ?? i.field, message: { fr: i.fr, en: i.en } })), err.overrideMessage);
  }
  return parsed;
}

export function patientFhirRoutes(): RouteDef[] {
  return [
    route({
      method: 'GET',
      url: '/fhir/R4/Patient',
      summary: 'FHIR R4 : rechercher des Patient (name, family, given, phonetic, birthdate, identifier, gender, _count)',
      tags: ['fhir'],
      access: STAFF,
      query: z.object({
        name: repeatable,
        family: repeatable,
        given: repeatable,
        phonetic: repeatable,
        birthdate: repeatable,
        identifier: repeatable,
        gender: z.enum(['female', 'male', 'unknown', 'other']).optional(),
        _count: z.coerce.number().int().min(0).max(100).default(20),
      }),
      response: z.looseObject({ resourceType: z.literal('Bundle') }),
      audit: { action: 'patient.searched', resourceType: 'patient', details: (_p, r) => ({ fhir: true, results: (r as { entry?: unknown[] }).entry?.length ?? 0 }) },
      async handler({ ctx, tx, query, req }) {
        let q = tx.selectFrom('patients').selectAll().where('practice_id', '=', ctx.practiceId).where('merged_into_id', 'is', null);
        // Comma-separated values are ORed (FHIR), repeated parameters ANDed.
        const anyOf = (list: string[], f: (v: string) => Expression<SqlBool>) => {
          const parts = list.flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
          if (parts.length === 0) return;
          q = q.where((eb) => eb.or(parts.map(f)));
        };
        for (const v of values(query.name)) anyOf([v], (x) => startsAnyPart('search_name', x));
        for (const v of values(query.family)) anyOf([v], (x) => startsAnyPart('family', x));
        for (const v of values(query.given)) anyOf([v], (x) => startsAnyPart('given', x));
        let orderBy: string | null = null;
        for (const v of values(query.phonetic)) {
          anyOf([v], (x) => {
            const keys = wordKeys(x);
            return sql<SqlBool>`(pivot_normalize(${x}) <% search_name OR phonetic_keys @> ${keys.length ? keys : ['\u0000']}::text[])`;
          });
          orderBy = v;
        }
        for (const v of values(query.birthdate)) q = q.where(birthdateCondition(v));
        for (const v of values(query.identifier)) anyOf([v], identifierCondition);
        if (query.gender) q = q.where('sex', '=', query.gender === 'female' ? 'F' : query.gender === 'male' ? 'M' : 'U');
        if (orderBy) q = q.orderBy(sql`pivot_normalize(${orderBy}) <<-> search_name`);
        const rows = await q.orderBy('birth_name').orderBy('id').limit(query._count + 1).execute();
        const page = rows.slice(0, query._count);
        const base = baseUrl(req);
        return {
          resourceType: 'Bundle' as const,
          type: 'searchset',
          ...(rows.length <= query._count ? { total: page.length } : {}),
          link: [{ relation: 'self', url: `${base}/Patient${req.url.includes('?') ? req.url.slice(req.url.indexOf('?')) : ''}` }],
          entry: await Promise.all(
            page.map(async (r) => ({ fullUrl: `${base}/Patient/${r.id}`, resource: await fhirOf(tx, ctx.practiceId, r), search: { mode: 'match' } })),
          ),
        };
      },
    }),
    route({
      method: 'GET',
      url: '/fhir/R4/Patient/:id',
      summary: 'FHIR R4 : lire un Patient',
      tags: ['fhir'],
      access: STAFF,
      params: idParams,
      response: patientResource,
      audit: { action: 'patient.read', resourceType: 'patient', resourceId: (p) => p.id, details: () => ({ fhir: true }) },
      async handler({ ctx, tx, params, reply }) {
        const row = await findPatient(tx, ctx.practiceId, params.id);
        reply.header('etag', `W/"${row.version}"`);
        return fhirOf(tx, ctx.practiceId, row);
      },
    }),
    route({
      method: 'POST',
      url: '/fhir/R4/Patient',
      summary: 'FHIR R4 : créer un Patient (identité provisoire ; un NIR envoyé est un NIR déclaré, seul INSi fait un INS)',
      tags: ['fhir'],
      access: STAFF,
      status: 201,
      body: patientResource,
      response: patientResource,
      audit: 'none', // createPatient records patient.created
      async handler({ ctx, tx, body, req, reply }) {
        const parsed = readResource(body);
        const { row } = await createPatient(tx, ctx, { identity: parsed.identity, phones: parsed.phones, email: parsed.email, checkDuplicates: false });
        let current = row;
        if (parsed.address) {
          await updateAdministrative(tx, ctx, row.id, {
            contact: { phones: parsed.phones, email: parsed.email, address: parsed.address, smsConsent: false, emailConsent: false, preferredLanguage: 'fr' },
          });
          current = await findPatient(tx, ctx.practiceId, row.id);
        }
        reply.header('location', `${baseUrl(req)}/Patient/${row.id}/_history/${current.version}`);
        reply.header('etag', `W/"${current.version}"`);
        return fhirOf(tx, ctx.practiceId, current);
      },
    }),
    route({
      method: 'PUT',
      url: '/fhir/R4/Patient/:id',
      summary: 'FHIR R4 : mettre à jour un Patient (un trait strict modifié ramène l’identité au statut provisoire)',
      tags: ['fhir'],
      access: STAFF,
      params: idParams,
      body: patientResource,
      response: patientResource,
      audit: 'none', // updateIdentity / updateAdministrative record the changes
      async handler({ ctx, tx, params, body, reply }) {
        // The URL's id arrives lowered by the route layer; the resource's own id is free JSON, in any case.
        if (body.id !== undefined && String(body.id).toLowerCase() !== params.id) {
          fail('Patient.id', `L’id de la ressource (${String(body.id)}) diffère de celui de l’adresse (${params.id}).`, 'Resource id differs from the URL id.');
        }
        const existing = await findPatient(tx, ctx.practiceId, params.id);
        const parsed = readResource(body);
        await updateIdentity(tx, ctx, params.id, { ...parsed.identity, reason: 'Mise à jour par l’API FHIR (PUT Patient)' });
        await updateAdministrative(tx, ctx, params.id, {
          contact: {
            phones: parsed.phones,
            email: parsed.email,
            address: parsed.address,
            smsConsent: existing.sms_consent,
            emailConsent: existing.email_consent,
            preferredLanguage: existing.preferred_language,
          },
        });
        const row = await findPatient(tx, ctx.practiceId, params.id);
        reply.header('etag', `W/"${row.version}"`);
        return fhirOf(tx, ctx.practiceId, row);
      },
    }),
  ];
}
