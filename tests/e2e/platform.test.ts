import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCodeAt } from '../../src/server/auth/totp.js';
import { DEMO_PASSWORD } from '../helpers.js';
import { expectAccessible, newPage, shot, startApp } from './harness.js';

let app: Awaited<ReturnType<typeof startApp>>;
beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => app?.close());

async function login(page: Page, email: string, totp?: () => string) {
  await page.goto('/');
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  if (totp) {
    await page.getByTestId('login-totp').fill(totp());
    await page.getByTestId('login-submit').click();
  }
  await page.getByTestId('practice-name').first().waitFor();
}

async function logout(page: Page) {
  await page.getByTestId('user-menu').click();
  await page.getByTestId('user-menu-logout').click();
  await page.getByTestId('login-email').waitFor();
}

describe('a practice admin in Chromium', () => {
  let secret = '';

  it('logs in, is greeted in French, and the pages pass axe-core', async () => {
    const page = await newPage(app.browser, app.baseUrl);
    await page.goto('/');
    await page.getByTestId('login-email').waitFor();
    // A demonstration says how to try it: its accounts, one click fills the address.
    await page.getByTestId('demo-accounts').getByRole('button', { name: 'accueil@demo.pivot' }).click();
    await expect(page.getByTestId('login-email').inputValue()).resolves.toBe('accueil@demo.pivot');
    await expectAccessible(page, 'login');
    await shot(page, '01-login');
    await login(page, 'admin@demo.pivot');
    await expect(page.getByTestId('practice-name').first().textContent()).resolves.toContain('Maison de santé des Tilleuls');
    await expectAccessible(page, 'home');
    await shot(page, '02-home-admin');
    await page.context().close();
  });

  it('enables two-factor authentication, then needs the code to log in', async () => {
    const page = await newPage(app.browser, app.baseUrl);
    await login(page, 'admin@demo.pivot');
    await page.getByTestId('nav-security').click();
    await page.getByTestId('totp-start').click();
    await page.getByTestId('totp-qr').waitFor();
    secret = ((await page.getByTestId('totp-secret').textContent()) ?? '').replace(/\s/g, '');
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    await expectAccessible(page, 'totp enrolment');
    await shot(page, '03-totp-enrolment');
    // The code of the previous 30 s step, so that the login below can use the current one (each step is used once).
    await page.getByTestId('totp-code').fill(totpCodeAt(secret, Date.now() - 30_000));
    await page.getByTestId('totp-enable').click();
    await page.getByTestId('recovery-codes').waitFor();
    await shot(page, '04-recovery-codes');
    await page.getByTestId('recovery-done').click();
    await logout(page);

    await page.getByTestId('login-email').fill('admin@demo.pivot');
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('login-totp').waitFor();
    await expectAccessible(page, 'login totp step');
    await shot(page, '05-login-totp');
    await page.getByTestId('login-totp').fill(totpCodeAt(secret, Date.now()));
    await page.getByTestId('login-submit').click();
    await page.getByTestId('practice-name').first().waitFor();
    await page.context().close();
  });

  it('the secretary of two practices switches to the other one, which is shown plainly', async () => {
    const page = await newPage(app.browser, app.baseUrl);
    await login(page, 'secretaire@demo.pivot');
    await expect(page.getByTestId('practice-name').first().textContent()).resolves.toContain('Maison de santé des Tilleuls');
    const switcher = page.getByTestId('practice-switcher');
    await switcher.selectOption({ label: 'Cabinet du Dr Moreau' });
    await expect.poll(() => page.getByTestId('practice-name').first().textContent()).toContain('Cabinet du Dr Moreau');
    await page.getByTestId('nav-patients').click();
    await page.getByTestId('patients-table').waitFor();
    await expectAccessible(page, 'patients');
    await shot(page, '06-secretary-switched-patients');
    await page.context().close();
  });

  it('the admin sees what was done in the audit log and verifies the chain', async () => {
    const page = await newPage(app.browser, app.baseUrl);
    await login(page, 'admin@demo.pivot', () => totpCodeAt(secret, Date.now() + 30_000));
    await page.getByTestId('nav-audit').click();
    await page.getByTestId('audit-table').waitFor();
    const table = page.getByTestId('audit-table');
    await expect.poll(() => table.textContent()).toContain('auth.totp_enabled');
    await expect(table.textContent()).resolves.toContain('auth.practice_switched');
    // The filters are pickers of readable labels: « Changement de cabinet » keeps only those entries.
    await page.getByTestId('audit-filter-action').selectOption({ label: 'Changement de cabinet' });
    await page.getByTestId('audit-apply').click();
    await expect.poll(async () => [...new Set(await table.locator('[data-testid=audit-row] code').allTextContents())]).toEqual(['auth.practice_switched']);
    await page.getByRole('button', { name: 'Réinitialiser' }).click();
    await expect.poll(() => table.textContent()).toContain('auth.totp_enabled');
    await page.getByTestId('audit-verify').click();
    await expect.poll(() => page.getByTestId('audit-verify-result').textContent()).toMatch(/intacte/);
    await expectAccessible(page, 'audit');
    await shot(page, '07-audit-log');
    await page.context().close();
  });

  it('switches the interface to English', async () => {
    const page = await newPage(app.browser, app.baseUrl);
    await login(page, 'medecin@demo.pivot');
    await page.getByTestId('language-switch').first().selectOption('en');
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
    await expect.poll(() => page.getByTestId('nav-patients').textContent()).toBe('Patients');
    await expect.poll(() => page.getByTestId('nav-security').textContent()).toMatch(/Security/);
    await expectAccessible(page, 'home in English');
    await shot(page, '08-home-english');
    // The choice is kept on the account: a new session opens in English.
    await page.context().close();
    const again = await newPage(app.browser, app.baseUrl);
    await login(again, 'medecin@demo.pivot');
    await expect.poll(() => again.locator('html').getAttribute('lang')).toBe('en');
    await page.context().close();
  });

  it('works with the keyboard alone: log in, skip to content, open the user menu, reach a page', async () => {
    const page = await newPage(app.browser, app.baseUrl);
    await page.goto('/');
    await page.getByTestId('login-email').waitFor();
    await page.getByTestId('login-email').focus();
    await page.keyboard.type('accueil@demo.pivot');
    await page.keyboard.press('Tab');
    await page.keyboard.type(DEMO_PASSWORD);
    await page.keyboard.press('Enter');
    await page.getByTestId('practice-name').first().waitFor();
    // The first Tab stop is the skip link; following it puts focus in the main content.
    await page.keyboard.press('Tab');
    const first = await page.evaluate(() => ({ tag: document.activeElement?.tagName, text: document.activeElement?.textContent ?? '' }));
    expect(first.tag).toBe('A');
    expect(first.text).toMatch(/contenu/i);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => Boolean(document.activeElement?.closest('main')))).toBe(true);
    // The user menu opens with the keyboard and closes with Escape, focus back on its button.
    await page.getByTestId('user-menu').focus();
    await page.keyboard.press('ArrowDown');
    await page.getByRole('menu').waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('user-menu');
    // A page reached by keyboard from the navigation.
    await page.getByTestId('nav-patients').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('patients-table').waitFor();
    await page.getByTestId('patient-search').focus();
    await page.keyboard.type('martin');
    await expect.poll(async () => (await page.getByTestId('patient-row').allTextContents()).some((t) => /MARTIN/.test(t))).toBe(true);
    await shot(page, '09-keyboard-patient-search');
    await page.context().close();
  });

  it('the demo outbox shows a staff mail sent through the messaging outbox, labelled as not really sent', async () => {
    // A member of the practice asks for a password link; without SMTP the mail stays in the outbox (simulated).
    // (Dr Moreau, admin of his own practice: admin@ has two-factor authentication since the test above.)
    const res = await fetch(`${app.baseUrl}/api/auth/password-reset/request`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'moreau@demo.pivot' }) });
    expect(res.status).toBe(202);
    const page = await newPage(app.browser, app.baseUrl);
    await login(page, 'moreau@demo.pivot');
    await page.goto('/#/admin/outbox');
    await page.getByTestId('outbox-list').waitFor();
    await expect
      .poll(async () => {
        await page.getByTestId('outbox-refresh').click();
        return page.getByTestId('outbox-list').textContent();
      })
      .toContain('réinitialisation de votre mot de passe');
    await page.getByText('aucun serveur SMTP configuré', { exact: false }).first().waitFor();
    const mail = page.locator('[data-testid="outbox-list"] li', { hasText: 'réinitialisation' }).first();
    await mail.locator('summary').click();
    expect(await mail.locator('pre').textContent()).toContain('/#/reset-password?token=');
    await expectAccessible(page, 'demo outbox');
    await shot(page, '10-demo-outbox');
    await page.context().close();
  });
});
