import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, type TestPivot } from '../../../../tests/helpers.js';
import { ibanWithKey } from './rules.js';
import { booksKit, injectAs, today, type BooksKit } from './test-kit.js';

/**
 * The practitioner's bank accounts through the routes: the IBAN's mod-97 key checked with a French 422, edits of
 * label, holder and bank, deactivation (no new slip on a deactivated account), rights, practice isolation, audit.
 */
let pivot: TestPivot;
let k: BooksKit;
const inject: ReturnType<typeof injectAs> = (...args) => injectAs(pivot)(...args);
const url = (id: string) => `/api/billing/practitioners/${id}/bank-accounts`;

beforeAll(async () => {
  k = await booksKit();
  pivot = k.pivot;
}, 180_000);
afterAll(async () => pivot?.close());

describe('bank accounts', () => {
  it('adds an account only with a valid IBAN, and says why in French (or English when asked)', async () => {
    const good = ibanWithKey('FR', '20041010050500013M02606');
    const badKey = `${good.slice(0, 2)}${good.slice(2, 4) === '99' ? '98' : String(Number(good.slice(2, 4)) + 1).padStart(2, '0')}${good.slice(4)}`;
    for (const iban of [badKey, 'FR76 1234', 'GB00 NOPE 1234 5678 9012 34', 'pas un iban']) {
      const r = await inject(k.martin, 'POST', url(k.martinId), { label: 'Pro', holder: 'Dr Claire Martin', bank: 'La Banque Postale', iban });
      expect(r.statusCode, iban).toBe(422);
      expect(r.json().error.message).toMatch(/IBAN invalide/);
    }
    // An account set to English reads the English sentence.
    await pivot.database.db.updateTable('accounts').set({ language: 'en' }).where('email', '=', 'medecin@demo.pivot').execute();
    const en = await pivot.app.inject({ method: 'POST', url: url(k.martinId), headers: { ...bearer(await pivot.login('medecin@demo.pivot')), 'accept-language': 'en' }, payload: { label: 'Pro', holder: 'X', bank: 'Y', iban: badKey } });
    await pivot.database.db.updateTable('accounts').set({ language: 'fr' }).where('email', '=', 'medecin@demo.pivot').execute();
    expect(en.json().error.message).toMatch(/Invalid IBAN/);
    const missing = await inject(k.martin, 'POST', url(k.martinId), { label: 'Pro', holder: 'Dr Claire Martin', bank: '', iban: good });
    expect([400, 422]).toContain(missing.statusCode);

    const r = await inject(k.martin, 'POST', url(k.martinId), { label: 'Compte courant', holder: 'Dr Claire Martin', bank: 'La Banque Postale', iban: good.replace(/(.{4})/g, '$1 ') });
    expect(r.statusCode, r.body).toBe(201);
    const list = (await inject(k.desk, 'GET', url(k.martinId))).json().bankAccounts;
    expect(list.find((a: { id: string }) => a.id === r.json().id)).toMatchObject({ label: 'Compte courant', holder: 'Dr Claire Martin', bank: 'La Banque Postale', active: true, slips: 0 });
    expect((await inject(k.martin, 'POST', url(k.martinId), { label: 'Encore', holder: 'Dr Claire Martin', bank: 'LBP', iban: good })).statusCode).toBe(409);
  });

  it('edits label, holder and bank, deactivates and reactivates; a deactivated account takes no slip; every change is audited', async () => {
    const iban = ibanWithKey('FR', '30002005500000157845Z02');
    const id = (await inject(k.admin, 'POST', url(k.lefevreId), { label: 'Pro', holder: 'Dr Paul Lefèvre', bank: 'LCL', iban })).json().id;
    expect(id).toBeTruthy();
    const put = await inject(k.lefevre, 'PUT', `${url(k.lefevreId)}/${id}`, { label: 'Compte cabinet', holder: 'SELARL Dr Lefèvre', bank: 'Crédit Lyonnais', active: true });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json().bankAccounts.find((a: { id: string }) => a.id === id)).toMatchObject({ label: 'Compte cabinet', holder: 'SELARL Dr Lefèvre', bank: 'Crédit Lyonnais', active: true });
    expect((await inject(k.lefevre, 'PUT', `${url(k.lefevreId)}/${id}`, { label: 'Compte cabinet', holder: 'SELARL Dr Lefèvre', bank: 'Crédit Lyonnais', active: false })).statusCode).toBe(200);

    // A cheque of Dr Lefèvre's cannot go on the deactivated account.
    const inv = await inject(k.desk, 'POST', '/api/billing/invoices', { patientId: k.patient, practitionerId: k.lefevreId, date: today(), acts: [{ code: 'G' }], parcours: 'medecin_traitant', tiersPayant: 'none', coverage: { mutuelle: { present: false } } });
    expect(inv.statusCode, inv.body).toBe(201);
    {
      const pay = await inject(k.desk, 'POST', `/api/billing/invoices/${inv.json().invoice.id}/payments`, { payments: [{ method: 'cheque', amountCents: 3000, cheque: { bank: 'BNP', number: '4400001', drawer: 'M. Blanc' } }] });
      const slip = await inject(k.desk, 'POST', `/api/billing/practitioners/${k.lefevreId}/deposit-slips`, { bankAccountId: id, paymentIds: pay.json().paymentIds });
      expect(slip.statusCode).toBe(422);
      expect(slip.json().error.message).toMatch(/désactivé/);
    }
    expect((await inject(k.admin, 'PUT', `${url(k.lefevreId)}/${id}`, { label: 'Compte cabinet', holder: 'SELARL Dr Lefèvre', bank: 'Crédit Lyonnais', active: true })).statusCode).toBe(200);

    const audit = await pivot.database.db.selectFrom('audit_log').select(['action', 'details']).where('action', 'like', 'billing.bank_account.%').orderBy('id').execute();
    const mine = audit.filter((a) => (a.details as { bankAccountId?: string } | null)?.bankAccountId === id).map((a) => a.action);
    expect(mine).toEqual(['billing.bank_account.added', 'billing.bank_account.updated', 'billing.bank_account.deactivated', 'billing.bank_account.reactivated']);
  });

  it('the desk reads but does not change; a practitioner only their own; another practice sees nothing', async () => {
    const iban = ibanWithKey('FR', '10096000307391945718M61');
    const id = (await inject(k.martin, 'POST', url(k.martinId), { label: 'Épargne', holder: 'Dr Claire Martin', bank: 'CIC', iban })).json().id;
    const body = { label: 'Piraté', holder: 'X', bank: 'Y', active: false };
    expect((await inject(k.desk, 'PUT', `${url(k.martinId)}/${id}`, body)).statusCode).toBe(403);
    expect((await inject(k.lefevre, 'PUT', `${url(k.martinId)}/${id}`, body)).statusCode).toBe(404);
    expect((await inject(k.lefevre, 'POST', url(k.martinId), { label: 'A', holder: 'B', bank: 'C', iban })).statusCode).toBe(404);
    expect((await inject(k.otherAdmin, 'PUT', `${url(k.martinId)}/${id}`, body)).statusCode).toBe(404);
    expect((await inject(k.otherAdmin, 'GET', url(k.martinId))).statusCode).toBe(404);
    // The account id of Dr Martin under Dr Lefèvre's URL is not found either.
    expect((await inject(k.admin, 'PUT', `${url(k.lefevreId)}/${id}`, body)).statusCode).toBe(404);
    const row = (await inject(k.martin, 'GET', url(k.martinId))).json().bankAccounts.find((a: { id: string }) => a.id === id);
    expect(row).toMatchObject({ label: 'Épargne', active: true });
    // The IBAN is the account's identity: the database refuses to change it.
    await expect(pivot.database.db.updateTable('billing_bank_accounts').set({ account: ibanWithKey('FR', '10096000307391945718M62') }).where('id', '=', id).execute()).rejects.toThrow(/never change/);
  });
});
