import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { expectAccessible, login, newPage, shot, startApp } from './harness.js';
import { clock } from '../../src/server/platform/clock.js';

const PRACTICE = 'maison-de-sante-des-tilleuls';
const ROUTINE = 'Bonjour, je voudrais le renouvellement de mon ordonnance de Levothyrox. Merci.';
const VITAL = 'mon mari a une douleur dans la poitrine qui serre depuis 20 minutes';

let app: Awaited<ReturnType<typeof startApp>>;
beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => app?.close());

const replies = (page: Page) => page.locator('[data-testid="chat-message"][data-direction="out"]');
const lastReply = (page: Page) => replies(page).last();

/** The one-time code, read from the queued agenda.send job (no worker / SMS provider in the e2e app). */
async function latestCode(to: string, after: Date): Promise<string> {
  for (let i = 0; i < 50; i++) {
    const rows = await app.database.db.selectFrom('jobs').select(['payload']).where('kind', '=', 'messaging.send').where('created_at', '>=', after).orderBy('created_at', 'desc').limit(20).execute();
    const row = rows.find((r) => (r.payload as { kind?: string; to?: string }).kind === 'otp' && (r.payload as { to?: string }).to === to);
    const code = row && /(\d{6})/.exec(String((row.payload as { text?: string }).text ?? ''))?.[1];
    if (code) return code;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no code sent to ${to}`);
}

async function say(page: Page, text: string) {
  const before = await replies(page).count();
  await page.getByTestId('chat-input').fill(text);
  await page.getByTestId('chat-input').press('Enter');
  await expect.poll(() => replies(page).count()).toBe(before + 1);
  return (await lastReply(page).textContent()) ?? '';
}

async function choose(page: Page, label: string | RegExp) {
  const before = await replies(page).count();
  await lastReply(page).getByTestId('chat-choice').filter({ hasText: label }).first().click();
  await expect.poll(() => replies(page).count()).toBe(before + 1);
  return (await lastReply(page).textContent()) ?? '';
}

describe('the intake assistant in Chromium', () => {
  it('a patient writes to the practice in the public chat; a vital message gets the emergency instruction first', async () => {
    const page = await newPage(app.browser, app.baseUrl);
    await page.goto(`/#/chat/${PRACTICE}`);
    await expect.poll(() => page.getByTestId('chat-practice-name').textContent()).toContain('Maison de santé des Tilleuls');
    await page.getByTestId('chat-greeting').waitFor();
    // The permanent emergency notice, with the numbers as links.
    const notice = page.getByTestId('chat-emergency-notice');
    await expect(notice.textContent()).resolves.toMatch(/urgence vitale.*15.*112/i);
    await expect(notice.locator('a[href="tel:15"]').count()).resolves.toBe(1);
    await expect(notice.locator('a[href="tel:112"]').count()).resolves.toBe(1);
    // The log is a polite live region; the input is labelled.
    await expect(page.getByTestId('chat-log').getAttribute('role')).resolves.toBe('log');
    await expect(page.getByTestId('chat-log').getAttribute('aria-live')).resolves.toBe('polite');
    await expect(page.getByLabel('Votre message').count()).resolves.toBe(1);
    await expectAccessible(page, 'chat');

    // Routine: prescription renewal, sent with Enter.
    await page.getByTestId('chat-input').fill(ROUTINE);
    await page.getByTestId('chat-input').press('Enter');
    await expect.poll(() => replies(page).count()).toBe(1);
    const routineReply = replies(page).first();
    await expect(routineReply.getByTestId('chat-emergency').count()).resolves.toBe(0);
    await expect(routineReply.getByTestId('chat-reply-text').textContent()).resolves.toMatch(/ordonnance|secrétariat|praticien/i);
    await expect(page.getByTestId('chat-input').inputValue()).resolves.toBe('');
    // The conversation token is kept for this tab, per practice.
    const token = await page.evaluate((p) => sessionStorage.getItem(`pivot.assistant.chat.${p}`), PRACTICE);
    expect(token).toBeTruthy();
    await shot(page, '20-chat-routine');

    // Vital: the emergency banner is the first thing of the reply, with 15 and 112 as call links.
    await page.getByTestId('chat-input').fill(VITAL);
    await page.getByTestId('chat-send').click();
    await expect.poll(() => replies(page).count()).toBe(2);
    const vitalReply = replies(page).nth(1);
    const first = await vitalReply.evaluate((el) => {
      const child = el.firstElementChild as HTMLElement | null;
      return { testId: child?.dataset.testid, role: child?.getAttribute('role'), text: child?.textContent ?? '' };
    });
    expect(first.testId).toBe('chat-emergency');
    expect(first.role).toBe('alert');
    expect(first.text).toContain('15');
    expect(first.text).toContain('112');
    expect(first.text).toMatch(/Appelez immédiatement le 15/);
    await expect(vitalReply.locator('a[href="tel:15"]').count()).resolves.toBe(1);
    await expect(vitalReply.locator('a[href="tel:112"]').count()).resolves.toBe(1);
    await expect(vitalReply.locator('a[href="sms:114"]').count()).resolves.toBe(1);
    // Same conversation token: one conversation for both messages.
    await expect(page.evaluate((p) => sessionStorage.getItem(`pivot.assistant.chat.${p}`), PRACTICE)).resolves.toBe(token);
    await expectAccessible(page, 'chat with emergency reply');
    await shot(page, '21-chat-vital');

    // A reload keeps the conversation (history), the vital reply still shown as an emergency.
    await page.reload();
    await expect.poll(() => replies(page).count()).toBe(2);
    await expect(replies(page).nth(1).getByTestId('chat-emergency').count()).resolves.toBe(1);
    await page.context().close();
  });

  it('a patient books through the chat: identity, code sent to the phone on file, real slots; the desk sees it in the agenda', async () => {
    // A demo patient with a mobile phone and a birth date no other patient has.
    const practiceId = (await app.database.db.selectFrom('practices').select('id').where('slug', '=', PRACTICE).executeTakeFirstOrThrow()).id;
    const rows = await app.database.db.selectFrom('patients').select(['id', 'birth_name', 'first_name', 'birth_date', 'phone']).where('practice_id', '=', practiceId).where('merged_into_id', 'is', null).execute();
    const births = new Map<string, number>();
    for (const r of rows) births.set(r.birth_date, (births.get(r.birth_date) ?? 0) + 1);
    const patient = rows.find((r) => r.birth_date < '2000-01-01' && births.get(r.birth_date) === 1 && /^0[67]\d{8}$/.test(r.phone ?? '') && /^[A-Za-zÀ-ÿ]+$/.test(r.birth_name) && /^[A-Za-zÀ-ÿ]+$/.test(r.first_name))!;
    const e164 = `+33${patient.phone!.slice(1)}`;

    const page = await newPage(app.browser, app.baseUrl);
    await page.goto(`/#/chat/${PRACTICE}`);
    await page.getByTestId('chat-greeting').waitFor();
    const before = clock.now();
    expect(await say(page, 'Bonjour, je voudrais prendre un rendez-vous')).toMatch(/nom, prénom et date de naissance/);
    const birth = DateTime.fromISO(patient.birth_date).toFormat('dd/MM/yyyy');
    expect(await say(page, `${patient.first_name} ${patient.birth_name} ${birth}`)).toMatch(/code à 6 chiffres/);
    await expectAccessible(page, 'chat booking: code asked');
    const code = await latestCode(e164, before);
    let text = await say(page, code);
    expect(text).toMatch(/identité est vérifiée/);
    await shot(page, '26-chat-booking-verified');
    text = await choose(page, 'Dr Claire Martin');
    expect(text).toMatch(/Pour quel motif/);
    text = await choose(page, /^Consultation$/);
    expect(text).toMatch(/Quand souhaitez-vous venir/);
    text = await say(page, 'dans la semaine prochaine, le matin si possible');
    expect(text).toMatch(/prochains créneaux libres/);
    const slots = lastReply(page).getByTestId('chat-choice');
    expect(await slots.count()).toBe(4);
    await expectAccessible(page, 'chat booking: proposals');
    await shot(page, '27-chat-booking-proposals');
    const label = (await slots.first().textContent())!;
    text = await choose(page, label);
    expect(text).toMatch(/Confirmez-vous/);
    text = await choose(page, 'Oui');
    expect(text).toMatch(/C’est fait\s: votre rendez-vous est réservé/);
    await expectAccessible(page, 'chat booking: booked');
    await shot(page, '28-chat-booking-done');
    await page.context().close();

    const appt = await app.database.db.selectFrom('appointments').select(['id', 'starts_at', 'channel']).where('patient_id', '=', patient.id).where('channel', '=', 'assistant').executeTakeFirstOrThrow();
    const day = DateTime.fromJSDate(new Date(appt.starts_at)).setZone('Europe/Paris');
    expect(label).toContain(day.setLocale('fr').toFormat("cccc d LLLL 'à' H 'h' mm"));

    // The desk's agenda shows it, on that day, with the patient's name.
    const desk = await newPage(app.browser, app.baseUrl);
    await login(desk, 'secretaire@demo.pivot');
    await desk.goto(`/#/agenda?view=practice&date=${day.toISODate()}`);
    await desk.locator('[data-testid="agenda-grid"][data-render-ms]').waitFor();
    const block = desk.locator(`[data-testid="agenda-block"][data-id="${appt.id}"]`);
    await block.waitFor();
    expect((await block.textContent())!.toUpperCase()).toContain(patient.birth_name.toUpperCase());
    await block.scrollIntoViewIfNeeded();
    await shot(desk, '29-agenda-assistant-booking');
    await desk.context().close();
  }, 120_000);

  it('the secretary sees the vital alert everywhere, acknowledges it, and works the inbox', async () => {
    const page = await newPage(app.browser, app.baseUrl);
    await login(page, 'secretaire@demo.pivot');

    // The vital alert banner is on top of the home page.
    const banner = page.getByTestId('vital-alert-banner');
    await banner.waitFor();
    await expect(banner.getAttribute('role')).resolves.toBe('alert');
    await expect(banner.textContent()).resolves.toContain('douleur dans la poitrine');
    await expect(page.getByTestId('nav-assistant-badge').textContent()).resolves.toMatch(/\d/);
    await shot(page, '24-alert-banner');
    await page.getByTestId('vital-alert-ack').first().click();
    await expect.poll(() => page.getByTestId('vital-alert-banner').count()).toBe(0);

    // The inbox: the vital request on top, then the routine one.
    await page.getByTestId('nav-assistant').click();
    await page.getByTestId('inbox-table').waitFor();
    const rows = page.getByTestId('inbox-row');
    await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(2);
    await expect(rows.first().getAttribute('data-urgency')).resolves.toBe('vital');
    await expect(rows.first().textContent()).resolves.toContain('Vitale');
    await expect(rows.first().textContent()).resolves.toContain('À identifier');
    await expectAccessible(page, 'inbox');
    await shot(page, '22-inbox');

    // The vital request: reasons readable, conversation shown, assign it to myself.
    await rows.first().getByTestId('inbox-open').click();
    const detail = page.getByTestId('request-detail');
    await detail.waitFor();
    await expect(detail.getAttribute('data-urgency')).resolves.toBe('vital');
    await expect(page.getByTestId('triage-reasons').textContent()).resolves.toMatch(/thorac|poitrine/i);
    await expect.poll(() => page.getByTestId('conversation-message').count()).toBeGreaterThanOrEqual(2);
    // The appointment conversion is there (first for a booking request; here a vital one offers it too).
    await expect(page.getByTestId('convert-kind-appointment').count()).resolves.toBe(1);
    await page.getByTestId('assign-me').click();
    await expect.poll(() => page.getByTestId('request-assignee').textContent()).toContain('Julie Secrétaire');
    await expect(page.getByTestId('request-status').textContent()).resolves.toBe('En cours');
    await expectAccessible(page, 'request detail');
    await shot(page, '23-request-detail');

    // The routine request becomes a message for Dr Claire Martin.
    await page.getByTestId('back-to-inbox').click();
    await page.getByTestId('inbox-table').waitFor();
    const routine = page.locator('[data-testid="inbox-row"][data-urgency="routine"]').first();
    await expect(routine.textContent()).resolves.toContain('Levothyrox');
    await routine.getByTestId('inbox-open').click();
    await page.getByTestId('request-detail').waitFor();
    await page.getByTestId('convert-kind-practitioner_message').check();
    await page.getByTestId('convert-assignee').selectOption({ label: 'Dr Claire Martin' });
    await page.getByTestId('convert-submit').click();
    await expect.poll(() => page.getByTestId('request-status').textContent()).toBe('Traitée');
    await expect(page.getByTestId('request-tasks').textContent()).resolves.toContain('Dr Claire Martin');
    await page.context().close();
  });

  it('the practitioner finds the message in her tasks and marks it done', async () => {
    const page = await newPage(app.browser, app.baseUrl);
    await login(page, 'medecin@demo.pivot');
    await page.getByTestId('nav-assistantTasks').click();
    await page.getByTestId('task-list').waitFor();
    const task = page.getByTestId('task-item').first();
    await expect(task.textContent()).resolves.toContain('Levothyrox');
    await task.getByTestId('task-done').check();
    await expect.poll(() => task.getByTestId('task-done').isChecked()).toBe(true);
    await expectAccessible(page, 'tasks');
    await page.context().close();
  });

  it('the admin fills the practice sheet, and the assistant quotes it word for word', async () => {
    const page = await newPage(app.browser, app.baseUrl);
    await login(page, 'admin@demo.pivot');
    await page.getByTestId('nav-practiceInfo').click();
    await page.getByTestId('practice-info-form').waitFor();
    await expect(page.getByTestId('practice-info-explain').textContent()).resolves.toContain('uniquement à partir de cette fiche');
    const hours = 'Du lundi au vendredi de 8 h 30 à 19 h, le samedi de 9 h à 12 h.';
    await page.getByTestId('info-openingHours').fill(hours);
    await page.getByTestId('practice-info-save').click();
    await page.getByTestId('practice-info-saved').waitFor();
    await expectAccessible(page, 'practice information sheet');
    await page.context().close();

    const patient = await newPage(app.browser, app.baseUrl);
    await patient.goto(`/#/chat/${PRACTICE}`);
    await patient.getByTestId('chat-greeting').waitFor();
    await patient.getByTestId('chat-input').fill("Quels sont vos horaires d'ouverture ?");
    await patient.getByTestId('chat-input').press('Enter');
    await expect.poll(() => replies(patient).count()).toBe(1);
    await expect(replies(patient).first().textContent()).resolves.toContain(hours);
    await patient.context().close();
  });

  it('the embed snippet opens the chat in an iframe on the practice website, and Escape closes it', async () => {
    // The practice's website: another origin (another port), on the loopback like Pivot here.
    const html = `<!doctype html><html lang="en"><head><title>Practice website</title></head><body><main><h1>Our practice</h1>
      <script src="${app.baseUrl}/assistant-widget.js" data-practice="${PRACTICE}" async></script></main></body></html>`;
    const site = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html));
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    const siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
    const page = await newPage(app.browser, app.baseUrl);
    await page.goto(`${siteUrl}/`);
    const button = page.locator('.pivot-aw-button');
    await button.waitFor();
    await expect(button.getAttribute('aria-expanded')).resolves.toBe('false');
    await expect(button.textContent()).resolves.toContain('Message the practice');
    await button.click();
    await expect(button.getAttribute('aria-expanded')).resolves.toBe('true');
    const frame = page.frameLocator('iframe.pivot-aw-frame');
    await frame.getByTestId('chat-greeting').waitFor();
    // data-lang / the host page's language: the chat opens in English.
    await expect(frame.getByTestId('chat-input').count()).resolves.toBe(1);
    await expect.poll(() => frame.getByTestId('chat-lang-en').getAttribute('aria-pressed')).toBe('true');
    await frame.getByTestId('chat-input').fill('I would like a copy of my last invoice please');
    await frame.getByTestId('chat-input').press('Enter');
    await expect.poll(() => frame.locator('[data-testid="chat-message"][data-direction="out"]').count()).toBe(1);
    await shot(page, '25-chat-widget');
    // Escape inside the iframe closes the panel and gives the focus back to the button.
    await frame.getByTestId('chat-input').press('Escape');
    await expect.poll(() => page.locator('.pivot-aw-panel').isHidden()).toBe(true);
    await expect(page.evaluate(() => document.activeElement?.className)).resolves.toBe('pivot-aw-button');
    await page.context().close();
    site.close();
  });
});
