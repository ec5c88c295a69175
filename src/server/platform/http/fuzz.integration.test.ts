import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_BODY_LIMIT, type RouteDef } from './route.js';
import { bearer, createTestPivot, loginWithEveryRole, type TestPivot } from '../../../../tests/helpers.js';
import {
  errorShapeProblem,
  fixedCases,
  HOSTILE_STRINGS,
  idSpellings,
  fill,
  label,
  LONG_STRINGS,
  randomCase,
  type FuzzRequest,
} from '../../../../tests/route-fuzz.js';

// These walk every route (~30 s on a quiet machine, minutes on a loaded one). A timeout would also leave the walk's
// requests running into the next test, which then sees their writes: give the walk room rather than a false failure.
const ROUTE_WALK_TIMEOUT_MS = 900_000;

/**
 * The route table, fuzzed: every route and method, with a session holding every role, gets hostile strings in
 * every string field of a valid-looking body, in its query values and path parameters, ids in other spellings,
 * numbers at the edges, depth-10,000 nesting and prototype keys (tests/route-fuzz.ts builds the cases from the
 * route's own schemas), then random cases drawn by fast-check with a fixed seed. Every answer: never a 5xx, every
 * 4xx in the documented shape, and nothing written by a rejected request.
 */
let pivot: TestPivot;
let token: string;
let practiceId: string;
const realIds: string[] = []; // one record of each practice-scoped table: path ids that reach a handler
const problems: string[] = [];

/**
 * « Nothing written » as a fingerprint of the whole database: for each table its row count and the highest
 * `xmin` of its live rows. Every committed insert or update gives a row a new `xmin` (PostgreSQL writes a new row
 * version), every committed delete lowers a count: a write that commits moves it, a rolled-back one does not —
 * which is the promise (a rejected request may write inside its transaction as long as the rollback undoes it).
 * Tables written by the audit sealer (`audit_*`: it stamps hashes on committed entries ~100 ms after any earlier
 * successful request) are compared by row count only: a rejected request must add no audit entry, while the
 * sealer never adds or removes one. Row counts and max(updated_at) would miss an update that keeps updated_at
 * (several tables have none); statistics counters (pg_stat_*) are flushed late and count rolled-back writes.
 */
let fingerprintSql: string;
let lastXid = -1n;
let lastFingerprint = '';
async function fingerprint(): Promise<string> {
  // Shortcut: PostgreSQL gives a transaction id to whatever writes (rolled back or not). This query takes one; if it
  // is the next after the previous call's, nobody wrote in between and the tables cannot have changed.
  const { rows: xid } = await sql<{ x: string }>`SELECT pg_current_xact_id()::text AS x`.execute(pivot.database.db);
  const current = BigInt(xid[0]!.x);
  const quiet = current === lastXid + 1n;
  lastXid = current;
  if (quiet) return lastFingerprint;
  const { rows } = await sql.raw<{ t: string; n: string; x: string | null }>(fingerprintSql).execute(pivot.database.db);
  lastFingerprint = rows.map((r) => `${r.t}:${r.n}:${r.x ?? ''}`).join(' ');
  // The scan itself took no id (a read), so the next shortcut compares with this call's.
  return lastFingerprint;
}
function changedTables(before: string, after: string): string[] {
  const a = new Set(after.split(' '));
  return before.split(' ').filter((t) => !a.has(t)).map((t) => t.split(':')[0]!);
}

/**
 * Writes a rejected request makes on purpose. A failed login records `auth.login_failed` and the failure count (the
 * lockout: the account's, or `login_failures_unknown` for an address without an account) in their own transaction:
 * that trace is the point. The installation's link key
 * (`agenda_link_keys`, one row) is created once by whichever request first needs it, a refused link included: not
 * practice data, and never written again.
 */
function expectedWrites(r: RouteDef): string[] {
  return r.method === 'POST' && r.url === '/api/auth/login' ? ['audit_log', 'accounts', 'login_failures_unknown', 'agenda_link_keys'] : ['agenda_link_keys'];
}

