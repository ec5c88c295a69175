import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestPivot, type TestPivot } from '../../../tests/helpers.js';
import { dovecotAvailable, startDovecot, type TestImapServer } from '../../../tests/imap-server.js';
import { IMAP_POLL_JOB } from './index.js';
import { JobWorker } from '../jobs/index.js';

/**
 * A practice mailbox read over IMAP into the register, against Debian's Dovecot on loopback (installed by .ci/run;
 * without it this file is skipped and says so).
 */
let pivot: TestPivot;
let imap: TestImapServer;
let admin: string;
let secretary: string;
let practiceA: string;

const message = (id: string | null, subject: string, body: string) =>
  [`From: Dr Alain Cardio <cardio@chu-exemple.fr>`, 'To: cabinet@tilleuls.fr', `Subject: ${subject}`, ...(id ? [`Message-ID: ${id}`] : []), 'Date: Mon, 07 Dec 2026 09:00:00 +0100', 'MIME-Version: 1.0', 'Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: 8bit', '', body, ''].join('\r\n');

async function append(...raw: string[]) {
  const c = new ImapFlow({ host: '127.0.0.1', port: imap.port, secure: false, auth: { user: imap.user, pass: imap.password }, logger: false });
  await c.connect();
  for (const r of raw) await c.append('INBOX', r);
  await c.logout();
}

/** Runs the due poll jobs as the worker does (claim → handler → done), with only this capability's handler. */
async function runDuePolls() {
  const worker = new JobWorker(pivot.database.db, { handlers: { [IMAP_POLL_JOB]: pivot.jobHandlers[IMAP_POLL_JOB]! } });
  expect(await worker.drain()).toBeGreaterThan(0);
}

const emails = () => pivot.database.db.selectFrom('correspondence_items').select(['id', 'external_id', 'subject']).where('practice_id', '=', practiceA).where('channel', '=', 'email').execute();

