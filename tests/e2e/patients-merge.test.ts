import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, login, newPage, shot, startApp } from './harness.js';

// Merge of a duplicate at the desk, its undo by an admin, and the split of a collision (issue 3).
let app: Awaited<ReturnType<typeof startApp>>;
let desk: Page;

beforeAll(async () => {
  app = await startApp();
  desk = await newPage(app.browser, app.baseUrl);
  await login(desk, 'secretaire@demo.pivot');
});
afterAll(async () => {
  await desk?.context().close();
  await app?.close();
});

/** A 1×1 PNG, small and valid. */
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

/** API calls in the page (same session): set up data without depending on the demo seed. */
async function call<T>(page: Page, method: string, url: string, body?: unknown): Promise<T> {
  return page.evaluate(async ({ method, url, body }) => {
    const r = await fetch(url, { method, headers: body ? { 'content-type': 'application/json' } : {}, body: body ? JSON.stringify(body) : undefined });
    const json = await r.json();
    if (!r.ok) throw new Error(`${r.status} ${JSON.stringify(json)}`);
    return json;
  }, { method, url, body }) as Promise<T>;
}
async function createPatient(page: Page, identity: Record<string, unknown>): Promise<string> {
  return (await call<{ patient: { id: string } }>(page, 'POST', '/api/patients', { ...identity, confirmNotDuplicate: true })).patient.id;
}
async function upload(page: Page, patientId: string, title: string): Promise<void> {
  await page.evaluate(async ({ patientId, title, png }) => {
    const bytes = Uint8Array.from(atob(png), (c) => c.charCodeAt(0));
    const form = new FormData();
    form.append('type', 'result');
    form.append('title', title);
    form.append('file', new Blob([bytes], { type: 'image/png' }), `${title}.png`);
    const r = await fetch(`/api/patients/${patientId}/documents`, { method: 'POST', body: form });
    if (!r.ok) throw new Error(`upload ${r.status} ${await r.text()}`);
  }, { patientId, title, png: PNG });
}
async function documentTitles(page: Page, patientId: string): Promise<string[]> {
  const r = await call<{ documents: { title: string }[] }>(page, 'GET', `/api/patients/${patientId}/documents`);
  return r.documents.map((d) => d.title).sort();
}

