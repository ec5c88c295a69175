import fs from 'node:fs';
import path from 'node:path';
import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PRACTICE_SLUG } from '../../src/server/demo/seed.js';
import { pdfText, pdfToPngs } from '../../src/server/platform/pdf/testing.js';
import type { SimulatedMssante } from '../../src/server/correspondence/index.js';
import { sineWav } from '../wav.js';
import { startLoopbackSmtp } from '../smtp.js';
import { expectAccessible, login, newPage, pickPatient, SCREENSHOTS, shot, startApp } from './harness.js';

/**
 * From dictation to validated PDF in Chromium: the desk uploads a recording, plays it with the pedal keys (F9, F7,
 * F8), types a consultation report from a template in the editor, fixes a word flagged by the spell-check, submits;
 * Dr Martin validates it from her queue; the PDF is filed in the record, e-mailed to a real SMTP server on loopback
 * and sent to the MSSanté simulator. Then the same path, shorter, for a referral letter from the referral template
 * addressed to a dermatologist of the address book (e-mail) with a copy to a cardiologist (MSSanté).
 */
let app: Awaited<ReturnType<typeof startApp>>;
let smtp: Awaited<ReturnType<typeof startLoopbackSmtp>>;
let received: ParsedMail[] = [];
let patient: { id: string; birth_name: string; first_name: string };
let referred: { id: string; birth_name: string; first_name: string };

beforeAll(async () => {
  smtp = await startLoopbackSmtp();
  received = smtp.received;
  app = await startApp({ SMTP_URL: smtp.url });
  const practice = (await app.database.db.selectFrom('practices').select('id').where('slug', '=', DEMO_PRACTICE_SLUG).executeTakeFirstOrThrow()).id;
  [patient, referred] = (await app.database.db.selectFrom('patients').select(['id', 'birth_name', 'first_name']).where('practice_id', '=', practice).orderBy('id').limit(2).execute()) as [typeof patient, typeof referred];
});
afterAll(async () => {
  await app?.close();
  await smtp?.close();
});

/** The desk's « Nouveau compte rendu » form filled for Dr Martin: template, patient, correspondents (label, channel). */
async function newReportForm(template: string, who: { birth_name: string; first_name: string }, recipients: [string, string][]) {
  const desk = await newPage(app.browser, app.baseUrl);
  await login(desk, 'accueil@demo.pivot');
  await desk.goto('/#/comptes-rendus/nouveau');
  await desk.getByTestId('report-author').selectOption({ label: 'Dr Claire Martin — Médecine générale' });
  await desk.getByTestId('report-template').selectOption(template);
  await pickPatient(desk, 'report-patient', who);
  for (const [label, channel] of recipients) {
    await desk.getByTestId('recipient-who').selectOption({ label });
    await desk.getByTestId('recipient-channel').selectOption(channel);
    await desk.getByTestId('recipient-add').click();
  }
  return desk;
}

