import { sql } from 'kysely';
import { DateTime } from 'luxon';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkFec } from '../../src/server/billing/books/fec-check.js';
import { clock } from '../../src/server/platform/clock.js';
import { pdfText, pdfToPngs } from '../../src/server/platform/pdf/testing.js';
import { zoneWithRoomToday } from '../helpers.js';
import { login, newPage, shot, startApp } from './harness.js';

/**
 * Issue 13 « Done when »: a morning at the maison de santé des Tilleuls, billed from the desk in Chromium. Dr Martin
 * (GP, secteur 1) has seen an adult in tiers payant AMO (paid by cheque), a child under 6 (G + MEG, cheque) and a CSS
 * patient (tiers payant intégral, nothing to collect); Dr Rousseau (paediatrician, secteur 2 OPTAM) an avis ponctuel
 * with a dépassement, paid in cash. Then Dr Martin closes the day, puts the two cheques on a deposit slip and exports
 * the FEC. Amounts are asserted to the cent; the receipt and slip PDFs are rendered to PNG for a person to look at.
 *
 * The books' web screens (day book, closing, slips, FEC) and the dental quote are being built elsewhere: those steps
 * call the HTTP API with the practitioner's browser session, at the TODO hooks below.
 */
const ZONE = process.env.PIVOT_TEST_RECEPTION_ZONE ?? zoneWithRoomToday(170, 0);
type Key = 'tp' | 'child' | 'css' | 'specialist';
let app: Awaited<ReturnType<typeof startApp>>;
const appt: Record<Key, string> = { tp: '', child: '', css: '', specialist: '' };
let martinId = '';
let today = '';
const receiptIds: string[] = [];

beforeAll(async () => {
  app = await startApp();
  const db = app.database.db;
  const practiceId = (await db.selectFrom('practices').select('id').where('slug', '=', 'maison-de-sante-des-tilleuls').executeTakeFirstOrThrow()).id;
  await db.updateTable('practices').set({ timezone: ZONE }).where('id', '=', practiceId).execute();
  const practitionerOf = async (email: string) =>
    (await db.selectFrom('practitioners as p').innerJoin('accounts as a', 'a.id', 'p.account_id').select('p.id').where('a.email', '=', email).executeTakeFirstOrThrow()).id;
  martinId = await practitionerOf('medecin@demo.pivot');
  const rousseauId = await practitionerOf('pediatre@demo.pivot');
  const now = DateTime.fromJSDate(clock.now()).setZone(ZONE);
  today = now.toISODate()!;
  const patients = db.selectFrom('patients').select('id').where('practice_id', '=', practiceId).where('merged_into_id', 'is', null).orderBy('birth_name').orderBy('id');
  const adults = await patients.where('birth_date', '<', '1985-01-01').limit(2).execute();
  const child = await patients.where('birth_date', '>', now.minus({ years: 5 }).toISODate()!).executeTakeFirstOrThrow();
  const older = (await patients.where('birth_date', '<', now.minus({ years: 7 }).toISODate()!).where('birth_date', '>', now.minus({ years: 17 }).toISODate()!).executeTakeFirst()) ?? (await patients.where('birth_date', '<', '1985-01-01').offset(2).executeTakeFirstOrThrow());
  const gp = JSON.stringify({ inPractice: true, practitionerId: martinId, accountId: null, name: 'Dr Claire Martin', rpps: null, city: null, phone: null });
  const css = JSON.stringify({ ald: [], exemptions: [{ kind: 'css', from: null, until: null }] });
  const ids = [adults[0]!.id, adults[1]!.id, child.id, older.id];
  await sql`UPDATE patients SET gp = ${gp}::jsonb, amo = NULL, amc = NULL WHERE id IN (${sql.join(ids)})`.execute(db);
  await sql`UPDATE patients SET amo = ${css}::jsonb WHERE id = ${adults[1]!.id}`.execute(db);
  // The demo agenda's consultations of both doctors around now are cancelled, so that the test's own fit.
  await sql`UPDATE appointments SET status = 'cancelled_by_practice', cancelled_at = now() WHERE practitioner_id IN (${martinId}, ${rousseauId})
    AND starts_at > ${new Date(clock.nowMs() - 4 * 3_600_000)} AND starts_at < ${new Date(clock.nowMs() + 3_600_000)} AND status IN ('booked', 'confirmed', 'arrived', 'in_consultation', 'done')`.execute(db);
  const plan: [Key, string, string, number][] = [['tp', martinId, adults[0]!.id, 150], ['child', martinId, child.id, 120], ['css', martinId, adults[1]!.id, 90], ['specialist', rousseauId, older.id, 60]];
  for (const [key, practitionerId, patientId, ago] of plan) {
    const start = new Date(clock.nowMs() - ago * 60_000);
    const end = new Date(start.getTime() + 20 * 60_000);
    appt[key] = (await db.insertInto('appointments').values({ practice_id: practiceId, practitioner_id: practitionerId, patient_id: patientId, starts_at: start, ends_at: end, busy_until: end, channel: 'desk', status: 'done', updated_at: clock.now() }).returning('id').executeTakeFirstOrThrow()).id;
  }
}, 240_000);
afterAll(async () => app?.close());

