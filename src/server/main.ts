import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config } from './platform/config.js';
import { assertClockAllowed, initClockFromEnv } from './platform/clock.js';
import { openDatabase } from './platform/db/database.js';
import { createLogger } from './platform/logger.js';
import { CAPABILITIES, composePivot } from './compose.js';
import { DEMO_ACCOUNTS, hasDemoPractice, isDatabaseEmpty, seedDemo } from './demo/seed.js';
import { backfillPhoneticKeys } from './patients/backfill.js';
import { ensureMergedReferenceGuards } from './patients/merge/references.js';
import { inboundSmtpConfig, llmFromEnv, startInboundSmtp } from './assistant/index.js';
import { correspondenceSmtpConfig, startCorrespondenceSmtp } from './correspondence/index.js';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const webDir = path.join(repoRoot, 'dist', 'web');

/** Starts Pivot: database (embedded unless DATABASE_URL), migrations, demo data on an empty database, HTTP. */
export async function runServer(config: Config): Promise<{ close(): Promise<void>; url: string }> {
  const log = createLogger(config.logLevel);
  // PIVOT_NOW (tests and demos): checked before anything reads the clock or opens the database.
  const simulated = initClockFromEnv(process.env);
  assertClockAllowed(simulated, process.env);
  if (simulated.simulatedFrom) {
    log.warn({ pivotNow: simulated.simulatedFrom.toISOString() }, 'simulated clock (PIVOT_NOW)');
    console.log(`Horloge simulée (PIVOT_NOW) : l'application se croit le ${simulated.simulatedFrom.toISOString()} au démarrage.`);
  }
  const database = await openDatabase(config, log);
  try {
    // Rows written before the current phonetic key get it now (idempotent, safe with several nodes).
    await backfillPhoneticKeys(database.db);
    // Nothing new may point to a merged patient record: guard every patient reference, including the tables
    // that migrations added since the last start (idempotent, DDL only where a guard is missing).
    await database.db.transaction().execute((tx) => ensureMergedReferenceGuards(tx));
    if (await isDatabaseEmpty(database.db)) {
      if (config.demo) {
        const { password, generated } = await seedDemo(database.db, config.demoPassword);
        printDemoLogins(generated ? `${password}  (généré ; fixez-le avec PIVOT_DEMO_PASSWORD)` : `${password}  (PIVOT_DEMO_PASSWORD)`);
      } else {
        console.log('\nBase vide. Créez votre cabinet et son premier administrateur : npx pivot init --help\n');
      }
    } else if (config.demo && (await hasDemoPractice(database.db))) {
      // A restart: the same accounts; the password is the one of the first start (only its hash is kept).
      printDemoLogins(config.demoPassword ? `${config.demoPassword}  (PIVOT_DEMO_PASSWORD)` : 'celui affiché au premier démarrage — oublié ? `npx pivot demo reset` repart de zéro');
    }
    // Demo mode: each capability's demo data of the day (the desk's visits, calls, billing…), once a day.
    if (config.demo) for (const capability of CAPABILITIES) await capability.seedDemo?.(database.db);
    const pivot = await composePivot(config, database, log, { webDir: fs.existsSync(webDir) ? webDir : undefined });
    await pivot.app.listen({ port: config.port, host: config.host });
    // Patients' e-mails reach the intake assistant through Pivot's own SMTP endpoint, when configured.
    const smtpConf = inboundSmtpConfig(process.env);
    const inboundSmtp = smtpConf
      ? await startInboundSmtp({ db: database.db, log, mailer: pivot.mailer, llm: llmFromEnv(process.env), ...smtpConf })
      : undefined;
    // Letters, reports and results e-mailed to the practice reach the correspondence register, when configured.
    const corrConf = correspondenceSmtpConfig(process.env);
    const corrSmtp = corrConf ? await startCorrespondenceSmtp({ db: database.db, keyring: pivot.keyring, log, ...corrConf }) : undefined;
    // Durable job queue (reminders, confirmations, waiting-list offers, every message sent): one worker per app process.
    const jobs = process.env.PIVOT_JOBS === '0' ? undefined : pivot.startJobs();
    const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`;
    console.log(`Pivot est prêt : ${url}  (base de données : ${database.kind === 'embedded' ? `PostgreSQL intégré, ${config.dataDir}` : 'PostgreSQL externe'})`);
    let closing: Promise<void> | undefined;
    const close = () =>
      (closing ??= (async () => {
        await inboundSmtp?.close();
        await corrSmtp?.close();
        await jobs?.stop();
        await pivot.app.close();
        await database.close();
      })());
    return { close, url };
  } catch (err) {
    await database.close();
    throw err;
  }
}

function printDemoLogins(password: string): void {
  const lines = [
    '',
    'Cabinets de démonstration : « Maison de santé des Tilleuls » et « Cabinet du Dr Moreau » (patients fictifs).',
    'Comptes de démonstration :',
    ...DEMO_ACCOUNTS.map((a) => `  ${a.email.padEnd(24)} ${a.name}`),
    `Mot de passe : ${password}`,
    'Pour repartir d’une démonstration neuve : npx pivot demo reset',
    '',
  ];
  console.log(lines.join('\n'));
}
