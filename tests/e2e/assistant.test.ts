import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../helpers.js';
import { expectAccessible, newPage, shot, startApp } from './harness.js';

const PRACTICE = 'maison-de-sante-des-tilleuls';
const ROUTINE = 'Bonjour, je voudrais le renouvellement de mon ordonnance de Levothyrox. Merci.';
const VITAL = 'mon mari a une douleur dans la poitrine qui serre depuis 20 minutes';

let app: Awaited<ReturnType<typeof startApp>>;
beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => app?.close());

async function login(page: Page, email: string) {
  await page.goto('/');
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('practice-name').first().waitFor();
}

const replies = (page: Page) => page.locator('[data-testid="chat-message"][data-direction="out"]');

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
    await expect(page.getByTestId('convert-appointment-soon').textContent()).resolves.toContain('Bientôt : prise de rendez-vous depuis la demande');
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