const row = (page: Page, key: Key) => page.locator(`[data-testid="billing-row"][data-appointment="${appt[key]}"]`);
const text = async (loc: ReturnType<Page['getByTestId']>) => (await loc.textContent())?.replace(/[\u00a0\u202f]/g, ' ').trim() ?? null;
const amounts = async (page: Page) => {
  const d = page.getByTestId('collect-dialog');
  const read = async (id: string) => (await text(d.getByTestId(id)))?.replace(/ \(.*$/, '').replace(/ dont .*$/i, '') ?? '';
  return { total: await read('amount-total'), amo: await read('amount-amo'), amc: await read('amount-amc'), due: await read('amount-due') };
};

describe('a morning at the maison de santé, billed from the desk', () => {
  let desk: Page;

  async function open(key: Key) {
    await row(desk, key).getByTestId('billing-collect').click();
    await desk.getByTestId('collect-dialog').waitFor();
    return desk.getByTestId('collect-dialog');
  }
  async function finish(key: Key, shotName: string) {
    const dialog = desk.getByTestId('collect-dialog');
    await dialog.getByTestId('collect-done').waitFor();
    await shot(desk, shotName);
    const href = await dialog.getByTestId('done-receipt-pdf').getAttribute('href');
    receiptIds.push(decodeURIComponent(/receipts\/([^/]+)\/pdf/.exec(href!)![1]!));
    const paid = await text(dialog.getByTestId('done-paid'));
    await dialog.getByTestId('collect-close').click();
    await expect.poll(() => row(desk, key).getAttribute('data-state')).toBe('paid');
    return paid;
  }

  it('the desk lists the four consultations of two practitioners to bill', async () => {
    desk = await newPage(app.browser, app.baseUrl);
    await login(desk, 'secretaire@demo.pivot');
    await desk.goto('/#/facturation');
    await desk.getByTestId('billing-desk').waitFor();
    for (const k of Object.keys(appt) as Key[]) await expect.poll(() => row(desk, k).getAttribute('data-state')).toBe('to_bill');
    await shot(desk, '70-morning-desk-to-bill');
  });

  it('GP, tiers payant on the AMO share (Alt+S): 9,00 € by cheque', async () => {
    const dialog = await open('tp');
    await expect.poll(() => text(dialog.getByTestId('amount-due'))).toBe('30,00 €');
    await desk.keyboard.press('Alt+S');
    // G 30 €: AMO 70 % = 21 € paid by the caisse (19 € after the 2 € participation forfaitaire), no mutuelle.
    await expect.poll(() => amounts(desk)).toEqual({ total: '30,00 €', amo: '19,00 €', amc: '0,00 €', due: '9,00 €' });
    expect(await dialog.getByTestId('collect-tp-amo').isChecked()).toBe(true);
    await desk.keyboard.press('Alt+Q');
    await dialog.getByTestId('cheque-bank').fill('Crédit Mutuel');
    await dialog.getByTestId('cheque-number').fill('7000001');
    await dialog.getByTestId('cheque-number').press('Enter');
    expect(await finish('tp', '71-morning-tp-amo-cheque')).toBe('9,00 €');
  });

  it('a child under 6: G + MEG proposed, 35,00 € by cheque', async () => {
    const dialog = await open('child');
    await expect.poll(() => dialog.getByTestId('collect-acts').inputValue()).toBe('G + MEG');
    expect(await dialog.locator('[data-kind="meg_under_6"]').textContent()).toContain('moins de 6 ans');
    await expect.poll(() => amounts(desk)).toEqual({ total: '35,00 €', amo: '24,50 €', amc: '0,00 €', due: '35,00 €' });
    await desk.keyboard.press('Alt+Q');
    await dialog.getByTestId('cheque-bank').fill('Banque Postale');
    await dialog.getByTestId('cheque-number').fill('7000002');
    await dialog.getByTestId('cheque-number').press('Enter');
    expect(await finish('child', '72-morning-child-meg-cheque')).toBe('35,00 €');
  });

  it('a CSS patient: tiers payant intégral proposed with its reason, no dépassement possible, nothing to collect', async () => {
    const dialog = await open('css');
    await expect.poll(() => dialog.getByTestId('collect-tp-amo_amc').isChecked()).toBe(true);
    expect(await text(dialog.getByTestId('collect-head'))).toContain('CSS');
    expect(await dialog.locator('[data-kind="tiers_payant_compulsory"]').textContent()).toContain('CSS');
    expect(await dialog.getByTestId('collect-fee').count()).toBe(0); // secteur 1: no fee field, no dépassement
    // The CSS pays the 9 € ticket modérateur; no participation forfaitaire for a CSS beneficiary.
    await expect.poll(() => amounts(desk)).toEqual({ total: '30,00 €', amo: '21,00 €', amc: '9,00 €', due: '0,00 €' });
    await dialog.getByTestId('collect-nothing-due').waitFor();
    await shot(desk, '73-morning-css');
    await dialog.getByTestId('collect-submit').click();
    expect(await finish('css', '74-morning-css-receipt')).toBe('0,00 €');
  });

  it('Dr Rousseau, secteur 2 OPTAM: APC with a dépassement (80 € for 60 €), written information reminder, cash', async () => {
    const dialog = await open('specialist');
    await dialog.getByTestId('collect-acts').fill('APC');
    await dialog.getByTestId('collect-parcours').selectOption('referred');
    await dialog.getByTestId('collect-fee').fill('80');
    await expect.poll(() => amounts(desk)).toEqual({ total: '80,00 €', amo: '42,00 €', amc: '0,00 €', due: '80,00 €' });
    expect(await dialog.locator('[data-kind="written_information_70"]').textContent()).toContain('information écrite');
    await shot(desk, '75-morning-specialist-depassement');
    await desk.keyboard.press('Alt+E');
    expect(await dialog.getByTestId('collect-payment').getAttribute('data-method')).toBe('cash');
    await dialog.getByTestId('collect-submit').click();
    expect(await finish('specialist', '76-morning-specialist-cash')).toBe('80,00 €');
    await shot(desk, '77-morning-desk-all-paid');
    // TODO(dental quotes, issue 13): the dental step goes here — Dr Nguyen's prosthetic quote signed on screen,
    // then the accepted act billed from this desk — once the dental quote screens land.
  });

  it('the receipt is a PDF with the legal mentions, rendered to PNG', async () => {
    const pdf = await desk.request.get(`/api/billing/receipts/${receiptIds[3]}/pdf`);
    expect(pdf.status()).toBe(200);
    const bytes = await pdf.body();
    const words = pdfText(bytes).replace(/[\u00a0\u202f]/g, ' ');
    for (const s of ['Rousseau', 'RPPS', 'APC', '80,00', '42,00']) expect(words).toContain(s);
    expect(words).toMatch(/OPTAM/i);
    expect(pdfToPngs(bytes, '78-morning-receipt-specialist', 100).length).toBeGreaterThan(0);
    // Dr Martin's tiers payant receipt: the AMO share is not collected, the cheque settles the rest.
    const tp = await (await desk.request.get(`/api/billing/receipts/${receiptIds[0]}/pdf`)).body();
    const tpWords = pdfText(tp).replace(/[\u00a0\u202f]/g, ' ');
    for (const s of ['Claire Martin', 'Secteur 1', '30,00', '19,00', '9,00']) expect(tpWords).toContain(s);
    expect(tpWords).toMatch(/Tiers payant\s+Tiers payant sur la part\s+obligatoire \(AMO\)/);
    expect(tpWords).toContain('participation forfaitaire de 2,00 €');
    expect(pdfToPngs(tp, '78-morning-receipt-tiers-payant', 100).length).toBeGreaterThan(0);
  });

  it('Dr Martin closes the day, deposits the two cheques on a slip (PDF) and exports the FEC', async () => {
    const doctor = await newPage(app.browser, app.baseUrl);
    await login(doctor, 'medecin@demo.pivot');
    const api = doctor.request;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const json = async (r: Awaited<ReturnType<typeof api.get>>): Promise<any> => {
      expect(r.status(), await r.text()).toBeLessThan(300);
      return r.json();
    };
    // TODO(books screens): the day book and « Clôturer la journée » screens replace these calls when they land.
    const book = await json(await api.get(`/api/billing/practitioners/${martinId}/day-book?from=${today}&to=${today}`));
    const ours = book.lines.filter((l: { amountCents?: number; means?: string }) => l.means === 'cheque' && [900, 3500].includes(l.amountCents ?? 0));
    expect(ours.map((l: { amountCents: number }) => l.amountCents).sort()).toEqual([3500, 900]);
    const dayTotal = book.days.find((d: { day: string }) => d.day === today).totalCents;
    const closed = await json(await api.post(`/api/billing/practitioners/${martinId}/closed-days`, { data: { day: today } }));
    expect(closed).toMatchObject({ day: today, totalCents: dayTotal });
    // A closed day is locked: correcting this morning's first receipt (credit note + new receipt) is refused.
    const late = await desk.request.post(`/api/billing/receipts/${receiptIds[0]}/credit-note`, { data: { reason: 'Erreur de nom sur le reçu' } });
    expect(late.status(), await late.text()).toBe(409);
    expect((await late.json()).error.message).toContain('est clôturée');

    // TODO(books screens): « Remise de chèques » screen.
    const cheques = (await json(await api.get(`/api/billing/practitioners/${martinId}/cheques`))).cheques.filter((c: { number: string }) => ['7000001', '7000002'].includes(c.number));
    expect(cheques.map((c: { bank: string; number: string; amountCents: number }) => [c.number, c.bank, c.amountCents]).sort()).toEqual([['7000001', 'Crédit Mutuel', 900], ['7000002', 'Banque Postale', 3500]]);
    const account = (await json(await api.get(`/api/billing/practitioners/${martinId}/bank-accounts`))).bankAccounts[0];
    const { slip } = await json(await api.post(`/api/billing/practitioners/${martinId}/deposit-slips`, { data: { bankAccountId: account.id, paymentIds: cheques.map((c: { paymentId: string }) => c.paymentId) } }));
    expect(slip).toMatchObject({ count: 2, totalCents: 4400 });
    const again = await api.post(`/api/billing/practitioners/${martinId}/deposit-slips`, { data: { bankAccountId: account.id, paymentIds: [cheques[0].paymentId] } });
    expect(again.status()).toBe(422); // a cheque is on one slip only
    const slipPdf = await api.get(`/api/billing/deposit-slips/${slip.id}/pdf`);
    expect(slipPdf.status()).toBe(200);
    const slipBytes = await slipPdf.body();
    const slipWords = pdfText(slipBytes).replace(/[\u00a0\u202f]/g, ' ');
    for (const s of ['7000001', '7000002', 'Crédit Mutuel', 'Banque Postale', '9,00', '35,00', '44,00']) expect(slipWords).toContain(s);
    expect(pdfToPngs(slipBytes, '79-morning-deposit-slip', 100).length).toBeGreaterThan(0);

    // TODO(books screens): « Export comptable » screen.
    const fec = await api.get(`/api/billing/exports/fec?from=${today}&to=${today}`);
    expect(fec.status(), await fec.text()).toBe(200);
    expect(fec.headers()['content-disposition']).toMatch(new RegExp(`^attachment; filename="\\d{9}FEC${today.replaceAll('-', '')}\\.txt"$`));
    const file = await fec.text();
    expect(checkFec(file)).toEqual([]);
    const records = file.trim().split(/\r\n/).slice(1).map((l) => l.split('\t'));
    const lines = (account: string) => records.filter((r) => r[4] === account).map((r) => `${r[11]}/${r[12]}`);
    // Each cheque: debit « chèques à encaisser », credit fees; the slip: debit bank, credit « chèques à encaisser ».
    expect(lines('511200')).toEqual(expect.arrayContaining(['9,00/0,00', '35,00/0,00', '0,00/44,00']));
    expect(lines('512000')).toContain('44,00/0,00');
    expect(records.every((r) => r[3] === today.replaceAll('-', ''))).toBe(true);
    expect(file).not.toContain('80,00'); // Dr Rousseau's cash is in her books, not Dr Martin's
  });
});
