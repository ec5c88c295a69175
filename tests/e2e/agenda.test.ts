import fs from 'node:fs';
import path from 'node:path';
import { DateTime } from 'luxon';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueue } from '../../src/server/jobs/index.js';
import { repoRoot } from '../../src/server/main.js';
import { DEMO_PASSWORD } from '../helpers.js';
import { expectAccessible, login, newPage, patientRow, shot, startApp } from './harness.js';
import { nextWorkingWeekday } from '../dates.js';
import { clock } from '../../src/server/platform/clock.js';
import { identityName } from '../../src/server/platform/identity-display.js';

/**
 * The agenda in Chromium: side-by-side, day and week views, booking from a free cell, live updates to another
 * desk (SSE), moves by drag and drop and by keyboard, status change and cancellation, the printable day list
 * as PDF, the configuration screen, and the rendering time of a 10 × 40 day.
 */
let app: Awaited<ReturnType<typeof startApp>>;
const ZONE = 'Europe/Paris';
/** A weekday next week: the demo agenda is busy but not full then. */
const DAY = (() => {
  return nextWorkingWeekday(2, 1, ZONE).toISODate()!; // next Tuesday (a week later if it is a holiday)
})();

beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => app?.close());

async function openAgenda(page: Page, query: string) {
  await page.goto(`/#/agenda?${query}`);
  await page.getByTestId('agenda-grid').waitFor();
  await page.locator('[data-testid="agenda-grid"][data-render-ms]').waitFor();
}

/** Row of an open, free cell of a column whose next `span` rows are free and open too: the first from `fromRow`, or the nearest to `near`. */
async function freeRow(page: Page, col: number, span = 3, fromRow = 0, near?: number): Promise<number> {
  const row = await freeRowOrNone(page, col, span, fromRow, near);
  expect(row, `a free row in column ${col}`).toBeGreaterThanOrEqual(0);
  return row;
}

/** The same, or -1 when the column has no such room. */
async function freeRowOrNone(page: Page, col: number, span = 3, fromRow = 0, near?: number): Promise<number> {
  return page.evaluate(({ col, span, fromRow, near }) => {
    const free = (r: number) => {
      const cell = document.querySelector<HTMLElement>(`[data-cell][data-col="${col}"][data-row="${r}"]`);
      return !!cell && cell.classList.contains('is-open') && !cell.classList.contains('is-covered');
    };
    const fits = (r: number) => { for (let k = 0; k < span; k++) if (!free(r + k)) return false; return true; };
    const order = Array.from({ length: 52 }, (_, r) => r).filter((r) => r >= fromRow);
    if (near !== undefined) order.sort((a, b) => Math.abs(a - near) - Math.abs(b - near));
    return order.find((r) => fits(r) && (near === undefined || Math.abs(r - near) >= span)) ?? -1;
  }, { col, span, fromRow, near });
}

const cell = (page: Page, col: number, row: number) => page.locator(`[data-cell][data-col="${col}"][data-row="${row}"]`);

async function appointmentRow(id: string) {
  return app.database.db.selectFrom('appointments').select(['id', 'starts_at', 'practitioner_id', 'status', 'version']).where('id', '=', id).executeTakeFirstOrThrow();
}

