import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfText, pdfToPngs } from '../../src/server/platform/pdf/testing.js';
import { expectAccessible, login, newPage, SCREENSHOTS, shot, startApp } from './harness.js';

/**
 * The practitioner's books in Chromium (issue 13), on the demo practice and its three months of billing: Dr Martin
 * opens the day book, reverses a payment of a closed day (the reversing entry lands today), closes today, makes a
 * deposit slip of the cheques not yet deposited and opens its PDF, records an expense, downloads the FEC (file name,
 * 22 columns, balanced entries) and views the charts. The secretary prepares slips but neither closes nor exports.
 */
let app: Awaited<ReturnType<typeof startApp>>;
let martin: Page;
let today = '';
let siren = '';
let martinId = '';

beforeAll(async () => {
  app = await startApp();
  const db = app.database.db;
  const pr = await db.selectFrom('practitioners as p').innerJoin('accounts as a', 'a.id', 'p.account_id').innerJoin('billing_profiles as b', 'b.practitioner_id', 'p.id')
    .select(['p.id', 'b.siren']).where('a.email', '=', 'medecin@demo.pivot').executeTakeFirstOrThrow();
  martinId = pr.id;
  siren = pr.siren!;
}, 240_000);
afterAll(async () => app?.close());

const clean = (s: string | null) => (s ?? '').replace(/[\u00a0\u202f]/g, ' ');

