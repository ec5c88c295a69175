import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PRACTICE_SLUG } from '../../src/server/demo/seed.js';
import { DEMO_PASSWORD } from '../helpers.js';
import { expectAccessible, shot, startApp } from './harness.js';

/**
 * The walk of docs/desk.md (« Walk of 7 Dec 2026 »), kept as one tour: the main screens of each role, at a laptop
 * width and a phone width, with what a user would notice — a console error, a page wider than the screen, the title
 * pushed below the fold, an ISO date or a raw code (`appointment.cancelled`, `billing_profile`) in the text, an
 * accessibility violation. Screenshots: test-output/screenshots/tour-*.png.
 */
let app: Awaited<ReturnType<typeof startApp>>;
beforeAll(async () => { app = await startApp(); });
afterAll(async () => app?.close());

const ISO_DATE = /\b\d{4}-\d{2}-\d{2}\b/;
/** snake_case words and dotted codes; e-mail addresses, host names and file names are not codes. */
const RAW_CODE = /(?<![@\w.-])[a-z]+(?:_[a-z]+)+\b|(?<![@\w.-])[a-z]+\.[a-z_]+\.[a-z_]+\b(?![@.\w-])/;
const WIDTHS = [{ name: 'laptop', width: 1366, height: 768 }, { name: 'phone', width: 390, height: 844 }] as const;

interface Screen { name: string; path: string; ready: string; open?: string }
const TOURS: { role: string; email: string; screens: Screen[] }[] = [
  { role: 'secretary', email: 'accueil@demo.pivot', screens: [
    { name: 'home', path: '/', ready: '[data-testid="home-practice"]' },
    { name: 'reception', path: '/reception', ready: '[data-testid="reception-filter"]' },
    { name: 'agenda', path: '/agenda', ready: '[data-testid="agenda-column"]' },
    { name: 'patient-file', path: '/patients', ready: 'main table a[href*="#/patients/"]', open: 'main table a[href*="#/patients/"]' },
    { name: 'phone', path: '/telephone', ready: '[data-testid="callbacks"]' },
    { name: 'billing', path: '/facturation', ready: '[data-testid="billing-practitioner"], [data-testid="billing-empty"]' },
    { name: 'mail', path: '/courrier', ready: '[data-testid="register"]' },
    { name: 'requests', path: '/assistant', ready: '[data-testid="inbox-counts"]' },
  ] },
  { role: 'dentist', email: 'dentiste@demo.pivot', screens: [
    { name: 'quotes', path: '/facturation/devis', ready: '[data-testid="dental-list"]' },
    { name: 'books', path: '/facturation/livres', ready: '[data-testid="books-daybook"]' },
    { name: 'reports', path: '/comptes-rendus', ready: '[data-testid="reports-table"], [data-testid="reports-empty"]' },
  ] },
  { role: 'admin', email: 'admin@demo.pivot', screens: [
    { name: 'audit', path: '/admin/audit', ready: '[data-testid="audit-row"]' },
    { name: 'outbox', path: '/admin/outbox', ready: '[data-testid="outbox-list"]' },
  ] },
];

async function open(browser: Browser, width: number, height: number): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ baseURL: app.baseUrl, locale: 'fr-FR', viewport: { width, height } });
  context.setDefaultTimeout(45_000);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    // The login page asks who is signed in before anyone is: its 401 is the answer « nobody », not an error.
    if (m.type() === 'error' && !/status of 401/.test(m.text())) errors.push(m.text());
  });
  return { page, errors };
}

