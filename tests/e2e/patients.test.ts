import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../helpers.js';
import { expectAccessible, newPage, shot, startApp } from './harness.js';

// The patients capability in Chromium, as the desk uses it (issue 3): search, create, validate, INSi, correct, documents.
let app: Awaited<ReturnType<typeof startApp>>;
let page: Page;
beforeAll(async () => {
  app = await startApp();
  page = await newPage(app.browser, app.baseUrl);
  await page.goto('/');
  await page.getByTestId('login-email').fill('secretaire@demo.pivot');
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('practice-name').first().waitFor();
});
afterAll(async () => {
  await page?.context().close();
  await app?.close();
});

/** A 1×1 PNG, small and valid. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

interface ApiPatient {
  id: string; birthName: string; usedName: string | null; givenNames: string; birthDate: string; birthDatePrecision: string; sex: string; birthPlaceCode: string | null;
}

/** Reads through the API in the page (same session), to pick demo data without depending on the seed's details. */
async function apiSearch(q: string): Promise<ApiPatient[]> {
  return page.evaluate(async (query) => {
    const r = await fetch(`/api/patients?q=${encodeURIComponent(query)}&limit=30`);
    return ((await r.json()) as { patients: ApiPatient[] }).patients;
  }, q);
}

const frDate = (iso: string) => iso.split('-').reverse().join('/');
const status = () => page.getByTestId('patient-header').getByTestId('identity-status').textContent();

async function fillIdentity(identity: { birthName: string; givenNames: string; birthDate: string; sex: 'F' | 'M'; birthPlaceCode?: string }) {
  await page.getByTestId('field-birthName').fill(identity.birthName);
  await page.getByTestId('field-givenNames').fill(identity.givenNames);
  await page.getByTestId('field-birthDate').fill(identity.birthDate);
  await page.getByTestId(`field-sex-${identity.sex}`).check();
  await page.getByTestId('field-birthPlaceCode').fill(identity.birthPlaceCode ?? '');
}

let created = '';

