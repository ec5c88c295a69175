import { beforeAll, describe, expect, it } from 'vitest';
import { bearer, useTestPivot } from '../../../tests/helpers.js';

/**
 * The intake assistant's patient requests in « Messages et tâches »: read from the assistant (same numbers as its
 * own inbox, nothing copied into staff tasks), the ones assigned to me and the urgent unassigned ones, gone once
 * handled in the assistant's inbox; per practice; the list naming patients is audited.
 */
const t = useTestPivot({ desk: 'accueil@demo.pivot', moreau: 'moreau@demo.pivot' });
let deskId: string;
let patientA: string;
const A = 'maison-de-sante-des-tilleuls';

const api = (token: string, method: 'GET' | 'POST', url: string, payload?: object) => t.pivot.app.inject({ method, url, headers: bearer(token), ...(payload ? { payload } : {}) });
const chat = (text: string, ip: string) => t.pivot.app.inject({ method: 'POST', url: '/api/assistant/chat', payload: { practice: A, text }, remoteAddress: ip });

interface Summary { id: string; urgency: string; status: string; assignee: { id: string } | null }
const assistantOpen = async () => ((await api(t.desk, 'GET', '/api/assistant/requests?status=open&limit=200')).json().requests as Summary[]);

beforeAll(async () => {
  const db = t.pivot.database.db;
  deskId = (await db.selectFrom('accounts').select('id').where('email', '=', 'accueil@demo.pivot').executeTakeFirstOrThrow()).id;
  const practiceA = (await db.selectFrom('practices').select('id').where('slug', '=', A).executeTakeFirstOrThrow()).id;
  patientA = (await db.selectFrom('patients').select('id').where('practice_id', '=', practiceA).limit(1).executeTakeFirstOrThrow()).id;
}, 120_000);

describe('patient requests in « Messages et tâches »', () => {
  it('shows the assistant’s open requests: same counts as its inbox, mine and the urgent unassigned ones, gone once handled there', async () => {
    expect((await chat('Bonjour, je voudrais renouveler mon ordonnance de Doliprane svp', '10.9.0.1')).statusCode).toBe(200);
    expect((await chat('Mon fils a 39,5 de fièvre depuis ce matin et il vomit, pouvez-vous le voir aujourd’hui ?', '10.9.0.2')).statusCode).toBe(200);
    const staffTasksBefore = await t.pivot.database.db.selectFrom('staff_tasks').select('id').execute();

    let open = await assistantOpen();
    const badge = (await api(t.desk, 'GET', '/api/assistant/counts')).json();
    let counts = (await api(t.desk, 'GET', '/api/tasks/counts')).json();
    expect(counts.requests).toMatchObject({ open: badge.open, new: badge.new, urgent: badge.vital + badge.sameDay, mine: open.filter((r) => r.assignee?.id === deskId).length });
    expect(counts.total).toBe(counts.unreadMessages + counts.newTasks); // the assistant's own badge counts requests

    // The routine renewal assigned to the desk: it is listed as mine.
    const routine = open.find((r) => r.urgency === 'routine' && !r.assignee)!;
    expect(routine).toBeDefined();
    expect((await api(t.desk, 'POST', `/api/assistant/requests/${routine.id}/assign`, { assigneeId: deskId })).statusCode).toBe(200);
    expect((await api(t.desk, 'POST', `/api/assistant/requests/${routine.id}/match`, { patientId: patientA })).statusCode).toBe(200);
    open = await assistantOpen();
    const listed = await api(t.desk, 'GET', '/api/tasks/patient-requests');
    expect(listed.statusCode, listed.body).toBe(200);
    const body = listed.json() as { requests: { id: string; assignedToMe: boolean; patient: { id: string } | null }[]; counts: { mine: number } };
    const expected = [...open.filter((r) => r.assignee?.id === deskId), ...open.filter((r) => !r.assignee && r.urgency !== 'routine')].map((r) => r.id);
    expect(body.requests.map((r) => r.id)).toEqual(expected);
    expect(body.requests.find((r) => r.id === routine.id)).toMatchObject({ assignedToMe: true, patient: { id: patientA } });
    expect(body.counts.mine).toBe(counts.requests.mine + 1);
    // No copy: the staff tasks are what they were.
    expect((await t.pivot.database.db.selectFrom('staff_tasks').select('id').execute()).length).toBe(staffTasksBefore.length);
    const audit = await t.pivot.database.db.selectFrom('audit_log').select('details').where('action', '=', 'staff_inbox.requests_read').execute();
    expect(audit.some((a) => (a.details as { patientIds?: string[] }).patientIds?.includes(patientA))).toBe(true);

    // Handled in the assistant's inbox: off the list and the counts.
    expect((await api(t.desk, 'POST', `/api/assistant/requests/${routine.id}/status`, { status: 'done' })).statusCode).toBe(200);
    expect((await api(t.desk, 'GET', '/api/tasks/patient-requests')).json().requests.some((r: { id: string }) => r.id === routine.id)).toBe(false);
    counts = (await api(t.desk, 'GET', '/api/tasks/counts')).json();
    expect(counts.requests.open).toBe(badge.open - 1);

    // Another practice sees none of them.
    const other = (await api(t.moreau, 'GET', '/api/tasks/patient-requests')).json();
    expect(other.requests.some((r: { id: string }) => open.some((o) => o.id === r.id))).toBe(false);
  });
});
