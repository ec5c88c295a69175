import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestPivot, signInDeskCast, type TestPivot } from '../../../tests/helpers.js';
import { seedPhoneLogDemo } from './demo.js';
import { clock } from '../platform/clock.js';

/** The phone log through HTTP on a fresh database with the demo practices. */
let pivot: TestPivot;
let desk: string; // accueil@ — secretary, Les Tilleuls
let martinToken: string; // medecin@ — practitioner
let lefevreToken: string; // medecin2@ — practitioner
let moreau: string; // admin + practitioner of the other practice
let practiceA: string;
let martin: string; // account ids
let deskId: string;
let patientA: string;
let patientB: string;

const inject = (token: string, method: 'GET' | 'POST', url: string, payload?: object) =>
  pivot.app.inject({ method, url, headers: bearer(token), ...(payload ? { payload } : {}) });

beforeAll(async () => {
  pivot = await createTestPivot();
  ({ desk, martinToken, lefevreToken, moreau, practiceA, martin, deskId, patientA, patientB } = await signInDeskCast(pivot));
}, 120_000);
afterAll(async () => pivot?.close());

describe('phone log', () => {
  let callbackId = '';
  let messageId = '';

  it('logs a call with a callback; the callback is overdue once due, then done', async () => {
    const due = new Date(clock.nowMs() - 10 * 60_000).toISOString();
    const r = await inject(desk, 'POST', '/api/phone-log/calls', {
      direction: 'in', callerName: 'Mme Durand', callerPhone: '06 11 22 33 44', patientId: patientA, reason: 'results', outcome: 'callback',
      note: 'Veut ses résultats', callbackDueAt: due, callbackAssigneeId: deskId,
    });
    expect(r.statusCode, r.body).toBe(201);
    const call = r.json().call;
    callbackId = call.id;
    expect(call.patient.id).toBe(patientA);
    expect(call.callback).toMatchObject({ dueAt: due, overdue: true, doneAt: null, assignee: { id: deskId } });
    expect(call.takenBy.id).toBe(deskId);

    const list = await inject(desk, 'GET', '/api/phone-log/callbacks');
    expect(list.statusCode).toBe(200);
    expect(list.json().callbacks.map((c: { id: string }) => c.id)).toContain(callbackId);
    expect(list.json().overdue).toBeGreaterThanOrEqual(1);

    const done = await inject(desk, 'POST', `/api/phone-log/calls/${callbackId}/callback`, { done: true });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().call.callback).toMatchObject({ overdue: false, doneBy: { id: deskId } });
    expect(done.json().call.callback.doneAt).toBeTruthy();
    const todo = await inject(desk, 'GET', '/api/phone-log/callbacks?status=todo');
    expect(todo.json().callbacks.map((c: { id: string }) => c.id)).not.toContain(callbackId);
    const doneList = await inject(desk, 'GET', '/api/phone-log/callbacks?status=done');
    expect(doneList.json().callbacks.map((c: { id: string }) => c.id)).toContain(callbackId);

    const audit = await pivot.database.db.selectFrom('audit_log').select(['action', 'account_id']).where('resource_id', '=', callbackId).orderBy('occurred_at').execute();
    expect(audit.map((a) => a.action)).toEqual(['phone_call.created', 'phone_call.callback_done']);
  });

  it('refuses a callback without a due time, in the API and in the database', async () => {
    const r = await inject(desk, 'POST', '/api/phone-log/calls', { direction: 'in', callerName: 'X', reason: 'other', outcome: 'callback' });
    expect(r.statusCode).toBe(422);
    expect(r.json().error.message).toMatch(/échéance/);
    await expect(
      sql`INSERT INTO phone_calls (practice_id, direction, caller_name, reason, outcome, taken_by) VALUES (${practiceA}, 'in', 'X', 'other', 'callback', ${deskId})`.execute(pivot.database.db),
    ).rejects.toThrow(/phone_calls_callback_due/);
    await expect(
      sql`INSERT INTO phone_calls (practice_id, direction, reason, outcome, taken_by) VALUES (${practiceA}, 'in', 'other', 'booked', ${deskId})`.execute(pivot.database.db),
    ).rejects.toThrow(/phone_calls_caller_identified/);
  });

  it('refuses an unidentified caller, a future call and a patient of another practice', async () => {
    const anonymous = await inject(desk, 'POST', '/api/phone-log/calls', { direction: 'in', reason: 'other', outcome: 'info_given' });
    expect(anonymous.statusCode).toBe(422);
    expect(anonymous.json().error.message).toMatch(/Identifiez l’appelant/);
    const future = await inject(desk, 'POST', '/api/phone-log/calls', { direction: 'in', callerName: 'A', reason: 'other', outcome: 'info_given', occurredAt: new Date(clock.nowMs() + 3600_000).toISOString() });
    expect(future.statusCode).toBe(422);
    const foreign = await inject(desk, 'POST', '/api/phone-log/calls', { direction: 'in', patientId: patientB, reason: 'other', outcome: 'info_given' });
    expect(foreign.statusCode).toBe(422);
    expect(foreign.json().error.message).toMatch(/Patient inconnu/);
  });

  it('leaves a message that only the addressed practitioner sees, unread then read', async () => {
    const r = await inject(desk, 'POST', '/api/phone-log/calls', {
      direction: 'in', patientId: patientA, reason: 'prescription', outcome: 'message', messageToId: martin, note: 'Renouvellement du traitement, rappeler avant vendredi.',
    });
    expect(r.statusCode, r.body).toBe(201);
    messageId = r.json().call.id;
    const mine = await inject(martinToken, 'GET', '/api/phone-log/messages?status=unread');
    expect(mine.statusCode).toBe(200);
    expect(mine.json().messages.map((m: { id: string }) => m.id)).toContain(messageId);
    expect(mine.json().unread).toBeGreaterThanOrEqual(1);
    const other = await inject(lefevreToken, 'GET', '/api/phone-log/messages');
    expect(other.json().messages.map((m: { id: string }) => m.id)).not.toContain(messageId);
    // Another practitioner cannot mark it read; the secretary has no messages view.
    expect((await inject(lefevreToken, 'POST', `/api/phone-log/messages/${messageId}/read`, { read: true })).statusCode).toBe(404);
    expect((await inject(desk, 'GET', '/api/phone-log/messages')).statusCode).toBe(403);
    const read = await inject(martinToken, 'POST', `/api/phone-log/messages/${messageId}/read`, { read: true });
    expect(read.statusCode).toBe(200);
    expect(read.json().message.messageReadAt).toBeTruthy();
    const unread = await inject(martinToken, 'GET', '/api/phone-log/messages?status=unread');
    expect(unread.json().messages.map((m: { id: string }) => m.id)).not.toContain(messageId);
  });

  it('addresses messages to practitioners only', async () => {
    const r = await inject(desk, 'POST', '/api/phone-log/calls', { direction: 'in', callerName: 'A', reason: 'other', outcome: 'message', messageToId: deskId, note: 'x' });
    expect(r.statusCode).toBe(422);
    expect(r.json().error.message).toMatch(/praticien/);
  });

  it('lists the calls of the day, and nothing of another practice', async () => {
    const today = await inject(desk, 'GET', '/api/phone-log/calls');
    expect(today.statusCode).toBe(200);
    const ids = today.json().calls.map((c: { id: string }) => c.id);
    expect(ids).toEqual(expect.arrayContaining([callbackId, messageId]));
    const other = await inject(moreau, 'GET', '/api/phone-log/calls');
    expect(other.json().calls).toEqual([]);
    expect((await inject(moreau, 'POST', `/api/phone-log/calls/${callbackId}/callback`, { done: false })).statusCode).toBe(404);
    const bad = await inject(desk, 'GET', '/api/phone-log/calls?from=2026-03-10&to=2026-01-01');
    expect(bad.statusCode).toBe(400);
  });

  it('seeds demo calls once (idempotent), and none in a practice that has calls today', async () => {
    const db = pivot.database.db;
    await db.deleteFrom('phone_calls').execute();
    expect((await inject(desk, 'POST', '/api/phone-log/calls', { direction: 'in', callerName: 'M. Test', reason: 'practical_info', outcome: 'info_given' })).statusCode).toBe(201);
    expect((await seedPhoneLogDemo(db)).calls).toBe(0);
    await db.deleteFrom('phone_calls').execute();
    expect((await seedPhoneLogDemo(db)).calls).toBeGreaterThan(4);
    expect((await seedPhoneLogDemo(db)).calls).toBe(0);
    const cb = await inject(desk, 'GET', '/api/phone-log/callbacks');
    expect(cb.json().overdue).toBe(1);
    const msgs = await inject(martinToken, 'GET', '/api/phone-log/messages');
    expect(msgs.json().unread).toBe(1);
  });
});
