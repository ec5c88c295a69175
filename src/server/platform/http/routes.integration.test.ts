import crypto from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../db/schema.js';
import { ROLES } from '../db/schema.js';
import type { RouteDef } from './route.js';
import { bearer, createTestPivot, DEMO_PASSWORD, type TestPivot } from '../../../../tests/helpers.js';
import { hashPassword } from '../../auth/passwords.js';
import { clock } from '../clock.js';
import { sql } from 'kysely';
import { bodyText, sample } from '../../../../tests/route-fuzz.js';
import { pdf } from '../../documents/test-fixtures.js';

// These walk every route (~30 s on a quiet machine, minutes on a loaded one). A timeout would also leave the walk's
// requests running into the next test, which then sees their writes: give the walk room rather than a false failure.
const ROUTE_WALK_TIMEOUT_MS = 900_000;

/** A one-page PDF upload form, for the routes that take a file (they answer 415 to anything else). */
function uploadForm(token: string): { headers: Record<string, string>; payload: Buffer } {
  const boundary = `----Routes${crypto.randomBytes(6).toString('hex')}`;
  const part = (head: string, body: Buffer | string) => [Buffer.from(`--${boundary}\r\n${head}\r\n\r\n`), Buffer.from(body), Buffer.from('\r\n')];
  const payload = Buffer.concat([
    ...part('Content-Disposition: form-data; name="type"', 'referral_letter'),
    ...part('Content-Disposition: form-data; name="file"; filename="lettre.pdf"\r\nContent-Type: application/pdf', pdf('ROUTES')),
    Buffer.from(`--${boundary}--\r\n`),
  ]);
  return { headers: { ...bearer(token), 'content-type': `multipart/form-data; boundary=${boundary}` }, payload };
}

/**
 * Promises that hold for every registered route, proven by walking the route table itself:
 * a route added tomorrow is covered without anyone remembering to add it here.
 */
let pivot: TestPivot;
let practiceA: string;
let practiceB: string;
let tokenA: string; // every role in practice A
const tokensByRole = new Map<Role, string>(); // exactly one role in practice A
const foreignIds: string[] = []; // identifiers of practice B's records
const foreignMarkers: string[] = []; // strings that only practice B's data contains
const foreignRecordIds: string[] = []; // one record of each of practice B's tables that has a uuid id

async function makeAccount(email: string, practiceId: string, roles: Role[]): Promise<string> {
  const db = pivot.database.db;
  const account = await db
    .insertInto('accounts')
    .values({ email, display_name: email, password_hash: await hashPassword(DEMO_PASSWORD), default_practice_id: practiceId })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('memberships').values({ practice_id: practiceId, account_id: account.id, roles }).execute();
  return pivot.login(email);
}

async function snapshotPracticeB(): Promise<string> {
  const db = pivot.database.db;
  const rows = await Promise.all([
    db.selectFrom('practices').selectAll().where('id', '=', practiceB).execute(),
    db.selectFrom('patients').selectAll().where('practice_id', '=', practiceB).orderBy('id').execute(),
    db.selectFrom('memberships').selectAll().where('practice_id', '=', practiceB).orderBy('account_id').execute(),
  ]);
  return crypto.createHash('sha256').update(JSON.stringify(rows)).digest('hex');
}

const authenticated = () => pivot.routes.filter((r): r is Extract<RouteDef, { access: { roles: unknown } }> => r.access !== 'public');
const paramNames = (url: string) => [...url.matchAll(/:(\w+)/g)].map((m) => m[1]!);
const fill = (url: string, value: string) => url.replace(/:(\w+)/g, value);
const label = (r: RouteDef) => `${r.method} ${r.url}`;
/** Error code of an answer: our `{error:{code}}` shape, or a FHIR OperationOutcome (`diagnostics: "code: message"`). */
function errorCode(body: string): string | undefined {
  const json = JSON.parse(body) as { error?: { code: string }; resourceType?: string; issue?: { diagnostics?: string }[] };
  if (json.resourceType === 'OperationOutcome') return json.issue?.[0]?.diagnostics?.split(':')[0];
  return json.error?.code;
}
function errorMessage(body: string): string | undefined {
  const json = JSON.parse(body) as { error?: { message: string }; resourceType?: string; issue?: { details?: { text?: string } }[] };
  if (json.resourceType === 'OperationOutcome') return json.issue?.[0]?.details?.text;
  return json.error?.message;
}