describe.skipIf(!dovecotAvailable())('practice mailbox over IMAP (Dovecot on loopback)', () => {
  beforeAll(async () => {
    imap = await startDovecot();
    pivot = await createTestPivot();
    admin = await pivot.login('admin@demo.pivot');
    secretary = await pivot.login('accueil@demo.pivot');
    practiceA = (await pivot.database.db.selectFrom('practices').select('id').where('slug', '=', 'maison-de-sante-des-tilleuls').executeTakeFirstOrThrow()).id;
  }, 120_000);
  afterAll(async () => {
    await pivot?.close();
    await imap?.stop();
  });

  it('reads the mailbox into the register as a job, once per Message-ID, and later mail on the next poll', async () => {
    await append(message('<cr-1@chu-exemple.fr>', 'Compte rendu de coronarographie', 'Cher confrère, ...'), message('<cr-2@chu-exemple.fr>', 'Courrier de sortie', 'Sortie le 3 décembre.'));
    const before = (await emails()).length;
    const put = await pivot.app.inject({ method: 'PUT', url: '/api/correspondence/mailbox', headers: bearer(admin), payload: { host: '127.0.0.1', port: imap.port, secure: false, username: imap.user, password: imap.password, pollMinutes: 5 } });
    expect(put.statusCode, put.body).toBe(200);
    await runDuePolls();
    let items = await emails();
    expect(items.length).toBe(before + 2);
    expect(items.map((i) => i.external_id)).toEqual(expect.arrayContaining(['<cr-1@chu-exemple.fr>', '<cr-2@chu-exemple.fr>']));
    const box = (await pivot.app.inject({ method: 'GET', url: '/api/correspondence/mailbox', headers: bearer(admin) })).json().mailbox;
    expect(box).toMatchObject({ lastError: null, lastReceived: 2, username: imap.user });
    expect(JSON.stringify(box)).not.toContain(imap.password);
    // The next poll is already scheduled (poll_minutes later).
    const next = await pivot.database.db.selectFrom('jobs').select('run_at').where('kind', '=', IMAP_POLL_JOB).where('status', '=', 'queued').execute();
    expect(next.length).toBe(1);

    // The same message again (copied back into the mailbox) and a new one: only the new one is registered.
    await append(message('<cr-1@chu-exemple.fr>', 'Compte rendu de coronarographie', 'Cher confrère, ...'), message(null, 'Résultats sans identifiant', 'Pas de Message-ID.'));
    expect((await pivot.app.inject({ method: 'POST', url: '/api/correspondence/mailbox/poll', headers: bearer(secretary) })).statusCode).toBe(202);
    await runDuePolls();
    items = await emails();
    expect(items.length).toBe(before + 3);
    expect(items.filter((i) => i.external_id === '<cr-1@chu-exemple.fr>')).toHaveLength(1);

    // Reading it all again from UID 1 (as after a UIDVALIDITY change) registers nothing twice.
    await pivot.database.db.updateTable('correspondence_mailboxes').set({ last_uid: '0' }).where('practice_id', '=', practiceA).execute();
    await pivot.app.inject({ method: 'POST', url: '/api/correspondence/mailbox/poll', headers: bearer(secretary) });
    await runDuePolls();
    expect((await emails()).length).toBe(before + 3);
  });

  it('a wrong password is recorded as the last error, without a 5xx anywhere; the secretary cannot change the settings', async () => {
    expect((await pivot.app.inject({ method: 'PUT', url: '/api/correspondence/mailbox', headers: bearer(secretary), payload: { host: '127.0.0.1', port: imap.port, secure: false, username: imap.user, password: 'x' } })).statusCode).toBe(403);
    await pivot.app.inject({ method: 'PUT', url: '/api/correspondence/mailbox', headers: bearer(admin), payload: { host: '127.0.0.1', port: imap.port, secure: false, username: imap.user, password: 'mauvais' } });
    await runDuePolls();
    const box = (await pivot.app.inject({ method: 'GET', url: '/api/correspondence/mailbox', headers: bearer(admin) })).json().mailbox;
    expect(box.lastError).toMatch(/fail|auth/i);
  });

  it('« Tester la connexion »: logs in and opens the folder without reading a message, says why it fails, never with the saved password elsewhere', async () => {
    const test = (token: string, payload: Record<string, unknown>) =>
      pivot.app.inject({ method: 'POST', url: '/api/correspondence/mailbox/test', headers: bearer(token), payload: { host: '127.0.0.1', port: imap.port, secure: false, username: imap.user, ...payload } });
    await append(message('<test-1@chu-exemple.fr>', 'Courrier', 'Texte.'));
    const ok = await test(admin, { password: imap.password });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ ok: true, reason: null });
    expect(ok.json().messages).toBeGreaterThan(0);
    expect((await test(admin, { password: 'mauvais' })).json()).toMatchObject({ ok: false, reason: 'auth' });
    expect((await test(admin, { password: imap.password, mailbox: 'Dossier-inexistant' })).json()).toMatchObject({ ok: false, reason: 'folder' });
    // Port 1 on loopback: nothing listens there.
    const closed = await test(admin, { password: imap.password, port: 1 });
    expect(closed.json()).toMatchObject({ ok: false, reason: 'unreachable' });
    // A test does not read the mailbox: no job queued, no item registered.
    const queued = await pivot.database.db.selectFrom('jobs').select('id').where('kind', '=', IMAP_POLL_JOB).where('status', '=', 'queued').execute();

    // Without a password: the saved one, for the saved server and user only.
    await pivot.app.inject({ method: 'PUT', url: '/api/correspondence/mailbox', headers: bearer(admin), payload: { host: '127.0.0.1', port: imap.port, secure: false, username: imap.user, password: imap.password } });
    expect((await test(admin, {})).json()).toMatchObject({ ok: true });
    const elsewhere = await test(admin, { host: 'localhost' });
    expect(elsewhere.statusCode).toBe(422);
    expect(elsewhere.json().error.message).toBe('Le mot de passe de la boîte aux lettres est nécessaire.');
    expect((await test(admin, { username: 'autre' })).statusCode).toBe(422);
    expect((await test(secretary, { password: imap.password })).statusCode).toBe(403);
    expect((await test(admin, { password: imap.password, port: 0 })).statusCode).toBe(400);
    expect((await pivot.database.db.selectFrom('jobs').select('id').where('kind', '=', IMAP_POLL_JOB).where('status', '=', 'queued').execute()).length).toBe(queued.length + 1); // only the PUT's

    const audit = await pivot.database.db.selectFrom('audit_log').select(['action', 'details']).where('action', '=', 'correspondence.mailbox_tested').execute();
    expect(audit.length).toBe(5); // the refused calls (422, 403, 400) test nothing
    expect(audit.map((a) => (a.details as { reason?: string }).reason ?? 'ok')).toEqual(expect.arrayContaining(['ok', 'auth', 'folder', 'unreachable']));
    expect(JSON.stringify(audit)).not.toContain(imap.password);
    // The screen's read: the settings without the password.
    const box = (await pivot.app.inject({ method: 'GET', url: '/api/correspondence/mailbox', headers: bearer(admin) })).json().mailbox;
    expect(JSON.stringify(box)).not.toContain(imap.password);
  });
});