async function send(r: RouteDef, c: FuzzRequest) {
  const headers: Record<string, string> = { ...bearer(token), 'content-type': 'application/json' };
  return pivot.app.inject({ method: c.method, url: c.url, headers, ...(c.payload === undefined ? {} : { payload: c.payload }) });
}

/** Sends one case and records what breaks a promise (collected, so one run shows every finding). */
async function check(r: RouteDef, c: FuzzRequest, before: string): Promise<string> {
  let res = await send(r, c);
  if (res.statusCode === 401 && r.access !== 'public') {
    // A case may have ended the fixture's session (a valid-looking logout): log in again and replay it once.
    token = await pivot.login('fuzz-all-roles@test.pivot');
    res = await send(r, c);
  }
  const what = `${label(r)} [${c.what}] → ${res.statusCode}`;
  if (res.statusCode >= 500) problems.push(`${what} ${res.body.slice(0, 200)}`);
  if (res.statusCode < 400) return fingerprint();
  const shape = errorShapeProblem(res.body, r.url.startsWith('/fhir/'));
  if (shape) problems.push(`${what} error shape: ${shape}`);
  const after = await fingerprint();
  const tables = changedTables(before, after).filter((t) => !expectedWrites(r).includes(t));
  if (tables.length) {
    const audit = tables.includes('audit_log')
      ? (await pivot.database.db.selectFrom('audit_log').select(['action', 'resource_id']).orderBy('occurred_at', 'desc').limit(2).execute()).map((e) => `${e.action} ${e.resource_id}`)
      : [];
    problems.push(`${what} wrote to ${tables.join(', ')} although rejected ${audit.join('; ')}`);
  }
  return after;
}

/**
 * Routes fuzzed: all but the two that end the fixture's session. (Event streams answer a JSON description to a
 * client that does not ask for `text/event-stream`, so they are fuzzed like the rest.)
 */
const fuzzed = () => pivot.routes.filter((r) => !/\/auth\/logout/.test(r.url));

beforeAll(async () => {
  pivot = await createTestPivot();
  const db = pivot.database.db;
  practiceId = (await db.selectFrom('practices').select('id').where('slug', '=', 'maison-de-sante-des-tilleuls').executeTakeFirstOrThrow()).id;
  const everyRole = await loginWithEveryRole(pivot, 'fuzz-all-roles@test.pivot', practiceId);
  token = everyRole.token;

  const { rows: tables } = await sql<{ table_name: string; has_id: boolean; has_practice: boolean }>`
    SELECT t.table_name,
      EXISTS (SELECT 1 FROM information_schema.columns c WHERE c.table_schema = 'public' AND c.table_name = t.table_name AND c.column_name = 'id' AND c.data_type = 'uuid') AS has_id,
      EXISTS (SELECT 1 FROM information_schema.columns c WHERE c.table_schema = 'public' AND c.table_name = t.table_name AND c.column_name = 'practice_id') AS has_practice
    FROM information_schema.tables t WHERE t.table_schema = 'public' AND t.table_type = 'BASE TABLE' ORDER BY 1`.execute(db);
  fingerprintSql = tables
    .map(({ table_name: t }) => `SELECT '${t}' AS t, count(*)::text AS n, ${t.startsWith('audit_') ? 'NULL' : 'max(xmin::text::bigint)::text'} AS x FROM "${t}"`)
    .join(' UNION ALL ');
  for (const { table_name } of tables.filter((t) => t.has_id && t.has_practice)) {
    const { rows } = await sql<{ id: string }>`SELECT id::text FROM ${sql.table(table_name)} WHERE practice_id = ${practiceId} LIMIT 1`.execute(db);
    if (rows[0]) realIds.push(rows[0].id);
  }
  realIds.push(practiceId, everyRole.accountId);
}, 120_000);
afterAll(async () => pivot?.close());