beforeAll(async () => {
  pivot = await createTestPivot();
  const db = pivot.database.db;
  practiceA = (await db.selectFrom('practices').select('id').where('slug', '=', 'maison-de-sante-des-tilleuls').executeTakeFirstOrThrow()).id;
  practiceB = (await db.selectFrom('practices').select('id').where('slug', '=', 'cabinet-du-dr-moreau').executeTakeFirstOrThrow()).id;
  tokenA = await makeAccount('all-roles-a@test.pivot', practiceA, [...ROLES]);
  for (const role of ROLES) tokensByRole.set(role, await makeAccount(`only-${role}@test.pivot`, practiceA, [role]));
  // Practice B's own staff acts there, so that B has audit entries and mails of its own.
  const moreau = await pivot.login('moreau@demo.pivot');
  const bPatients = await db.selectFrom('patients').select(['id', 'phone']).where('practice_id', '=', practiceB).execute();
  await pivot.app.inject({ method: 'GET', url: `/api/patients/${bPatients[0]!.id}`, headers: bearer(moreau) });
  const onlyB = await db
    .selectFrom('memberships')
    .select('account_id')
    .where('practice_id', '=', practiceB)
    .where('account_id', 'not in', db.selectFrom('memberships').select('account_id').where('practice_id', '=', practiceA))
    .execute();
  foreignIds.push(practiceB, ...bPatients.map((p) => p.id), ...onlyB.map((m) => m.account_id));
  foreignMarkers.push(...foreignIds, 'moreau@demo.pivot', ...bPatients.flatMap((p) => (p.phone ? [p.phone] : [])));
  const { rows: tables } = await sql<{ table_name: string }>`
    SELECT c.table_name FROM information_schema.columns c
    JOIN information_schema.columns p ON p.table_schema = c.table_schema AND p.table_name = c.table_name AND p.column_name = 'practice_id'
    WHERE c.table_schema = 'public' AND c.column_name = 'id' AND c.data_type = 'uuid' ORDER BY 1`.execute(db);
  for (const { table_name } of tables) {
    const { rows } = await sql<{ id: string }>`SELECT id::text FROM ${sql.table(table_name)} WHERE practice_id = ${practiceB} LIMIT 1`.execute(db);
    if (rows[0]) foreignRecordIds.push(rows[0].id);
  }
}, 120_000);
afterAll(async () => pivot?.close());

