import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { build } from 'vite';
import { composePivot } from '../../src/server/compose.js';
import { seedDemo } from '../../src/server/demo/seed.js';
import { repoRoot, webDir } from '../../src/server/main.js';
import { loadConfig } from '../../src/server/platform/config.js';
import { createLogger } from '../../src/server/platform/logger.js';
import { createTestDatabase, DEMO_PASSWORD } from '../helpers.js';

export const SCREENSHOTS = path.join(repoRoot, 'test-output', 'screenshots');
const CHROMIUM = process.env.PIVOT_CHROMIUM ?? '/usr/bin/chromium';

/** The real app (built web + API) on a random loopback port, on a fresh database with the demo practices. */
export async function startApp(env: Record<string, string> = {}) {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium introuvable (${CHROMIUM}) : apt-get install chromium`);
  // Vitest sets NODE_ENV=test, which would bundle React's development build: test what users get.
  // The multi-date run builds the web once for all its dates (PIVOT_E2E_PREBUILT=1): the bundle does not depend on the date.
  if (process.env.PIVOT_E2E_PREBUILT !== '1' || !fs.existsSync(path.join(webDir, 'index.html'))) await buildWeb();
  const { database, drop } = await createTestDatabase();
  await seedDemo(database.db, DEMO_PASSWORD);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pivot-e2e-'));
  const config = loadConfig({ PIVOT_DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...env });
  const pivot = await composePivot(config, database, createLogger('silent'), { webDir });
  await pivot.app.listen({ port: 0, host: '127.0.0.1' });
  const address = pivot.app.server.address() as { port: number };
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--lang=fr-FR'],
  });
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    baseUrl: `http://127.0.0.1:${address.port}`,
    browser,
    database,
    /** The MSSanté adapter (the simulator): what the app « sent » there. */
    mssante: pivot.mssante,
    async close() {
      await browser.close();
      await pivot.app.close();
      await drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The production web bundle, as users get it, into dist/web. */
export async function buildWeb(): Promise<void> {
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: path.join(repoRoot, 'vite.config.ts'), logLevel: 'warn', mode: 'production' });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
}

export async function newPage(browser: Browser, baseUrl: string): Promise<Page> {
  const context = await browser.newContext({ baseURL: baseUrl, locale: 'fr-FR', viewport: { width: 1366, height: 850 } });
  // Generous waits: the suite runs on small shared CI machines where a web build or a database start can
  // stall the page for a while; a real failure still fails, only later (vitest's own timeout is 120 s).
  context.setDefaultTimeout(45_000);
  return context.newPage();
}

export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core in the page: no serious or critical accessibility violation. */
export async function expectAccessible(page: Page, where: string): Promise<void> {
  await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(o?: object): Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run({ resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  });
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious, `${where}: ${JSON.stringify(serious, null, 1)}`).toEqual([]);
}

/** Logs a demo account in from the login page and waits for the app's frame (no second factor). */
export async function login(page: Page, email: string): Promise<void> {
  await page.goto('/');
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('practice-name').first().waitFor();
}

/**
 * Picks a patient in a search-as-you-type picker (`<prefix>-search`, `-result`, `-picked`). It searches « NOM Prénom »
 * and clicks the row that starts with this birth name (case-sensitive) and has this first name: a birth name may also be
 * someone's first name (MICHEL and CARON Michel, on some days of the dated demo), and a family shares a birth name.
 */
export async function pickPatient(page: Page, prefix: string, who: { birth_name: string; first_name: string }): Promise<void> {
  await page.getByTestId(`${prefix}-search`).fill(`${who.birth_name} ${who.first_name}`);
  await page.getByTestId(`${prefix}-result`).filter({ hasText: patientRow(who) }).first().click();
  await page.getByTestId(`${prefix}-picked`).waitFor();
}

/** A result row written « NOM (nom utilisé : …) Prénom …» for this patient: the birth name first, case-sensitive. */
export function patientRow(who: { birth_name: string; first_name: string }): RegExp {
  // Quotes as \x27 / \x22: Playwright writes a `hasText` regex into a selector string, where a bare quote of a name
  // (D'ALMEIDA) ends the string and its flags are read from the rest (« Invalid flags 'u >> nth=0' »).
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/'/g, '\\x27').replace(/"/g, '\\x22');
  return new RegExp(`^\\s*${escape(who.birth_name.toUpperCase())}(?: \\([^)]*\\))? ${escape(who.first_name)}(?![\\p{L}-])`, 'u');
}