describe('merge and split at the desk', () => {
  let survivor = '';
  let duplicate = '';

  it('the desk merges a duplicate from the record’s possible duplicates: side by side, survivor, values, summary, reason', async () => {
    survivor = await createPatient(desk, { birthName: 'Marchand', givenNames: 'Élise Anne', birthDate: '05/06/1977', sex: 'F', birthPlaceCode: '69123' });
    await call(desk, 'POST', `/api/patients/${survivor}/identity/validation`, { documentType: 'passport', documentNumber: '18FR54321', traitsConfirmed: true });
    duplicate = await createPatient(desk, { birthName: 'Marchant', givenNames: 'Elise', birthDate: '05/06/1977', sex: 'F', phone: '06 98 76 54 32' });
    await upload(desk, duplicate, 'Radio du genou');

    await desk.goto(`/#/patients/${duplicate}?tab=merges`);
    await desk.getByTestId('possible-duplicate').first().waitFor();
    await expectAccessible(desk, 'merges tab');
    await desk.getByTestId('possible-duplicate').filter({ hasText: 'MARCHAND' }).getByTestId('merge-with').click();

    const form = desk.getByTestId('merge-form');
    await form.waitFor();
    // The validated identity is kept by default; its strict traits cannot be replaced by the provisional record's.
    await expect(desk.getByTestId(`choose-survivor-${survivor}`).isChecked()).resolves.toBe(true);
    await expect(desk.getByTestId('choice-birthName-duplicate').isDisabled()).resolves.toBe(true);
    await expect(desk.getByTestId('choice-phones-duplicate').isChecked()).resolves.toBe(true); // the kept record had no phone
    await expect(desk.getByTestId('merge-summary').textContent()).resolves.toMatch(/Documents\s: 1/);
    await desk.getByTestId('merge-reason').fill('Même personne, nom mal orthographié à la prise de rendez-vous');
    await expectAccessible(desk, 'merge form');
    await shot(desk, '60-merge-compare');
    await desk.getByTestId('merge-confirm').click();

    await desk.getByTestId('merges-message').waitFor();
    expect(desk.url()).toContain(`/patients/${survivor}`);
    await expect(desk.getByTestId('history-merge').first().textContent()).resolves.toMatch(/MARCHANT Elise fusionné dans MARCHAND Élise/);
    // Secretaries do not undo.
    await expect(desk.getByTestId('undo-merge').count()).resolves.toBe(0);
    expect(await documentTitles(desk, survivor)).toEqual(['Radio du genou']);
    await shot(desk, '61-merge-done');

    // The merged record's address leads to the survivor.
    await desk.goto(`/#/patients/${duplicate}`);
    await desk.getByTestId('merged-redirect').waitFor();
    expect(desk.url()).toContain(`/patients/${survivor}`);
  });

  it('an admin undoes the merge within 30 days', async () => {
    const admin = await newPage(app.browser, app.baseUrl);
    try {
      await login(admin, 'admin@demo.pivot');
      await admin.goto(`/#/patients/${survivor}?tab=merges`);
      await admin.getByTestId('undo-merge').click();
      const dialog = admin.getByTestId('undo-dialog');
      await dialog.getByTestId('undo-reason').fill('Deux sœurs : fusion faite par erreur');
      await expectAccessible(admin, 'undo dialog');
      await shot(admin, '62-merge-undo-dialog');
      await dialog.getByTestId('undo-confirm').click();
      await admin.getByTestId('merges-message').waitFor();
      await expect(admin.getByTestId('merges-message').textContent()).resolves.toMatch(/Fusion annulée\s: 1 élément/);
      await admin.getByTestId('history-undone').waitFor();
      await shot(admin, '63-merge-undone');
      expect(await documentTitles(admin, duplicate)).toEqual(['Radio du genou']);
      expect(await documentTitles(admin, survivor)).toEqual([]);
    } finally {
      await admin.context().close();
    }
  });

  it('the desk splits a collision: a new provisional identity with the items chosen', async () => {
    const source = await createPatient(desk, { birthName: 'Fontaine', givenNames: 'Claire', birthDate: '12/09/1984', sex: 'F' });
    await upload(desk, source, 'Ordonnance Claire');
    await upload(desk, source, 'Bilan Clara');
    await desk.goto(`/#/patients/${source}?tab=merges`);
    await desk.getByTestId('action-split').click();
    const form = desk.getByTestId('split-form');
    await form.waitFor();
    await desk.getByTestId('field-birthName').fill('Fontaine');
    await desk.getByTestId('field-givenNames').fill('Clara');
    await desk.getByTestId('field-birthDate').fill('12/09/1986');
    await desk.getByTestId('field-sex-F').check();
    await desk.getByTestId('split-items').getByText('Bilan Clara').click();
    await desk.getByTestId('split-reason').fill('Deux sœurs enregistrées dans le même dossier');
    await expectAccessible(desk, 'split form');
    await shot(desk, '64-split');
    await desk.getByTestId('split-confirm').click();
    await desk.getByTestId('merges-message').waitFor();
    const created = /patients\/([0-9a-f-]{36})/.exec(desk.url())![1]!;
    expect(created).not.toBe(source);
    await expect(desk.getByTestId('patient-header').getByTestId('identity-status').textContent()).resolves.toMatch(/provisoire/i);
    await expect(desk.getByTestId('history-split').first().textContent()).resolves.toMatch(/FONTAINE Clara séparé de FONTAINE Claire/);
    expect(await documentTitles(desk, created)).toEqual(['Bilan Clara']);
    expect(await documentTitles(desk, source)).toEqual(['Ordonnance Claire']);
    await shot(desk, '65-split-done');
  });
});
