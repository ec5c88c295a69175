import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { DateTime } from 'luxon';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkFec } from '../../src/server/billing/books/fec-check.js';
import { clock } from '../../src/server/platform/clock.js';
import { pdfText, pdfToPngs } from '../../src/server/platform/pdf/testing.js';
import { zoneWithRoomToday } from '../helpers.js';
import { login, newPage, pickPatient, SCREENSHOTS, shot, startApp } from './harness.js';

/**
 * Issue 13 « Done when »: a morning at the maison de santé des Tilleuls, billed from the desk in Chromium. Dr Martin
 * (GP, secteur 1) has seen an adult in tiers payant AMO (paid by cheque), a child under 6 (G + MEG, cheque) and a CSS
 * patient (tiers payant intégral, nothing to collect); Dr Rousseau (paediatrician, secteur 2 OPTAM) an avis ponctuel
 * with a dépassement, paid in cash; Dr Nguyen (dentist) a crown: the quote with its 100 % Santé alternative is written,
 * signed on screen, and the crown, done this morning, billed and paid by card. Then Dr Martin, from his books' screens,
 * closes the day, puts the two cheques on a deposit slip and downloads the FEC. Everything goes through the screens;
 * amounts are asserted to the cent; the receipt and slip PDFs are rendered to PNG for a person to look at.
 */