describe('the agenda at the desk', () => {
  let secretary: Page;
  let other: Page;
  let bookedId = '';
  let bookCol = 0;
  let patientName = '';

  it('opens the side-by-side view, passes axe-core, and a second desk is connected live', async () => {
    secretary = await newPage(app.browser, app.baseUrl);
    await login(secretary, 'secretaire@demo.pivot');
    await secretary.getByTestId('nav-agenda').click();
    await secretary.getByTestId('agenda-grid').waitFor();
    await openAgenda(secretary, `view=practice&date=${DAY}`);
    expect(await secretary.getByTestId('agenda-column').count()).toBe(5);
    await expect.poll(() => secretary.getByTestId('agenda-block').count()).toBeGreaterThan(20);
    // Blocks are written out (time, « NOM Prénom », motif, status), not colour alone.
    const label = await secretary.getByTestId('agenda-block').first().textContent();
    expect(label).toMatch(/^\d{1,2}\u00a0h\u00a0\d{2}\u00a0– \d{1,2}\u00a0h\u00a0\d{2}, [A-ZÀ-ÜŒ' -]+ .+?, (réservé|confirmé|arrivé|en consultation|terminé|absent)(,| ·) .+, Dr /);
    await expect.poll(() => secretary.getByTestId('agenda-live').getAttribute('data-state')).toBe('live');
    await expectAccessible(secretary, 'agenda side by side');
    await shot(secretary, '41-agenda-side-by-side');

    other = await newPage(app.browser, app.baseUrl);
    await login(other, 'accueil@demo.pivot');
    await openAgenda(other, `view=practice&date=${DAY}`);
    await expect.poll(() => other.getByTestId('agenda-live').getAttribute('data-state')).toBe('live');
  });

  it('books from a free cell for a patient found by search; the other desk sees it appear without reloading', async () => {
    const patient = await app.database.db
      .selectFrom('patients as p').innerJoin('practices as pr', 'pr.id', 'p.practice_id')
      .select(['p.birth_name', 'p.first_name', 'p.used_name'])
      .where('pr.slug', '=', 'maison-de-sante-des-tilleuls').where('p.birth_name', 'like', 'B%').orderBy('p.birth_name').executeTakeFirstOrThrow();
    // The demo agenda is drawn at random: some days the first practitioner has no room from 9:00; take the first
    // column that has it (the column is kept for the moves below).
    const columns = await secretary.getByTestId('agenda-column').count();
    for (bookCol = 0; bookCol < columns - 1 && (await freeRowOrNone(secretary, bookCol, 3, 8)) < 0; bookCol++);
    const row = await freeRow(secretary, bookCol, 3, 8);
    await cell(secretary, bookCol, row).click();
    const dialog = secretary.getByTestId('booking-dialog');
    await dialog.waitFor();
    await secretary.getByTestId('booking-patient-search').fill(`${patient.birth_name} ${patient.first_name}`);
    await secretary.getByTestId('booking-patient-result').first().waitFor();
    await expectAccessible(secretary, 'booking dialog');
    await shot(secretary, '42-booking-dialog');
    await secretary.getByTestId('booking-patient-result').filter({ hasText: patientRow(patient) }).first().click();
    patientName = ((await secretary.getByTestId('booking-patient-picked').textContent()) ?? '').replace(/\s*\(.*$/, '').replace(/Changer de patient/, '').trim();
    expect(patientName).toContain(patient.birth_name.toUpperCase());
    await secretary.getByTestId('booking-submit').click();
    await expect.poll(() => dialog.isVisible()).toBe(false);

    const created = await app.database.db.selectFrom('appointments').select(['id', 'starts_at']).where('channel', '=', 'desk').orderBy('created_at', 'desc').executeTakeFirstOrThrow();
    bookedId = created.id;
    expect(DateTime.fromJSDate(new Date(created.starts_at)).setZone(ZONE).toFormat('HH:mm')).toBe(DateTime.fromObject({ hour: 7 }).plus({ minutes: row * 15 }).toFormat('HH:mm'));
    const block = secretary.locator(`[data-testid="agenda-block"][data-id="${bookedId}"]`);
    await block.waitFor();
    expect(await block.textContent()).toContain(patientName);
    // Live: the other secretary's grid shows it without any reload.
    await other.locator(`[data-id="${bookedId}"]`).waitFor({ timeout: 10_000 });
    expect(await other.locator(`[data-id="${bookedId}"]`).textContent()).toContain(patientName);
  });

  it('moves the appointment by drag and drop, and the other desk follows', async () => {
    const before = await appointmentRow(bookedId);
    const block = secretary.locator(`[data-testid="agenda-block"][data-id="${bookedId}"]`);
    const currentRow = Number(await block.evaluate((el) => el.closest<HTMLElement>('[data-cell]')!.dataset.row));
    const target = await freeRow(secretary, bookCol, 3, 0, currentRow);
    // Both the block and the target cell on screen: the grid at the top of the window (whatever stands above
    // it), then scrolled to the two rows.
    await secretary.locator('.agenda-scroll').evaluate((el, rows) => {
      el.scrollIntoView({ block: 'start' });
      const rowHeight = el.querySelector<HTMLElement>('[data-cell]')!.getBoundingClientRect().height;
      el.scrollTop = Math.max(0, Math.min(rows[0]!, rows[1]!) * rowHeight - 40);
    }, [currentRow, target]);
    const from = (await block.boundingBox())!;
    const to = (await cell(secretary, bookCol, target).boundingBox())!;
    await secretary.mouse.move(from.x + from.width / 2, from.y + 4);
    await secretary.mouse.down();
    await secretary.mouse.move(from.x + from.width / 2, from.y + 30, { steps: 4 });
    await secretary.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 8 });
    await secretary.mouse.up();
    await expect.poll(async () => (await appointmentRow(bookedId)).version, { timeout: 10_000 }).toBe(before.version + 1);
    const after = await appointmentRow(bookedId);
    expect(DateTime.fromJSDate(new Date(after.starts_at)).setZone(ZONE).toFormat('HH:mm')).toBe(DateTime.fromObject({ hour: 7 }).plus({ minutes: target * 15 }).toFormat('HH:mm'));
    await expect.poll(() => secretary.locator(`[data-cell][data-row="${target}"] [data-id="${bookedId}"]`).count()).toBe(1);
    await expect.poll(() => other.locator(`[data-cell][data-row="${target}"] [data-id="${bookedId}"]`).count(), { timeout: 10_000 }).toBe(1);
  });

  it('moves it with the keyboard alone: arrows through the grid, Enter, « Déplacer », a proposed slot', async () => {
    const before = await appointmentRow(bookedId);
    // Arrow keys move the focus between cells and blocks of the grid (roving tabindex).
    await secretary.locator('[data-testid="agenda-grid"] [tabindex="0"]').focus();
    const startKey = await secretary.evaluate(() => (document.activeElement as HTMLElement).dataset.key);
    await secretary.keyboard.press('ArrowDown');
    await secretary.keyboard.press('ArrowRight');
    const moved = await secretary.evaluate(() => ({ key: (document.activeElement as HTMLElement).dataset.key, tab: (document.activeElement as HTMLElement).tabIndex }));
    expect(moved.key).not.toBe(startKey);
    expect(moved.tab).toBe(0);
    // The focus lands on a cell (named by aria-label) or on an appointment (named by its text), depending on the
    // day's agenda: what a screen reader announces is the computed accessible name, read from the accessibility tree.
    const announced = await secretary.locator(':focus').ariaSnapshot();
    // (The snapshot is YAML: a line with a colon or a dash in the name comes single-quoted.)
    expect(announced, 'the focused element has an accessible name').toMatch(/^- '?(gridcell|button|cell)[^\n]* "[^"]*\S[^"]*"/);
    expect(await secretary.locator('[data-testid="agenda-grid"] [tabindex="0"]').count()).toBe(1);
    // Enter on the block opens its detail panel; « Déplacer » lists the next free slots.
    await secretary.locator(`[data-id="${bookedId}"]`).focus();
    await secretary.keyboard.press('Enter');
    await secretary.getByTestId('appointment-panel').getByTestId('appointment-history').waitFor();
    expect(await secretary.getByTestId('appointment-history').textContent()).toMatch(/déplacé/);
    await secretary.getByTestId('appointment-move').focus();
    await secretary.keyboard.press('Enter');
    await secretary.getByTestId('move-proposal').first().waitFor();
    const proposal = secretary.getByTestId('move-proposal').nth(1);
    const start = await proposal.getAttribute('data-start');
    await proposal.focus();
    await secretary.keyboard.press('Enter');
    await expect.poll(async () => (await appointmentRow(bookedId)).version, { timeout: 10_000 }).toBe(before.version + 1);
    expect(new Date((await appointmentRow(bookedId)).starts_at).toISOString()).toBe(new Date(start!).toISOString());
    await expect.poll(() => secretary.getByTestId('move-dialog').isVisible()).toBe(false);
  });

  it('changes a status and cancels an appointment with a reason', async () => {
    await openAgenda(secretary, `view=practice&date=${DAY}`);
    const block = secretary.locator('[data-testid="agenda-block"].status-booked').first();
    const id = (await block.getAttribute('data-id'))!;
    await block.click();
    const panel = secretary.getByTestId('appointment-panel');
    await panel.getByTestId('status-arrived').click();
    await expect.poll(() => panel.getByTestId('appointment-status').textContent()).toBe('arrivé');
    expect((await appointmentRow(id)).status).toBe('arrived');
    await panel.getByTestId('appointment-cancel').click();
    await panel.getByTestId('cancel-reason').fill('Le patient a appelé : empêchement');
    await panel.getByTestId('cancel-confirm').click();
    await expect.poll(() => panel.getByTestId('appointment-status').textContent()).toBe('annulé par le patient');
    expect((await appointmentRow(id)).status).toBe('cancelled_by_patient');
    await secretary.keyboard.press('Escape');
    // Cancelled appointments free their time: the block leaves both desks' grids.
    await expect.poll(() => secretary.locator(`[data-id="${id}"]`).count()).toBe(0);
    await expect.poll(() => other.locator(`[data-id="${id}"]`).count(), { timeout: 10_000 }).toBe(0);
  });

  it('shows the day and week views of one practitioner, accessible', async () => {
    const practitioner = await app.database.db.selectFrom('practitioners').select('id').where('display_name', '=', 'Dr Claire Martin').executeTakeFirstOrThrow();
    await openAgenda(secretary, `view=day&date=${DAY}&practitioner=${practitioner.id}`);
    expect(await secretary.getByTestId('agenda-column').count()).toBe(1);
    await expectAccessible(secretary, 'agenda day view');
    await secretary.getByTestId('agenda-view-week').click();
    await expect.poll(() => secretary.getByTestId('agenda-column').count()).toBe(6);
    await secretary.locator('[data-testid="agenda-grid"][data-render-ms]').waitFor();
    await expect.poll(() => secretary.getByTestId('agenda-block').count()).toBeGreaterThan(10);
    await expectAccessible(secretary, 'agenda week view');
    await shot(secretary, '40-agenda-week');
    // Date navigation: next week, then back.
    await secretary.getByTestId('agenda-next').click();
    await expect.poll(() => secretary.evaluate(() => location.hash)).toContain(`date=${DateTime.fromISO(DAY).plus({ weeks: 1 }).toISODate()}`);
    await secretary.getByTestId('agenda-prev').click();
    await expect.poll(() => secretary.evaluate(() => location.hash)).toContain(`date=${DAY}`);
  });

  it('prints the day list as a PDF with the patients’ names', async () => {
    const page = await newPage(app.browser, app.baseUrl);
    await login(page, 'secretaire@demo.pivot');
    await page.goto(`/#/agenda/print?date=${DAY}`);
    await page.locator('[data-testid="print-view"][data-ready="true"]').waitFor();
    const from = DateTime.fromISO(DAY, { zone: ZONE });
    const expected = await app.database.db
      .selectFrom('appointments as a').innerJoin('patients as p', 'p.id', 'a.patient_id').innerJoin('practices as pr', 'pr.id', 'a.practice_id')
      .select(['p.birth_name', 'p.used_name', 'p.first_name'])
      .where('pr.slug', '=', 'maison-de-sante-des-tilleuls')
      .where('a.starts_at', '>=', from.toJSDate()).where('a.starts_at', '<', from.plus({ days: 1 }).toJSDate())
      .where('a.status', 'not in', ['cancelled_by_patient', 'cancelled_by_practice'])
      .execute();
    expect(expected.length).toBeGreaterThan(10);
    expect(await page.getByTestId('print-row').count()).toBe(expected.length);
    const text = (await page.getByTestId('print-view').textContent()) ?? '';
    // Names by the identity rule: birth name in capitals, then the used name, then the first name (issue 12).
    for (const p of expected) expect(text).toContain(identityName({ birthName: p.birth_name, usedName: p.used_name, firstName: p.first_name }));
    await expectAccessible(page, 'print view');
    await shot(page, '43-print');
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    const out = path.join(repoRoot, 'test-output', 'agenda-day-list.pdf');
    fs.writeFileSync(out, pdf);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(20_000);
    await page.context().close();
  });

  it('shades public holidays, moves an appointment to another practitioner with their motif, shows no-show statistics', async () => {
    const page = await newPage(app.browser, app.baseUrl);
    await login(page, 'accueil@demo.pivot');
    // Christmas, side by side: every column closed, shaded and labelled.
    let christmas = DateTime.fromJSDate(clock.now()).setZone(ZONE).set({ month: 12, day: 25 });
    if (christmas < DateTime.fromJSDate(clock.now()).setZone(ZONE).startOf('day')) christmas = christmas.plus({ years: 1 });
    await openAgenda(page, `view=practice&date=${christmas.toISODate()}`);
    const columns = await page.getByTestId('agenda-column').count();
    await expect.poll(() => page.getByTestId('agenda-holiday').count()).toBe(columns);
    expect(await page.getByTestId('agenda-holiday').first().textContent()).toBe('Férié\u00a0: Noël');
    expect(await page.locator('.agenda-cell.is-holiday').count()).toBeGreaterThan(columns * 10);
    expect(await page.locator('.agenda-cell.is-open').count()).toBe(0);
    expect(await page.locator('.agenda-cell.is-holiday').first().getAttribute('aria-label')).toContain('Férié\u00a0: Noël');
    await expectAccessible(page, 'agenda holiday');
    await shot(page, '46-agenda-holiday');

    // A future « Consultation » of Dr Martin goes to Dr Lefèvre, who has a motif of that name.
    const db = app.database.db;
    const martin = await db.selectFrom('practitioners').select('id').where('display_name', '=', 'Dr Claire Martin').executeTakeFirstOrThrow();
    const lefevre = await db.selectFrom('practitioners').select(['id', 'practice_id']).where('display_name', '=', 'Dr Paul Lefèvre').executeTakeFirstOrThrow();
    const lefevreConsult = await db.selectFrom('appointment_types').select('id').where('practitioner_id', '=', lefevre.id).where('name', '=', 'Consultation').executeTakeFirstOrThrow();
    const appt = await db.selectFrom('appointments as a').innerJoin('appointment_types as m', 'm.id', 'a.appointment_type_id').select(['a.id', 'a.starts_at', 'a.version'])
      .where('a.practitioner_id', '=', martin.id).where('m.name', '=', 'Consultation').where('a.status', '=', 'booked')
      .where('a.starts_at', '>', new Date(clock.nowMs() + 2 * 86_400_000)).orderBy('a.starts_at').limit(1).executeTakeFirstOrThrow();
    await openAgenda(page, `view=practice&date=${DateTime.fromJSDate(new Date(appt.starts_at)).setZone(ZONE).toISODate()}`);
    await page.locator(`[data-id="${appt.id}"]`).click();
    await page.getByTestId('appointment-move').click();
    const dialog = page.getByTestId('move-dialog');
    await dialog.getByLabel('Praticien').selectOption({ label: 'Dr Paul Lefèvre' });
    await expect.poll(() => dialog.getByTestId('move-motif').textContent()).toContain('«\u00a0Consultation\u00a0»');
    await dialog.getByTestId('move-proposal').first().waitFor();
    await expectAccessible(page, 'move to another practitioner');
    await shot(page, '47-agenda-move-practitioner');
    await dialog.getByTestId('move-proposal').first().click();
    await expect.poll(async () => (await db.selectFrom('appointments').select(['practitioner_id', 'appointment_type_id']).where('id', '=', appt.id).executeTakeFirstOrThrow()), { timeout: 10_000 })
      .toEqual({ practitioner_id: lefevre.id, appointment_type_id: lefevreConsult.id });

    // No-show statistics per practitioner and motif, with the practice's policy; no billing of no-shows.
    await page.getByTestId('noshow-panel').locator('summary').click();
    await page.getByTestId('noshow-table').waitFor();
    expect(await page.getByTestId('noshow-policy').textContent()).toContain('bloquée à partir de 3');
    expect(await page.getByTestId('noshow-panel').textContent()).not.toMatch(/facturer/i);
    await expectAccessible(page, 'no-show statistics');
    await page.getByTestId('noshow-panel').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(repoRoot, 'test-output', 'screenshots', '48-agenda-noshow.png') });
    await page.context().close();
  });

  it('the admin configures the agenda (practitioners, hours, motifs), accessible', async () => {
    const page = await newPage(app.browser, app.baseUrl);
    await login(page, 'admin@demo.pivot');
    // A pure admin does not see the agenda (patient data), but configures it.
    expect(await page.getByTestId('nav-agenda').count()).toBe(0);
    await page.getByTestId('nav-agendaSettings').click();
    await page.getByTestId('practitioners-table').waitFor();
    await page.getByTestId('hours-weekly').locator('tbody tr').first().waitFor();
    await page.getByTestId('motif-add').click();
    await page.getByTestId('motif-name').fill('Certificat de sport');
    await page.getByTestId('motif-save').click();
    await expect.poll(() => page.getByTestId('motifs-table').textContent()).toContain('Certificat de sport');
    await expectAccessible(page, 'agenda settings');
    await shot(page, '44-agenda-settings');
    await page.context().close();
    await secretary?.context().close();
    await other?.context().close();
  });

  it('the admin sees the sending queue and the messages, retries a failed job and cancels a waiting one', async () => {
    const db = app.database.db;
    const practiceId = (await db.selectFrom('practices').select('id').where('slug', '=', 'maison-de-sante-des-tilleuls').executeTakeFirstOrThrow()).id;
    const failedId = (await enqueue(db, { practiceId, kind: 'messaging.send', payload: { kind: 'reminder', channel: 'sms', to: '+33600000000', text: 'x' }, dedupeKey: `e2e:failed:${clock.nowMs()}` }))!;
    await db.updateTable('jobs').set({ status: 'failed', attempts: 8, last_error: 'SMS : numéro refusé par le fournisseur (400)', finished_at: clock.now() }).where('id', '=', failedId).execute();
    const page = await newPage(app.browser, app.baseUrl);
    await login(page, 'admin@demo.pivot');
    await page.goto('/#/admin/agenda');
    const failedRow = page.locator(`[data-testid="job-row"][data-job-id="${failedId}"]`);
    await failedRow.waitFor();
    expect(await failedRow.textContent()).toContain('numéro refusé');
    // No worker runs in this test app: the outbox is empty, and says so.
    await page.getByRole('heading', { name: 'Messages envoyés' }).waitFor();
    await page.getByText('Aucun message pour l’instant.').waitFor();
    await page.getByTestId('agenda-delivery').scrollIntoViewIfNeeded();
    await expectAccessible(page, 'agenda delivery');
    await shot(page, '45-agenda-delivery');
    await failedRow.getByTestId('job-retry').click();
    await expect.poll(async () => (await db.selectFrom('jobs').select('status').where('id', '=', failedId).executeTakeFirstOrThrow()).status).toBe('queued');
    await expect.poll(() => failedRow.count()).toBe(0);
    // The retried job now waits in the queue, with its next run; cancel it from there.
    await page.getByTestId('jobs-status').selectOption('queued');
    const queuedRow = page.locator(`[data-testid="job-row"][data-job-id="${failedId}"]`);
    await queuedRow.waitFor();
    await queuedRow.getByTestId('job-cancel').click();
    await expect.poll(async () => (await db.selectFrom('jobs').select('status').where('id', '=', failedId).executeTakeFirstOrThrow()).status).toBe('cancelled');
    const audited = await db.selectFrom('audit_log').select('action').where('resource_id', '=', failedId).execute();
    expect(audited.map((a) => a.action).sort()).toEqual(['agenda.job_cancelled', 'agenda.job_retried']);
    await page.context().close();
  });

  it('shows the text of a simulated send, so that a demonstration can follow a one-time code to the end', async () => {
    const db = app.database.db;
    const practiceId = (await db.selectFrom('practices').select('id').where('slug', '=', 'maison-de-sante-des-tilleuls').executeTakeFirstOrThrow()).id;
    const text = 'Votre code de vérification : 482913. Il est valable 15 minutes.';
    await db.insertInto('outgoing_messages').values({ practice_id: practiceId, dedupe_key: `e2e:otp:${clock.nowMs()}`, kind: 'otp', channel: 'sms', recipient: '+33612000999', subject: null, body: text, message_id: `e2e-${clock.nowMs()}`, status: 'simulated', provider: 'simulator', updated_at: clock.now() }).execute();
    const page = await newPage(app.browser, app.baseUrl);
    await login(page, 'admin@demo.pivot');
    await page.goto('/#/admin/agenda');
    const shown = page.getByTestId('outbox-text').first();
    await shown.locator('summary').click();
    await expect.poll(() => shown.textContent()).toContain('482913');
    await expect(shown.locator('summary').textContent()).resolves.toContain('envoi simulé');
    await page.context().close();
  });
});

