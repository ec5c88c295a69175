import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPivot, type TestPivot } from '../../../../tests/helpers.js';

/**
 * Public surfaces reveal nobody: for a person (or an address) the practice knows and one it does not, every
 * public surface gives the same answers, reaches its limits at the same step, and answers in the same timing
 * class (medians within a factor of two: the work done for a known person must not show in the time).
 * The chat dialog has the same check in assistant/dialog.integration.test.ts; the manage link of a moved
 * appointment in agenda/notifications.integration.test.ts.
 */
const A = 'maison-de-sante-des-tilleuls';
const SMS_SECRET = 'sms-secret-for-enumeration-0123456789';
let pivot: TestPivot;
let known: { birth_name: string; first_name: string; birth_date: string };

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
/**
 * Same timing class: medians within a factor of two, or less than 15 ms apart. What gives a person away is work of
 * another order for one of them (an argon2 verification, an SMTP round trip: 50 ms and more), not a millisecond of
 * scheduling noise on a shared machine (a reset answered in 3 ms against 7 ms was noise: the unknown side was slower).
 */
function expectSameTimingClass(a: number[], b: number[], what: string): void {
  const [ma, mb] = [median(a), median(b)];
  const label = `${what}: medians ${ma.toFixed(1)} ms and ${mb.toFixed(1)} ms`;
  const ratio = ma / mb;
  expect(Math.abs(ma - mb) < 15 || (ratio > 0.5 && ratio < 2), label).toBe(true);
}
async function timed<T>(f: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const r = await f();
  return [r, performance.now() - t0];
}

beforeAll(async () => {
  process.env.PIVOT_SMS_WEBHOOK_SECRET = SMS_SECRET;
  pivot = await createTestPivot();
  const row = await pivot.database.db
    .selectFrom('patients as p')
    .innerJoin('practices as pr', 'pr.id', 'p.practice_id')
    .select(['p.birth_name', 'p.first_name', 'p.birth_date'])
    .where('pr.slug', '=', A)
    .executeTakeFirstOrThrow();
  const birth = row.birth_date as unknown;
  known = { birth_name: row.birth_name, first_name: row.first_name, birth_date: birth instanceof Date ? DateTime.fromJSDate(birth).toISODate()! : String(birth).slice(0, 10) };
}, 180_000);
afterAll(async () => {
  await pivot?.close();
});

describe('sign-in', () => {
  it('a known address with a wrong password and an unknown address get the same answers, lockout included', async () => {
    const attempt = (email: string, ip: string) =>
      timed(() => pivot.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password: 'not the password 2026' }, remoteAddress: ip }));
    const knownRuns: Array<{ status: number; code: string; message: string }> = [];
    const unknownRuns: typeof knownRuns = [];
    const knownMs: number[] = [];
    const unknownMs: number[] = [];
    for (let i = 0; i < 7; i++) {
      const [k, kt] = await attempt('accueil@demo.pivot', `10.20.0.${i + 1}`);
      const [u, ut] = await attempt('personne.inconnue@demo.pivot', `10.21.0.${i + 1}`);
      knownRuns.push({ status: k.statusCode, code: k.json().error.code, message: k.json().error.message });
      unknownRuns.push({ status: u.statusCode, code: u.json().error.code, message: u.json().error.message });
      knownMs.push(kt);
      unknownMs.push(ut);
    }
    expect(unknownRuns).toEqual(knownRuns);
    // Five failures lock both (15 minutes), so the lockout itself tells nothing.
    expect(knownRuns.map((r) => r.code)).toEqual(['invalid_credentials', 'invalid_credentials', 'invalid_credentials', 'invalid_credentials', 'invalid_credentials', 'account_locked', 'account_locked']);
    expectSameTimingClass(knownMs, unknownMs, 'login');
    await pivot.database.db.updateTable('accounts').set({ failed_login_count: 0, locked_until: null }).where('email', '=', 'accueil@demo.pivot').execute();
  });
});

describe('password reset', () => {
  it('answers a known and an unknown address alike, in the same time', async () => {
    const ask = (email: string, ip: string) =>
      timed(() => pivot.app.inject({ method: 'POST', url: '/api/auth/password-reset/request', payload: { email }, remoteAddress: ip }));
    const knownMs: number[] = [];
    const unknownMs: number[] = [];
    for (let i = 0; i < 9; i++) {
      const [k, kt] = await ask('medecin@demo.pivot', `10.22.${i}.1`);
      const [u, ut] = await ask(`inconnu${i}@demo.pivot`, `10.23.${i}.1`);
      expect([u.statusCode, u.body]).toEqual([k.statusCode, k.body]);
      knownMs.push(kt);
      unknownMs.push(ut);
    }
    expectSameTimingClass(knownMs, unknownMs, 'password reset');
  });
});

describe('SMS dialog', () => {
  it('answers a person on file and an invented one alike, asking for new codes until refused', async () => {
    const transcript = async (from: string, identity: string) => {
      const send = async (text: string) => {
        const res = await pivot.app.inject({ method: 'POST', url: '/api/assistant/sms/inbound', payload: { practice: A, from, text }, headers: { 'x-pivot-webhook-secret': SMS_SECRET } });
        expect(res.statusCode, res.body).toBe(200);
        return String(res.json().reply?.text ?? '');
      };
      const texts = [await send('Bonjour je voudrais un rendez-vous'), await send(identity)];
      for (let i = 0; i < 5; i++) texts.push(await send('nouveau code'));
      return texts;
    };
    const identityOf = (p: { first_name: string; birth_name: string; birth_date: string }) => `${p.first_name} ${p.birth_name} ${DateTime.fromISO(p.birth_date).toFormat('dd/MM/yyyy')}`;
    // Both write from numbers the practice does not know, so that only the identity differs.
    const a = await transcript('+33612000101', identityOf(known));
    const b = await transcript('+33612000102', identityOf({ first_name: 'Octave', birth_name: 'Personne-Inconnue', birth_date: '1971-07-14' }));
    expect(b).toEqual(a);
  });
});

describe('online booking and links', () => {
  it('the first step of online booking answers the same for a patient on file and a stranger', async () => {
    const start = (identity: Record<string, unknown>, ip: string) =>
      pivot.app.inject({ method: 'POST', url: `/api/public/${A}/booking/start`, payload: { ...identity, email: 'moi@example.org', channel: 'email' }, remoteAddress: ip });
    const sex = 'F';
    const k = await start({ birthName: known.birth_name, firstName: known.first_name, birthDate: known.birth_date, sex }, '10.24.0.1');
    const u = await start({ birthName: 'Personne-Inconnue', firstName: 'Octave', birthDate: '1971-07-14', sex }, '10.24.0.2');
    expect(u.statusCode).toBe(k.statusCode);
    const strip = (b: { verificationId?: string; expiresAt?: string }) => ({ ...b, verificationId: undefined, expiresAt: undefined });
    expect(strip(u.json())).toEqual(strip(k.json()));
  });

  it('a forged manage or offer link and a well-formed unknown one get the same answer', async () => {
    for (const base of ['/api/public/manage/', '/api/public/offers/']) {
      const forged = await pivot.app.inject({ method: 'GET', url: `${base}nothing-here` });
      const shaped = await pivot.app.inject({ method: 'GET', url: `${base}m.00000000-0000-4000-8000-000000000000.1.9999999999.AAAAAAAAAAAAAAAAAAAAAA` });
      expect([shaped.statusCode, shaped.json()]).toEqual([forged.statusCode, forged.json()]);
      expect(forged.statusCode).toBe(404);
    }
  });
});
