import { loadConfig } from '../platform/config.js';
import { openDatabase } from '../platform/db/database.js';
import { createLogger } from '../platform/logger.js';
import { verifyAuditChain } from '../audit/service.js';

/** Verifies the audit chain, on the embedded data folder (server stopped) or on DATABASE_URL. */
export async function auditVerify(): Promise<number> {
  const config = loadConfig();
  const database = await openDatabase(config, createLogger('warn'), { migrate: false, poolSize: 2 });
  try {
    const result = await verifyAuditChain(database.db);
    if (result.sealedNow > 0) console.log(`${result.sealedNow} entrées enregistrées mais pas encore scellées (arrêt brutal ?) viennent d'être scellées.`);
    if (result.ok) {
      console.log(`Journal d'audit intact : ${result.checked} entrées vérifiées.`);
      return 0;
    }
    console.error(`Journal d'audit ALTÉRÉ : première entrée invalide n° ${result.firstBrokenId} (${result.checked} entrées lues).`);
    return 1;
  } finally {
    await database.close();
  }
}