describe('dictation → typed report → validation → PDF sent and filed', () => {
  let reportUrl = '';

  it('the desk uploads the dictation, plays it with the pedal keys, types from a template, fixes a spelling mark, submits', async () => {
    const wav = path.join(SCREENSHOTS, 'dictation.wav');
    fs.writeFileSync(wav, sineWav(8));
    const desk = await newReportForm('consultation-gp', patient, [['Dr Hélène Garnier — Cardiologie', 'email'], ['Centre hospitalier de démonstration — Service de cardiologie', 'mssante']]);
    expect(await desk.getByTestId('recipient').count()).toBe(2);
    await expectAccessible(desk, 'new report');
    await shot(desk, 'dictation-new-report');
    await desk.getByTestId('report-create').click();
    await desk.getByTestId('report-editor').waitFor();
    reportUrl = desk.url();
    // The template's merge fields show the values the server will print.
    expect(await desk.locator('.merge-field').first().textContent()).toBe('Cher confrère, chère consœur');
    expect(await desk.getByTestId('report-editor').textContent()).toContain(patient.first_name);

    await desk.getByTestId('audio-file').setInputFiles(wav);
    const player = desk.getByTestId('audio-player');
    await player.waitFor();
    await expect.poll(() => desk.getByTestId('audio-time').textContent()).toContain('/ 0:08');
    // The pedals (keys) work while the caret is in the editor.
    await desk.getByTestId('report-editor').click();
    await desk.keyboard.press('F9');
    await expect.poll(() => player.getAttribute('data-playing')).toBe('true');
    await expect.poll(async () => Number(await player.getAttribute('data-time')), { timeout: 15_000 }).toBeGreaterThan(3.5);
    const before = Number(await player.getAttribute('data-time'));
    await desk.keyboard.press('F7');
    await expect.poll(async () => Number(await player.getAttribute('data-time'))).toBeLessThan(before - 2);
    await desk.keyboard.press('F8');
    expect(await player.getAttribute('data-speed')).toBe('1.25');
    await desk.keyboard.press('F8');
    expect(await player.getAttribute('data-speed')).toBe('1.5');
    await desk.keyboard.press('F9');
    await expect.poll(() => player.getAttribute('data-playing')).toBe('false');
    await desk.keyboard.press('F8');
    await desk.keyboard.press('F8');
    expect(await player.getAttribute('data-speed')).toBe('1');

    // Types under « Conclusion » (the template's last heading, before the closing line).
    await desk.getByTestId('report-editor').locator('h2', { hasText: 'Conclusion' }).click();
    await desk.keyboard.press('End');
    await desk.keyboard.press('Enter');
    await desk.keyboard.type('Douleur thoracique atypqiue, pas de dyspnée. Tension artérielle à 13/8, auscultation normale. Traitement par amlodipine 5 mg.');
    const mark = desk.getByTestId('spell-error').filter({ hasText: 'atypqiue' });
    await mark.waitFor({ timeout: 20_000 });
    expect(await desk.getByTestId('spell-error').count()).toBe(1); // amlodipine, dyspnée: known to the medical lexicon
    await shot(desk, 'dictation-spell-mark');
    await mark.click({ button: 'right' });
    const menu = desk.getByTestId('spell-menu');
    await menu.waitFor();
    expect(await desk.getByTestId('spell-suggestion').first().textContent()).toBe('atypique');
    await expectAccessible(desk, 'report editor with the suggestion menu');
    await shot(desk, 'dictation-spell-menu');
    await desk.keyboard.press('Enter'); // the first suggestion has the focus
    await expect.poll(() => desk.getByTestId('report-editor').textContent()).toContain('Douleur thoracique atypique, pas de dyspnée');
    await expect.poll(() => desk.getByTestId('spell-error').count()).toBe(0);
    await desk.getByTestId('report-submit').click();
    await expect.poll(() => desk.getByTestId('report-status').textContent()).toContain('À valider');
    expect(await desk.getByTestId('report-validate').count()).toBe(0); // the desk does not validate
    await shot(desk, 'dictation-submitted');
  });

  it('Dr Martin validates from her queue: PDF filed in the record, e-mailed (loopback SMTP) and sent to the MSSanté simulator', async () => {
    const doctor = await newPage(app.browser, app.baseUrl);
    await login(doctor, 'medecin@demo.pivot');
    await doctor.goto('/#/comptes-rendus');
    await doctor.getByTestId('report-row').first().waitFor();
    expect(await doctor.getByTestId('report-filter-to_validate').getAttribute('aria-current')).toBe('page');
    await expectAccessible(doctor, 'queue');
    await shot(doctor, 'dictation-queue');
    await doctor.getByTestId('report-row').filter({ hasText: patient.birth_name.toUpperCase() }).getByRole('link').first().click();
    expect(doctor.url()).toBe(reportUrl);
    await doctor.getByTestId('report-validate').click();
    await doctor.getByTestId('report-validation').waitFor();
    expect(await doctor.getByTestId('report-validation').textContent()).toContain('Validé par Dr Claire Martin');
    expect(await doctor.getByTestId('report-status').textContent()).toContain('Validé');
    expect(await doctor.getByTestId('report-save').count()).toBe(0); // immutable: no more editing, only an amendment
    await doctor.getByTestId('report-amend').waitFor();
    await shot(doctor, 'dictation-validated');

    await expect.poll(() => received.length, { timeout: 20_000 }).toBe(1);
    const mail = received[0]!;
    expect(JSON.stringify(mail.to)).toContain('h.garnier@exemple.test');
    const pdf = mail.attachments[0]!.content;
    const text = pdfText(pdf);
    expect(text).toContain('Douleur thoracique atypique');
    expect(text).toContain('Validé électroniquement par Dr Claire Martin');
    expect(text).toContain('Copie : Centre hospitalier');
    pdfToPngs(pdf, 'dictation-report-pdf', 70);
    const mssante = app.mssante as SimulatedMssante;
    expect(mssante.sent.map((m) => m.to)).toEqual(['cardiologie@ch-demo.mssante.fr']);
    expect(pdfText(mssante.sent[0]!.attachments[0]!.bytes)).toContain('Douleur thoracique atypique');

    await doctor.goto(`/#/patients/${patient.id}?tab=documents`);
    await doctor.getByTestId('document-item').filter({ hasText: 'Compte rendu de consultation' }).first().waitFor();
    await shot(doctor, 'dictation-filed-in-record');
  });
});