/** What a user sees on the screen, and what a user would notice is wrong with it. */
async function look(page: Page, where: string, errors: string[], a11y: boolean): Promise<void> {
  const seen = await page.evaluate(() => {
    const root = (document.querySelector('main') ?? document.body) as HTMLElement;
    // The audit log shows each action's code under its label, on purpose (support): <code> is not prose.
    const clone = root.cloneNode(true) as HTMLElement;
    for (const c of Array.from(clone.querySelectorAll('code, kbd, pre'))) c.remove();
    document.body.appendChild(clone);
    clone.style.position = 'absolute';
    clone.style.left = '-10000px';
    const text = clone.innerText;
    clone.remove();
    const h1 = document.querySelector('main h1, h1');
    return {
      text,
      overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      titleTop: h1 ? h1.getBoundingClientRect().top + window.scrollY : 0,
    };
  });
  const context = (re: RegExp) => { const i = seen.text.search(re); return seen.text.slice(Math.max(0, i - 50), i + 30); };
  expect(errors, `${where}: console errors`).toEqual([]);
  expect(seen.overflow, `${where}: page wider than the screen`).toBeLessThanOrEqual(0);
  expect(seen.titleTop, `${where}: the title below the fold`).toBeLessThan(page.viewportSize()!.height / 2);
  expect(seen.text.match(ISO_DATE)?.[0], `${where}: ISO date in « ${context(ISO_DATE)} »`).toBeUndefined();
  expect(seen.text.match(RAW_CODE)?.[0], `${where}: raw code in « ${context(RAW_CODE)} »`).toBeUndefined();
  if (a11y) await expectAccessible(page, where);
}

describe('a tour of the main screens, at a laptop width and a phone width', () => {
  for (const tour of TOURS) {
    it(`as the ${tour.role}`, async () => {
      for (const size of WIDTHS) {
        const { page, errors } = await open(app.browser, size.width, size.height);
        await page.goto('/');
        await page.getByTestId('login-email').fill(tour.email);
        await page.getByTestId('login-password').fill(DEMO_PASSWORD);
        await page.getByTestId('login-submit').click();
        await page.getByTestId('practice-name').first().waitFor();
        for (const screen of tour.screens) {
          const where = `${tour.role} ${screen.name} (${size.name})`;
          await page.evaluate((p) => { location.hash = `#${p}`; }, screen.path);
          await page.locator(screen.ready).first().waitFor({ state: 'attached' });
          if (screen.open) {
            await page.locator(screen.open).first().click();
            await page.getByTestId('patient-header').waitFor();
          }
          await page.waitForFunction(() => !/Chargement…/.test((document.querySelector('main') as HTMLElement | null)?.innerText ?? ''));
          // Axe once per screen (the laptop pass): the phone pass checks what changes with the width.
          await look(page, where, errors, size.name === 'laptop');
          if (screen.name === 'reception' && size.name === 'phone') {
            // The desk's rows stack on a phone: no table of the desk scrolls sideways inside its card.
            const wider = await page.locator('.reception-table').evaluateAll((ts) => ts.map((t) => t.parentElement!.scrollWidth - t.parentElement!.clientWidth));
            // (A demo day with nobody expected — a Sunday — has no table to check.)
            expect(Math.max(0, ...wider), `${where}: a desk table scrolls sideways`).toBeLessThanOrEqual(0);
          }
          await shot(page, `tour-${tour.role}-${screen.name}-${size.name}`);
        }
        if (size.name === 'phone') {
          // On a phone the navigation folds behind one button, which opens it and closes on the way to a screen.
          await page.getByTestId('nav-toggle').click();
          await page.getByTestId('nav-home').click();
          await expect.poll(() => page.getByTestId('nav-home').isVisible()).toBe(false);
        }
        await page.context().close();
      }
    });
  }

  it('as a patient: the public chat and the online booking page', async () => {
    for (const size of WIDTHS) {
      const { page, errors } = await open(app.browser, size.width, size.height);
      await page.goto(`/#/chat/${DEMO_PRACTICE_SLUG}`);
      await page.getByTestId('chat-greeting').waitFor();
      // The greeting names the practice between French quotation marks, with their no-break spaces.
      expect(await page.getByTestId('chat-greeting').textContent()).toMatch(/«\u00a0[^»]+\u00a0»/);
      await look(page, `chat (${size.name})`, errors, size.name === 'laptop');
      await shot(page, `tour-patient-chat-${size.name}`);
      await page.goto(`/#/rdv/${DEMO_PRACTICE_SLUG}`);
      await page.getByTestId('booking-page').waitFor();
      await look(page, `booking (${size.name})`, errors, size.name === 'laptop');
      await shot(page, `tour-patient-booking-${size.name}`);
      await page.context().close();
    }
  });
});
