import { sql } from 'kysely';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestPivot, type TestPivot } from '../../../tests/helpers.js';
import { clock } from '../platform/clock.js';
import { quote } from './rules/quote.js';
import { withLuhnKey } from './rules/identifiers.js';

/** The billing ledger through HTTP: profiles, invoices, payments, receipts, rights, and the database's invariants. */
let pivot: TestPivot;
let desk: string; // accueil@ — secretary
let martin: string; // medecin@ — GP secteur 1
let lefevre: string; // medecin2@ — GP OPTAM
let admin: string;
let moreau: string; // admin of the other practice
let practiceA: string;
let martinId: string;
let lefevreId: string;
let benaliId: string;
let patient: string;
let cssPatient: string;
let child: string;
const db = () => pivot.database.db;
const day = (daysAgo: number) => DateTime.fromJSDate(clock.now()).setZone('Europe/Paris').minus({ days: daysAgo }).toISODate()!;
const inject = (token: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
  pivot.app.inject({ method, url, headers: bearer(token), ...(payload ? { payload } : {}) });
const practitionerOf = async (email: string) =>
  (await db().selectFrom('practitioners as p').innerJoin('accounts as a', 'a.id', 'p.account_id').select('p.id').where('a.email', '=', email).executeTakeFirstOrThrow()).id;

beforeAll(async () => {
  pivot = await createTestPivot();
  [desk, martin, lefevre, admin, moreau] = (await Promise.all(['accueil', 'medecin', 'medecin2', 'admin', 'moreau'].map((u) => pivot.login(`${u}@demo.pivot`)))) as [string, string, string, string, string];
  practiceA = (await db().selectFrom('practices').select('id').where('slug', '=', 'maison-de-sante-des-tilleuls').executeTakeFirstOrThrow()).id;
  [martinId, lefevreId, benaliId] = (await Promise.all(['medecin', 'medecin2', 'medecin3'].map((u) => practitionerOf(`${u}@demo.pivot`)))) as [string, string, string];
  const adults = await db().selectFrom('patients').select('id').where('practice_id', '=', practiceA).where('birth_date', '<', '1990-01-01').orderBy('id').limit(2).execute();
  patient = adults[0]!.id;
  cssPatient = adults[1]!.id;
  child = (await db().selectFrom('patients').select('id').where('practice_id', '=', practiceA).where('birth_date', '>', day(4 * 365)).limit(1).executeTakeFirstOrThrow()).id;
  await sql`UPDATE patients SET amo = NULL, amc = ${JSON.stringify({ organisme: 'MGEN', organismeNumber: null, memberNumber: null, validFrom: null, validUntil: null, tiersPayant: true })}::jsonb WHERE id = ${patient}`.execute(db());
  await sql`UPDATE patients SET amc = NULL, amo = ${JSON.stringify({ regime: 'general', caisse: 'CPAM 75', insuredNir: null, rightsFrom: null, rightsUntil: null, ald: [], exemptions: [{ kind: 'css', label: null, from: null, until: null }] })}::jsonb WHERE id = ${cssPatient}`.execute(db());
}, 180_000);
afterAll(async () => pivot?.close());

describe('practitioner billing profile', () => {
  it('the practitioner reads their own (seeded for the demo), not a colleague’s; a secretary not at all', async () => {
    const own = await inject(martin, 'GET', `/api/billing/profiles/${martinId}`);
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json().profile).toMatchObject({ sector: '1', specialty: 'general_practice', practisesDepassements: false });
    expect((await inject(martin, 'GET', `/api/billing/profiles/${lefevreId}`)).statusCode).toBe(404);
    expect((await inject(desk, 'GET', `/api/billing/profiles/${martinId}`)).statusCode).toBe(403);
    expect((await inject(moreau, 'GET', `/api/billing/profiles/${martinId}`)).statusCode).toBe(404);
  });

  it('an admin updates one; keys are checked (RPPS and SIREN Luhn, AM number), secteur 1 has no dépassement', async () => {
    const body = { sector: '1', specialty: 'general_practice', rpps: withLuhnKey('1000100003'), amNumber: '2A1234567', siren: '732829320', practisesDepassements: false };
    const ok = await inject(admin, 'PUT', `/api/billing/profiles/${benaliId}`, body);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().profile).toMatchObject({ amNumber: '2A1234567', siren: '732829320' });
    const badRpps = await inject(admin, 'PUT', `/api/billing/profiles/${benaliId}`, { ...body, rpps: body.rpps.slice(0, 10) + String((Number(body.rpps[10]) + 1) % 10) });
    expect(badRpps.statusCode).toBe(422);
    expect(badRpps.json().error.message).toMatch(/RPPS/);
    expect((await inject(admin, 'PUT', `/api/billing/profiles/${benaliId}`, { ...body, siren: '732829321' })).statusCode).toBe(422);
    expect((await inject(admin, 'PUT', `/api/billing/profiles/${benaliId}`, { ...body, practisesDepassements: true })).json().error.message).toMatch(/secteur 1/);
    expect((await inject(admin, 'PUT', `/api/billing/profiles/${benaliId}`, { ...body, amNumber: '12345' })).statusCode).toBe(400);
    // The database holds the same rules whatever the code does.
    await expect(sql`UPDATE billing_profiles SET practises_depassements = true WHERE practitioner_id = ${benaliId}`.execute(db())).rejects.toThrow(/sector1_no_depassement/);
    const audit = await db().selectFrom('audit_log').select('action').where('action', '=', 'billing.profile.updated').execute();
    expect(audit.length).toBeGreaterThan(0);
  });
});

