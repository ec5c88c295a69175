import crypto from 'node:crypto';
import net from 'node:net';
import { sql } from 'kysely';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteDef } from './route.js';
import { bearer, createTestPivot, loginWithEveryRole, type TestPivot } from '../../../../tests/helpers.js';
import { pdf } from '../../documents/test-fixtures.js';
import { createLogger } from '../logger.js';
import { buildHttpServer } from './app.js';
import { publicRoute } from './route.js';

/**
 * What an outsider can type at the edge — identifiers in another spelling, hostile strings in paths and query
 * strings, requests the framework or Node itself refuses — proven on every route by walking the route table:
 * never a 5xx, always the documented error shape, and one canonical spelling of every id behind the edge.
 */
let pivot: TestPivot;
let token: string; // every role in the Tilleuls practice
let practiceId: string;
let patientId: string;
let documentId: string;
const realIds: string[] = []; // one record of each practice-scoped table of the Tilleuls

const paramNames = (url: string) => [...url.matchAll(/:(\w+)/g)].map((m) => m[1]!);
const fill = (url: string, value: string) => url.replace(/:(\w+)/g, value);
const label = (r: RouteDef) => `${r.method} ${r.url}`;
const get = (url: string, headers: Record<string, string> = {}) => pivot.app.inject({ method: 'GET', url, headers: { ...bearer(token), ...headers } });

