import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DateTime } from 'luxon';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PRACTICE_SLUG } from '../../src/server/demo/seed.js';
import { seedIncidentsDemo } from '../../src/server/incidents/demo.js';
import { seedPhoneLogDemo } from '../../src/server/phone-log/demo.js';
import { seedPracticeSheetDemo } from '../../src/server/practice-sheet/demo.js';
import { parseCsv } from '../../src/server/desk-stats/aggregate.js';
import { expectAccessible, login, newPage, pickPatient, SCREENSHOTS, shot, startApp } from './harness.js';
import { clock } from '../../src/server/platform/clock.js';

/**
 * The desk's phone log, practitioners' messages, the incident log, the practice information sheet (desk, A4 print,
 * public booking page) and the statistics (charts, CSV) in Chromium.
 */
let app: Awaited<ReturnType<typeof startApp>>;
const ZONE = 'Europe/Paris';

beforeAll(async () => {
  app = await startApp();
  const db = app.database.db;
  await seedPracticeSheetDemo(db);
  await seedPhoneLogDemo(db);
  await seedIncidentsDemo(db);
  // A few walk-ins of the last days, so that the waiting-time chart has points.
  const practice = (await db.selectFrom('practices').select('id').where('slug', '=', DEMO_PRACTICE_SLUG).executeTakeFirstOrThrow()).id;
  const martin = (await db.selectFrom('practitioners').select('id').where('display_name', '=', 'Dr Claire Martin').executeTakeFirstOrThrow()).id;
  const patients = await db.selectFrom('patients').select('id').where('practice_id', '=', practice).orderBy('id').limit(12).execute();
  let i = 0;
  for (const daysAgo of [1, 2, 3, 6]) {
    const day = DateTime.fromJSDate(clock.now()).setZone(ZONE).minus({ days: daysAgo });
    for (const [n, wait] of [[1, 8], [2, 22], [3, 35]] as const) {
      const arrived = day.set({ hour: 9 + n, minute: 0, second: 0, millisecond: 0 });
      await db.insertInto('reception_visits').values({
        practice_id: practice, patient_id: patients[i++ % patients.length]!.id, practitioner_id: martin, kind: 'walk_in', ticket_number: 100 + n,
        service_date: day.toISODate()!, status: 'done', arrived_at: arrived.toJSDate(), called_at: arrived.plus({ minutes: wait + daysAgo }).toJSDate(),
        called_to: 'Cabinet 1', started_at: arrived.plus({ minutes: wait + daysAgo + 1 }).toJSDate(), ended_at: arrived.plus({ minutes: wait + daysAgo + 16 }).toJSDate(),
      }).execute();
    }
  }
});
afterAll(async () => app?.close());

