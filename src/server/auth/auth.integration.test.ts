import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCodeAt } from './totp.js';
import { bearer, createTestPivot, DEMO_PASSWORD, type TestPivot } from '../../../tests/helpers.js';

let pivot: TestPivot;
beforeAll(async () => {
  pivot = await createTestPivot();
});
afterAll(async () => pivot?.close());

const login = (payload: Record<string, unknown>) => pivot.app.inject({ method: 'POST', url: '/api/auth/login', payload });
const me = (token: string) => pivot.app.inject({ method: 'GET', url: '/api/me', headers: bearer(token) });

describe('login and sessions', () => {
  it('gives a token usable as bearer and a httpOnly strict cookie', async () => {
    const res = await login({ email: 'Secretaire@Demo.Pivot', password: DEMO_PASSWORD });
    expect(res.statusCode).toBe(200);
    const { token } = res.json();
    const cookie = res.cookies.find((c) => c.name === 'pivot_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', value: token });
    expect((await me(token)).json().practice.name).toBe('Maison de santé des Tilleuls');
    const viaCookie = await pivot.app.inject({ method: 'GET', url: '/api/me', cookies: { pivot_session: token } });
    expect(viaCookie.statusCode).toBe(200);
  });

  it('refuses a wrong password with a French message, and an unknown e-mail the same way', async () => {
    const wrong = await login({ email: 'medecin2@demo.pivot', password: 'not-the-password' });
    const unknown = await login({ email: 'nobody@demo.pivot', password: 'not-the-password' });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.json().error.message).toMatch(/mot de passe incorrect/);
  });

  it('answers in English when asked', async () => {
    const res = await pivot.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'accept-language': 'en-GB,en;q=0.9' },
      payload: { email: 'x@y.z', password: 'nope-nope' },
    });
    expect(res.json().error.message).toBe('Incorrect e-mail address or password.');
  });

  it('lists the practices of a multi-practice account and switches explicitly', async () => {
    const token = await pivot.login('secretaire@demo.pivot');
    const before = (await me(token)).json();
    expect(before.practices.map((p: { name: string }) => p.name).sort()).toEqual(['Cabinet du Dr Moreau', 'Maison de santé des Tilleuls']);
    const moreau = before.practices.find((p: { name: string }) => p.name === 'Cabinet du Dr Moreau');
    const sw = await pivot.app.inject({ method: 'POST', url: '/api/auth/switch-practice', headers: bearer(token), payload: { practiceId: moreau.id } });
    expect(sw.statusCode).toBe(200);
    expect((await me(token)).json().practice.id).toBe(moreau.id);
    // A practice the account does not belong to is refused.
    const other = await pivot.login('medecin@demo.pivot');
    const tilleulsId = (await me(other)).json().practice.id;
    const med = await pivot.app.inject({ method: 'POST', url: '/api/auth/switch-practice', headers: bearer(other), payload: { practiceId: moreau.id } });
    expect(med.statusCode).toBe(403);
    expect((await me(other)).json().practice.id).toBe(tilleulsId);
  });

  it('logs in directly into a named practice (by slug)', async () => {
    const res = await login({ email: 'secretaire@demo.pivot', password: DEMO_PASSWORD, practice: 'cabinet-du-dr-moreau' });
    expect(res.statusCode).toBe(200);
    expect((await me(res.json().token)).json().practice.name).toBe('Cabinet du Dr Moreau');
    const refused = await login({ email: 'medecin@demo.pivot', password: DEMO_PASSWORD, practice: 'cabinet-du-dr-moreau' });
    expect(refused.statusCode).toBe(403);
  });

  it('logout ends one session; logout everywhere ends them all', async () => {
    const a = await pivot.login('accueil@demo.pivot');
    const b = await pivot.login('accueil@demo.pivot');
    const c = await pivot.login('accueil@demo.pivot');
    expect((await pivot.app.inject({ method: 'POST', url: '/api/auth/logout', headers: bearer(a) })).statusCode).toBe(204);
    expect((await me(a)).statusCode).toBe(401);
    expect((await me(b)).statusCode).toBe(200);
    expect((await pivot.app.inject({ method: 'POST', url: '/api/auth/logout-all', headers: bearer(b) })).statusCode).toBe(204);
    expect((await me(b)).statusCode).toBe(401);
    expect((await me(c)).statusCode).toBe(401);
  });
});