describe('patients at the desk', () => {
  it('finds patients from anywhere with the keyboard shortcut: by a misspelt name, by birth date', async () => {
    await page.locator('h1').first().click();
    await page.keyboard.press('/');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('global-search');
    await page.keyboard.type('dupomt'); // typo for Dupont
    const options = page.getByTestId('global-search-option');
    await expect.poll(async () => (await options.allTextContents()).some((t) => /DUPONT/.test(t))).toBe(true);
    await expect(page.getByTestId('global-search').getAttribute('aria-expanded')).resolves.toBe('true');
    await expectAccessible(page, 'global search');
    await shot(page, '30-search');

    // The birth date of the first result finds it again.
    const first = (await options.first().textContent()) ?? '';
    const name = /^[^(\s]+/.exec(first)![0];
    const date = /\d{2}\/\d{2}\/\d{4}/.exec(first)![0];
    await page.keyboard.press('Control+a');
    await page.keyboard.type(date);
    await expect.poll(async () => (await options.allTextContents()).every((t) => t.includes(date))).toBe(true);
    await expect.poll(async () => (await options.allTextContents()).some((t) => t.startsWith(name))).toBe(true);

    // Arrows move, Enter opens the patient.
    const index = (await options.allTextContents()).findIndex((t) => t.startsWith(name));
    for (let i = 0; i < index; i++) await page.keyboard.press('ArrowDown');
    await expect.poll(() => options.nth(index).getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('Enter');
    await page.getByTestId('patient-header').waitFor();
    await expect(page.locator('h1').textContent()).resolves.toContain(name);
    await expect(page.locator('h1').textContent()).resolves.toContain(date);

    // Ctrl+K works too.
    await page.locator('h1').first().click();
    await page.keyboard.press('Control+k');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('global-search');
    await page.keyboard.press('Escape');
  });

  it('warns of a probable duplicate while typing, and creates a genuinely new patient only once confirmed', async () => {
    const existing = (await apiSearch('dupont')).find((p) => /^[A-Z]{6,}$/.test(p.birthName) && !p.usedName && p.birthDatePrecision === 'day')!;
    expect(existing).toBeDefined();
    await page.goto('/#/patients/new');
    await page.getByTestId('create-patient-form').waitFor();
    // The existing identity re-typed with a typo (last letter missing).
    await fillIdentity({ birthName: existing.birthName.slice(0, -1), givenNames: existing.givenNames, birthDate: frDate(existing.birthDate), sex: existing.sex as 'F' | 'M' });
    const duplicates = page.getByTestId('duplicate');
    await expect.poll(() => duplicates.count(), { timeout: 10_000 }).toBeGreaterThan(0);
    const list = (await page.getByTestId('duplicate-list').textContent()) ?? '';
    expect(list).toContain(existing.birthName);
    expect(list).toContain('Même date de naissance');
    await expect(duplicates.first().locator('a').getAttribute('href')).resolves.toBe(`#/patients/${existing.id}`);
    await expectAccessible(page, 'create form with duplicates');
    await shot(page, '31-create-duplicates');

    // Saving is refused until « Ce n'est pas la même personne » is ticked.
    await page.getByTestId('create-submit').click();
    await expect.poll(() => page.locator('#confirm-not-duplicate-error').textContent()).toMatch(/Ce n’est pas la même personne/);
    expect(page.url()).toContain('/patients/new');

    // A twin: same birth date, same name, another first name — a different person, confirmed as such.
    await page.getByTestId('field-givenNames').fill('Camille');
    await page.getByTestId('field-birthName').fill(existing.birthName);
    await expect.poll(() => duplicates.count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await page.getByTestId('confirm-not-duplicate').check();
    await page.getByTestId('create-submit').click();
    await page.getByTestId('patient-header').waitFor();
    await expect(page.locator('h1').textContent()).resolves.toContain('Camille');
    await expect(status()).resolves.toBe('Provisoire');
  });

  it('shows the server\'s French message next to the field it concerns', async () => {
    await page.goto('/#/patients/new');
    await page.getByTestId('create-patient-form').waitFor();
    await fillIdentity({ birthName: 'Essai', givenNames: 'Impossible', birthDate: '31/02/1990', sex: 'F', birthPlaceCode: '75012' });
    await page.getByTestId('create-submit').click();
    await expect.poll(() => page.getByTestId('field-birthDate').getAttribute('aria-invalid')).toBe('true');
    await expect(page.locator('.field-error').first().textContent()).resolves.toMatch(/n’existe pas/);
  });

  it('finds the birth place by its name (« Bordeaux » was cut to « BORDE »): the INSEE code is stored', async () => {
    await page.goto('/#/patients/new');
    await page.getByTestId('create-patient-form').waitFor();
    await fillIdentity({ birthName: 'Lieunaissance', givenNames: 'Aurore', birthDate: '14/07/1985', sex: 'F' });
    await page.getByTestId('field-birthPlaceCode').pressSequentially('Bordeaux', { delay: 20 });
    const options = page.getByTestId('birth-place-options').getByRole('option');
    await expect.poll(() => options.first().textContent()).toContain('Gironde (33)');
    await expectAccessible(page, 'birth place choices');
    await shot(page, '32-birth-place');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('field-birthPlaceCode').inputValue()).resolves.toBe('33063');
    await expect(page.getByTestId('birth-place-chosen').textContent()).resolves.toContain('Bordeaux — Gironde (33)');
    await page.getByTestId('create-submit').click();
    await page.getByTestId('patient-header').waitFor();
    const [created] = await apiSearch('Lieunaissance');
    expect(created!.birthPlaceCode).toBe('33063');
  });

  it('creates the INSi fixture identity (no duplicate), then validates it on an ID document', async () => {
    await page.goto('/#/patients/new');
    await page.getByTestId('create-patient-form').waitFor();
    await fillIdentity({ birthName: 'DUPONT-LEFEVRE', givenNames: 'Hélène Marie', birthDate: '12/03/1958', sex: 'F', birthPlaceCode: '75112' });
    await page.getByTestId('field-phone').fill('06 12 34 56 78');
    await expect.poll(() => page.getByTestId('duplicates-status').textContent(), { timeout: 10_000 }).toMatch(/Aucun doublon/);
    await page.getByTestId('create-submit').click();
    await page.getByTestId('patient-header').waitFor();
    created = decodeURIComponent(/#\/patients\/([^?]+)/.exec(page.url())![1]!);
    await expect(status()).resolves.toBe('Provisoire');
    await expect(page.getByTestId('strict-traits').textContent()).resolves.toContain('Paris 12e');
    await expectAccessible(page, 'patient file');
    await shot(page, '32-patient-file');

    await page.getByTestId('action-validate').click();
    const dialog = page.getByTestId('validate-dialog');
    await dialog.getByTestId('validate-type').selectOption('passport');
    await dialog.getByTestId('validate-number').fill('18AB12345');
    await dialog.getByTestId('validate-checked').check();
    await expectAccessible(page, 'validate dialog');
    await shot(page, '33-validate-dialog');
    await dialog.getByTestId('validate-submit').click();
    await expect.poll(status).toBe('Validée');
    await expect(page.getByTestId('evidence-document').textContent()).resolves.toContain('18AB12345');
  });

  it('runs the INSi simulator: the INS is retrieved and the identity becomes qualifiée', async () => {
    await page.getByTestId('action-insi').click();
    const dialog = page.getByTestId('insi-dialog');
    await expect(dialog.getByRole('heading', { level: 2 }).textContent()).resolves.toBe('Téléservice INSi — simulateur');
    await expect(dialog.getByTestId('insi-simulator-notice').textContent()).resolves.toMatch(/Simulateur/);
    await dialog.getByTestId('insi-submit').click();
    await expect.poll(() => dialog.getByTestId('insi-outcome').getAttribute('data-outcome')).toBe('found');
    await expect(dialog.getByTestId('insi-applied').textContent()).resolves.toContain('Qualifiée');
    await expectAccessible(page, 'INSi dialog');
    await shot(page, '34-insi');
    await page.keyboard.press('Escape');
    await expect.poll(status).toBe('Qualifiée');
    await expect(page.getByTestId('ins-value').textContent()).resolves.toMatch(/1\.2\.250\.1\.213\.1\.4\.8/);
  });

  it('corrects a strict trait only with a reason, and the identity goes back to provisoire', async () => {
    await page.getByTestId('action-correct').click();
    const dialog = page.getByTestId('correct-dialog');
    await dialog.getByTestId('field-givenNames').fill('Hélène Marie Jeanne');
    await expect(dialog.getByTestId('correct-warning').textContent()).resolves.toMatch(/redeviendra provisoire/);
    await dialog.getByTestId('correct-submit').click();
    await expect.poll(() => dialog.getByTestId('correct-reason').getAttribute('aria-invalid')).toBe('true');
    await dialog.getByTestId('correct-reason').fill('Erreur de saisie, vu sur le passeport');
    await dialog.getByTestId('correct-submit').click();
    await expect.poll(status).toBe('Provisoire');
    await expect(page.getByTestId('value-givenNames').textContent()).resolves.toBe('Hélène Marie Jeanne');
    await expect(page.getByTestId('ins-value').count()).resolves.toBe(0);
  });

  it('edits a section of the administrative file, and flags expired rights', async () => {
    await page.getByTestId('tab-administrative').click();
    await page.getByTestId('admin-accessibility-edit').click();
    await page.getByTestId('admin-accessibility').getByLabel('Mobilité réduite').check();
    await page.getByTestId('admin-accessibility-save').click();
    await expect.poll(() => page.getByTestId('patient-header').getByTestId('accessibility-needs').textContent()).toContain('Mobilité réduite');

    // A demo patient whose rights have expired: flagged in the header and in the section.
    const withExpired = await page.evaluate(async () => {
      const list = (await (await fetch('/api/patients?q=&limit=100')).json()) as { patients: { id: string }[] };
      for (const p of list.patients) {
        const d = (await (await fetch(`/api/patients/${p.id}`)).json()) as { patient: { rightsAlerts: { state: string }[] } };
        if (d.patient.rightsAlerts.some((a) => a.state === 'expired')) return p.id;
      }
      return null;
    });
    expect(withExpired).not.toBeNull();
    await page.goto(`/#/patients/${withExpired}?tab=administrative`);
    await page.getByTestId('rights-expired').waitFor();
    await expect.poll(() => page.getByTestId('right-expired').count()).toBeGreaterThan(0);
    await expectAccessible(page, 'administrative file');
    await shot(page, '36-administrative');
    await page.goto(`/#/patients/${created}`);
    await page.getByTestId('patient-header').waitFor();
  });

  it('uploads a PNG to the documents tab and previews it', async () => {
    await page.getByTestId('tab-documents').click();
    await page.getByTestId('upload-form').waitFor();
    await page.getByTestId('upload-file').setInputFiles({ name: 'carte-identite.png', mimeType: 'image/png', buffer: PNG });
    await page.getByTestId('upload-type').selectOption('id_document');
    await page.getByTestId('upload-title').fill("Passeport (recto)");
    await page.getByTestId('upload-submit').click();
    await expect.poll(() => page.getByTestId('document-item').count()).toBe(1);
    const image = page.getByTestId('preview-image');
    await image.waitFor();
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1);
    // A secretary uploads and reads; archiving is for practitioners and admins.
    await expect(page.getByTestId('document-archive').count()).resolves.toBe(0);
    await expectAccessible(page, 'documents tab');
    await shot(page, '35-documents');

    // A file whose content contradicts its name: the server's French words, as is.
    await page.getByTestId('upload-file').setInputFiles({ name: 'courrier.pdf', mimeType: 'application/pdf', buffer: PNG });
    await page.getByTestId('upload-type').selectOption('correspondence');
    await page.getByTestId('upload-submit').click();
    await expect.poll(() => page.getByTestId('upload-error').textContent()).toMatch(/n'est pas un PDF/);
    expect(created).toMatch(/^[0-9a-f-]{36}$/);
  });
});