/** The documented error shape (`{"error":{"code","message","details"?}}`), or a FHIR OperationOutcome on /fhir. */
function expectErrorShape(body: string, what: string, language: 'fr' | 'en' = 'fr'): string {
  const json = JSON.parse(body) as { error?: { code?: unknown; message?: unknown }; resourceType?: string; issue?: { diagnostics?: string; details?: { text?: string } }[] };
  let code: unknown;
  let message: unknown;
  if (json.resourceType === 'OperationOutcome') {
    code = json.issue?.[0]?.diagnostics?.split(':')[0];
    message = json.issue?.[0]?.details?.text;
  } else {
    expect(Object.keys(json), what).toEqual(['error']);
    expect(Object.keys(json.error!).filter((k) => !['code', 'message', 'details'].includes(k)), what).toEqual([]);
    ({ code, message } = json.error!);
  }
  expect(code, what).toMatch(/^[a-z][a-z0-9]*(_[a-z0-9]+)*$/);
  expect(typeof message === 'string' && message.length > 0, what).toBe(true);
  // French messages carry French words or accents; English ones do not.
  if (language === 'fr') expect(message, what).toMatch(/[éèàùçêô’']|\b(la|le|les|des|une?|est|sont|cette|ce)\b/i);
  else expect(message, what).not.toMatch(/[éèàùçêô]|\b(les|des|une|est|cette)\b/i);
  return code as string;
}

beforeAll(async () => {
  pivot = await createTestPivot();
  const db = pivot.database.db;
  practiceId = (await db.selectFrom('practices').select('id').where('slug', '=', 'maison-de-sante-des-tilleuls').executeTakeFirstOrThrow()).id;
  const everyRole = await loginWithEveryRole(pivot, 'edge-all-roles@test.pivot', practiceId);
  token = everyRole.token;
  patientId = (await db.selectFrom('patients').select('id').where('practice_id', '=', practiceId).orderBy('id').executeTakeFirstOrThrow()).id;

  // A stored document, to read it back under another spelling of its id.
  const boundary = `----Edge${crypto.randomBytes(6).toString('hex')}`;
  const part = (head: string, body: Buffer | string) => [Buffer.from(`--${boundary}\r\n${head}\r\n\r\n`), Buffer.from(body), Buffer.from('\r\n')];
  const payload = Buffer.concat([
    ...part('Content-Disposition: form-data; name="type"', 'referral_letter'),
    ...part('Content-Disposition: form-data; name="file"; filename="lettre.pdf"\r\nContent-Type: application/pdf', pdf('EDGE')),
    Buffer.from(`--${boundary}--\r\n`),
  ]);
  const up = await pivot.app.inject({ method: 'POST', url: `/api/patients/${patientId}/documents`, headers: { ...bearer(token), 'content-type': `multipart/form-data; boundary=${boundary}` }, payload });
  expect(up.statusCode, up.body).toBe(201);
  documentId = up.json().document.id;

  // One id of every practice-scoped table: whatever a route reads by id tomorrow is covered too.
  const { rows: tables } = await sql<{ table_name: string }>`
    SELECT c.table_name FROM information_schema.columns c
    JOIN information_schema.columns p ON p.table_schema = c.table_schema AND p.table_name = c.table_name AND p.column_name = 'practice_id'
    WHERE c.table_schema = 'public' AND c.column_name = 'id' AND c.data_type = 'uuid' ORDER BY 1`.execute(db);
  for (const { table_name } of tables) {
    const { rows } = await sql<{ id: string }>`SELECT id::text FROM ${sql.table(table_name)} WHERE practice_id = ${practiceId} LIMIT 1`.execute(db);
    if (rows[0]) realIds.push(rows[0].id);
  }
  realIds.push(practiceId, everyRole.accountId);
}, 120_000);
afterAll(async () => pivot?.close());

describe('identifiers in another spelling', () => {
  it('answers every GET route with a path parameter the same for an upper-case id as for the canonical one', async () => {
    const routes = pivot.routes.filter((r) => r.method === 'GET' && paramNames(r.url).length > 0);
    expect(routes.length).toBeGreaterThan(10);
    let found = 0;
    for (const r of routes) {
      for (const id of realIds) {
        const lower = await get(fill(r.url, id));
        const upper = await get(fill(r.url, id.toUpperCase()));
        const what = `${label(r)} with ${id.toUpperCase()}`;
        expect(upper.statusCode, what).toBeLessThan(500);
        expect(upper.statusCode, what).toBe(lower.statusCode);
        if (lower.statusCode < 400) found++;
        else expectErrorShape(upper.body, what);
      }
    }
    expect(found, 'real ids reached some routes').toBeGreaterThan(5);
    // Every read was audited under the canonical spelling: the record's history shows it.
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_log WHERE resource_id <> lower(resource_id) AND resource_id ~* '^[0-9a-f-]{36}$'`.execute(pivot.database.db);
    expect(rows[0]!.n).toBe(0);
  });

  it('audits a patient read (REST and FHIR) under the canonical id, shown in the patient’s audit history', async () => {
    const before = (await get(`/api/audit?resourceId=${patientId}&limit=500`)).json().entries.length as number;
    expect((await get(`/api/patients/${patientId.toUpperCase()}`)).statusCode).toBe(200);
    const fhir = await get(`/fhir/R4/Patient/${patientId.toUpperCase()}`);
    expect(fhir.statusCode).toBe(200);
    expect(fhir.json().id).toBe(patientId);
    const history = (await get(`/api/audit?resourceId=${patientId}&limit=500`)).json().entries as { action: string; resourceId: string }[];
    expect(history.length).toBe(before + 2);
    expect(history.slice(0, 2).every((e) => e.resourceId === patientId)).toBe(true);
    // The history can be asked for under either spelling.
    expect((await get(`/api/audit?resourceId=${patientId.toUpperCase()}&limit=500`)).json().entries.length).toBe(history.length);
  });

  it('reads a document under an upper-case id: its content, no false tamper alarm', async () => {
    const res = await get(`/api/documents/${documentId.toUpperCase()}/content`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const alarms = await pivot.database.db.selectFrom('audit_log').select('id').where('action', '=', 'document.integrity_failed').execute();
    expect(alarms).toEqual([]);
  });

  it('hands every handler lower-case ids: path, query (any whole UUID), and the uuid fields of a JSON body only', async () => {
    let seen: unknown;
    const app = await buildHttpServer({
      db: pivot.database.db,
      log: createLogger('silent'),
      appendAudit: async () => {},
      resolveActor: async () => undefined,
      routes: [
        publicRoute({
          method: 'POST', url: '/api/echo/:id', summary: 'echo', tags: ['test'], access: 'public',
          params: z.object({ id: z.uuid() }),
          query: z.object({ ref: z.string().optional(), ids: z.union([z.uuid(), z.array(z.uuid())]).optional() }),
          body: z.object({
            patientId: z.uuid(),
            others: z.array(z.object({ id: z.uuid().nullable().optional() })),
            byId: z.record(z.uuid(), z.uuid()),
            note: z.string(), // free text: kept as typed, even when it looks like an id
          }),
          handler: async ({ params, query, body }) => {
            seen = { params, query, body };
            return {};
          },
        }),
      ],
    });
    const U = patientId.toUpperCase();
    const res = await app.inject({ method: 'POST', url: `/api/echo/${U}?ref=${U}&ids=${U}&ids=${U}`, payload: { patientId: U, others: [{ id: U }, { id: null }], byId: { [U]: U }, note: U } });
    expect(res.statusCode, res.body).toBe(200);
    expect(seen).toEqual({
      params: { id: patientId },
      query: { ref: patientId, ids: [patientId, patientId] },
      body: { patientId, others: [{ id: patientId }, { id: null }], byId: { [patientId]: patientId }, note: U },
    });
    await app.close();
  });

  it('compares body ids with stored ones whatever their case (waiting list: « not this patient’s appointment »)', async () => {
    const db = pivot.database.db;
    const appointment = await db.selectFrom('appointments').select(['id', 'patient_id']).where('practice_id', '=', practiceId).executeTakeFirstOrThrow();
    const res = await pivot.app.inject({
      method: 'POST', url: '/api/agenda/waiting-list', headers: bearer(token),
      payload: { patientId: appointment.patient_id.toUpperCase(), currentAppointmentId: appointment.id.toUpperCase() },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().entry.patientId).toBe(appointment.patient_id);
  });
});

const HOSTILE = ['-', "'", '_', '%25', '%3F', '?', '%', '😀', '\u202E', '\u200B', '...', '!!', '--', "';--", '"', '\\', '%00', ' ', '..%2F..', 'x'.repeat(300), '\u202Egnp.exe'];

describe('hostile strings', () => {
  it('never answers 5xx to hostile path parameters or query values, on any route, and keeps the error shape', async () => {
    for (const r of pivot.routes.filter((x) => x.method === 'GET')) {
      const keys = r.query && 'shape' in r.query ? Object.keys((r.query as { shape: object }).shape) : [];
      if (paramNames(r.url).length === 0 && keys.length === 0) continue;
      for (const value of HOSTILE) {
        const encoded = /%/.test(value) ? value : encodeURIComponent(value);
        const urls = [
          ...(paramNames(r.url).length ? [fill(r.url, encoded)] : []),
          ...keys.map((k) => `${fill(r.url, realIds[0]!)}?${k}=${encoded}`),
        ];
        for (const url of urls) {
          const res = await get(url);
          expect(res.statusCode, `${url}`).toBeLessThan(500);
          if (res.statusCode >= 400) expectErrorShape(res.body, url);
        }
      }
    }
  });
});

describe('errors the framework or Node answers', () => {
  const cases: { name: string; status: number; code: string; request: () => ReturnType<typeof get> }[] = [
    { name: 'unknown route', status: 404, code: 'route_not_found', request: () => get('/api/nowhere') },
    { name: 'broken percent-encoding', status: 400, code: 'invalid_url', request: () => get('/api/patients/%E0%A4%A') },
    { name: 'path parameter of 5,000 characters', status: 414, code: 'uri_too_long', request: () => get(`/api/patients/${'a'.repeat(5000)}`) },
    {
      name: 'body too large',
      status: 413,
      code: 'payload_too_large',
      request: () => pivot.app.inject({ method: 'POST', url: '/api/patients', headers: { ...bearer(token), 'content-type': 'application/json' }, payload: JSON.stringify({ x: 'x'.repeat(2 * 1024 * 1024) }) }),
    },
    {
      name: 'unsupported media type',
      status: 415,
      code: 'unsupported_media_type',
      request: () => pivot.app.inject({ method: 'POST', url: '/api/patients', headers: { ...bearer(token), 'content-type': 'text/x-nothing' }, payload: 'x' }),
    },
    {
      name: 'malformed JSON',
      status: 400,
      code: 'invalid_json',
      request: () => pivot.app.inject({ method: 'POST', url: '/api/patients', headers: { ...bearer(token), 'content-type': 'application/json' }, payload: '{"a":' }),
    },
  ];
  for (const c of cases) {
    it(`${c.name}: ${c.status} in the documented shape, in French`, async () => {
      const res = await c.request();
      expect(res.statusCode, res.body).toBe(c.status);
      expect(res.headers['content-type']).toMatch(/json/);
      expect(expectErrorShape(res.body, c.name)).toBe(c.code);
    });
  }

  it('answers in English when the client asks, even before any route is found', async () => {
    for (const url of ['/api/nowhere', '/api/patients/%E0%A4%A', `/api/patients/${'a'.repeat(5000)}`]) {
      const res = await get(url, { 'accept-language': 'en' });
      expectErrorShape(res.body, url, 'en');
    }
  });

  it('answers a FHIR client with an OperationOutcome for a broken URL', async () => {
    const res = await get('/fhir/R4/Patient/%E0%A4%A');
    expect(res.statusCode).toBe(400);
    expect(res.json().resourceType).toBe('OperationOutcome');
  });

  it('answers requests Node refuses itself (431: 100 KB query string, garbage request line, no Host) in the documented shape', async () => {
    await pivot.app.listen({ port: 0, host: '127.0.0.1' });
    const port = (pivot.app.server.address() as net.AddressInfo).port;
    const raw = (request: string) =>
      new Promise<string>((resolve, reject) => {
        const socket = net.connect(port, '127.0.0.1', () => socket.write(request)); // the server closes: every request says Connection: close or is refused
        let data = '';
        socket.on('data', (d) => (data += d.toString('utf8')));
        socket.on('close', () => resolve(data));
        socket.on('error', (err) => (data ? resolve(data) : reject(err)));
      });
    const split = (response: string) => {
      const [head, ...rest] = response.split('\r\n\r\n');
      return { status: Number(head!.split(' ')[1]), head: head!, body: rest.join('\r\n\r\n') };
    };
    const long = split(await raw(`GET /api/patients?q=${'a'.repeat(100_000)} HTTP/1.1\r\nHost: x\r\n\r\n`));
    expect(long.status).toBe(431);
    expect(long.head).toMatch(/content-type: application\/json/i);
    expect(expectErrorShape(long.body, '431')).toBe('headers_too_large');
    const garbage = split(await raw('NOT HTTP AT ALL\r\n\r\n'));
    expect(garbage.status).toBe(400);
    expect(expectErrorShape(garbage.body, 'garbage')).toBe('bad_request');
    const noHost = split(await raw('GET /api/health HTTP/1.1\r\nConnection: close\r\n\r\n'));
    expect(noHost.status).toBe(400);
    expect(expectErrorShape(noHost.body, 'no Host')).toBe('bad_request');
    const ok = split(await raw('GET /api/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'));
    expect(ok.status).toBe(200);
  });
});
