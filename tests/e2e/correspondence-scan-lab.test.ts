import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderLetter } from '../../bench/ocr-matching/render.js';
import { closeOcr } from '../../src/server/correspondence/matching/index.js';
import { DEMO_PRACTICE_SLUG } from '../../src/server/demo/seed.js';
import { HPRIM_SANTE_BIOCHEMISTRY } from '../../src/server/lab-results/fixtures/samples.js';
import { expectAccessible, login, newPage, SCREENSHOTS, shot, startApp } from './harness.js';

/**
 * Issue 14's two remaining journeys in Chromium: a scanned IMAGE letter (no text layer) read by the OCR, whose proposed
 * patient the desk accepts, read and filed by the doctor; an HPRIM Santé file imported, its result sheet readable with
 * the abnormal values flagged, matched to the demo patient and routed to the practitioner it was addressed to.
 */
let app: Awaited<ReturnType<typeof startApp>>;
let practiceId = '';
let martin: { id: string; rpps: string | null };

beforeAll(async () => {
  app = await startApp();
  practiceId = (await app.database.db.selectFrom('practices').select('id').where('slug', '=', DEMO_PRACTICE_SLUG).executeTakeFirstOrThrow()).id;
  martin = await app.database.db.selectFrom('practitioners').select(['id', 'rpps']).where('practice_id', '=', practiceId).where('display_name', '=', 'Dr Claire Martin').executeTakeFirstOrThrow();
});
afterAll(async () => {
  await closeOcr();
  await app?.close();
});

const LONG = { timeout: 60_000 };

