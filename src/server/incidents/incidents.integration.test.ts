import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestPivot, type TestPivot } from '../../../tests/helpers.js';
import { seedIncidentsDemo } from './demo.js';
import { clock } from '../platform/clock.js';

/** The incident log: anyone declares, administrators read everything, a declarant reads their own. */
let pivot: TestPivot;
let desk: string; // accueil@ — secretary
let otherSecretary: string; // secretaire@
let practitioner: string; // medecin@
let admin: string; // admin@
let moreau: string; // admin of the other practice
let deskId: string;
let martinId: string;
let moreauId: string;
let patientA: string;

const inject = (token: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
  pivot.app.inject({ method, url, headers: bearer(token), ...(payload ? { payload } : {}) });
const accountId = async (email: string) => (await pivot.database.db.selectFrom('accounts').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;

beforeAll(async () => {
  pivot = await createTestPivot();
  desk = await pivot.login('accueil@demo.pivot');
  otherSecretary = await pivot.login('secretaire@demo.pivot');
  practitioner = await pivot.login('medecin@demo.pivot');
  admin = await pivot.login('admin@demo.pivot');
  moreau = await pivot.login('moreau@demo.pivot');
  deskId = await accountId('accueil@demo.pivot');
  martinId = await accountId('medecin@demo.pivot');
  moreauId = await accountId('moreau@demo.pivot');
  const practiceA = (await pivot.database.db.selectFrom('practices').select('id').where('slug', '=', 'maison-de-sante-des-tilleuls').executeTakeFirstOrThrow()).id;
  patientA = (await pivot.database.db.selectFrom('patients').select('id').where('practice_id', '=', practiceA).limit(1).executeTakeFirstOrThrow()).id;
}, 120_000);
afterAll(async () => pivot?.close());

const declaration = () => ({
  kind: 'aggressive_behaviour',
  occurredAt: new Date(clock.nowMs() - 3600_000).toISOString(),
  place: 'Salle d’attente',
  description: 'Un patient a renversé des chaises et insulté la secrétaire.',
  severity: 'high',
  staffIds: [deskId, martinId],
  patientId: patientA,
  others: 'Deux témoins',
  followUp: ['police_called'],
});

describe('incident log', () => {
  let id = '';

  it('a secretary declares an incident; she sees it, the administrator sees it, a colleague does not', async () => {
    const r = await inject(desk, 'POST', '/api/incidents', declaration());
    expect(r.statusCode, r.body).toBe(201);
    const inc = r.json().incident;
    id = inc.id;
    expect(inc).toMatchObject({ status: 'open', severity: 'high', followUp: ['police_called'], declaredBy: { id: deskId } });
    expect(inc.staff.map((s: { id: string }) => s.id).sort()).toEqual([deskId, martinId].sort());
    expect(inc.patient.id).toBe(patientA);

    const own = await inject(desk, 'GET', '/api/incidents');
    expect(own.json()).toMatchObject({ seesAll: false });
    expect(own.json().incidents.map((i: { id: string }) => i.id)).toEqual([id]);
    const adminList = await inject(admin, 'GET', '/api/incidents');
    expect(adminList.json().seesAll).toBe(true);
    expect(adminList.json().incidents.map((i: { id: string }) => i.id)).toContain(id);
    expect((await inject(admin, 'GET', `/api/incidents/${id}`)).statusCode).toBe(200);
    // Not the declarant, not an admin: invisible (404), even when named in it.
    expect((await inject(otherSecretary, 'GET', `/api/incidents/${id}`)).statusCode).toBe(404);
    expect((await inject(practitioner, 'GET', `/api/incidents/${id}`)).statusCode).toBe(404);
    expect((await inject(practitioner, 'GET', '/api/incidents')).json().incidents).toEqual([]);
    expect((await inject(moreau, 'GET', `/api/incidents/${id}`)).statusCode).toBe(404);
  });

  it('only an administrator follows up and closes; the database keeps closing consistent', async () => {
    expect((await inject(desk, 'PATCH', `/api/incidents/${id}`, { status: 'closed' })).statusCode).toBe(403);
    const r = await inject(admin, 'PATCH', `/api/incidents/${id}`, { followUp: ['police_called', 'complaint_filed', 'ordre_informed'], followUpNote: 'Plainte déposée.', status: 'closed' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().incident).toMatchObject({ status: 'closed', followUp: ['police_called', 'complaint_filed', 'ordre_informed'], followUpNote: 'Plainte déposée.' });
    expect(r.json().incident.closedBy.name).toBeTruthy();
    const reopened = await inject(admin, 'PATCH', `/api/incidents/${id}`, { status: 'open' });
    expect(reopened.json().incident).toMatchObject({ status: 'open', closedAt: null, closedBy: null });
    await expect(sql`UPDATE incidents SET status = 'closed' WHERE id = ${id}`.execute(pivot.database.db)).rejects.toThrow(/incidents_closed/);
    await expect(sql`UPDATE incidents SET follow_up = ARRAY['revenge'] WHERE id = ${id}`.execute(pivot.database.db)).rejects.toThrow(/check/);
    const audit = await pivot.database.db.selectFrom('audit_log').select('action').where('resource_id', '=', id).orderBy('occurred_at').execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['incident.declared', 'incident.read', 'incident.closed', 'incident.reopened']));
  });

  it('refuses a future date and a person of another practice', async () => {
    const future = await inject(desk, 'POST', '/api/incidents', { ...declaration(), occurredAt: new Date(clock.nowMs() + 86400_000).toISOString() });
    expect(future.statusCode).toBe(422);
    const foreign = await inject(desk, 'POST', '/api/incidents', { ...declaration(), staffIds: [moreauId] });
    expect(foreign.statusCode).toBe(422);
    expect(foreign.json().error.message).toMatch(/membre du cabinet/);
  });

  it('seeds one demo incident (idempotent), readable by the administrator', async () => {
    await pivot.database.db.deleteFrom('incidents').execute();
    expect((await seedIncidentsDemo(pivot.database.db)).incidents).toBe(1);
    expect((await seedIncidentsDemo(pivot.database.db)).incidents).toBe(0);
    const list = await inject(admin, 'GET', '/api/incidents');
    expect(list.json().incidents).toHaveLength(1);
    expect(list.json().incidents[0].followUp).toEqual(['main_courante', 'ordre_informed']);
  });
});