describe('referral letter: dictation → typed from the referral template → validation → PDF e-mailed, sent by MSSanté and filed', () => {
  it('the desk types it from the audio with a spelling fix and submits; Dr Martin validates; both channels receive the PDF; it is in the record', async () => {
    const wav = path.join(SCREENSHOTS, 'referral.wav');
    fs.writeFileSync(wav, sineWav(4));
    const desk = await newReportForm('referral-gp', referred, [['Dr Paul Nguyen — Dermatologie', 'email'], ['Dr Hélène Garnier — Cardiologie', 'mssante']]);
    await desk.getByTestId('report-create').click();
    await desk.getByTestId('report-editor').waitFor();
    // The referral template, with the addressee's salutation and the patient merged in.
    expect(await desk.getByTestId('report-editor').textContent()).toContain('pour avis et prise en charge');
    expect(await desk.getByTestId('report-editor').textContent()).toContain(referred.first_name);

    await desk.getByTestId('audio-file').setInputFiles(wav);
    const player = desk.getByTestId('audio-player');
    await expect.poll(() => desk.getByTestId('audio-time').textContent()).toContain('/ 0:04');
    await desk.getByTestId('report-editor').locator('h2', { hasText: 'Antécédents' }).click();
    await desk.keyboard.press('F9');
    await expect.poll(() => player.getAttribute('data-playing')).toBe('true');
    await desk.keyboard.press('F9');
    await expect.poll(() => player.getAttribute('data-playing')).toBe('false');
    await desk.keyboard.press('End');
    await desk.keyboard.press('Enter');
    await desk.keyboard.type('Lésion pigmentée du dos évoluant depuis trois mois, prurigineuse. Pas d’antécédent de mélanone familial.');
    const mark = desk.getByTestId('spell-error').filter({ hasText: 'mélanone' });
    await mark.waitFor({ timeout: 20_000 });
    expect(await desk.getByTestId('spell-error').count()).toBe(1); // prurigineuse: in the medical lexicon
    await shot(desk, 'referral-spell-mark');
    // From the keyboard this time: Alt+Enter on the word opens the suggestions.
    await mark.click();
    await desk.keyboard.press('Alt+Enter');
    await desk.getByTestId('spell-menu').waitFor();
    expect(await desk.getByTestId('spell-suggestion').first().textContent()).toBe('mélanome');
    await desk.keyboard.press('Enter');
    await expect.poll(() => desk.getByTestId('report-editor').textContent()).toContain('antécédent de mélanome familial');
    await expect.poll(() => desk.getByTestId('spell-error').count()).toBe(0);
    await desk.getByTestId('report-submit').click();
    await expect.poll(() => desk.getByTestId('report-status').textContent()).toContain('À valider');

    const doctor = await newPage(app.browser, app.baseUrl);
    await login(doctor, 'medecin@demo.pivot');
    await doctor.goto('/#/comptes-rendus');
    const row = doctor.getByTestId('report-row').filter({ hasText: referred.birth_name.toUpperCase() });
    await row.first().waitFor();
    expect(await row.first().textContent()).toContain('Adressage');
    await row.getByRole('link').first().click();
    await doctor.getByTestId('report-validate').click();
    await doctor.getByTestId('report-validation').waitFor();
    expect(await doctor.getByTestId('report-status').textContent()).toContain('Validé');
    await shot(doctor, 'referral-validated');

    const toNguyen = () => received.filter((m) => JSON.stringify(m.to).includes('p.nguyen@exemple.test'));
    await expect.poll(() => toNguyen().length, { timeout: 20_000 }).toBe(1);
    const attachment = toNguyen()[0]!.attachments[0]!;
    expect(attachment.contentType).toBe('application/pdf');
    const text = pdfText(attachment.content);
    expect(text).toContain('mélanome familial'); // the PDF wraps the line before it
    expect(text).not.toContain('mélanone');
    expect(text).toContain('Lettre d’adressage');
    expect(text).toContain('Validé électroniquement par Dr Claire Martin');
    expect(text).toContain('Copie : Dr Hélène Garnier');
    pdfToPngs(attachment.content, 'referral-letter-pdf', 70);
    const mssante = (app.mssante as SimulatedMssante).sent.filter((m) => m.to === 'helene.garnier@demo.mssante.fr');
    expect(mssante).toHaveLength(1);
    expect(pdfText(mssante[0]!.attachments[0]!.bytes)).toContain('mélanome familial');

    await doctor.goto(`/#/patients/${referred.id}?tab=documents`);
    const filed = doctor.getByTestId('document-item').filter({ hasText: 'Adressage' });
    await filed.first().waitFor();
    expect(await filed.count()).toBe(1);
    await shot(doctor, 'referral-filed-in-record');
  });
});
