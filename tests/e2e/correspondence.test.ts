import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PRACTICE_SLUG } from '../../src/server/demo/seed.js';
import { renderPdf } from '../../src/server/platform/pdf/pdf.js';
import { pdfText, pdfToPngs } from '../../src/server/platform/pdf/testing.js';
import { clock } from '../../src/server/platform/clock.js';
import { expectAccessible, login, newPage, pickPatient, SCREENSHOTS, shot, startApp } from './harness.js';

/**
 * The correspondence register in Chromium: a scanned hospital letter uploaded, its patient confirmed, routed, read by
 * the practitioner and filed; a referral letter written from a template, rendered as PDF and e-mailed to a real SMTP
 * server on loopback.
 */
let app: Awaited<ReturnType<typeof startApp>>;
let smtp: SMTPServer;
const received: ParsedMail[] = [];
let patient: { birth_name: string; first_name: string };

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onData(stream, _s, cb) {
      simpleParser(stream).then((m) => { received.push(m); cb(); }, cb);
    },
  });
  await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', r));
  app = await startApp({ SMTP_URL: `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}?ignoreTLS=true` });
  const practice = (await app.database.db.selectFrom('practices').select('id').where('slug', '=', DEMO_PRACTICE_SLUG).executeTakeFirstOrThrow()).id;
  patient = await app.database.db.selectFrom('patients').select(['birth_name', 'first_name']).where('practice_id', '=', practice).orderBy('id').limit(1).executeTakeFirstOrThrow();
});
afterAll(async () => {
  await app?.close();
  await new Promise<void>((r) => smtp.close(() => r()));
});

describe('correspondence register', () => {
  let itemUrl = '';

  it('a scanned hospital letter: uploaded, patient confirmed, routed to Dr Martin', async () => {
    const scan = await renderPdf({ title: 'CR', author: 'CH', createdAt: clock.now() }, (p) => {
      p.letterhead('Centre hospitalier de démonstration', ['Service de cardiologie']);
      p.title('Compte rendu d’hospitalisation');
      p.paragraph(`Patient : ${patient.birth_name} ${patient.first_name}. Sortie après coronarographie normale.`);
    });
    const scanFile = path.join(SCREENSHOTS, 'correspondence-scan.pdf');
    fs.writeFileSync(scanFile, scan);
    const desk = await newPage(app.browser, app.baseUrl);
    await login(desk, 'accueil@demo.pivot');
    await desk.goto('/#/courrier');
    await desk.getByTestId('show-incoming').click();
    await desk.getByTestId('scan-subject').fill('Compte rendu de cardiologie');
    await desk.getByTestId('scan-type').selectOption('hospital_report');
    await desk.getByTestId('scan-sender').selectOption({ label: 'Centre hospitalier de démonstration' });
    await desk.getByTestId('scan-files').setInputFiles(scanFile);
    await shot(desk, 'correspondence-register-upload');
    await desk.getByTestId('scan-submit').click();
    await desk.getByTestId('confirm-section').waitFor();
    itemUrl = desk.url();
    expect(await desk.getByTestId('item-status').textContent()).toBe('À rapprocher');
    await pickPatient(desk, 'match-patient', patient);
    await desk.getByTestId('confirm-patient').click();
    await expect.poll(() => desk.getByTestId('item-status').textContent()).toBe('À lire');
    await desk.getByTestId('route-select').selectOption({ label: 'Dr Claire Martin — Médecine générale' });
    await desk.getByTestId('route-submit').click();
    await expect.poll(() => desk.getByTestId('item-reader').textContent()).toBe('Dr Claire Martin');
    await expectAccessible(desk, 'item page');
    await shot(desk, 'correspondence-item-routed');
    await desk.goto('/#/courrier');
    await desk.getByTestId('register-row').first().waitFor();
    await expectAccessible(desk, 'register');
    await shot(desk, 'correspondence-register');
  });

  it('Dr Martin finds it in « mine », marks it read, files it in the patient’s documents', async () => {
    const doctor = await newPage(app.browser, app.baseUrl);
    await login(doctor, 'medecin@demo.pivot');
    await doctor.goto('/#/courrier?filtre=mine');
    await doctor.getByRole('link', { name: 'Compte rendu de cardiologie' }).click();
    await doctor.getByTestId('mark-read').click();
    await expect.poll(() => doctor.getByTestId('item-status').textContent()).toBe('Lu');
    await doctor.getByTestId('file-item').click();
    await expect.poll(() => doctor.getByTestId('item-status').textContent()).toBe('Classé');
    await shot(doctor, 'correspondence-item-filed');
    expect(itemUrl).toContain('/courrier/');
  });

  it('a referral letter from a template → PDF → sent by e-mail (loopback SMTP) → in the register', async () => {
    const desk = await newPage(app.browser, app.baseUrl);
    await login(desk, 'accueil@demo.pivot');
    await desk.goto('/#/courrier/nouveau');
    await desk.getByTestId('letter-template').selectOption('referral');
    await desk.getByTestId('letter-recipient').selectOption({ label: 'Dr Hélène Garnier — Cardiologie' });
    await desk.getByTestId('letter-author').selectOption({ label: 'Dr Claire Martin' });
    await pickPatient(desk, 'letter-patient', patient);
    await desk.getByTestId('letter-text').fill('Douleur thoracique à l’effort depuis trois semaines ; ECG de repos normal.');
    await expectAccessible(desk, 'letter form');
    await desk.getByTestId('letter-create').click();
    await desk.getByTestId('letter-preview').waitFor();
    await shot(desk, 'correspondence-letter-draft');
    await desk.getByTestId('send-email').click();
    await desk.getByTestId('letter-open').waitFor();
    expect(await desk.getByTestId('letter-status').textContent()).toContain('Envoyé');
    await shot(desk, 'correspondence-letter-sent');
    await expect.poll(() => received.length).toBe(1);
    const pdf = received[0]!.attachments[0]!.content;
    expect(received[0]!.to && JSON.stringify(received[0]!.to)).toContain('h.garnier@exemple.test');
    const text = pdfText(pdf);
    expect(text).toContain('Dr Hélène Garnier');
    expect(text).toContain('Douleur thoracique');
    expect(text).toContain(patient.birth_name.toUpperCase());
    pdfToPngs(pdf, 'correspondence-letter-pdf', 70);
    await desk.goto('/#/courrier?filtre=out');
    await desk.getByTestId('register-row').first().waitFor();
    expect(await desk.getByTestId('register-row').first().getAttribute('data-status')).toBe('sent');
  });

  it('the address book shows the demo duplicate', async () => {
    const desk = await newPage(app.browser, app.baseUrl);
    await login(desk, 'accueil@demo.pivot');
    await desk.goto('/#/correspondants');
    await desk.getByTestId('duplicate-flag').first().waitFor();
    await expectAccessible(desk, 'address book');
    await shot(desk, 'correspondence-address-book');
  });
});
