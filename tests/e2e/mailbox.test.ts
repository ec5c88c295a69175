import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dovecotAvailable, startDovecot, type TestImapServer } from '../imap-server.js';
import { expectAccessible, login, newPage, shot, startApp } from './harness.js';

/**
 * The practice mailbox screen in Chromium, against Dovecot on loopback: an administrator types the settings, tests
 * the connection (a wrong password said so, then a success with the folder's count), saves; the password never
 * comes back to the screen, and a later test uses the saved one. In English too.
 */
let app: Awaited<ReturnType<typeof startApp>>;
let imap: TestImapServer;

beforeAll(async () => {
  imap = await startDovecot();
  const c = new ImapFlow({ host: '127.0.0.1', port: imap.port, secure: false, auth: { user: imap.user, pass: imap.password }, logger: false });
  await c.connect();
  await c.append('INBOX', 'From: labo@exemple.test\r\nTo: cabinet@exemple.test\r\nSubject: Résultats\r\nMessage-ID: <e2e-1@exemple.test>\r\n\r\nRésultats joints.\r\n');
  await c.logout();
  app = await startApp();
});
afterAll(async () => {
  await app?.close();
  await imap?.stop();
});

describe.skipIf(!dovecotAvailable())('« Boîte aux lettres IMAP » (administrator)', () => {
  it('tests the connection, saves, never shows the password again, and tests again with the saved one', async () => {
    const admin = await newPage(app.browser, app.baseUrl);
    await login(admin, 'admin@demo.pivot');
    await admin.getByTestId('nav-mailbox').click();
    await admin.getByTestId('mailbox-form').waitFor();
    expect(await admin.getByRole('heading', { level: 1 }).textContent()).toBe('Boîte aux lettres du cabinet (IMAP)');
    await admin.getByTestId('mailbox-host').fill('127.0.0.1');
    await admin.getByTestId('mailbox-port').fill(String(imap.port));
    await admin.getByTestId('mailbox-secure').uncheck();
    await admin.getByTestId('mailbox-username').fill(imap.user);
    await admin.getByTestId('mailbox-password').fill('pas-le-bon');
    await admin.getByTestId('mailbox-test').click();
    const result = admin.getByTestId('mailbox-test-result');
    await result.waitFor();
    expect(await result.textContent()).toContain('Identifiant ou mot de passe refusé par le serveur.');
    await shot(admin, 'mailbox-test-refused');

    await admin.getByTestId('mailbox-password').fill(imap.password);
    await admin.getByTestId('mailbox-test').click();
    // The French typography puts no-break spaces before « : » and inside « ».
    await expect.poll(() => result.textContent()).toMatch(/Connexion réussie\s:\sle dossier\s«\sINBOX\s»\scontient 1 message\./);
    await admin.getByTestId('mailbox-every').fill('10');
    await admin.getByTestId('mailbox-save').click();
    await admin.getByText('Réglages enregistrés.', { exact: false }).waitFor();
    await expectAccessible(admin, 'mailbox settings');
    await shot(admin, 'mailbox-saved');

    // Reloaded: the settings are back, the password is not (nor anywhere in the page).
    await admin.reload();
    await admin.getByTestId('mailbox-form').waitFor();
    await expect.poll(() => admin.getByTestId('mailbox-host').inputValue()).toBe('127.0.0.1');
    expect(await admin.getByTestId('mailbox-every').inputValue()).toBe('10');
    expect(await admin.getByTestId('mailbox-password').inputValue()).toBe('');
    expect(await admin.content()).not.toContain(imap.password);
    await admin.getByTestId('mailbox-test').click();
    await admin.getByTestId('mailbox-test-result').getByText('Connexion réussie', { exact: false }).waitFor();

    // Polling off, in English.
    await admin.getByTestId('language-switch').selectOption('en');
    await admin.getByRole('heading', { name: 'Practice mailbox (IMAP)' }).waitFor();
    await admin.getByTestId('mailbox-enabled').uncheck();
    expect(await admin.getByTestId('mailbox-every').isDisabled()).toBe(true);
    await admin.getByTestId('mailbox-save').click();
    await admin.getByText('Settings saved.', { exact: false }).waitFor();
    await shot(admin, 'mailbox-english-off');

    // A secretary does not see the screen.
    const desk = await newPage(app.browser, app.baseUrl);
    await login(desk, 'accueil@demo.pivot');
    expect(await desk.getByTestId('nav-mailbox').count()).toBe(0);
  });
});
