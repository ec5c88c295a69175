import type { Page } from 'playwright-core';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, login, newPage, pickPatient, shot, startApp } from './harness.js';

/**
 * A dental quote at the desk, in Chromium (issue 13, « Devis dentaires »): the secretary writes Dr Nguyen's quote for
 * a ceramo-metal crown on a molar (tarifs libres); without its alternative the quote is refused with the reason; with
 * the 100 % Santé metal crown as alternative it is saved, presented, signed on screen (mouse strokes on the canvas),
 * and once the crown is done the act is billed from the quote and opened on the invoice page to collect.
 */
let app: Awaited<ReturnType<typeof startApp>>;
type Who = { birth_name: string; first_name: string };
let adult: Who;
let child: Who;

beforeAll(async () => {
  app = await startApp();
  const db = app.database.db;
  const practiceId = (await db.selectFrom('practices').select('id').where('slug', '=', 'maison-de-sante-des-tilleuls').executeTakeFirstOrThrow()).id;
  const p = await db.selectFrom('patients').select(['birth_name', 'first_name']).where('practice_id', '=', practiceId).where('birth_date', '<', '1980-01-01')
    .where('merged_into_id', 'is', null).orderBy('birth_name', 'desc').limit(1).executeTakeFirstOrThrow();
  adult = p;
  // Orthodontics: a child of the demo, aged 6 to 15 today (the before-16 rule), with a name no one else bears.
  const today = (await sql<{ d: string }>`SELECT to_char(pivot_now(), 'YYYY-MM-DD') AS d`.execute(db)).rows[0]!.d;
  const children = await db.selectFrom('patients').select(['birth_name', 'first_name']).where('practice_id', '=', practiceId).where('merged_into_id', 'is', null)
    .where('birth_date', '<=', sql<string>`${today}::date - interval '6 years'`).where('birth_date', '>', sql<string>`${today}::date - interval '16 years'`).orderBy('birth_name').execute();
  child = children.find((c) => children.filter((o) => o.birth_name === c.birth_name).length === 1)!;
}, 240_000);
afterAll(async () => app?.close());

const plain = (s: string | null) => s?.replace(/[\u00a0\u202f]/g, ' ') ?? '';