describe('correspondence register: OCR proposal and lab import', () => {
  it('a scanned image letter: OCR-read, the proposed patient accepted, routed, read and filed by Dr Martin', async () => {
    const desk = await newPage(app.browser, app.baseUrl);
    await login(desk, 'accueil@demo.pivot');
    // A name no demo patient has, and a namesake born another day: the proposal must come from name AND birth date.
    const create = async (birthDate: string) => {
      const res = await desk.request.post('/api/patients', { data: { sex: 'F', confirmNotDuplicate: true, birthName: 'Lozac’h', givenNames: 'Maëlys', birthDate } });
      expect(res.status(), await res.text()).toBe(201);
      return (await res.json()).patient.id as string;
    };
    const patientId = await create('09/11/1979');
    await create('21/02/2004');
    const [jpeg] = renderLetter({ id: 'E2E', layout: 'hospital', lines: ['CENTRE HOSPITALIER DE QUIMPER', 'Service de cardiologie', '', 'Cher confrère,', 'J’ai revu Madame LOZAC’H Maëlys, née le 09/11/1979,', 'pour un bilan de palpitations.', '', 'Coronarographie normale.'], truth: { patientKey: null } }, { clean: true });
    const scanFile = path.join(SCREENSHOTS, 'correspondence-ocr-letter.jpg');
    fs.writeFileSync(scanFile, jpeg!);

    await desk.goto('/#/courrier');
    await desk.getByTestId('show-incoming').click();
    await desk.getByTestId('scan-subject').fill('Bilan de palpitations');
    await desk.getByTestId('scan-type').selectOption('hospital_report');
    await desk.getByTestId('scan-files').setInputFiles(scanFile);
    await desk.getByTestId('scan-submit').click();
    // The OCR runs on upload: the item page opens once the letter is read.
    await desk.getByTestId('confirm-section').or(desk.getByTestId('incoming-error')).waitFor(LONG);
    await shot(desk, 'correspondence-ocr-after-upload');
    expect(await desk.getByTestId('incoming-error').count(), (await desk.getByTestId('incoming-error').allTextContents()).join()).toBe(0);
    expect(await desk.getByTestId('item-status').textContent()).toBe('À rapprocher');
    expect(await desk.getByTestId('item-patient').textContent()).toBe('Patient non confirmé');
    const proposals = desk.getByTestId('proposal');
    await proposals.first().waitFor();
    expect(await proposals.count()).toBe(1);
    expect(await desk.getByTestId('proposal-name').textContent()).toMatch(/^LOZAC.H Maëlys$/);
    expect(await desk.getByTestId('proposal-birth-date').textContent()).toBe('09/11/1979');
    // The evidence shows what the OCR read, birth date included.
    expect(await desk.getByTestId('proposal-evidence').textContent()).toMatch(/OCR.*09\/11\/1979|09\/11\/1979.*OCR/);
    // The scanned page is shown on the item page (not only a link), with a text alternative.
    const page = desk.getByTestId('item-page-image');
    expect(await page.count()).toBe(1);
    expect(await page.getAttribute('alt')).toMatch(/^Page 1 du courrier «\s*Bilan de palpitations\s*», image numérisée$/);
    await expect.poll(() => page.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0), LONG).toBe(true);
    // The words the OCR read, folded until asked for: what the proposal rests on.
    const readText = desk.getByTestId('item-read-text');
    expect(await readText.getAttribute('open')).toBeNull();
    expect(await readText.locator('pre').isVisible()).toBe(false);
    await readText.locator('summary').click();
    expect(await readText.locator('pre').textContent()).toMatch(/LOZAC.H Maëlys, née le 09\/11\/1979/);
    await expectAccessible(desk, 'item page with an OCR proposal');
    await shot(desk, 'correspondence-ocr-proposal');

    await desk.getByTestId('accept-proposal').click();
    await expect.poll(() => desk.getByTestId('item-status').textContent()).toBe('À lire');
    expect(await desk.getByTestId('item-patient').textContent()).toMatch(/^LOZAC.H Maëlys \(09\/11\/1979\)$/);
    await desk.getByTestId('route-select').selectOption({ label: 'Dr Claire Martin — Médecine générale' });
    await desk.getByTestId('route-submit').click();
    await expect.poll(() => desk.getByTestId('item-reader').textContent()).toBe('Dr Claire Martin');
    const itemUrl = new URL(desk.url()).hash;
    await shot(desk, 'correspondence-ocr-routed');

    const doctor = await newPage(app.browser, app.baseUrl);
    await login(doctor, 'medecin@demo.pivot');
    await doctor.goto('/#/courrier?filtre=mine');
    await doctor.getByRole('link', { name: 'Bilan de palpitations' }).click();
    expect(new URL(doctor.url()).hash).toBe(itemUrl);
    await doctor.getByTestId('mark-read').click();
    await expect.poll(() => doctor.getByTestId('item-status').textContent()).toBe('Lu');
    await doctor.getByTestId('file-item').click();
    await expect.poll(() => doctor.getByTestId('item-status').textContent()).toBe('Classé');
    expect(await doctor.getByTestId('item-filed-in').getAttribute('href')).toBe(`#/patients/${patientId}`);
    await shot(doctor, 'correspondence-ocr-filed');
    const docs = await app.database.db.selectFrom('documents').select('id').where('patient_id', '=', patientId).execute();
    expect(docs).toHaveLength(1);
  });

  it('an HPRIM Santé result: imported, sheet readable, abnormal flagged, patient matched, routed to Dr Martin', async () => {
    // A demo patient whose identity fits a Latin-1 HPRIM line; chosen by name, not by id (the ids are random UUIDs).
    const candidates = await app.database.db
      .selectFrom('patients')
      .select(['id', 'birth_name', 'first_name', 'sex', 'birth_date'])
      .where('practice_id', '=', practiceId)
      .where('merged_into_id', 'is', null)
      .orderBy('birth_name').orderBy('first_name').orderBy('birth_date')
      .execute();
    const ymd = (d: Date | string) => (typeof d === 'string' ? d.slice(0, 10) : `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`);
    const key = (p: (typeof candidates)[number]) => `${p.birth_name.toUpperCase()}|${p.first_name}|${ymd(p.birth_date)}`;
    const patient = candidates.find((p) => /^[A-Za-zÀ-ÿ -]+$/.test(`${p.birth_name}${p.first_name}`) && candidates.filter((q) => key(q) === key(p)).length === 1)!;
    expect(patient).toBeDefined();
    const birth = ymd(patient.birth_date);
    expect(martin.rpps, 'the demo gives Dr Martin an RPPS').toMatch(/^\d{11}$/);
    // The fixture's patient and prescriber rewritten to the demo's: P.6 used name~first name, P.7 birth name, P.8 birth
    // date; OBR.17 RPPS~NAME~First name (the register routes on it).
    const hprim = HPRIM_SANTE_BIOCHEMISTRY
      .replace(/^P\|.*$/m, `P|1|PAT-7731|L24-88120||${patient.birth_name.toUpperCase()}~${patient.first_name}|${patient.birth_name.toUpperCase()}|${birth.replace(/-/g, '')}|${patient.sex}||5 place Bellecour~~Lyon~~69002`)
      .replace(/10003456789~MARTIN~Paul/g, `${martin.rpps}~MARTIN~Claire`);
    const labFile = path.join(SCREENSHOTS, 'correspondence-lab.hpr');
    fs.writeFileSync(labFile, Buffer.from(hprim, 'latin1'));

    const desk = await newPage(app.browser, app.baseUrl);
    await login(desk, 'accueil@demo.pivot');
    await desk.goto('/#/courrier');
    await desk.getByTestId('show-incoming').click();
    await desk.getByTestId('lab-file').setInputFiles(labFile);
    expect(await desk.getByTestId('lab-submit').textContent()).toBe('Importer les résultats');
    await desk.getByTestId('lab-submit').click();
    // One patient in the file: the item it created opens, as after a scan.
    await desk.getByTestId('item-text').or(desk.getByTestId('incoming-error')).waitFor(LONG);
    expect(await desk.getByTestId('incoming-error').count()).toBe(0);
    expect(new URL(desk.url()).hash).toMatch(/^#\/courrier\/[0-9a-f-]{36}$/);
    expect(await desk.getByRole('heading', { level: 1 }).textContent()).toContain('Résultats Laboratoire des Tilleuls');
    const sheet = (await desk.getByTestId('item-text').textContent())!;
    expect(sheet).toContain(`Patient : ${patient.birth_name.toUpperCase()} ${patient.first_name}`);
    expect(sheet).toContain('2 résultat(s) anormal(aux) sur 6');
    expect(sheet).toMatch(/↑\s+Créatinine : 128 µmol\/L\s+\[réf\. 45-90\]\s+— ↑ élevé/);
    expect(sheet).toMatch(/↓\s+Potassium : 3,1 mmol\/L.*— ↓ bas/);
    expect(sheet).not.toMatch(/Sodium.*—/);
    expect(await desk.getByTestId('item-details').textContent()).toContain('Valeurs anormales');
    expect(await desk.getByTestId('item-status').textContent()).toBe('À rapprocher');
    // Routed on import to the practitioner the lab addressed it to.
    expect(await desk.getByTestId('item-reader').textContent()).toBe('Dr Claire Martin');
    expect(await desk.getByTestId('proposal').count()).toBe(1);
    expect(await desk.getByTestId('proposal-evidence').textContent()).toContain(`${patient.birth_name.toUpperCase()} ${patient.first_name}, ${patient.sex === 'F' ? 'née' : patient.sex === 'M' ? 'né' : 'né(e)'} le ${birth.split('-').reverse().join('/')}`);
    await expectAccessible(desk, 'lab result item');
    await shot(desk, 'correspondence-lab-item');
    await desk.getByTestId('accept-proposal').click();
    await expect.poll(() => desk.getByTestId('item-status').textContent()).toBe('À lire');
    expect(await desk.getByTestId('item-patient').textContent()).toMatch(new RegExp(`^${patient.birth_name.toUpperCase()} ${patient.first_name} `));

    const doctor = await newPage(app.browser, app.baseUrl);
    await login(doctor, 'medecin@demo.pivot');
    await doctor.goto('/#/courrier?filtre=mine');
    const mine = doctor.getByTestId('register-row').filter({ hasText: 'Résultats Laboratoire des Tilleuls' });
    await mine.waitFor();
    expect(await mine.textContent()).toContain('Valeurs anormales');
    await shot(doctor, 'correspondence-lab-mine');
    await mine.getByRole('link').click();
    await doctor.getByTestId('mark-read').click();
    await expect.poll(() => doctor.getByTestId('item-status').textContent()).toBe('Lu');
    await shot(doctor, 'correspondence-lab-read');

    // A file with two patients: two items; the desk stays on the register, told how many were created.
    const twoPatients = hprim.replace(/\r\nL\|1\|\|\|$/, '\r\nP|2|PAT-2||||MOREAU~Jean||19700101|M\r\nOBR|1||X|BIO~Biochimie~L\r\nOBX|1|NM|K~Potassium~L||4,2|mmol/L|3,5~5,0||||F\r\nL|1|||');
    expect(twoPatients).not.toBe(hprim);
    const twoFile = path.join(SCREENSHOTS, 'correspondence-lab-two.hpr');
    fs.writeFileSync(twoFile, Buffer.from(twoPatients, 'latin1'));
    await desk.goto('/#/courrier');
    await desk.getByTestId('show-incoming').click();
    await desk.getByTestId('lab-file').setInputFiles(twoFile);
    await desk.getByTestId('lab-submit').click();
    await desk.getByText('2 courriers de résultats créés, un par patient : ils sont dans le registre ci-dessous.').waitFor(LONG);
    expect(new URL(desk.url()).hash).toBe('#/courrier');
    await expect.poll(() => desk.getByTestId('register-row').filter({ hasText: 'Résultats Laboratoire des Tilleuls' }).count()).toBe(3);
    await shot(desk, 'correspondence-lab-register');
  });
});