const ZONE = process.env.PIVOT_TEST_RECEPTION_ZONE ?? zoneWithRoomToday(170, 0, clock.now(), 'Europe/Paris'); // Paris's date: the demo's books end on Paris's yesterday
type Key = 'tp' | 'child' | 'css' | 'specialist';
let app: Awaited<ReturnType<typeof startApp>>;
const appt: Record<Key, string> = { tp: '', child: '', css: '', specialist: '' };
let martinId = '';
let siren = '';
let dentalPatient: { birth_name: string; first_name: string };
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
  siren = (await db.selectFrom('billing_profiles').select('siren').where('practitioner_id', '=', martinId).executeTakeFirstOrThrow()).siren!;
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
  // The dentist's patient: régime général without mutuelle, so that the AMO pays 60 % of the crown's base.
  const dental = await db.selectFrom('patients').select(['id', 'birth_name', 'first_name']).where('practice_id', '=', practiceId).where('merged_into_id', 'is', null)
    .where('birth_date', '<', '1980-01-01').where('id', 'not in', ids).orderBy('birth_name', 'desc').limit(1).executeTakeFirstOrThrow();
  dentalPatient = dental;
  await sql`UPDATE patients SET amo = NULL, amc = NULL WHERE id = ${dental.id}`.execute(db);
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
  let doctor: Page;

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
  });

  it('Dr Nguyen’s crown: the quote with its 100 % Santé alternative, signed on screen, the done crown billed and paid by card', async () => {
    await desk.goto('/#/facturation/devis');
    await desk.getByTestId('dental-new').click();
    await pickPatient(desk, 'dental-patient', dentalPatient);
    await desk.getByTestId('dental-treatment').fill('Dent 46 : couronne céramométallique.');
    const proposed = desk.getByTestId('dental-act-1');
    await proposed.getByTestId('act-code').selectOption('HBLD734');
    await proposed.getByTestId('act-tooth').fill('46');
    await proposed.getByTestId('act-fee').fill('800');
    await desk.getByTestId('dental-add-alternative').click();
    const alternative = desk.getByTestId('dental-act-2');
    expect(await alternative.getByTestId('act-alternative-for').inputValue()).toBe('1');
    await alternative.getByTestId('act-code').selectOption('HBLD038');
    await alternative.getByTestId('act-tooth').fill('46');
    await alternative.getByTestId('act-fee').fill('290');
    await shot(desk, '77a-morning-dental-quote-form');
    await desk.getByTestId('dental-save').click();
    await desk.getByTestId('dental-quote').waitFor();
    // Base 120 € each, AMO 60 % = 72 €: the patient's part is 728 € for the ceramo-metal crown, 218 € for the metal one.
    const lines = (await text(desk.getByTestId('dental-lines')))!;
    for (const s of ['800,00 €', '728,00 €', '290,00 €', '218,00 €', '72,00 €']) expect(lines).toContain(s);

    await desk.getByTestId('dental-present').click();
    await expect.poll(() => text(desk.getByTestId('dental-status'))).toBe('Présenté');
    await desk.getByTestId('option-proposed').check();
    const canvas = desk.getByTestId('signature-canvas');
    await canvas.scrollIntoViewIfNeeded();
    const box = (await canvas.boundingBox())!;
    await desk.mouse.move(box.x + 30, box.y + box.height * 0.6);
    await desk.mouse.down();
    for (let i = 1; i <= 30; i++) await desk.mouse.move(box.x + 30 + i * 10, box.y + box.height * (0.6 - 0.25 * Math.sin(i / 3)), { steps: 2 });
    await desk.mouse.up();
    await shot(desk, '77b-morning-dental-signing');
    await desk.getByTestId('signature-submit').click();
    await desk.getByTestId('dental-signed').waitFor();
    expect(await text(desk.getByTestId('dental-status'))).toBe('Signé');
    expect(await text(desk.getByTestId('dental-signed'))).toContain('traitement proposé choisi');

    // The crown is done this morning (the practice's day, whatever the browser's zone): billed with tiers payant AMO.
    await desk.getByTestId('bill-done-on').fill(today);
    await desk.getByTestId('bill-tiers-payant').selectOption('amo');
    expect(await desk.getByTestId('bill-act-2').count()).toBe(0); // the alternative was not chosen: not billable
    await desk.getByTestId('bill-act-1').click();
    await desk.getByTestId('dental-billed').waitFor();
    await shot(desk, '77c-morning-dental-billed');
    await desk.getByTestId('billed-invoice').click();
    await desk.waitForURL(/#\/facturation\/factures\//);
    await expect.poll(() => text(desk.getByTestId('invoice-remaining'))).toBe('728,00 €');
    await desk.getByTestId('invoice-collect').click();
    const dialog = desk.getByTestId('collect-dialog');
    expect(await dialog.getByTestId('collect-payment').getAttribute('data-method')).toBe('card');
    await dialog.getByTestId('collect-submit').click();
    await dialog.getByTestId('collect-done').waitFor();
    expect(await text(dialog.getByTestId('done-paid'))).toBe('728,00 €');
    expect(await text(dialog.getByTestId('done-remaining'))).toBe('0,00 €');
    await shot(desk, '77d-morning-dental-paid-card');
    await dialog.getByTestId('collect-close').click();
    await expect.poll(() => text(desk.getByTestId('invoice-remaining'))).toBe('0,00 €');
    expect(await text(desk.getByTestId('invoice-amounts'))).toContain('72,00 €');
    await shot(desk, '77e-morning-dental-invoice');
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

  it('Dr Martin closes the day from his day book; a later correction of the morning is refused', async () => {
    doctor = await newPage(app.browser, app.baseUrl);
    await login(doctor, 'medecin@demo.pivot');
    await doctor.getByTestId('nav-billingBooks').click();
    await doctor.getByTestId('daybook-table').waitFor();
    const day = doctor.locator(`[data-testid="daybook-day"][data-day="${today}"]`);
    for (const [number, amount] of [['7000001', '9,00 €'], ['7000002', '35,00 €']]) {
      const line = day.getByTestId('daybook-line-payment').filter({ hasText: number });
      await expect.poll(() => line.count()).toBe(1);
      expect(await text(line)).toContain(amount);
    }
    expect(await day.getByTestId('daybook-line-payment').filter({ hasText: '80,00' }).count()).toBe(0); // Dr Rousseau's cash is hers
    const dayTotal = /— (\d[\d ]*,\d{2} €)/.exec((await text(day.locator('.books-day-total th')))!)![1];
    await shot(doctor, '79a-morning-daybook');
    await doctor.getByTestId('daybook-close-today').click();
    const close = doctor.getByTestId('close-day-dialog');
    await expect.poll(() => text(close.getByTestId('close-day-totals'))).toContain(dayTotal!);
    await shot(doctor, '79b-morning-close-day');
    await close.getByTestId('close-day-confirm').click();
    await doctor.getByTestId('daybook-today-closed').waitFor();
    expect(await day.getAttribute('data-closed')).toBe('true');
    await shot(doctor, '79c-morning-day-closed');

    // The desk tries to correct the first receipt of the morning (credit note + new receipt): the day is locked.
    await desk.goto('/#/facturation');
    await row(desk, 'tp').getByTestId('billing-open').click();
    await desk.getByTestId('invoice-credit-note').click();
    await desk.getByTestId('credit-reason').fill('Erreur de nom sur le reçu');
    await desk.getByTestId('credit-submit').click();
    await expect.poll(() => text(desk.getByTestId('invoice-error'))).toContain('est clôturée');
    expect(await desk.locator('[data-testid="invoice-receipt"][data-kind="credit_note"]').count()).toBe(0);
    await shot(desk, '79d-morning-correction-refused');
  });

  it('Dr Martin puts the two cheques on a deposit slip and opens its PDF', async () => {
    await doctor.getByTestId('books-tab-deposits').click();
    await doctor.getByTestId('cheques-table').waitFor();
    // The demo's older cheques wait too: only this morning's two go on this slip.
    const all = doctor.locator('[data-testid="cheques-table"] thead input[type="checkbox"]');
    if (await all.isChecked()) await all.uncheck();
    for (const number of ['7000001', '7000002']) await doctor.getByTestId('cheque-row').filter({ hasText: number }).getByRole('checkbox').check();
    expect(await text(doctor.getByTestId('slip-selection'))).toMatch(/2 chèques.*44,00 €/);
    await shot(doctor, '79e-morning-deposits');
    await doctor.getByTestId('slip-create').click();
    const link = doctor.getByTestId('slip-created-pdf');
    await link.waitFor();
    for (const number of ['7000001', '7000002']) await expect.poll(() => doctor.getByTestId('cheque-row').filter({ hasText: number }).count()).toBe(0); // one slip only
    await shot(doctor, '79f-morning-slip-created');
    const [popup] = await Promise.all([doctor.waitForEvent('popup'), link.click()]);
    const pdf = await doctor.request.get(popup.url());
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    await popup.close();
    const slipBytes = Buffer.from(await pdf.body());
    const slipWords = pdfText(slipBytes).replace(/[\u00a0\u202f]/g, ' ');
    for (const s of ['Bordereau de remise de chèques', '7000001', '7000002', 'Crédit Mutuel', 'Banque Postale', '9,00', '35,00', '44,00', '2 chèque']) expect(slipWords).toContain(s);
    expect(pdfToPngs(slipBytes, '79-morning-deposit-slip', 100).length).toBeGreaterThan(0);
  });

  it('Dr Martin downloads the day’s FEC from the export screen: <SIREN>FEC<AAAAMMJJ>.txt, 22 columns, balanced', async () => {
    await doctor.getByTestId('books-tab-exports').click();
    await doctor.getByTestId('export-from').fill(today);
    expect(await doctor.getByTestId('export-to').inputValue()).toBe(today);
    const [download] = await Promise.all([doctor.waitForEvent('download'), doctor.getByTestId('export-fec').click()]);
    expect(download.suggestedFilename()).toBe(`${siren}FEC${today.replaceAll('-', '')}.txt`);
    const saved = path.join(SCREENSHOTS, '..', `morning-${download.suggestedFilename()}`);
    await download.saveAs(saved);
    const file = fs.readFileSync(saved, 'latin1');
    expect(checkFec(file)).toEqual([]);
    const records = file.split('\r\n').filter(Boolean).map((l) => l.split('\t'));
    expect(records.every((r) => r.length === 22)).toBe(true);
    const lines = (account: string) => records.slice(1).filter((r) => r[4] === account).map((r) => `${r[11]}/${r[12]}`);
    // Each cheque: debit « chèques à encaisser », credit fees; the slip: debit bank, credit « chèques à encaisser ».
    expect(lines('511200')).toEqual(expect.arrayContaining(['9,00/0,00', '35,00/0,00', '0,00/44,00']));
    expect(lines('512000')).toContain('44,00/0,00');
    expect(records.slice(1).every((r) => r[3] === today.replaceAll('-', ''))).toBe(true);
    expect(file).not.toContain('80,00'); // Dr Rousseau's cash is in her books, not Dr Martin's
    expect(file).not.toContain('728,00'); // nor Dr Nguyen's crown
    await expect.poll(async () => (await doctor.getByTestId('export-row').allTextContents()).some((t) => t.includes(download.suggestedFilename())), { timeout: 15_000 }).toBe(true);
    await shot(doctor, '79g-morning-fec-export');
  });
});
