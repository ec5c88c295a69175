import { beforeAll, describe, expect, it } from 'vitest';
import { bearer, useTestPivot } from '../../../tests/helpers.js';
import { enqueue } from '../jobs/index.js';
import { clock } from '../platform/clock.js';

/** Admin screens of the sending queue: list (with next run and last error), retry, cancel — admin only, audited. */
const t = useTestPivot({ admin: 'admin@demo.pivot', secretary: 'accueil@demo.pivot', moreau: 'moreau@demo.pivot' });
let practiceId: string;

beforeAll(async () => {
  practiceId = (await t.pivot.database.db.selectFrom('practices').select('id').where('slug', '=', 'maison-de-sante-des-tilleuls').executeTakeFirstOrThrow()).id;
}, 120_000);

describe('sending queue (admin)', () => {
  it('lists failed and queued jobs without personal fields, retries and cancels them, audited', async () => {
    const db = t.pivot.database.db;
    const failedId = (await enqueue(db, { practiceId, kind: 'messaging.send', payload: { kind: 'reminder', channel: 'sms', to: '+33612345678', text: 'Rappel secret' }, dedupeKey: `t:failed:${clock.nowMs()}` }))!;
    await db.updateTable('jobs').set({ status: 'failed', attempts: 8, last_error: 'SMS provider: 400 invalid number', finished_at: clock.now() }).where('id', '=', failedId).execute();
    const later = new Date(clock.nowMs() + 3_600_000);
    const queuedId = (await enqueue(db, { practiceId, kind: 'agenda.notify', payload: { event: 'reminder', appointmentId: crypto.randomUUID() }, runAt: later, dedupeKey: `t:queued:${clock.nowMs()}` }))!;

    const failed = await t.pivot.app.inject({ method: 'GET', url: '/api/agenda/jobs?status=failed', headers: bearer(t.admin) });
    expect(failed.statusCode, failed.body).toBe(200);
    const row = failed.json().jobs.find((j: { id: string }) => j.id === failedId);
    expect(row).toMatchObject({ kind: 'messaging.send', messageKind: 'reminder', channel: 'sms', status: 'failed', attempts: 8, lastError: 'SMS provider: 400 invalid number' });
    expect(failed.body).not.toContain('+33612345678');
    expect(failed.body).not.toContain('Rappel secret');
    const queued = (await t.pivot.app.inject({ method: 'GET', url: '/api/agenda/jobs?status=queued', headers: bearer(t.admin) })).json().jobs;
    expect(queued.find((j: { id: string }) => j.id === queuedId)).toMatchObject({ event: 'reminder', runAt: later.toISOString() });

    // Roles: the desk does not manage the queue; another practice's admin does not see this one's jobs.
    expect((await t.pivot.app.inject({ method: 'GET', url: '/api/agenda/jobs', headers: bearer(t.secretary) })).statusCode).toBe(403);
    expect((await t.pivot.app.inject({ method: 'POST', url: `/api/agenda/jobs/${failedId}/retry`, headers: bearer(t.moreau) })).statusCode).toBe(404);
    expect((await t.pivot.app.inject({ method: 'POST', url: `/api/agenda/jobs/${queuedId}/cancel`, headers: bearer(t.moreau) })).statusCode).toBe(404);

    // Retry the dead letter: queued again, attempts reset; retrying a queued job is refused.
    expect((await t.pivot.app.inject({ method: 'POST', url: `/api/agenda/jobs/${failedId}/retry`, headers: bearer(t.admin) })).statusCode).toBe(204);
    expect(await db.selectFrom('jobs').select(['status', 'attempts', 'last_error']).where('id', '=', failedId).executeTakeFirstOrThrow()).toEqual({ status: 'queued', attempts: 0, last_error: null });
    expect((await t.pivot.app.inject({ method: 'POST', url: `/api/agenda/jobs/${queuedId}/retry`, headers: bearer(t.admin) })).statusCode).toBe(409);
    // Cancel the waiting one; cancelling it again is refused.
    expect((await t.pivot.app.inject({ method: 'POST', url: `/api/agenda/jobs/${queuedId}/cancel`, headers: bearer(t.admin) })).statusCode).toBe(204);
    expect((await db.selectFrom('jobs').select('status').where('id', '=', queuedId).executeTakeFirstOrThrow()).status).toBe('cancelled');
    expect((await t.pivot.app.inject({ method: 'POST', url: `/api/agenda/jobs/${queuedId}/cancel`, headers: bearer(t.admin) })).statusCode).toBe(409);

    const audit = await db.selectFrom('audit_log').select(['action', 'resource_id']).where('action', 'in', ['agenda.job_retried', 'agenda.job_cancelled', 'agenda.jobs_listed']).where('practice_id', '=', practiceId).execute();
    expect(audit.filter((a) => a.action === 'agenda.job_retried').map((a) => a.resource_id)).toEqual([failedId]);
    expect(audit.filter((a) => a.action === 'agenda.job_cancelled').map((a) => a.resource_id)).toEqual([queuedId]);
    expect(audit.filter((a) => a.action === 'agenda.jobs_listed').length).toBeGreaterThanOrEqual(2);
  });
});
