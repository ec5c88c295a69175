import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestPivot, signInDeskCast, type TestPivot } from '../../../tests/helpers.js';
import { clock } from '../platform/clock.js';

/** Messages and tasks through HTTP on a fresh database with the demo practices. */
let pivot: TestPivot;
let desk: string; // accueil@ — secretary, Les Tilleuls
let martinToken: string; // medecin@ — practitioner
let lefevreToken: string; // medecin2@ — practitioner
let moreau: string; // the other practice
let martin: string;
let deskId: string;
let patientA: string;
let patientB: string;

const api = (token: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
  pivot.app.inject({ method, url, headers: bearer(token), ...(payload ? { payload } : {}) });

beforeAll(async () => {
  pivot = await createTestPivot();
  ({ desk, martinToken, lefevreToken, moreau, martin, deskId, patientA, patientB } = await signInDeskCast(pivot));
}, 120_000);
afterAll(async () => pivot?.close());

const count = async (token: string) => (await api(token, 'GET', '/api/tasks/counts')).json() as { unreadMessages: number; newTasks: number; total: number };

describe('messages and tasks', () => {
  it('a message to Dr Martin with a patient: his count goes up, he reads it, the read is audited with the patient', async () => {
    const before = await count(martinToken);
    const lefevreBefore = await count(lefevreToken);
    const r = await api(desk, 'POST', '/api/tasks/messages', { recipientId: martin, body: 'Résultats de glycémie à revoir, diabète déséquilibré', patientId: patientA });
    expect(r.statusCode, r.body).toBe(201);
    const id = r.json().id as string;
    expect((await count(martinToken)).unreadMessages).toBe(before.unreadMessages + 1);
    expect(await count(lefevreToken)).toEqual(lefevreBefore);
    const list = (await api(martinToken, 'GET', '/api/tasks/inbox?status=unread')).json();
    const item = list.items.find((i: { id: string }) => i.id === id);
    expect(item).toMatchObject({ kind: 'message', from: { id: deskId }, patient: { id: patientA }, read: false, mine: false });
    expect((await api(lefevreToken, 'GET', '/api/tasks/inbox')).json().items.some((i: { id: string }) => i.id === id)).toBe(false);
    const read = await api(martinToken, 'POST', `/api/tasks/messages/${id}/read`, { read: true });
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json().counts.unreadMessages).toBe(before.unreadMessages);
    const audit = await pivot.database.db.selectFrom('audit_log').select(['action', 'resource_id']).where('action', 'in', ['staff_message.sent', 'staff_message.read', 'staff_inbox.read']).execute();
    expect(audit.filter((a) => a.resource_id === patientA).map((a) => a.action).sort()).toEqual(['staff_message.read', 'staff_message.sent']);
    expect(audit.some((a) => a.action === 'staff_inbox.read')).toBe(true);
    // Only a recipient marks it read; the sender cannot.
    expect((await api(desk, 'POST', `/api/tasks/messages/${id}/read`, { read: true })).statusCode).toBe(404);
  });

  it('a message to a role reaches every practitioner, read by each on their own', async () => {
    const m = (await count(martinToken)).unreadMessages;
    const l = (await count(lefevreToken)).unreadMessages;
    const r = await api(desk, 'POST', '/api/tasks/messages', { recipientRole: 'practitioner', body: 'Réunion à 13 h' });
    expect(r.statusCode, r.body).toBe(201);
    expect((await count(martinToken)).unreadMessages).toBe(m + 1);
    expect((await count(lefevreToken)).unreadMessages).toBe(l + 1);
    await api(martinToken, 'POST', `/api/tasks/messages/${r.json().id}/read`, { read: true });
    expect((await count(martinToken)).unreadMessages).toBe(m);
    expect((await count(lefevreToken)).unreadMessages).toBe(l + 1);
  });

  it('the phone log’s messages are in the same list and the phone-log API keeps working', async () => {
    const before = (await count(martinToken)).unreadMessages;
    const call = await api(desk, 'POST', '/api/phone-log/calls', { direction: 'in', callerName: 'Mme Roux', reason: 'results', outcome: 'message', note: 'Rappeler pour la prise de sang', messageToId: martin });
    expect(call.statusCode, call.body).toBe(201);
    const id = call.json().call.id as string;
    expect((await count(martinToken)).unreadMessages).toBe(before + 1);
    const items = (await api(martinToken, 'GET', '/api/tasks/inbox')).json().items as { id: string; kind: string; caller: string }[];
    expect(items.find((i) => i.id === id)).toMatchObject({ kind: 'phone', caller: 'Mme Roux' });
    expect((await api(martinToken, 'POST', `/api/tasks/messages/${id}/read`, { read: true, kind: 'phone' })).statusCode).toBe(200);
    const old = (await api(martinToken, 'GET', '/api/phone-log/messages')).json();
    expect(old.messages.find((c: { id: string }) => c.id === id).messageReadAt).not.toBeNull();
  });

  it('refuses bad input in French: no recipient, both, oneself, another practice’s patient', async () => {
    for (const body of [{ body: 'x' }, { body: 'x', recipientId: martin, recipientRole: 'secretary' }, { body: 'x', recipientId: deskId }, { body: 'x', recipientId: martin, patientId: patientB }]) {
      const r = await api(desk, 'POST', '/api/tasks/messages', body);
      expect(r.statusCode, r.body).toBe(422);
      expect(r.json().error.message).toMatch(/[éèàù]|Choisissez|destinataire|Patient/);
    }
    expect((await api(desk, 'POST', '/api/tasks/messages', { body: '   ', recipientId: martin })).statusCode).toBe(400);
  });

  it('a task with a due time and a patient: new for the assignee until seen, overdue once due, done by the assignee', async () => {
    const due = new Date(clock.nowMs() + 60 * 60_000).toISOString();
    const r = await api(desk, 'POST', '/api/tasks/tasks', { title: 'Signer le certificat', assigneeId: martin, dueAt: due, patientId: patientA });
    expect(r.statusCode, r.body).toBe(201);
    const t = r.json().task;
    expect(t).toMatchObject({ status: 'open', overdue: false, seen: false, assignee: { id: martin }, patient: { id: patientA } });
    expect(t.dueAt).toBe(due);
    expect((await count(martinToken)).newTasks).toBeGreaterThanOrEqual(1);
    const mine = (await api(martinToken, 'GET', '/api/tasks/tasks')).json().tasks;
    expect(mine.map((x: { id: string }) => x.id)).toContain(t.id);
    const seen = await api(martinToken, 'PATCH', `/api/tasks/tasks/${t.id}`, { seen: true });
    expect(seen.json().task.seen).toBe(true);
    expect((await api(lefevreToken, 'PATCH', `/api/tasks/tasks/${t.id}`, { status: 'done' })).statusCode).toBe(404);
    const done = await api(martinToken, 'PATCH', `/api/tasks/tasks/${t.id}`, { status: 'done' });
    expect(done.json().task.status).toBe('done');
    expect((await api(desk, 'POST', '/api/tasks/tasks', { title: 'Trop tard', assigneeId: martin, dueAt: new Date(clock.nowMs() - 3_600_000).toISOString() })).statusCode).toBe(422);
    expect((await api(moreau, 'GET', '/api/tasks/tasks?scope=all')).json().tasks.some((x: { id: string }) => x.id === t.id)).toBe(false);
    expect((await api(moreau, 'PATCH', `/api/tasks/tasks/${t.id}`, { status: 'done' })).statusCode).toBe(404);
  });

  it('the live stream previews a new message with its sender and « Nouveau message » only — no text, no patient', async () => {
    await pivot.app.listen({ port: 0, host: '127.0.0.1' });
    const port = (pivot.app.server.address() as { port: number }).port;
    let raw = '';
    let req: http.ClientRequest | undefined;
    await new Promise<void>((resolve) => {
      req = http.get(`http://127.0.0.1:${port}/api/tasks/events`, { headers: { ...bearer(martinToken), accept: 'text/event-stream' } }, (res) => {
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          raw += chunk;
          if (raw.includes('event: ready')) resolve();
        });
      });
    });
    const patient = await pivot.database.db.selectFrom('patients').select(['birth_name', 'first_name']).where('id', '=', patientA).executeTakeFirstOrThrow();
    await api(desk, 'POST', '/api/tasks/messages', { recipientId: martin, body: 'Suspicion de cancer du sein, mammographie anormale', patientId: patientA });
    const lefevre = (await pivot.database.db.selectFrom('accounts').select('id').where('email', '=', 'medecin2@demo.pivot').executeTakeFirstOrThrow()).id;
    await api(desk, 'POST', '/api/tasks/messages', { recipientId: lefevre, body: 'Pas pour Martin' });
    const deskName = (await pivot.database.db.selectFrom('accounts').select('display_name').where('id', '=', deskId).executeTakeFirstOrThrow()).display_name;
    await expect.poll(() => raw.includes('event: tasks.new'), { timeout: 5000 }).toBe(true);
    req?.destroy();
    const previews = [...raw.matchAll(/event: tasks\.new\ndata: (.*)\n/g)].map((m) => JSON.parse(m[1]!));
    expect(previews).toHaveLength(1);
    expect(previews[0]).toMatchObject({ kind: 'message', from: deskName, summary: { fr: 'Nouveau message' } });
    for (const secret of ['cancer', 'mammographie', 'Suspicion', patient.birth_name, patient.first_name, patientA]) expect(raw).not.toContain(secret);
  });
});