describe('brute-force protection', () => {
  it('locks the account after 5 failures, even for the right password, and records it', async () => {
    for (let i = 0; i < 5; i++) expect((await login({ email: 'medecin3@demo.pivot', password: `wrong-${i}-password` })).statusCode).toBe(401);
    const locked = await login({ email: 'medecin3@demo.pivot', password: DEMO_PASSWORD });
    expect(locked.statusCode).toBe(423);
    expect(locked.json().error.message).toMatch(/bloqué jusqu'à \d\d:\d\d/);
    const events = await pivot.database.db.selectFrom('audit_log').select('action').where('details', '@>', JSON.stringify({ email: 'medecin3@demo.pivot' }) as never).execute();
    const actions = events.map((e) => e.action);
    expect(actions.filter((a) => a === 'auth.login_failed')).toHaveLength(5);
    expect(actions).toContain('auth.account_locked');
    expect(actions).toContain('auth.login_refused_locked');
  });

  it('rate-limits logins per IP', async () => {
    const limited = await createTestPivot({ PIVOT_LOGIN_RATE_LIMIT: '3' }, { seed: false });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 5; i++) codes.push((await limited.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'a@b.c', password: 'xxxxxxxx' } })).statusCode);
      expect(codes).toEqual([401, 401, 401, 429, 429]);
    } finally {
      await limited.close();
    }
  });
});

describe('two-factor authentication', () => {
  async function enrol(token: string) {
    const setup = await pivot.app.inject({ method: 'POST', url: '/api/auth/totp/setup', headers: bearer(token) });
    expect(setup.statusCode).toBe(200);
    const { secret, qrCodeDataUrl, otpauthUrl } = setup.json();
    expect(qrCodeDataUrl).toMatch(/^data:image\/png;base64,/);
    expect(otpauthUrl).toContain('issuer=Pivot');
    // A code from 30 s ago: the login just after must use a later one (no replay).
    const code = totpCodeAt(secret, Date.now() - 30_000);
    const enable = await pivot.app.inject({ method: 'POST', url: '/api/auth/totp/enable', headers: bearer(token), payload: { code } });
    expect(enable.statusCode).toBe(200);
    return { secret, recoveryCodes: enable.json().recoveryCodes as string[], usedCode: code };
  }

  it('enrols, then requires the code, refuses replay, accepts a recovery code once', async () => {
    const token = await pivot.login('pediatre@demo.pivot');
    const { secret, recoveryCodes, usedCode } = await enrol(token);
    expect(recoveryCodes).toHaveLength(10);
    expect((await login({ email: 'pediatre@demo.pivot', password: DEMO_PASSWORD })).json().error.code).toBe('totp_required');
    expect((await login({ email: 'pediatre@demo.pivot', password: DEMO_PASSWORD, totp: '000000' })).statusCode).toBe(401);
    expect((await login({ email: 'pediatre@demo.pivot', password: DEMO_PASSWORD, totp: usedCode })).json().error.code).toBe('totp_invalid');
    const fresh = totpCodeAt(secret, Date.now());
    expect((await login({ email: 'pediatre@demo.pivot', password: DEMO_PASSWORD, totp: fresh })).statusCode).toBe(200);
    expect((await login({ email: 'pediatre@demo.pivot', password: DEMO_PASSWORD, totp: fresh })).statusCode).toBe(401);
    const recovery = recoveryCodes[0]!.toUpperCase().replace('-', ' ');
    expect((await login({ email: 'pediatre@demo.pivot', password: DEMO_PASSWORD, totp: recovery })).statusCode).toBe(200);
    expect((await login({ email: 'pediatre@demo.pivot', password: DEMO_PASSWORD, totp: recovery })).statusCode).toBe(401);
  });

  it('a practice name that would break a header (CR/LF, control or bidi characters) is refused, in the one error shape', async () => {
    const admin = await pivot.login('admin@demo.pivot');
    const before = (await pivot.app.inject({ method: 'GET', url: '/api/practice', headers: bearer(admin) })).json().name;
    for (const name of ['Cabinet\r\nBcc: victime@example.org', 'Cabinet\u0000du Dr X', 'Cabinet \u202eX rD ud']) {
      const res = await pivot.app.inject({ method: 'PATCH', url: '/api/practice', headers: bearer(admin), payload: { name } });
      expect(res.statusCode, name).toBe(400);
      expect(res.json().error.code).toBe('validation_failed');
    }
    expect((await pivot.app.inject({ method: 'GET', url: '/api/practice', headers: bearer(admin) })).json().name).toBe(before);
    const ok = await pivot.app.inject({ method: 'PATCH', url: '/api/practice', headers: bearer(admin), payload: { name: before } });
    expect(ok.statusCode).toBe(200);
  });

  it('a practice that requires 2FA blocks everything but enrolment until the user enrols', async () => {
    const admin = await pivot.login('admin@demo.pivot');
    const patch = await pivot.app.inject({ method: 'PATCH', url: '/api/practice', headers: bearer(admin), payload: { requireMfa: true } });
    expect(patch.json().requireMfa).toBe(true);
    try {
      const res = await login({ email: 'dentiste@demo.pivot', password: DEMO_PASSWORD });
      expect(res.json().mfaEnrollmentRequired).toBe(true);
      const token = res.json().token;
      const patients = await pivot.app.inject({ method: 'GET', url: '/api/patients', headers: bearer(token) });
      expect(patients.statusCode).toBe(403);
      expect(patients.json().error.code).toBe('mfa_enrollment_required');
      expect((await me(token)).json().mfaEnrollmentRequired).toBe(true);
      await enrol(token);
      expect((await pivot.app.inject({ method: 'GET', url: '/api/patients', headers: bearer(token) })).statusCode).toBe(200);
    } finally {
      // Every member is now held to enrolment, the admin included: switch it back directly for the other tests.
      await pivot.database.db.updateTable('practices').set({ require_mfa: false }).execute();
    }
  });
});

