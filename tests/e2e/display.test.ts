import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { DEMO_PRACTICE_SLUG } from '../../src/server/demo/seed.js';
import { clock } from '../../src/server/platform/clock.js';
import { seedPhoneLogDemo } from '../../src/server/phone-log/demo.js';
import { login, pickPatient, shot, startApp } from './harness.js';

/**
 * Issue 12, items 3, 8, 9, 11, 12: what a secretary and an administrator see, in French and in English — names by
 * the identity rule, no ISO date, French no-break spaces, the urgent button naming the state it leads to, home
 * cards that open what the role may open, readable audit entries with the patient's name, the phone log filling the
 * number from the file and the printed day list's phone column. Screenshots: test-output/screenshots/display-*.png.
 */
let app: Awaited<ReturnType<typeof startApp>>;
const ISO_DATE = /\b\d{4}-\d{2}-\d{2}\b/;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;
/** « NOM Prénom » or « NOM (nom utilisé : AUTRE) Prénom »: the birth name in capitals comes first. */
const IDENTITY = /^[A-ZÀ-ÖØ-ÞŒ][A-ZÀ-ÖØ-ÞŒ' -]*( \((nom utilisé|used name)\s?: [^)]+\))? \S/;

beforeAll(async () => {
  app = await startApp();
  await seedPhoneLogDemo(app.database.db);
});
afterAll(async () => app?.close());

async function open(browser: Browser, baseUrl: string, email: string, lang: 'fr' | 'en'): Promise<Page> {
  const context = await browser.newContext({ baseURL: baseUrl, locale: lang === 'fr' ? 'fr-FR' : 'en-GB', viewport: { width: 1366, height: 850 } });
  context.setDefaultTimeout(45_000);
  await context.addInitScript((l) => localStorage.setItem('pivot.language', l), lang);
  const page = await context.newPage();
  await login(page, email);
  // The account's language wins over the device's: choose it as a user does, with the switch in the top bar.
  if ((await page.getByTestId('language-switch').inputValue()) !== lang) {
    await page.getByTestId('language-switch').selectOption(lang);
    await page.waitForFunction((l) => document.documentElement.lang === l, lang);
  }
  return page;
}

async function go(page: Page, path: string): Promise<void> {
  await page.evaluate((p) => { location.hash = `#${p}`; }, path);
}

/** The visible text of the page (closed <details> and hidden elements are not part of it). */
const visibleText = (page: Page) => page.evaluate(() => document.querySelector('main')?.innerText ?? document.body.innerText);

async function expectNoIsoDate(page: Page, where: string): Promise<void> {
  const text = await visibleText(page);
  expect(text.match(ISO_DATE)?.[0], `${where}: ISO date in « ${text.slice(Math.max(0, text.search(ISO_DATE) - 60), text.search(ISO_DATE) + 20)} »`).toBeUndefined();
}

async function expectFrenchSpacing(page: Page, where: string): Promise<void> {
  // The interface's own words only: what people typed (tables, notes, fields) is theirs.
  const text = await page.evaluate(() => {
    const chrome = document.querySelectorAll('main :is(h1, h2, h3, label, legend, button, th, dt, .field-hint, .lead, [role=status], [role=alert])');
    return Array.from(chrome).map((e) => e.textContent ?? '').join('\n');
  });
  // An ordinary space before « : ; ? ! » or a colon glued to a word: the catalogue's typography was bypassed.
  const bad = text.split('\n').filter((line) => / [:;?!](\s|$)|[a-zéèàù][:;](\s|$)/u.test(line) && !/https?:/.test(line));
  expect(bad, where).toEqual([]);
}

describe.each(['fr', 'en'] as const)('display rules in %s', (lang) => {
  let desk: Page;
  let admin: Page;

  it('the secretary’s home opens the agenda and the desk; the patient file shows the name by the rule, no ISO date, Né / Née by sex', async () => {
    desk = await open(app.browser, app.baseUrl, 'accueil@demo.pivot', lang);
    await desk.getByTestId('capability-reception').waitFor();
    expect(await desk.getByTestId('capability-reception').getAttribute('data-path')).toBe('/reception');
    expect(await desk.getByTestId('capability-agenda').getAttribute('data-path')).toBe('/agenda');
    expect(await desk.getByTestId('capability-compliance').count()).toBe(0);
    await shot(desk, `display-${lang}-01-home-secretary`);

    await go(desk, '/patients');
    await desk.locator('table a[href*="/patients/"]').first().waitFor();
    const names = await desk.locator('table a[href*="/patients/"]').allTextContents();
    for (const name of names) expect(name).toMatch(IDENTITY);
    await desk.locator('table a[href*="/patients/"]').first().click();
    await desk.getByTestId('patient-header').waitFor();
    expect(await desk.locator('h1').textContent()).toMatch(IDENTITY);
    const header = await desk.getByTestId('patient-header').innerText();
    if (lang === 'fr') expect(header).not.toContain('Né(e)');
    await expectNoIsoDate(desk, 'patient file');
    if (lang === 'fr') await expectFrenchSpacing(desk, 'patient file');
    await shot(desk, `display-${lang}-02-patient-file`);
  });

  it('the agenda writes « NOM Prénom » and times by the one rule; the printed list has a phone column', async () => {
    // The next day with appointments (today may be a Sunday or a holiday: tests run on any date).
    const next = await app.database.db.selectFrom('appointments as a').innerJoin('practices as pr', 'pr.id', 'a.practice_id')
      .select('a.starts_at').where('pr.slug', '=', DEMO_PRACTICE_SLUG).where('a.starts_at', '>', clock.now()).orderBy('a.starts_at').executeTakeFirstOrThrow();
    const day = DateTime.fromJSDate(new Date(next.starts_at)).setZone('Europe/Paris').toISODate()!;
    await go(desk, `/agenda?view=practice&date=${day}`);
    await desk.getByTestId('agenda-block').first().waitFor();
    const block = await desk.getByTestId('agenda-block').first().textContent();
    expect(block).toMatch(lang === 'fr' ? /^\d{1,2}\u00a0h\u00a0\d{2}/ : /^\d{2}:\d{2}/);
    const patient = await desk.locator('.agenda-block-patient').first().textContent();
    expect(patient).toMatch(IDENTITY);
    await expectNoIsoDate(desk, 'agenda');
    await shot(desk, `display-${lang}-03-agenda`);
    await desk.getByTestId('agenda-block').first().click();
    await desk.getByTestId('appointment-history').waitFor();
    const history = await desk.getByTestId('appointment-history').innerText();
    expect(history).not.toMatch(/\bsystem\b/);
    await expectNoIsoDate(desk, 'appointment panel');
    await shot(desk, `display-${lang}-04-appointment-panel`);
    await desk.keyboard.press('Escape');

    await go(desk, `/agenda/print?date=${day}`);
    await desk.getByTestId('print-phone').first().waitFor();
    const phones = (await desk.getByTestId('print-phone').allTextContents()).filter(Boolean);
    expect(phones.length).toBeGreaterThan(0);
    for (const phone of phones) expect(phone).toMatch(/^(0\d( \d{2}){4}|\+33 \d( \d{2}){4}|\+.*)$/);
    await expectNoIsoDate(desk, 'printed day list');
    await shot(desk, `display-${lang}-05-print`);
  });

  it('the desk: an urgent walk-in offers « Retirer l’urgence », not « Plus urgent »', async () => {
    const patientId = await app.database.db.selectFrom('patients as p').innerJoin('practices as pr', 'pr.id', 'p.practice_id')
      .select('p.id').where('pr.slug', '=', DEMO_PRACTICE_SLUG).orderBy('p.birth_name', lang === 'fr' ? 'asc' : 'desc').executeTakeFirstOrThrow();
    await go(desk, '/reception');
    await desk.getByTestId('reception-page').waitFor();
    const status = await desk.evaluate(async (id) => (await fetch('/api/reception/walk-ins', {
      method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ patientId: id.id, practitionerId: null, urgent: true, urgentReason: 'Douleur thoracique' }),
    })).status, patientId);
    expect(status).toBeLessThan(300);
    const row = desk.locator(`[data-testid="reception-row"][data-patient="${patientId.id}"]`).first();
    await row.waitFor();
    const button = row.getByTestId('reception-urgent');
    await expect.poll(() => button.getAttribute('data-urgent')).toBe('true');
    expect((await button.textContent())?.trim()).toBe(lang === 'fr' ? 'Retirer l’urgence' : 'Remove urgency');
    expect(await button.getAttribute('aria-label')).toMatch(lang === 'fr' ? /^Retirer l’urgence\s:\s/ : /^Remove urgency:\s/);
    expect(await row.getByTestId('reception-open').innerText()).toMatch(IDENTITY);
    await expectNoIsoDate(desk, 'desk');
    if (lang === 'fr') await expectFrenchSpacing(desk, 'desk');
    await shot(desk, `display-${lang}-06-desk-urgent`);
    await button.click();
    await expect.poll(() => button.getAttribute('data-urgent')).toBe('false');
    expect((await button.textContent())?.trim()).toBe(lang === 'fr' ? 'Marquer urgent' : 'Mark urgent');
  });

  it('the phone log: choosing the patient fills the number from the file', async () => {
    const patient = await app.database.db.selectFrom('patients as p').innerJoin('practices as pr', 'pr.id', 'p.practice_id')
      .select(['p.birth_name', 'p.first_name', 'p.phone']).where('pr.slug', '=', DEMO_PRACTICE_SLUG).where('p.phone', 'is not', null)
      .orderBy('p.birth_name').executeTakeFirstOrThrow();
    await go(desk, '/telephone');
    await desk.getByTestId('call-form').waitFor();
    await pickPatient(desk, 'call-patient', patient);
    const digits = (s: string) => s.replace(/\D/g, '');
    await expect.poll(async () => digits(await desk.getByTestId('call-caller-phone').inputValue())).toBe(digits(patient.phone!));
    expect(await desk.getByTestId('call-patient-picked').innerText()).toMatch(IDENTITY);
    await expectNoIsoDate(desk, 'phone log');
    if (lang === 'fr') await expectFrenchSpacing(desk, 'phone log');
    await shot(desk, `display-${lang}-07-phone-log`);
    await desk.context().close();
  });

  it('the administrator: home cards lead to pages they may open; the audit log reads as actions and patients, not codes and ids', async () => {
    admin = await open(app.browser, app.baseUrl, 'admin@demo.pivot', lang);
    await admin.getByTestId('capability-agenda').waitFor();
    const agendaPath = await admin.getByTestId('capability-agenda').getAttribute('data-path');
    await admin.getByTestId('capability-agenda').locator('a').click();
    await admin.waitForFunction((p) => location.hash.startsWith(`#${p}`), agendaPath);
    expect(await visibleText(admin)).not.toMatch(/réservé|reserved/i);
    await go(admin, '/');
    await admin.getByTestId('capability-agenda').waitFor();
    await shot(admin, `display-${lang}-08-home-admin`);

    await go(admin, '/admin/audit');
    await admin.getByTestId('audit-row').first().waitFor();
    const actions = await admin.getByTestId('audit-action').allTextContents();
    expect(actions.length).toBeGreaterThan(5);
    for (const action of actions) expect(action).not.toMatch(/^[a-z_]+(\.[a-z_]+)+$/);
    const patients = await admin.getByTestId('audit-patient').allTextContents();
    expect(patients.length).toBeGreaterThan(0);
    for (const name of patients) expect(name).toMatch(IDENTITY);
    const table = await admin.getByTestId('audit-table').innerText();
    expect(table).not.toMatch(UUID);
    await expectNoIsoDate(admin, 'audit log');
    await shot(admin, `display-${lang}-09-audit`);
    await admin.context().close();
  });
});
