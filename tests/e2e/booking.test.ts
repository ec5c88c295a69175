import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PRACTICE_SLUG } from '../../src/server/demo/seed.js';
import { expectAccessible, newPage, shot, startApp } from './harness.js';

/**
 * The patient's online booking in Chromium: motif and slot, identity with an e-mail, the one-time code (read from
 * the queued agenda.send job: the demo has no worker/SMTP here), confirmation, then the manage link and a cancellation.
 */
let app: Awaited<ReturnType<typeof startApp>>;
const EMAIL = `patiente.e2e.${Date.now()}@example.org`;

beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => app?.close());

async function latestCode(to: string): Promise<string> {
  for (let i = 0; i < 50; i++) {
    const rows = await app.database.db.selectFrom('jobs').select(['payload', 'created_at']).where('kind', '=', 'agenda.send').orderBy('created_at', 'desc').limit(20).execute();
    const row = rows.find((r) => (r.payload as { kind?: string; to?: string }).kind === 'otp' && (r.payload as { to?: string }).to === to);
    const code = row && /(\d{6})/.exec(String((row.payload as { text?: string }).text ?? ''))?.[1];
    if (code) return code;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no code sent to ${to}`);
}

describe('online booking (patient)', () => {
  it('books with an e-mail code, sees the confirmation, then cancels from the manage link', async () => {
    const page = await newPage(app.browser, app.baseUrl);
    await page.goto(`/#/rdv/${DEMO_PRACTICE_SLUG}`);
    await expect.poll(() => page.getByTestId('booking-practice-name').textContent()).toBe('Maison de santé des Tilleuls');
    await expect.poll(() => page.getByTestId('booking-emergency-notice').textContent()).toContain('appelez le 15 ou le 112. Ce service ne sert qu’à prendre rendez-vous.');
    await page.getByTestId('booking-step-choose').waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('booking-step-choose');

    // Consultation, from 3 days on (so that the manage deadline, 24 h before, is still ahead).
    await page.getByRole('radio', { name: /^Consultation 20 min/ }).first().check();
    const from = DateTime.now().setZone('Europe/Paris').plus({ days: 3 }).toISODate()!;
    await page.getByTestId('booking-from').fill(from);
    const first = page.getByTestId('booking-slot').first();
    await first.waitFor();
    await expect.poll(async () => (await first.getAttribute('data-start'))! >= DateTime.fromISO(from, { zone: 'Europe/Paris' }).toUTC().toISO()!).toBe(true);
    await expectAccessible(page, 'booking slots');
    await shot(page, '50-booking-slots');
    const start = (await first.getAttribute('data-start'))!;
    await first.click();

    // Identity, on a phone-sized screen.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByTestId('booking-step-identity').waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('booking-step-identity');
    await page.getByLabel('Nom de naissance').fill('Lefèvre');
    await page.getByLabel('Prénom').fill('Camille');
    await page.getByLabel('Date de naissance').fill('1988-04-12');
    await page.getByLabel('Sexe').selectOption('F');
    await page.getByLabel('Adresse e-mail').fill(EMAIL);
    await page.getByTestId('booking-consent').check();
    await expectAccessible(page, 'booking identity');
    await shot(page, '51-booking-identity');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.getByTestId('booking-send-code').click();

    // Code step: masked destination, a wrong code first (422, server's message), then the right one.
    await page.getByTestId('booking-step-code').waitFor();
    const destination = (await page.getByTestId('booking-destination').textContent())!;
    expect(destination).toContain('@example.org');
    expect(destination).not.toContain(EMAIL);
    const code = await latestCode(EMAIL);
    await page.getByLabel('Code à 6 chiffres').fill(code === '000000' ? '111111' : '000000');
    await page.getByTestId('booking-confirm').click();
    await expect.poll(() => page.getByTestId('booking-error').textContent()).toContain('Code incorrect');
    await expectAccessible(page, 'booking code');
    await page.getByLabel('Code à 6 chiffres').fill(code);
    await page.getByTestId('booking-confirm').click();

    await page.getByTestId('booking-step-done').waitFor();
    const when = (await page.getByTestId('booking-when').textContent())!;
    expect(when).toBe(DateTime.fromISO(start).setZone('Europe/Paris').toFormat("dd/MM/yyyy 'à' HH 'h' mm"));
    await expectAccessible(page, 'booking confirmed');
    await shot(page, '52-booking-confirmed');

    // The manage link: deadline shown, cancel.
    await page.getByTestId('booking-manage-link').click();
    await page.getByTestId('manage-title').waitFor();
    await expect.poll(() => page.getByTestId('manage-deadline').textContent()).toContain('jusqu’au');
    expect(await page.getByTestId('booking-when').textContent()).toBe(when);
    await expectAccessible(page, 'manage');
    await shot(page, '53-manage');
    await page.getByTestId('manage-cancel').click();
    await page.getByTestId('manage-reason').fill('Empêchement');
    await page.getByTestId('manage-cancel-confirm').click();
    await page.getByTestId('manage-cancelled').waitFor();
    await expectAccessible(page, 'manage cancelled');

    // Reloaded: the appointment is cancelled, no more actions.
    await page.reload();
    await page.getByTestId('manage-status').waitFor();
    expect(await page.getByTestId('manage-move').count()).toBe(0);
    await page.context().close();
  }, 120_000);
});