describe('every route', () => {
  it('the table is not empty and every authenticated route declares its audit rule', () => {
    expect(pivot.routes.length).toBeGreaterThanOrEqual(10);
    for (const r of authenticated()) expect(r.audit, label(r)).toBeDefined();
  });

  it('refuses anonymous callers with 401 on every authenticated route', async () => {
    for (const r of authenticated()) {
      const res = await pivot.app.inject({ method: r.method, url: fill(r.url, crypto.randomUUID()), payload: r.body ? {} : undefined });
      expect(res.statusCode, label(r)).toBe(401);
      expect(errorCode(res.body), label(r)).toBe('unauthenticated');
    }
  });

  it('refuses a forged or expired token', async () => {
    const expired = await pivot.login('accueil@demo.pivot');
    await pivot.database.db.updateTable('sessions').set({ expires_at: new Date(clock.nowMs() - 1000) }).execute();
    for (const token of ['forged-token-value', expired]) {
      const res = await pivot.app.inject({ method: 'GET', url: '/api/me', headers: bearer(token) });
      expect(res.statusCode).toBe(401);
    }
    // Sessions of the fixtures were expired too: log them in again.
    tokenA = await pivot.login('all-roles-a@test.pivot');
    for (const role of ROLES) tokensByRole.set(role, await pivot.login(`only-${role}@test.pivot`));
  });

  it('enforces the declared roles on every role-restricted route', async () => {
    let checked = 0;
    for (const r of authenticated()) {
      if (r.access.roles === 'any') continue;
      for (const role of ROLES) {
        if ((r.access.roles as readonly Role[]).includes(role)) continue;
        const res = await pivot.app.inject({ method: r.method, url: fill(r.url, crypto.randomUUID()), headers: bearer(tokensByRole.get(role)!), payload: r.body ? {} : undefined });
        expect(res.statusCode, `${label(r)} as ${role}`).toBe(403);
        expect(errorCode(res.body), `${label(r)} as ${role}`).toBe('forbidden');
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(5);
  });

  it('never reaches or changes another practice: foreign ids in every path parameter, foreign data in no answer', async () => {
    const before = await snapshotPracticeB();
    for (const r of authenticated()) {
      if (paramNames(r.url).length > 0) {
        for (const id of foreignIds) {
          for (const payload of [undefined, {}, { active: false }, { roles: ['secretary'] }]) {
            if (payload !== undefined && !r.body) continue;
            const res = await pivot.app.inject({ method: r.method, url: fill(r.url, id), headers: bearer(tokenA), payload });
            expect(res.statusCode, `${label(r)} with ${id}`).toBeGreaterThanOrEqual(400);
            expect(res.statusCode, `${label(r)} with ${id}`).toBeLessThan(500);
            for (const marker of foreignMarkers) expect(res.body.includes(marker), `${label(r)} leaked ${marker}`).toBe(false);
          }
        }
      } else if (r.method === 'GET') {
        const res = await pivot.app.inject({ method: 'GET', url: r.url, headers: bearer(tokenA) });
        expect(res.statusCode, label(r)).toBeLessThan(400);
        for (const marker of foreignMarkers) expect(res.body.includes(marker), `${label(r)} leaked ${marker}`).toBe(false);
      }
    }
    // Searching for a foreign patient's name by every means finds nothing of practice B.
    const bPatient = await pivot.database.db.selectFrom('patients').select(['birth_name', 'first_name']).where('practice_id', '=', practiceB).executeTakeFirstOrThrow();
    const search = await pivot.app.inject({ method: 'GET', url: `/api/patients?q=${encodeURIComponent(bPatient.birth_name)}&limit=100`, headers: bearer(tokenA) });
    for (const marker of foreignIds) expect(search.body.includes(marker)).toBe(false);
    expect(await snapshotPracticeB()).toBe(before);
  }, ROUTE_WALK_TIMEOUT_MS);

  it('answers malformed JSON with 400 invalid_json on every route that takes a body', async () => {
    for (const r of pivot.routes.filter((x) => x.body)) {
      const res = await pivot.app.inject({
        method: r.method,
        url: fill(r.url, crypto.randomUUID()),
        headers: { ...bearer(tokenA), 'content-type': 'application/json' },
        payload: '{"email": "x", ',
      });
      expect(res.statusCode, label(r)).toBe(400);
      expect(errorCode(res.body), label(r)).toBe('invalid_json');
      expect(errorMessage(res.body)).toMatch(/JSON mal formé/);
    }
  });

  it('answers wrong types and random JSON with a 4xx, never a 500, on every route', async () => {
    const wrongValues = [null, 12345, -1.5, true, [], ['x'], {}, 'texte', 'x'.repeat(5000), { $gt: '' }, '2026-13-45', '<script>'];
    for (const r of pivot.routes) {
      if (r.url === '/api/auth/logout' || r.url === '/api/auth/logout-all') continue; // would end the fixture's session
      const keys = r.body && 'shape' in r.body ? Object.keys((r.body as { shape: object }).shape) : ['x'];
      const bodies: unknown[] = [[], 'chaîne', 42, null, ...wrongValues.map((v) => Object.fromEntries(keys.map((k) => [k, v])))];
      for (const body of r.body ? bodies : [undefined]) {
        for (const param of ['not-a-uuid', '0', crypto.randomUUID()]) {
          const query = keys.length && r.query ? `?${Object.keys((r.query as { shape: object }).shape).map((k) => `${k}=%00abc`).join('&')}` : '';
          const res = await pivot.app.inject({ method: r.method, url: `${fill(r.url, param)}${query}`, headers: { ...bearer(tokenA), 'content-type': 'application/json' }, payload: body === undefined ? undefined : JSON.stringify(body) });
          expect(res.statusCode, `${label(r)} body=${JSON.stringify(body)?.slice(0, 60)} param=${param}`).toBeLessThan(500);
          if (res.statusCode >= 400 && res.body) expect(errorMessage(res.body), label(r)).toBeTruthy();
        }
      }
    }
  });

  it('survives arbitrary JSON bodies (property test) with no 5xx', async () => {
    const withBody = pivot.routes.filter((r) => r.body && r.url !== '/api/auth/password/change');
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...withBody), fc.jsonValue(), async (r, body) => {
        const res = await pivot.app.inject({ method: r.method, url: fill(r.url, crypto.randomUUID()), headers: bearer(tokenA), payload: JSON.stringify(body), });
        return res.statusCode < 500;
      }),
      { numRuns: 150 },
    );
  });

  it('answers 404 to an action on a record that is not the practice’s (or exists nowhere), and audits nothing naming it', async () => {
    // Every route with an id in its path, with a valid-looking body and query built from its own schemas, gets
    // the id of a record of practice B (one per table) and an id that exists nowhere. Allowed answers: 404, or a
    // 400 from the route's schema (details name where: body, querystring), which is refused before any handler
    // runs. Anything else means the handler acted on, or looked at, a record outside the practice.
    const nowhere = crypto.randomUUID();
    const ids = [...new Set([...foreignIds, ...foreignRecordIds])].slice(0, 40).concat(nowhere);
    const auditNaming = async () =>
      Number((await sql<{ n: string }>`SELECT count(*) AS n FROM audit_log WHERE resource_id = ANY(${ids}) OR details::text LIKE ANY(${ids.map((i) => `%${i}%`)})`.execute(pivot.database.db)).rows[0]!.n);
    const auditBefore = await auditNaming();
    const failures: string[] = [];
    let reachedHandler = 0;
    for (const r of authenticated()) {
      if (paramNames(r.url).length === 0 || /\/auth\/logout/.test(r.url)) continue;
      const queryValues = r.query && 'shape' in r.query ? sample(r.query) : {};
      const query = Object.entries((queryValues ?? {}) as Record<string, unknown>)
        .filter(([, v]) => v !== undefined && v !== null && typeof v !== 'object')
        .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`)
        .join('&');
      // The fullest body and the smallest one: a route may act on the id only when no optional field is given.
      const bodies = r.body ? [bodyText(sample(r.body)), bodyText(sample(r.body, [], [], 0, true))] : [undefined];
      for (const body of bodies) {
        for (const id of ids) {
          const url = `${fill(r.url, id)}${query ? `?${query}` : ''}`;
          const json = body === undefined ? {} : { headers: { ...bearer(tokenA), 'content-type': 'application/json' }, payload: body };
          let res = await pivot.app.inject({ method: r.method, url, headers: bearer(tokenA), ...json });
          if (res.statusCode === 415 && !r.body) res = await pivot.app.inject({ method: r.method, url, ...uploadForm(tokenA) });
          if (res.statusCode === 404) {
            reachedHandler++;
            continue;
          }
          const error = res.body ? (JSON.parse(res.body) as { error?: { code?: string; details?: { in?: string }[] } }).error : undefined;
          const refusedBySchema = res.statusCode === 400 && error?.code === 'validation_failed' && Array.isArray(error.details) && error.details.every((d) => !!d.in);
          if (!refusedBySchema) failures.push(`${label(r)} ${body ?? ''} with ${id === nowhere ? 'an id that exists nowhere' : `practice B's ${id}`} → ${res.statusCode} ${res.body.slice(0, 160)}`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(reachedHandler, 'valid-looking requests reach most handlers').toBeGreaterThan(100);
    expect(await auditNaming(), 'audit entries naming a foreign or non-existent id').toBe(auditBefore);
  });
});