describe('the desk: phone log, messages, incidents, practice sheet, statistics', () => {
  let desk: Page;

  it('a secretary logs a call with a callback in seconds (Alt+T), sees it overdue, then marks it done', async () => {
    desk = await newPage(app.browser, app.baseUrl);
    await login(desk, 'accueil@demo.pivot');
    // From any page, Alt+T opens the phone log with the caller field focused.
    await desk.keyboard.press('Alt+t');
    await desk.getByTestId('call-form').waitFor();
    await expect.poll(() => desk.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('call-caller-name');
    const started = clock.nowMs();
    await desk.keyboard.type('Mme Rappel Test');
    await desk.getByTestId('call-caller-phone').fill('06 98 76 54 32');
    await desk.getByTestId('call-reason-results').check();
    await desk.getByTestId('call-outcome-callback').check();
    // Due 5 minutes ago, in the browser's own time zone (datetime-local).
    const due = await desk.evaluate((nowMs) => {
      const d = new Date(nowMs - 5 * 60_000);
      const p = (n: number) => String(n).padStart(2, '0');
      return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
    }, clock.nowMs());
    await desk.getByTestId('call-callback-due').fill(due);
    await desk.getByTestId('call-note').fill('Souhaite parler au Dr Martin de sa prise de sang.');
    await desk.keyboard.press('Control+Enter');
    const item = desk.getByTestId('callback-item').filter({ hasText: 'Mme Rappel Test' });
    await item.waitFor();
    const elapsed = clock.nowMs() - started;
    expect(await item.getAttribute('data-overdue')).toBe('true');
    await expect.poll(() => item.textContent()).toContain('En retard');
    await expect.poll(() => desk.getByTestId('call-row').filter({ hasText: 'Mme Rappel Test' }).count()).toBe(1);
    // Focus is back in the form for the next call.
    await expect.poll(() => desk.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('call-caller-name');
    await expectAccessible(desk, 'phone log');
    await shot(desk, '70-desk-phone-log');
    expect(elapsed).toBeLessThan(15_000);

    await item.getByTestId('callback-done').check();
    await expect.poll(() => desk.getByTestId('callback-item').filter({ hasText: 'Mme Rappel Test' }).count()).toBe(0);
    await desk.getByTestId('callbacks-filter').selectOption('all');
    const doneItem = desk.getByTestId('callback-item').filter({ hasText: 'Mme Rappel Test' });
    await expect.poll(() => doneItem.textContent()).toContain('Fait le');
    expect(await doneItem.getAttribute('data-overdue')).toBe('false');
  });

  it('leaves a message for Dr Martin about a known patient; she sees it unread and marks it read', async () => {
    const patient = await app.database.db.selectFrom('patients as p').innerJoin('practices as pr', 'pr.id', 'p.practice_id')
      .select(['p.birth_name', 'p.first_name']).where('pr.slug', '=', DEMO_PRACTICE_SLUG).where('p.used_name', 'is', null).orderBy('p.birth_name').limit(1).executeTakeFirstOrThrow();
    await pickPatient(desk, 'call-patient', patient);
    await desk.getByTestId('call-reason-prescription').check();
    await desk.getByTestId('call-outcome-message').check();
    await desk.getByTestId('call-message-to').selectOption({ label: 'Dr Claire Martin' });
    await desk.getByTestId('call-note').fill('Renouvellement du traitement à préparer avant vendredi.');
    await desk.getByTestId('call-submit').click();
    await expect.poll(() => desk.getByTestId('call-row').filter({ hasText: 'Renouvellement du traitement' }).count()).toBe(1);

    const doctor = await newPage(app.browser, app.baseUrl);
    await login(doctor, 'medecin@demo.pivot');
    await doctor.getByTestId('nav-phoneMessages').click();
    const msg = doctor.getByTestId('message-item').filter({ hasText: 'Renouvellement du traitement' });
    await msg.waitFor();
    expect(await msg.getAttribute('data-read')).toBe('false');
    expect(await msg.textContent()).toContain(patient.birth_name.toUpperCase());
    await expectAccessible(doctor, 'messages');
    await shot(doctor, '71-desk-practitioner-messages');
    await msg.getByTestId('message-toggle').click();
    await expect.poll(() => msg.getAttribute('data-read')).toBe('true');
    // The phone log is not the practitioner's page.
    expect(await doctor.getByTestId('nav-phoneLog').count()).toBe(0);
    await doctor.context().close();
  });

  it('a secretary declares an incident; the administrator reads the log and closes it', async () => {
    await desk.getByTestId('nav-incidents').click();
    await desk.getByTestId('incident-declare').click();
    await desk.getByTestId('incident-kind').selectOption('verbal_threat');
    await desk.getByTestId('incident-place').fill('Accueil');
    await desk.getByTestId('incident-severity-high').check();
    await desk.getByTestId('incident-description').fill('Un patient a menacé la secrétaire après un refus de rendez-vous le jour même.');
    await desk.getByTestId('incident-staff').first().check();
    await desk.getByTestId('incident-followup-main_courante').check();
    await expectAccessible(desk, 'incident form');
    await desk.getByTestId('incident-submit').click();
    await expect.poll(() => desk.getByTestId('incident-item').count()).toBe(2); // hers and the demo one (also declared by accueil@)
    await desk.context().close();

    const admin = await newPage(app.browser, app.baseUrl);
    await login(admin, 'admin@demo.pivot');
    await admin.getByTestId('nav-incidents').click();
    await expect.poll(() => admin.getByTestId('incident-item').count()).toBe(2);
    const ours = admin.getByTestId('incident-item').filter({ hasText: 'Menaces verbales' }).filter({ hasText: 'Accueil' }).first();
    await ours.getByTestId('incident-open').click();
    await ours.getByTestId('incident-detail').waitFor();
    expect(await ours.getByTestId('incident-detail').textContent()).toContain('refus de rendez-vous');
    await ours.getByTestId('incident-followup-ordre_informed').check();
    await expectAccessible(admin, 'incident log');
    await shot(admin, '72-desk-incidents');
    await ours.getByTestId('incident-close').click();
    await expect.poll(async () => (await admin.getByTestId('incident-item').filter({ hasText: 'Clos' }).count())).toBeGreaterThanOrEqual(1);
    await admin.context().close();
  });

  it('the statistics page draws its charts and downloads CSV for Excel', async () => {
    const admin = await newPage(app.browser, app.baseUrl);
    await login(admin, 'admin@demo.pivot');
    await admin.getByTestId('nav-deskStats').click();
    await admin.getByTestId('stats-kpis').waitFor();
    await expect.poll(() => admin.locator('.ds-canvas canvas').count()).toBe(5);
    // The charts are drawn (non-blank canvases).
    const drawn = await admin.evaluate(() => [...document.querySelectorAll<HTMLCanvasElement>('.ds-canvas canvas')].map((c) => c.width > 0 && c.toDataURL().length > 3000));
    expect(drawn.every(Boolean)).toBe(true);
    expect(await admin.getByTestId('stats-kpis').textContent()).toMatch(/Sans rendez-vous/);
    await expectAccessible(admin, 'statistics');
    await shot(admin, '73-desk-statistics');

    const [download] = await Promise.all([admin.waitForEvent('download'), admin.getByTestId('stats-csv-activity').click()]);
    expect(download.suggestedFilename()).toMatch(/^statistiques-accueil-periods-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pivot-csv-')), 'stats.csv');
    await download.saveAs(file);
    const text = fs.readFileSync(file, 'utf8');
    expect(text.startsWith('\uFEFFjour;rendez-vous;')).toBe(true);
    const rows = parseCsv(text);
    expect(rows.length).toBe(31); // header + 30 days
    const walkIns = rows.slice(1).reduce((n, r) => n + Number(r[3]), 0);
    expect(walkIns).toBe(12);
    await admin.context().close();
  });

  it('shows the practice information at the desk, on one A4 page, and on the public booking page', async () => {
    const page = await newPage(app.browser, app.baseUrl);
    await login(page, 'accueil@demo.pivot');
    await page.getByTestId('nav-practiceSheet').click();
    await page.getByTestId('practice-sheet').waitFor();
    const text = await page.getByTestId('practice-sheet').textContent();
    for (const s of ['Samedi', 'Parking', 'Bus 42', 'Secteur 2, adhérent OPTAM', 'Carte bancaire', 'Tiers payant', 'Carte Vitale', '116 117']) expect(text).toContain(s);
    await expectAccessible(page, 'practice sheet');
    await shot(page, '74-desk-practice-sheet');
    await page.emulateMedia({ media: 'print' });
    await shot(page, '75-desk-practice-sheet-print');
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    fs.writeFileSync(path.join(SCREENSHOTS, '75-desk-practice-sheet.pdf'), pdf);
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g)?.length ?? 0;
    expect(pages).toBe(1);
    await page.context().close();

    const patient = await newPage(app.browser, app.baseUrl);
    await patient.goto(`/#/rdv/${DEMO_PRACTICE_SLUG}`);
    await patient.getByTestId('public-practice-info').waitFor();
    expect(await patient.getByTestId('practice-sheet-openingHours').isVisible()).toBe(false); // collapsed
    await patient.getByTestId('public-practice-info-toggle').click();
    await expect.poll(() => patient.getByTestId('practice-sheet-openingHours').textContent()).toContain('Samedi');
    await patient.getByTestId('public-practice-info').scrollIntoViewIfNeeded();
    await expectAccessible(patient, 'public practice info');
    await shot(patient, '76-booking-practice-info');
  });
});