describe('rendering performance', () => {
  // A measure, not a date-dependent behaviour: taken on today's run only, not again under each fixed date.
  it.skipIf(!!process.env.PIVOT_NOW)('renders a day of 10 practitioners × 40 appointments, and measures the time (target < 200 ms)', async () => {
    const api = async (token: string, method: string, url: string, body?: unknown) => {
      const res = await fetch(`${app.baseUrl}${url}`, { method, headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
      const json = res.status === 204 ? {} : await res.json();
      if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${JSON.stringify(json)}`);
      return json;
    };
    const token = async (email: string) => (await (await fetch(`${app.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: DEMO_PASSWORD }) })).json()).token as string;
    const admin = await token('admin@demo.pivot');
    const desk = await token('accueil@demo.pivot');
    // Five more practitioners (10 in all), open 07:00–20:00 on weekdays.
    for (let i = 1; i <= 5; i++) {
      const { practitioner } = await api(admin, 'POST', '/api/agenda/practitioners', { displayName: `Dr Test Perf ${i}`, colour: '#475569' });
      await api(admin, 'PUT', `/api/agenda/practitioners/${practitioner.id}/hours`, { weekly: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '07:00', end: '20:00' })), urgent: [] });
    }
    const { practitioners } = await api(desk, 'GET', '/api/agenda/practitioners');
    expect(practitioners).toHaveLength(10);
    // A day beyond the demo agenda (empty), booked full: 40 appointments per practitioner, 07:00 → 19:20.
    const day = nextWorkingWeekday(3, 8, ZONE);
    const patients = await app.database.db.selectFrom('patients as p').innerJoin('practices as pr', 'pr.id', 'p.practice_id').select('p.id')
      .where('pr.slug', '=', 'maison-de-sante-des-tilleuls').orderBy('p.birth_name').limit(200).execute();
    const jobs: (() => Promise<unknown>)[] = [];
    practitioners.forEach((p: { id: string }, pi: number) => {
      for (let i = 0; i < 40; i++) {
        const start = day.set({ hour: 7, minute: 0 }).plus({ minutes: i * 19 });
        jobs.push(() => api(desk, 'POST', '/api/agenda/appointments', {
          practitionerId: p.id, patientId: patients[(pi * 40 + i) % patients.length]!.id, start: start.toISO(), end: start.plus({ minutes: 15 }).toISO(),
          overrideReason: 'Journée synthétique (mesure de performance)',
        }));
      }
    });
    const queue = [...jobs];
    await Promise.all(Array.from({ length: 8 }, async () => { while (queue.length) await queue.shift()!(); }));

    const page = await newPage(app.browser, app.baseUrl);
    await login(page, 'accueil@demo.pivot');
    await openAgenda(page, `view=practice&date=${day.toISODate()}`);
    expect(await page.getByTestId('agenda-column').count()).toBe(10);
    expect(await page.getByTestId('agenda-block').count()).toBe(400);
    // Several renders of the same day (navigating away and back), each timed from data to committed DOM.
    const samples: { render: number; layout: number; paint: number }[] = [];
    for (let k = 0; k < 7; k++) {
      await page.getByTestId('agenda-next').click();
      await expect.poll(() => page.getByTestId('agenda-block').count()).toBe(0);
      await page.getByTestId('agenda-prev').click();
      await expect.poll(() => page.getByTestId('agenda-block').count()).toBe(400);
      await page.waitForFunction(() => document.querySelector<HTMLElement>('[data-testid="agenda-grid"]')?.dataset.paintMs);
      samples.push(await page.evaluate(() => {
        const el = document.querySelector<HTMLElement>('[data-testid="agenda-grid"]')!;
        return { render: Number(el.dataset.renderMs), layout: Number(el.dataset.layoutMs), paint: Number(el.dataset.paintMs) };
      }));
    }
    const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
    const median = (xs: number[]) => sorted(xs)[Math.floor(xs.length / 2)]!;
    const result = {
      practitioners: 10, appointments: 400, samples: samples.length,
      renderMedianMs: median(samples.map((s) => s.render)), renderMaxMs: Math.max(...samples.map((s) => s.render)),
      layoutMedianMs: median(samples.map((s) => s.layout)), layoutMaxMs: Math.max(...samples.map((s) => s.layout)),
      paintMedianMs: median(samples.map((s) => s.paint)), paintMaxMs: Math.max(...samples.map((s) => s.paint)),
    };
    fs.writeFileSync(path.join(repoRoot, 'test-output', 'agenda-render.json'), JSON.stringify({ ...result, raw: samples }, null, 2));
    console.log(`agenda render (10 × 40): ${JSON.stringify(result)}`);
    await shot(page, '45-agenda-10x40');
    // The 200 ms target is a measured figure (test-output/agenda-render.json → docs/benchmarks.md), not a
    // pass/fail timing: the project keeps performance targets out of tests, which a loaded CI machine would
    // make flaky (a median paint of 207 ms was seen at load 5). Here: every sample was measured.
    expect(samples.every((s) => s.layout > 0 && s.paint >= s.layout)).toBe(true);
    await page.context().close();
  });
});
