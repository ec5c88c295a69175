import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PRACTICE_SLUG } from '../../src/server/demo/seed.js';
import { expectAccessible, login, newPage, pickPatient, shot, startApp } from './harness.js';

/**
 * The practice dictionary in Chromium: the desk adds a flagged word from the editor's spell menu with the keyboard
 * only, the mark goes away; the word is in the practice's list, where a second word is added by hand and a
 * duplicate refused; an admin removes a word.
 */
let app: Awaited<ReturnType<typeof startApp>>;
let patient: { birth_name: string; first_name: string };

beforeAll(async () => {
  app = await startApp();
  const practice = (await app.database.db.selectFrom('practices').select('id').where('slug', '=', DEMO_PRACTICE_SLUG).executeTakeFirstOrThrow()).id;
  patient = await app.database.db.selectFrom('patients').select(['birth_name', 'first_name']).where('practice_id', '=', practice).orderBy('id').limit(1).executeTakeFirstOrThrow();
});
afterAll(async () => app?.close());

describe('practice dictionary', () => {
  it('the desk adds a flagged word from the spell menu (keyboard), then sees it in the list', async () => {
    const desk = await newPage(app.browser, app.baseUrl);
    await login(desk, 'accueil@demo.pivot');
    await desk.goto('/#/comptes-rendus/nouveau');
    await desk.getByTestId('report-author').selectOption({ label: 'Dr Claire Martin — Médecine générale' });
    await desk.getByTestId('report-template').selectOption('consultation-gp');
    await pickPatient(desk, 'report-patient', patient);
    await desk.getByTestId('report-create').click();
    await desk.getByTestId('report-editor').waitFor();

    await desk.getByTestId('report-editor').locator('h2', { hasText: 'Conclusion' }).click();
    await desk.keyboard.press('End');
    await desk.keyboard.press('Enter');
    await desk.keyboard.type('Semelles orthopédiques chez un podologue, orthèse podalix');
    const mark = desk.getByTestId('spell-error').filter({ hasText: 'podalix' });
    await mark.waitFor({ timeout: 20_000 });
    // The caret is at the end of the flagged word: Alt+Enter opens its menu, the last item is the dictionary.
    await desk.keyboard.press('Alt+Enter');
    await desk.getByTestId('spell-menu').waitFor();
    await desk.keyboard.press('ArrowUp');
    const add = desk.getByTestId('spell-add-dictionary');
    expect(await add.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await add.textContent()).toBe('Ajouter au dictionnaire du cabinet');
    await expectAccessible(desk, 'spell menu with the dictionary item');
    await shot(desk, 'spell-dictionary-menu');
    await desk.keyboard.press('Enter');
    await expect.poll(() => desk.getByTestId('spell-error').filter({ hasText: 'podalix' }).count()).toBe(0);
    await expect.poll(() => desk.getByRole('status').filter({ hasText: 'est ajouté au dictionnaire du cabinet' }).count()).toBe(1);
    // The caret is back in the text: typing goes on where it was.
    await desk.keyboard.type(' prescrite.');
    await expect.poll(() => desk.getByTestId('report-editor').textContent()).toContain('orthèse podalix prescrite.');
    await shot(desk, 'spell-dictionary-added');

    await desk.goto('/#/dictionnaire-cabinet');
    await desk.getByTestId('dictionary-table').waitFor();
    expect(await desk.getByTestId('dictionary-row').allTextContents()).toEqual([expect.stringContaining('podalix')]);
    expect(await desk.getByTestId('dictionary-remove').count()).toBe(0); // only an admin removes
    await desk.getByTestId('dictionary-word').fill('Kinéflor');
    await desk.keyboard.press('Enter');
    await expect.poll(() => desk.getByTestId('dictionary-row').count()).toBe(2);
    await desk.getByTestId('dictionary-word').fill('PODALIX');
    await desk.keyboard.press('Enter');
    await expect.poll(() => desk.getByTestId('dictionary-error').textContent()).toBe('Ce mot est déjà dans le dictionnaire du cabinet.');
    await expectAccessible(desk, 'practice dictionary');
    await shot(desk, 'spell-dictionary-list');
  });

  it('an admin removes a word', async () => {
    const admin = await newPage(app.browser, app.baseUrl);
    await login(admin, 'admin@demo.pivot');
    await admin.goto('/#/dictionnaire-cabinet');
    await admin.getByTestId('dictionary-table').waitFor();
    expect(await admin.getByTestId('dictionary-add').count()).toBe(0); // an admin only (no desk role) does not add
    await admin.getByRole('button', { name: 'Retirer « podalix » du dictionnaire' }).click();
    await expect.poll(() => admin.getByTestId('dictionary-row').allTextContents()).toEqual([expect.stringContaining('Kinéflor')]);
    await expectAccessible(admin, 'practice dictionary (admin)');
    await shot(admin, 'spell-dictionary-admin');
  });
});