const gp = (over: object = {}) => ({ patientId: patient, practitionerId: martinId, date: day(2), acts: [{ code: 'G' }], parcours: 'medecin_traitant', tiersPayant: 'amo', ...over });

describe('invoices', () => {
  it('bills a consultation: the quote snapshot, coverage read from the file (mutuelle assumed and said)', async () => {
    const r = await inject(desk, 'POST', '/api/billing/invoices', gp());
    expect(r.statusCode, r.body).toBe(201);
    const inv = r.json().invoice;
    const birthDate = (await db().selectFrom('patients').select('birth_date').where('id', '=', patient).executeTakeFirstOrThrow()).birth_date;
    const expected = quote({
      id: 'x', date: day(2), practitioner: { specialty: 'general_practice', sector: '1' },
      patient: { birthDate, ald: false, css: false, ame: false, maternity: false }, care: { aldRelated: false, atmp: false },
      parcours: 'medecin_traitant', mutuelle: { present: true, responsible: true, coversTicketModerateur: true, coveragePercentOfBR: 100 }, acts: [{ code: 'G' }], tiersPayant: 'amo',
    });
    if ('error' in expected) throw new Error(expected.error);
    expect(inv.amounts).toEqual({
      totalCents: expected.totalCents, amoCents: expected.amoCents, amcCents: expected.amcCents, patientCents: expected.patientCents,
      participationForfaitaireCents: expected.participationForfaitaireCents, dueAtDeskCents: expected.dueAtDeskCents, paidCents: 0, remainingCents: expected.dueAtDeskCents,
    });
    expect(inv.amounts).toMatchObject({ totalCents: 3000, amoCents: 1900, amcCents: 900, dueAtDeskCents: 900 });
    expect(inv.lines).toEqual([{ code: 'G', label: expect.any(String), tariffCents: 3000, feeCents: 3000 }]);
    expect(inv.warnings.join(' ')).toMatch(/MGEN.*100 % BR/);
    const audit = await db().selectFrom('audit_log').select(['action', 'details']).where('resource_id', '=', inv.id).execute();
    expect(audit.map((a) => a.action)).toContain('billing.invoice.created');
  });

  it('CSS from the file: no dépassement, and the compulsory tiers payant is reminded', async () => {
    const r = await inject(desk, 'POST', '/api/billing/invoices', gp({ patientId: cssPatient }));
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().invoice.amounts).toMatchObject({ totalCents: 3000, amoCents: 2100, amcCents: 900, patientCents: 0, participationForfaitaireCents: 0 });
    expect(r.json().invoice.warnings.join(' ')).toMatch(/tiers payant obligatoire.*CSS/);
    const dep = await inject(lefevre, 'POST', '/api/billing/invoices', gp({ patientId: cssPatient, practitionerId: lefevreId, acts: [{ code: 'G', feeCents: 3500 }] }));
    expect(dep.statusCode).toBe(422);
    expect(dep.json().error.message).toMatch(/dépassement.*CSS/);
  });

  it('an engine refusal is a 422 in the one error shape with the French message; nothing is written', async () => {
    const before = (await db().selectFrom('billing_invoices').select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow()).n;
    const meg = await inject(desk, 'POST', '/api/billing/invoices', gp({ acts: [{ code: 'G' }, { code: 'MEG' }] }));
    expect(meg.statusCode).toBe(422);
    expect(meg.json().error).toMatchObject({ code: 'unprocessable', message: expect.stringMatching(/^Facturation impossible : MEG est réservée aux enfants/) });
    const unknown = await inject(desk, 'POST', '/api/billing/invoices', gp({ acts: [{ code: 'ZZZ' }] }));
    expect(unknown.json().error.message).toMatch(/acte inconnu/);
    const secteur1 = await inject(desk, 'POST', '/api/billing/invoices', gp({ acts: [{ code: 'G', feeCents: 3500 }] }));
    expect(secteur1.json().error.message).toMatch(/ne pratique pas de dépassement/);
    const future = await inject(desk, 'POST', '/api/billing/invoices', gp({ date: day(-3) }));
    expect(future.statusCode).toBe(422);
    expect((await db().selectFrom('billing_invoices').select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow()).n).toBe(before);
  });

  it('OPTAM dépassement; MEG for a child; a practitioner bills only in their own name and sees only their invoices', async () => {
    const dep = await inject(lefevre, 'POST', '/api/billing/invoices', gp({ practitionerId: lefevreId, acts: [{ code: 'G', feeCents: 3500 }] }));
    expect(dep.statusCode, dep.body).toBe(201);
    expect(dep.json().invoice.amounts.totalCents).toBe(3500);
    const kid = await inject(desk, 'POST', '/api/billing/invoices', gp({ patientId: child, acts: [{ code: 'G' }, { code: 'MEG' }] }));
    expect(kid.statusCode, kid.body).toBe(201);
    expect(kid.json().invoice.amounts.totalCents).toBe(3500);
    expect((await inject(lefevre, 'POST', '/api/billing/invoices', gp())).json().error.message).toMatch(/en son nom propre/);
    expect((await inject(lefevre, 'GET', `/api/billing/invoices/${kid.json().invoice.id}`)).statusCode).toBe(404);
    expect((await inject(martin, 'GET', `/api/billing/invoices/${kid.json().invoice.id}`)).statusCode).toBe(200);
    expect((await inject(moreau, 'GET', `/api/billing/invoices/${kid.json().invoice.id}`)).statusCode).toBe(404);
    const books = await inject(martin, 'GET', `/api/billing/practitioners/${martinId}/invoices?from=${day(30)}&to=${day(0)}`);
    expect(books.statusCode).toBe(200);
    expect(books.json().invoices.length).toBeGreaterThanOrEqual(2);
    expect((await inject(lefevre, 'GET', `/api/billing/practitioners/${martinId}/invoices?from=${day(30)}&to=${day(0)}`)).statusCode).toBe(404);
    expect((await inject(desk, 'GET', `/api/billing/practitioners/${martinId}/invoices?from=${day(30)}&to=${day(0)}`)).statusCode).toBe(403);
  });

  it('from an appointment: patient, practitioner and date come from it; a consultation is billed once', async () => {
    const appt = await db()
      .selectFrom('appointments')
      .select(['id', 'patient_id'])
      .where('practitioner_id', '=', martinId)
      .where('status', '=', 'done')
      .where('starts_at', '<', clock.now())
      .orderBy('starts_at', 'desc')
      .executeTakeFirstOrThrow();
    const body = { appointmentId: appt.id, acts: [{ code: 'G' }], parcours: 'exception', tiersPayant: 'none', coverage: { mutuelle: { present: false } } };
    const r = await inject(desk, 'POST', '/api/billing/invoices', body);
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().invoice).toMatchObject({ appointmentId: appt.id, patient: { id: appt.patient_id }, practitioner: { id: martinId } });
    expect(r.json().invoice.amounts.dueAtDeskCents).toBe(3000);
    expect((await inject(desk, 'POST', '/api/billing/invoices', body)).statusCode).toBe(409);
  });

  it('the database keeps an invoice as billed: amounts immutable, shares adding up, never deleted', async () => {
    const id = (await db().selectFrom('billing_invoices').select('id').limit(1).executeTakeFirstOrThrow()).id;
    await expect(sql`UPDATE billing_invoices SET total_cents = total_cents + 100 WHERE id = ${id}`.execute(db())).rejects.toThrow(/immutable/);
    await expect(sql`UPDATE billing_invoices SET paid_cents = 1 WHERE id = ${id}`.execute(db())).rejects.toThrow(/payments trigger/);
    await expect(sql`DELETE FROM billing_invoices WHERE id = ${id}`.execute(db())).rejects.toThrow(/never deleted/);
    await expect(sql`UPDATE billing_invoice_lines SET fee_cents = 1 WHERE invoice_id = ${id}`.execute(db())).rejects.toThrow(/never updated/);
    await expect(
      sql`INSERT INTO billing_invoices (practice_id, practitioner_id, patient_id, care_date, sector, specialty, parcours, tiers_payant, quote_case, quote,
        total_cents, amo_cents, amc_cents, patient_cents, participation_forfaitaire_cents, due_at_desk_cents, created_by)
        SELECT practice_id, practitioner_id, patient_id, care_date, sector, specialty, parcours, tiers_payant, quote_case, quote,
        3000, 1900, 900, 100, 200, 900, created_by FROM billing_invoices WHERE id = ${id}`.execute(db()),
    ).rejects.toThrow(/shares_sum/);
  });
});