describe('the route table, fuzzed', () => {
  it('builds cases for every route from its own schemas', () => {
    expect(fuzzed().length).toBeGreaterThan(100);
    const withBody = fuzzed().filter((r) => r.body);
    for (const r of withBody) expect(fixedCases(r, realIds[0]!).some((c) => c.what === '__proto__ key'), label(r)).toBe(true);
    const withStringCases = withBody.filter((r) => fixedCases(r, realIds[0]!).some((c) => c.what.startsWith('body strings')));
    expect(withStringCases.length / withBody.length).toBeGreaterThan(0.7); // the others take only booleans, enums and numbers
    expect(idSpellings(realIds[0]!).every((s) => s !== realIds[0])).toBe(true);
  });

  it('fixed hostile cases on every route: never a 5xx, the documented error shape, nothing written when rejected', async () => {
    let before = await fingerprint();
    let sent = 0;
    for (const r of fuzzed()) {
      for (const c of fixedCases(r, realIds[sent % realIds.length]!)) {
        before = await check(r, c, before);
        sent++;
      }
    }
    expect(sent).toBeGreaterThan(2000);
    expect(problems).toEqual([]);
  }, ROUTE_WALK_TIMEOUT_MS);

  it('random hostile values in a random field of every route (fast-check, fixed seed)', async () => {
    problems.length = 0;
    let before = await fingerprint();
    const routes = fuzzed();
    const values = [...HOSTILE_STRINGS, ...LONG_STRINGS, ...realIds.flatMap(idSpellings), ...realIds];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...routes),
        fc.nat(),
        fc.oneof(fc.constantFrom(...values), fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 40 })),
        fc.constantFrom(...realIds),
        async (r, slot, value, pathId) => {
          before = await check(r, randomCase(r, pathId, { slot, value }), before);
          return true;
        },
      ),
      { seed: 20261206, numRuns: 600 },
    );
    expect(problems).toEqual([]);
  }, ROUTE_WALK_TIMEOUT_MS);

  it('audited raw answers (CSV exports) leave only once their audit entry is committed', async () => {
    const count = async (action: string) =>
      Number((await pivot.database.db.selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).where('action', '=', action).executeTakeFirstOrThrow()).n);
    for (const [url, action] of [['/api/audit/export.csv', 'audit.exported'], ['/api/desk-stats/export.csv', 'desk_stats.exported']] as const) {
      const before = await count(action);
      const res = await pivot.app.inject({ method: 'GET', url, headers: bearer(token) });
      expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
      expect(res.headers['content-type']).toMatch(/text\/csv/);
      // Read the moment the answer arrives: the entry must already be there, not committed a little later.
      expect(await count(action), url).toBe(before + 1);
    }
  });

  it('every route refuses a body over its own limit with 413 (64 KB unless it declares more), before reading it', async () => {
    for (const r of fuzzed().filter((x) => x.method !== 'GET')) {
      const limit = r.bodyLimit ?? DEFAULT_BODY_LIMIT;
      const payload = JSON.stringify({ x: 'x'.repeat(limit) });
      const res = await pivot.app.inject({ method: r.method, url: fill(r.url, realIds[0]!), headers: { ...bearer(token), 'content-type': 'application/json' }, payload });
      // A public route's rate limit (checked on arrival) may answer first: refused before reading too.
      expect([413, 429], label(r)).toContain(res.statusCode);
      expect(errorShapeProblem(res.body, r.url.startsWith('/fhir/')), label(r)).toBeUndefined();
    }
    // A route that needs more says so: a phone transcript of 20,000 characters is still read.
    const transcript = await pivot.app.inject({
      method: 'POST', url: '/api/assistant/phone/transcript', headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ callId: 'fuzz-limit', transcript: '\u0001'.repeat(20_000) }),
    });
    expect(transcript.statusCode, transcript.body).not.toBe(413);
  });
});