describe('password reset and change', () => {
  it('without SMTP the link lands in the dev outbox, which admins read; the link works once', async () => {
    const req = await pivot.app.inject({ method: 'POST', url: '/api/auth/password-reset/request', payload: { email: 'medecin2@demo.pivot' } });
    expect(req.statusCode).toBe(202);
    const unknown = await pivot.app.inject({ method: 'POST', url: '/api/auth/password-reset/request', payload: { email: 'ghost@demo.pivot' } });
    expect(unknown.statusCode).toBe(202);
    const admin = await pivot.login('admin@demo.pivot');
    const readOutbox = async () => (await pivot.app.inject({ method: 'GET', url: '/api/dev-outbox', headers: bearer(admin) })).json();
    // The link is mailed after the answer (same answer time for known and unknown addresses).
    await expect.poll(async () => (await readOutbox()).messages.some((m: { to: string }) => m.to === 'medecin2@demo.pivot')).toBe(true);
    const outbox = await readOutbox();
    expect(outbox.smtpConfigured).toBe(false);
    const mail = outbox.messages.find((m: { to: string }) => m.to === 'medecin2@demo.pivot');
    const token = /token=([\w-]+)/.exec(mail.text)![1];
    const confirm = (password: string) => pivot.app.inject({ method: 'POST', url: '/api/auth/password-reset/confirm', payload: { token, password } });
    expect((await confirm('short')).json().error.code).toBe('weak_password');
    expect((await confirm('un nouveau mot de passe solide')).statusCode).toBe(204);
    expect((await confirm('un autre mot de passe solide')).json().error.code).toBe('token_invalid');
    expect((await login({ email: 'medecin2@demo.pivot', password: 'un nouveau mot de passe solide' })).statusCode).toBe(200);
    // The Moreau admin does not see mails about Tilleuls-only staff.
    const moreau = await pivot.login('moreau@demo.pivot');
    const other = (await pivot.app.inject({ method: 'GET', url: '/api/dev-outbox', headers: bearer(moreau) })).json();
    expect(other.messages.some((m: { to: string }) => m.to === 'medecin2@demo.pivot')).toBe(false);
  });

  it('changing the password ends the other sessions', async () => {
    const a = await pivot.login('accueil@demo.pivot');
    const b = await pivot.login('accueil@demo.pivot');
    const res = await pivot.app.inject({
      method: 'POST',
      url: '/api/auth/password/change',
      headers: bearer(a),
      payload: { currentPassword: DEMO_PASSWORD, newPassword: 'accueil-nouveau-2026' },
    });
    expect(res.statusCode).toBe(204);
    expect((await me(a)).statusCode).toBe(200);
    expect((await me(b)).statusCode).toBe(401);
  });
});

describe('2FA enrolment races', () => {
  it('repeated or concurrent setup calls show one and the same pending secret', async () => {
    const token = await pivot.login('medecin@demo.pivot');
    const calls = await Promise.all([1, 2, 3].map(() => pivot.app.inject({ method: 'POST', url: '/api/auth/totp/setup', headers: bearer(token) })));
    const secrets = new Set(calls.map((c) => c.json().secret));
    expect(secrets.size).toBe(1);
    const [secret] = [...secrets] as string[];
    const enable = await pivot.app.inject({ method: 'POST', url: '/api/auth/totp/enable', headers: bearer(token), payload: { code: totpCodeAt(secret!, Date.now()) } });
    expect(enable.statusCode).toBe(200);
    expect((await pivot.app.inject({ method: 'POST', url: '/api/auth/totp/setup', headers: bearer(token) })).json().error.code).toBe('totp_already_enabled');
  });
});