describe('a dental quote: write, sign on screen, bill the done act', () => {
  let page: Page;
  const newQuote = async (who: Who, treatment: string) => {
    await page.getByTestId('dental-new').click();
    await pickPatient(page, 'dental-patient', who);
    await page.getByTestId('dental-treatment').fill(treatment);
  };

  it('lists the demo dentist’s quotes (one signed with an act billed, one presented)', async () => {
    page = await newPage(app.browser, app.baseUrl);
    await login(page, 'secretaire@demo.pivot');
    await page.getByTestId('nav-billingQuotes').click();
    await page.getByTestId('dental-list').waitFor();
    const list = plain(await page.getByTestId('dental-list').textContent());
    expect(list).toContain('Signé');
    expect(list).toContain('Présenté');
    expect(list).toContain('1 acte facturé');
    await expectAccessible(page, 'dental quotes list');
    await shot(page, '70-dental-quotes-list');
  });

  it('refuses a crown outside 100 % Santé without its alternative, then saves it with one', async () => {
    await newQuote(adult, 'Dent 36 : couronne céramométallique.');
    const act1 = page.getByTestId('dental-act-1');
    await act1.getByTestId('act-code').selectOption('HBLD734');
    await act1.getByTestId('act-tooth').fill('36');
    await act1.getByTestId('act-fee').fill('800');
    await page.getByTestId('dental-save').click();
    await page.getByTestId('dental-form-error').waitFor();
    expect(plain(await page.getByTestId('dental-form-error').textContent())).toContain('Alternative obligatoire manquante');
    await shot(page, '71-dental-quote-refused-without-alternative');

    await page.getByTestId('dental-add-alternative').click();
    const act2 = page.getByTestId('dental-act-2');
    expect(await act2.getByTestId('act-alternative-for').inputValue()).toBe('1');
    await act2.getByTestId('act-code').selectOption('HBLD038');
    await act2.getByTestId('act-tooth').fill('36');
    await act2.getByTestId('act-fee').fill('290');
    await expectAccessible(page, 'dental quote form');
    await shot(page, '72-dental-quote-form-with-alternative');
    await page.getByTestId('dental-save').click();
    await page.getByTestId('dental-quote').waitFor();
    expect(plain(await page.getByTestId('dental-status').textContent())).toBe('Brouillon');
    const lines = plain(await page.getByTestId('dental-lines').textContent());
    expect(lines).toContain('728,00 €'); // 800 € − 60 % of 120 €
    expect(lines).toContain('218,00 €'); // 290 € − 72 €
    await shot(page, '73-dental-quote-draft');
  });

  it('presents the quote and the patient signs on the canvas', async () => {
    await page.getByTestId('dental-present').click();
    await expect.poll(async () => plain(await page.getByTestId('dental-status').textContent())).toBe('Présenté');
    const canvas = page.getByTestId('signature-canvas');
    await canvas.scrollIntoViewIfNeeded();
    const box = (await canvas.boundingBox())!;
    await page.mouse.move(box.x + 30, box.y + box.height * 0.6);
    await page.mouse.down();
    for (let i = 1; i <= 40; i++) await page.mouse.move(box.x + 30 + i * 9, box.y + box.height * (0.6 - 0.25 * Math.sin(i / 3)), { steps: 2 });
    await page.mouse.up();
    await page.mouse.move(box.x + 120, box.y + box.height * 0.3);
    await page.mouse.down();
    await page.mouse.move(box.x + 160, box.y + box.height * 0.8, { steps: 6 });
    await page.mouse.up();
    await expectAccessible(page, 'dental quote signature');
    await shot(page, '74-dental-quote-signing');
    await page.getByTestId('signature-submit').click();
    await page.getByTestId('dental-signed').waitFor();
    expect(plain(await page.getByTestId('dental-status').textContent())).toBe('Signé');
    expect(plain(await page.getByTestId('dental-signed').textContent())).toMatch(/Signé à l’écran le .* · traitement proposé choisi · SHA-256 [0-9a-f]{16}…/);
    await shot(page, '75-dental-quote-signed');
    // The printed quote carries the drawn signature.
    const pdf = await page.request.get(new URL((await page.getByTestId('dental-pdf').getAttribute('href'))!, page.url()).toString());
    expect(pdf.status()).toBe(200);
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('bills the crown once done, and opens its invoice to collect', async () => {
    await page.getByTestId('bill-tiers-payant').selectOption('amo');
    await page.getByTestId('bill-act-1').click();
    await page.getByTestId('dental-billed').waitFor();
    expect(plain(await page.getByTestId('dental-billable').textContent())).toContain('facturé (réalisé le');
    await shot(page, '76-dental-quote-act-billed');
    await page.getByTestId('billed-invoice').click();
    await page.waitForURL(/#\/facturation\/factures\//);
    // The quote page also shows HBLD734: wait for the invoice's own amounts, not for text both pages carry.
    await page.getByTestId('invoice-amounts').waitFor();
    await page.getByText('HBLD734').first().waitFor();
    expect(plain(await page.locator('body').textContent())).toContain('728,00 €');
    await shot(page, '77-dental-quote-invoice');
  });

  it('quotes an orthodontic semester: no tooth asked, « — » and « Traitement global » on the quote, the before-16 reminder', async () => {
    await page.getByTestId('nav-billingQuotes').click();
    await newQuote(child, 'Orthodontie : 1er semestre de traitement actif.');
    const act = page.getByTestId('dental-act-1');
    await act.getByTestId('act-code').selectOption('TO90');
    expect(plain(await act.getByTestId('act-global').textContent())).toBe('Dent : Traitement global');
    expect(await act.getByTestId('act-tooth').count()).toBe(0);
    await act.getByTestId('act-fee').fill('700');
    await expectAccessible(page, 'orthodontic quote form');
    await page.getByTestId('dental-save').click();
    await page.getByTestId('dental-quote').waitFor();
    const lines = plain(await page.getByTestId('dental-lines').textContent());
    expect(lines).toMatch(/TO90—Traitement global — Orthopédie dento-faciale/);
    expect(lines).toContain('506,50 €'); // 700 € − 100 % of 193,50 €
    expect(plain(await page.getByTestId('dental-reminder').textContent())).toMatch(/Orthodontie : remboursée .* si le traitement commence avant 16 ans \(patient de ([6-9]|1[0-5]) ans à la date du devis\)/);
    await shot(page, '78-dental-quote-orthodontics');
  });
});
