import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { bearer, useTestPivot } from '../../../tests/helpers.js';
import { seedIncidentsDemo } from './demo.js';
import { clock } from '../platform/clock.js';

/** The incident log: anyone declares, administrators read everything, a declarant reads their own. */
const t = useTestPivot({
  desk: 'accueil@demo.pivot', // secretary
  otherSecretary: 'secretaire@demo.pivot',
  practitioner: 'medecin@demo.pivot',
  admin: 'admin@demo.pivot',
  moreau: 'moreau@demo.pivot', // admin of the other practice
});
let deskId: string;
let martinId: string;
let moreauId: string;
let patientA: string;

const inject = (token: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
  t.pivot.app.inject({ method, url, headers: bearer(token), ...(payload ? { payload } : {}) });
const accountId = async (email: string) => (await t.pivot.database.db.selectFrom('accounts').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;

beforeAll(async () => {
  deskId = await accountId('accueil@demo.pivot');
  martinId = await accountId('medecin@demo.pivot');
  moreauId = await accountId('moreau@demo.pivot');
  const practiceA = (await t.pivot.database.db.selectFrom('practices').select('id').where('slug', '=', 'maison-de-sante-des-tilleuls').executeTakeFirstOrThrow()).id;
  patientA = (await t.pivot.database.db.selectFrom('patients').select('id').where('practice_id', '=', practiceA).limit(1).executeTakeFirstOrThrow()).id;
}, 120_000);

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
    const r = await inject(t.desk, 'POST', '/api/incidents', declaration());
    expect(r.statusCode, r.body).toBe(201);
    const inc = r.json().incident;
    id = inc.id;
    expect(inc).toMatchObject({ status: 'open', severity: 'high', followUp: ['police_called'], declaredBy: { id: deskId } });
    expect(inc.staff.map((s: { id: string }) => s.id).sort()).toEqual([deskId, martinId].sort());
    expect(inc.patient.id).toBe(patientA);

    const own = await inject(t.desk, 'GET', '/api/incidents');
    expect(own.json()).toMatchObject({ seesAll: false });
    expect(own.json().incidents.map((i: { id: string }) => i.id)).toEqual([id]);
    const adminList = await inject(t.admin, 'GET', '/api/incidents');
    expect(adminList.json().seesAll).toBe(true);
    expect(adminList.json().incidents.map((i: { id: string }) => i.id)).toContain(id);
    expect((await inject(t.admin, 'GET', `/api/incidents/${id}`)).statusCode).toBe(200);
    // Not the declarant, not an admin: invisible (404), even when named in it.
    expect((await inject(t.otherSecretary, 'GET', `/api/incidents/${id}`)).statusCode).toBe(404);
    expect((await inject(t.practitioner, 'GET', `/api/incidents/${id}`)).statusCode).toBe(404);
    expect((await inject(t.practitioner, 'GET', '/api/incidents')).json().incidents).toEqual([]);
    expect((await inject(t.moreau, 'GET', `/api/incidents/${id}`)).statusCode).toBe(404);
  });

  it('only an administrator follows up and closes; the database keeps closing consistent', async () => {
    expect((await inject(t.desk, 'PATCH', `/api/incidents/${id}`, { status: 'closed' })).statusCode).toBe(403);
    const r = await inject(t.admin, 'PATCH', `/api/incidents/${id}`, { followUp: ['police_called', 'complaint_filed', 'ordre_informed'], followUpNote: 'Plainte déposée.', status: 'closed' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().incident).toMatchObject({ status: 'closed', followUp: ['police_called', 'complaint_filed', 'ordre_informed'], followUpNote: 'Plainte déposée.' });
    expect(r.json().incident.closedBy.name).toBeTruthy();
    const reopened = await inject(t.admin, 'PATCH', `/api/incidents/${id}`, { status: 'open' });
    expect(reopened.json().incident).toMatchObject({ status: 'open', closedAt: null, closedBy: null });
    await expect(sql`UPDATE incidents SET status = 'closed' WHERE id = ${id}`.execute(t.pivot.database.db)).rejects.toThrow(/incidents_closed/);
    await expect(sql`UPDATE incidents SET follow_up = ARRAY['revenge'] WHERE id = ${id}`.execute(t.pivot.database.db)).rejects.toThrow(/check/);
    const audit = await t.pivot.database.db.selectFrom('audit_log').select('action').where('resource_id', '=', id).orderBy('occurred_at').execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['incident.declared', 'incident.read', 'incident.closed', 'incident.reopened']));
  });

  it('refuses a future date and a person of another practice', async () => {
    const future = await inject(t.desk, 'POST', '/api/incidents', { ...declaration(), occurredAt: new Date(clock.nowMs() + 86400_000).toISOString() });
    expect(future.statusCode).toBe(422);
    const foreign = await inject(t.desk, 'POST', '/api/incidents', { ...declaration(), staffIds: [moreauId] });
    expect(foreign.statusCode).toBe(422);
    expect(foreign.json().error.message).toMatch(/membre du cabinet/);
  });

  it('seeds one demo incident (idempotent), readable by the administrator', async () => {
    await t.pivot.database.db.deleteFrom('incidents').execute();
    expect((await seedIncidentsDemo(t.pivot.database.db)).incidents).toBe(1);
    expect((await seedIncidentsDemo(t.pivot.database.db)).incidents).toBe(0);
    const list = await inject(t.admin, 'GET', '/api/incidents');
    expect(list.json().incidents).toHaveLength(1);
    expect(list.json().incidents[0].followUp).toEqual(['main_courante', 'ordre_informed']);
  });
});
