import fs from 'node:fs';
import { sql } from 'kysely';
import { loadConfig } from '../platform/config.js';
import { openDatabase } from '../platform/db/database.js';
import { createLogger } from '../platform/logger.js';
import { onlyDemoPractices } from '../demo/seed.js';

/**
 * `pivot demo reset`: back to a fresh demonstration. Wipes the database (every table of the `public` schema) and
 * the audit checkpoints that anchored its log — but only when the database holds nothing but the two demo
 * practices: a practice's real data is never wiped by this command. The next `npm start` seeds the demo again and
 * prints its password. Pivot must be stopped first (the embedded database is opened here).
 */
export async function demoReset(): Promise<number> {
  const config = loadConfig();
  const database = await openDatabase(config, createLogger('warn'), { poolSize: 2 });
  try {
    if (!(await onlyDemoPractices(database.db))) {
      console.error('Refusé : cette base contient un cabinet qui n’est pas un cabinet de démonstration. `pivot demo reset` n’efface que la démonstration.');
      return 2;
    }
    await database.db.transaction().execute(async (tx) => {
      await sql`DROP SCHEMA public CASCADE`.execute(tx);
      await sql`CREATE SCHEMA public`.execute(tx);
    });
  } finally {
    await database.close();
  }
  // The checkpoints anchor the log just wiped: kept, they would report the new log as truncated.
  fs.rmSync(config.auditCheckpointDir, { recursive: true, force: true });
  console.log('Démonstration réinitialisée. `npm start` recrée les cabinets de démonstration et affiche le mot de passe.');
  return 0;
}
