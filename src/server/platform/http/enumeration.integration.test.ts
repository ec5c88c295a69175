import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPivot, type TestPivot } from '../../../../tests/helpers.js';
import { expectSameTimingClass, timed } from '../../../../tests/timing.js';

/**
 * Public surfaces reveal nobody: for a person (or an address) the practice knows and one it does not, every
 * public surface gives the same answers, reaches its limits at the same step, and answers in the same timing
 * class (fastest samples and medians of one order, tests/timing.ts: the work done for a known person must not show in the time).
 * The chat dialog has the same check in assistant/dialog.integration.test.ts; the manage link of a moved
 * appointment in agenda/notifications.integration.test.ts.
 */
const A = 'maison-de-sante-des-tilleuls';
const SMS_SECRET = 'sms-secret-for-enumeration-0123456789';
let pivot: TestPivot;
let known: { birth_name: string; first_name: string; birth_date: string };

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

  it('the confirmation answers alike whether the code matched a file or created a provisional one', async () => {
    const db = pivot.database.db;
    const practice = await db.selectFrom('practices').select('id').where('slug', '=', A).executeTakeFirstOrThrow();
    const patient = await db.selectFrom('patients').select(['id', 'birth_name', 'first_name', 'birth_date']).where('practice_id', '=', practice.id)
      .where('birth_date', '=', known.birth_date as never).where('first_name', '=', known.first_name).executeTakeFirstOrThrow();
    await db.updateTable('patients').set({ email: 'deja.connu@example.org' }).where('id', '=', patient.id).execute();
    const motif = await db.selectFrom('appointment_types').select(['id', 'practitioner_id']).where('practice_id', '=', practice.id).where('online_bookable', '=', true)
      .where('new_patients_allowed', '=', true).where('practitioner_id', 'is not', null).where('capacity', '=', 1).orderBy('created_at').executeTakeFirstOrThrow();
    const slots = (await pivot.app.inject({ method: 'GET', url: `/api/public/${A}/slots?motif=${motif.id}&practitioner=${motif.practitioner_id}&limit=2` })).json().slots;
    const book = async (identity: Record<string, unknown>, email: string, slot: { practitionerId: string; start: string }, ip: string) => {
      const start = await pivot.app.inject({ method: 'POST', url: `/api/public/${A}/booking/start`, payload: { ...identity, sex: 'F', email, channel: 'email' }, remoteAddress: ip });
      expect(start.statusCode, start.body).toBe(202);
      const jobs = await db.selectFrom('jobs').select('payload').where('kind', '=', 'messaging.send').orderBy('created_at', 'desc').limit(50).execute();
      const otp = jobs.map((j) => j.payload as { kind?: string; to?: string; text?: string }).find((j) => j.kind === 'otp' && j.to === email)!;
      const code = /(\d{6})/.exec(String(otp.text))![1]!;
      return pivot.app.inject({ method: 'POST', url: `/api/public/${A}/booking/confirm`, payload: { verificationId: start.json().verificationId, code, practitionerId: slot.practitionerId, motifId: motif.id, start: slot.start }, remoteAddress: ip });
    };
    const matched = await book({ birthName: known.birth_name, firstName: known.first_name, birthDate: known.birth_date }, 'deja.connu@example.org', slots[0], '10.24.0.3');
    const stranger = await book({ birthName: 'Personne-Inconnue', firstName: 'Octave', birthDate: '1971-07-14' }, 'nouveau.venu@example.org', slots[1], '10.24.0.4');
    expect([matched.statusCode, stranger.statusCode]).toEqual([201, 201]);
    const booked = await db.selectFrom('appointments').select('patient_id').where('id', '=', matched.json().appointment.id).executeTakeFirstOrThrow();
    expect(booked.patient_id).toBe(patient.id); // the file was matched…
    // …and nothing in the answer says so: the same fields, the same flags and numbers (only the strings — ids, times,
    // links — differ).
    const shape = (b: Record<string, unknown>): unknown => JSON.parse(JSON.stringify(b, (_k, v) => (typeof v === 'string' ? 'string' : v)));
    expect(shape(stranger.json())).toEqual(shape(matched.json()));
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
