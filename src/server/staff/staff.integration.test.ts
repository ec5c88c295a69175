import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestPivot, type TestPivot } from '../../../tests/helpers.js';

/** A real SMTP server on loopback: the mails Pivot sends are received and parsed like any mail. */
const received: { to: string; subject: string; text: string }[] = [];
let smtp: SMTPServer;
let smtpPort = 0;
let pivot: TestPivot;
let admin: string;

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          const to = Array.isArray(mail.to) ? mail.to[0]!.text : (mail.to?.text ?? '');
          received.push({ to, subject: mail.subject ?? '', text: mail.text ?? '' });
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve()));
  smtpPort = (smtp.server.address() as { port: number }).port;
  pivot = await createTestPivot({ SMTP_URL: `smtp://127.0.0.1:${smtpPort}`, PIVOT_PUBLIC_URL: 'https://pivot.example.fr' });
  admin = await pivot.login('admin@demo.pivot');
});
afterAll(async () => {
  await pivot?.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

const waitForMail = async (to: string) => {
  for (let i = 0; i < 100; i++) {
    const m = received.find((x) => x.to === to);
    if (m) return m;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no mail to ${to}`);
};

describe('staff accounts', () => {
  it('an admin invites a new secretary by e-mail (real SMTP); she chooses her password and logs in', async () => {
    const res = await pivot.app.inject({
      method: 'POST',
      url: '/api/staff',
      headers: bearer(admin),
      payload: { email: 'Nadia.Nouvelle@example.fr', displayName: 'Nadia Nouvelle', roles: ['secretary'] },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().member).toMatchObject({ email: 'nadia.nouvelle@example.fr', roles: ['secretary'], active: true, totpEnabled: false });
    const mail = await waitForMail('nadia.nouvelle@example.fr');
    expect(mail.subject).toBe('Pivot : votre accès à Maison de santé des Tilleuls');
    const link = /https:\/\/pivot\.example\.fr\/#\/reset-password\?token=([\w-]+)&invite=1/.exec(mail.text);
    expect(link).not.toBeNull();
    const confirm = await pivot.app.inject({ method: 'POST', url: '/api/auth/password-reset/confirm', payload: { token: link![1], password: 'mot de passe de nadia' } });
    expect(confirm.statusCode).toBe(204);
    const login = await pivot.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'nadia.nouvelle@example.fr', password: 'mot de passe de nadia' } });
    expect(login.statusCode).toBe(200);
    // Sent mails leave a trace without their body: the link does not linger in the database.
    const outbox = (await pivot.app.inject({ method: 'GET', url: '/api/dev-outbox', headers: bearer(admin) })).json();
    expect(outbox.smtpConfigured).toBe(true);
    expect(outbox.messages.find((m: { to: string }) => m.to === 'nadia.nouvelle@example.fr')).toMatchObject({ delivered: true, text: '' });
  });

  it('adds an existing account of another practice as a member without revealing anything of it', async () => {
    const res = await pivot.app.inject({ method: 'POST', url: '/api/staff', headers: bearer(admin), payload: { email: 'moreau@demo.pivot', displayName: 'ignored', roles: ['practitioner'] } });
    expect(res.statusCode).toBe(201);
    expect(res.json().member.roles).toEqual(['practitioner']);
    expect(JSON.stringify(res.json())).not.toContain('Cabinet du Dr Moreau');
    const again = await pivot.app.inject({ method: 'POST', url: '/api/staff', headers: bearer(admin), payload: { email: 'moreau@demo.pivot', displayName: 'x', roles: ['practitioner'] } });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('email_taken');
    const moreau = await pivot.login('moreau@demo.pivot');
    const me = (await pivot.app.inject({ method: 'GET', url: '/api/me', headers: bearer(moreau) })).json();
    expect(me.practices).toHaveLength(2);
  });

  it('changes roles (audited with before/after) and deactivation ends the member’s sessions at once', async () => {
    const staff = (await pivot.app.inject({ method: 'GET', url: '/api/staff', headers: bearer(admin) })).json().members;
    const karim = staff.find((m: { email: string }) => m.email === 'accueil@demo.pivot');
    const karimToken = await pivot.login('accueil@demo.pivot');
    const promote = await pivot.app.inject({ method: 'PATCH', url: `/api/staff/${karim.accountId}`, headers: bearer(admin), payload: { roles: ['secretary', 'admin'] } });
    expect(promote.json().member.roles).toEqual(['secretary', 'admin']);
    expect((await pivot.app.inject({ method: 'GET', url: '/api/staff', headers: bearer(karimToken) })).statusCode).toBe(200);
    const audit = (await pivot.app.inject({ method: 'GET', url: `/api/audit?action=staff.roles_changed&resourceId=${karim.accountId}`, headers: bearer(admin) })).json().entries;
    expect(audit[0].details).toEqual({ before: { roles: ['secretary'], active: true }, after: { roles: ['secretary', 'admin'], active: true } });
    const off = await pivot.app.inject({ method: 'PATCH', url: `/api/staff/${karim.accountId}`, headers: bearer(admin), payload: { active: false } });
    expect(off.json().member.active).toBe(false);
    expect((await pivot.app.inject({ method: 'GET', url: '/api/me', headers: bearer(karimToken) })).statusCode).toBe(401);
    const relog = await pivot.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'accueil@demo.pivot', password: 'demo-pivot-test-2026' } });
    expect(relog.statusCode).toBe(401);
  });

  it('never leaves a practice without an active admin', async () => {
    const staff = (await pivot.app.inject({ method: 'GET', url: '/api/staff', headers: bearer(admin) })).json().members;
    const self = staff.find((m: { email: string }) => m.email === 'admin@demo.pivot');
    const demote = await pivot.app.inject({ method: 'PATCH', url: `/api/staff/${self.accountId}`, headers: bearer(admin), payload: { roles: ['secretary'] } });
    expect(demote.statusCode).toBe(409);
    expect(demote.json().error.message).toMatch(/au moins un administrateur/);
    const still = (await pivot.app.inject({ method: 'GET', url: '/api/staff', headers: bearer(admin) })).json().members.find((m: { email: string }) => m.email === 'admin@demo.pivot');
    expect(still.roles).toEqual(['admin']);
  });

  it('two admins demoting each other at the same moment still leave one admin', async () => {
    const moreauAdmin = await pivot.login('moreau@demo.pivot');
    const sw = await pivot.app.inject({ method: 'GET', url: '/api/me', headers: bearer(moreauAdmin) });
    const moreauPractice = sw.json().practices.find((p: { name: string }) => p.name === 'Cabinet du Dr Moreau').id;
    await pivot.app.inject({ method: 'POST', url: '/api/auth/switch-practice', headers: bearer(moreauAdmin), payload: { practiceId: moreauPractice } });
    const invited = await pivot.app.inject({ method: 'POST', url: '/api/staff', headers: bearer(moreauAdmin), payload: { email: 'admin2@moreau.fr', displayName: 'Second admin', roles: ['admin'] } });
    const second = invited.json().member.accountId;
    await pivot.database.db.updateTable('accounts').set({ password_hash: (await pivot.database.db.selectFrom('accounts').select('password_hash').where('email', '=', 'moreau@demo.pivot').executeTakeFirstOrThrow()).password_hash }).where('id', '=', second).execute();
    const secondToken = await pivot.login('admin2@moreau.fr');
    const staff = (await pivot.app.inject({ method: 'GET', url: '/api/staff', headers: bearer(moreauAdmin) })).json().members;
    const first = staff.find((m: { email: string }) => m.email === 'moreau@demo.pivot').accountId;
    const [a, b] = await Promise.all([
      pivot.app.inject({ method: 'PATCH', url: `/api/staff/${second}`, headers: bearer(moreauAdmin), payload: { roles: ['secretary'] } }),
      pivot.app.inject({ method: 'PATCH', url: `/api/staff/${first}`, headers: bearer(secondToken), payload: { roles: ['practitioner'] } }),
    ]);
    // The loser is refused either as no longer admin (403) or as the last admin's demotion (409).
    const codes = [a.statusCode, b.statusCode].sort();
    expect(codes[0]).toBe(200);
    expect([403, 409]).toContain(codes[1]);
    const admins = await pivot.database.db
      .selectFrom('memberships')
      .select('account_id')
      .where('practice_id', '=', moreauPractice)
      .where('active', '=', true)
      .where((eb) => eb(eb.val('admin'), '=', eb.fn.any('roles')))
      .execute();
    expect(admins).toHaveLength(1);
  });

  it('an admin unlocks a member locked out by failed logins', async () => {
    for (let i = 0; i < 5; i++) await pivot.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'medecin2@demo.pivot', password: `faux-${i}-mot-de-passe` } });
    const locked = await pivot.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'medecin2@demo.pivot', password: 'demo-pivot-test-2026' } });
    expect(locked.statusCode).toBe(423);
    const member = (await pivot.app.inject({ method: 'GET', url: '/api/staff', headers: bearer(admin) })).json().members.find((m: { email: string }) => m.email === 'medecin2@demo.pivot');
    expect(member.lockedUntil).not.toBeNull();
    const unlock = await pivot.app.inject({ method: 'POST', url: `/api/staff/${member.accountId}/unlock`, headers: bearer(admin) });
    expect(unlock.json().member.lockedUntil).toBeNull();
    expect((await pivot.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'medecin2@demo.pivot', password: 'demo-pivot-test-2026' } })).statusCode).toBe(200);
    const audit = (await pivot.app.inject({ method: 'GET', url: `/api/audit?action=staff.unlocked`, headers: bearer(admin) })).json().entries;
    expect(audit).toHaveLength(1);
  });
});