describe('the practitioner’s books', () => {
  it('the secretary collects a cheque today, sees the deposit slips but not the books, and cannot close nor export', async () => {
    const desk = await newPage(app.browser, app.baseUrl);
    await login(desk, 'secretaire@demo.pivot');
    const patient = (await app.database.db.selectFrom('patients as p').innerJoin('practitioners as pr', 'pr.practice_id', 'p.practice_id').select('p.id')
      .where('pr.id', '=', martinId).where('p.birth_date', '<', '1990-01-01').where('p.merged_into_id', 'is', null).orderBy('p.id').limit(1).executeTakeFirstOrThrow()).id;
    const desk0 = await (await desk.request.get('/api/billing/desk')).json();
    today = desk0.date;
    const inv = await desk.request.post('/api/billing/invoices', { data: { patientId: patient, practitionerId: martinId, date: today, acts: [{ code: 'G' }], parcours: 'medecin_traitant', tiersPayant: 'none', coverage: { mutuelle: { present: false } } } });
    expect(inv.status(), await inv.text()).toBe(201);
    const invoiceId = (await inv.json()).invoice.id;
    const pay = await desk.request.post(`/api/billing/invoices/${invoiceId}/payments`, { data: { payments: [{ method: 'cheque', amountCents: 3000, cheque: { bank: 'Crédit Agricole', number: '7700123', drawer: 'M. Test Remise' } }] } });
    expect(pay.status(), await pay.text()).toBe(201);

    await expect.poll(() => desk.getByTestId('nav-billingDeposits').count()).toBe(1);
    expect(await desk.getByTestId('nav-billingBooks').count()).toBe(0);
    for (const p of ['/facturation/livres', '/facturation/livres/export']) {
      await desk.goto(`/#${p}`);
      await expect.poll(async () => clean(await desk.locator('h1').textContent())).toBe('Accès réservé');
    }
    expect((await desk.request.post(`/api/billing/practitioners/${martinId}/closed-days`, { data: { day: today } })).status()).toBe(403);
    expect((await desk.request.get(`/api/billing/exports/fec?practitioner=${martinId}`)).status()).toBe(403);
    await desk.getByTestId('nav-billingDeposits').click();
    await desk.getByTestId('books-deposits').waitFor();
    await desk.getByTestId('books-practitioner').selectOption(martinId);
    await expect.poll(() => desk.getByTestId('cheque-row').filter({ hasText: '7700123' }).count()).toBe(1);
    expect(await desk.getByTestId('books-tab-daybook').count()).toBe(0);
    // The desk sees the practitioner's bank accounts (to choose one) but neither adds nor changes them.
    await expect.poll(() => desk.getByTestId('bank-row').count()).toBeGreaterThan(0);
    expect(await desk.getByTestId('bank-add').count()).toBe(0);
    expect(await desk.getByTestId('bank-edit').count()).toBe(0);
    await shot(desk, '80-books-deposits-secretary');
    await desk.context().close();
  });

  it('Dr Martin opens the day book: receipts by means of payment, closed days, totals', async () => {
    martin = await newPage(app.browser, app.baseUrl);
    await login(martin, 'medecin@demo.pivot');
    await martin.getByTestId('nav-billingBooks').click();
    await martin.getByTestId('daybook-table').waitFor();
    // Ten days back: some closed days of the demo, and the last ones left open.
    const tenDaysAgo = new Date(Date.parse(`${today}T12:00:00Z`) - 10 * 86400_000).toISOString().slice(0, 10);
    await martin.getByTestId('daybook-from').fill(tenDaysAgo);
    await expect.poll(() => martin.locator('[data-testid="daybook-day"][data-closed="true"]').count()).toBeGreaterThan(0);
    expect(await martin.locator(`[data-testid="daybook-day"][data-day="${today}"] [data-testid="daybook-line-payment"]`).filter({ hasText: '7700123' }).count()).toBe(1);
    expect(clean(await martin.getByTestId('daybook-total-cheque').textContent())).toMatch(/^\d[\d ]*,\d{2} €$/);
    await expectAccessible(martin, 'day book');
    await shot(martin, '81-books-daybook');
    // The print view: the day book alone, with its heading, without the app's menus and buttons.
    await martin.emulateMedia({ media: 'print' });
    expect(await martin.locator('.sidebar').isVisible()).toBe(false);
    expect(await martin.getByTestId('daybook-close-today').isVisible()).toBe(false);
    expect(clean(await martin.locator('.print-only').textContent())).toContain('Livre-journal des recettes — Dr Claire Martin');
    // Nothing of the sidebar column is printed: its 1px border used to run down the page as a faint line.
    expect(await martin.evaluate(() => getComputedStyle(document.querySelector('.shell-body')!).backgroundImage)).toBe('none');
    await shot(martin, '81-books-daybook-print');
    await martin.emulateMedia({ media: 'screen' });
  });

  it('a payment of a closed day is corrected by a reversing entry dated today; then today is closed', async () => {
    const closedDay = martin.locator('[data-testid="daybook-day"][data-closed="true"]').filter({ has: martin.getByTestId('daybook-reverse') }).first();
    const line = closedDay.getByTestId('daybook-line-payment').filter({ has: martin.getByTestId('daybook-reverse') }).first();
    await line.getByTestId('daybook-reverse').click();
    const dialog = martin.getByTestId('reverse-dialog');
    await dialog.getByRole('textbox').fill('Chèque revenu impayé');
    await dialog.getByRole('textbox').press('Enter');
    const todayBody = martin.locator(`[data-testid="daybook-day"][data-day="${today}"]`);
    await expect.poll(() => todayBody.getByTestId('daybook-line-reversal').count()).toBe(1);
    await shot(martin, '82-books-reversal');

    await martin.getByTestId('daybook-close-today').click();
    const close = martin.getByTestId('close-day-dialog');
    await expect.poll(async () => clean(await close.getByTestId('close-day-totals').textContent())).toMatch(/Chèque\d[\d ]*,\d{2} €/);
    await shot(martin, '83-books-close-dialog');
    await close.getByTestId('close-day-confirm').click();
    await martin.getByTestId('daybook-today-closed').waitFor();
    expect(await todayBody.getAttribute('data-closed')).toBe('true');
    await shot(martin, '84-books-today-closed');
  });

  it('Dr Martin adds a bank account from the keyboard (the IBAN key is checked), edits it and deactivates it', async () => {
    await martin.getByTestId('books-tab-deposits').click();
    await martin.getByTestId('bank-accounts').waitFor();
    await martin.getByTestId('bank-add').click();
    const dialog = martin.getByTestId('bank-dialog');
    await dialog.getByTestId('bank-label').waitFor();
    const focused = () => martin.evaluate(() => document.activeElement?.getAttribute('data-testid'));
    expect(await focused()).toBe('bank-label');
    await martin.keyboard.type('Compte secondaire');
    await martin.keyboard.press('Tab');
    await martin.keyboard.type('Dr Claire Martin');
    await martin.keyboard.press('Tab');
    await martin.keyboard.type('La Banque Postale');
    await martin.keyboard.press('Tab');
    await martin.keyboard.type('FR76 3000 6000 0112 3456 7890 188'); // wrong check digits
    await martin.keyboard.press('Enter');
    await expect.poll(async () => clean(await dialog.getByTestId('bank-error').textContent())).toMatch(/^IBAN invalide/);
    await shot(martin, '85a-books-bank-invalid');
    await dialog.getByTestId('bank-iban').fill('FR76 3000 6000 0112 3456 7890 189');
    await dialog.getByTestId('bank-iban').press('Enter');
    const row = martin.getByTestId('bank-row').filter({ hasText: 'Compte secondaire' });
    await row.waitFor();
    expect(clean(await row.textContent())).toContain('FR76 3000 6000 0112 3456 7890 189');
    expect(await martin.getByTestId('slip-account').locator('option', { hasText: 'Compte secondaire' }).count()).toBe(1);

    await row.getByTestId('bank-edit').click();
    expect(await dialog.getByTestId('bank-iban').getAttribute('readonly')).not.toBeNull(); // the IBAN is the account
    await dialog.getByTestId('bank-bank').fill('La Banque Postale — Paris Louvre');
    await dialog.getByTestId('bank-bank').press('Enter');
    await expect.poll(async () => clean(await row.textContent())).toContain('Paris Louvre');
    await row.getByTestId('bank-toggle').click();
    await expect.poll(() => row.getAttribute('data-active')).toBe('false');
    expect(await martin.getByTestId('slip-account').locator('option', { hasText: 'Compte secondaire' }).count()).toBe(0);
    await expectAccessible(martin, 'bank accounts');
    await shot(martin, '85b-books-bank-accounts');
  });

  it('makes a deposit slip of the cheques not yet deposited and opens its PDF', async () => {
    await martin.getByTestId('books-tab-deposits').click();
    await martin.getByTestId('cheques-table').waitFor();
    const count = await martin.getByTestId('cheque-row').count();
    expect(count).toBeGreaterThan(0);
    expect(clean(await martin.getByTestId('slip-selection').textContent())).toContain(`${count} chèque`);
    await shot(martin, '85-books-deposits');
    await martin.getByTestId('slip-create').click();
    const link = martin.getByTestId('slip-created-pdf');
    await link.waitFor();
    await martin.getByTestId('cheques-empty').waitFor();
    const [popup] = await Promise.all([martin.waitForEvent('popup'), link.click()]);
    const pdf = await martin.request.get(popup.url());
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    const bytes = Buffer.from(await pdf.body());
    const text = pdfText(bytes);
    expect(text).toContain('Bordereau de remise de chèques');
    expect(text).toContain('7700123');
    expect(text).toContain(`${count} chèque`);
    pdfToPngs(bytes, '86-books-deposit-slip');
    await popup.close();
    await shot(martin, '87-books-deposit-created');
  });

  it('records an expense and shows it in the monthly summary', async () => {
    await martin.getByTestId('books-tab-expenses').click();
    await martin.getByTestId('expense-form').waitFor();
    await martin.getByTestId('expense-payee').fill('Pharmacie du Marché');
    await martin.getByTestId('expense-category').selectOption('small_equipment');
    await martin.getByTestId('expense-amount').fill('42,50');
    await martin.getByTestId('expense-means').selectOption('card');
    await martin.getByTestId('expense-amount').press('Enter');
    const row = martin.getByTestId('expense-row').filter({ hasText: 'Pharmacie du Marché' });
    await row.waitFor();
    expect(clean(await row.textContent())).toContain('42,50 €');
    expect(clean(await martin.getByTestId('summary-table').textContent())).toMatch(/Total/);
    await expectAccessible(martin, 'expenses');
    await shot(martin, '88-books-expenses');

    // Reversing it asks the reason in a dialog: focus in the field, Escape gives the focus back, Enter confirms.
    await row.getByTestId('expense-reverse').click();
    const dialog = martin.getByTestId('expense-reverse-dialog');
    await dialog.getByTestId('reason-input').waitFor();
    const focused = () => martin.evaluate(() => document.activeElement?.getAttribute('data-testid'));
    expect(await focused()).toBe('reason-input');
    expect(clean(await dialog.textContent())).toContain('Dépense de 42,50 € du');
    await martin.keyboard.press('Escape');
    await expect.poll(() => dialog.getByTestId('reason-input').count()).toBe(0);
    expect(await focused()).toBe('expense-reverse');
    await martin.keyboard.press('Enter');
    await dialog.getByTestId('reason-input').waitFor();
    await martin.keyboard.type('Saisie en double');
    await shot(martin, '88a-books-expense-reverse-dialog');
    await martin.keyboard.press('Enter');
    const rows = martin.getByTestId('expense-row').filter({ hasText: 'Pharmacie du Marché' });
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.getByTestId('expense-reverse').count()).toBe(0);
    expect(clean(await rows.first().textContent()) + clean(await rows.last().textContent())).toContain('Contre-passée');
    await shot(martin, '88b-books-expense-reversed');
  });

  it('downloads the FEC: <SIREN>FEC<AAAAMMJJ>.txt, 22 columns, each entry balanced; the export is in the register', async () => {
    await martin.getByTestId('books-tab-exports').click();
    await martin.getByTestId('export-fec').waitFor();
    const [download] = await Promise.all([martin.waitForEvent('download'), martin.getByTestId('export-fec').click()]);
    expect(download.suggestedFilename()).toBe(`${siren}FEC${today.replace(/-/g, '')}.txt`);
    const file = path.join(SCREENSHOTS, '..', download.suggestedFilename());
    await download.saveAs(file);
    const lines = fs.readFileSync(file, 'latin1').split('\r\n').filter(Boolean);
    expect(lines[0]!.split('\t')).toHaveLength(22);
    expect(lines.length).toBeGreaterThan(10);
    const balance = new Map<string, number>();
    const cents = (v: string) => Math.round(Number((v || '0').replace(',', '.')) * 100);
    for (const l of lines.slice(1)) {
      const c = l.split('\t');
      expect(c).toHaveLength(22);
      expect(c[4]).toMatch(/^\d+$/); // CompteNum always filled
      const key = `${c[0]}-${c[2]}`;
      balance.set(key, (balance.get(key) ?? 0) + cents(c[11]!) - cents(c[12]!));
    }
    expect([...balance.values()].filter((b) => b !== 0)).toEqual([]);
    await expect.poll(() => martin.getByTestId('export-row').count()).toBeGreaterThan(0);
    expect(await martin.getByTestId('export-row').first().textContent()).toContain(download.suggestedFilename());
    await shot(martin, '89-books-exports');
  });

  it('views the charts by month, each with its table and CSV', async () => {
    await martin.getByTestId('books-tab-charts').click();
    await expect.poll(() => martin.locator('.ds-canvas canvas').count()).toBe(3);
    const drawn = await martin.evaluate(() => [...document.querySelectorAll<HTMLCanvasElement>('.ds-canvas canvas')].map((c) => c.width > 0 && c.toDataURL().length > 3000));
    expect(drawn).toEqual([true, true, true]);
    const [download] = await Promise.all([martin.waitForEvent('download'), martin.getByTestId('books-csv-payers').click()]);
    const csv = fs.readFileSync(await download.path(), 'utf8');
    expect(csv.split('\r\n')[0]).toBe('\uFEFFMois;Patients (au comptoir);AMO (tiers payant);AMC (tiers payant);Total');
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(13);
    await martin.getByTestId('books-chart-due').locator('summary').click();
    await expectAccessible(martin, 'books charts');
    await martin.evaluate(() => window.scrollTo(0, 0));
    await shot(martin, '90-books-charts');
  });
});
