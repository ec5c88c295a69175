import { loadConfig } from '../platform/config.js';
import { openDatabase } from '../platform/db/database.js';
import { createLogger } from '../platform/logger.js';
import { Keyring } from '../platform/security/keyring.js';
import { AuditChain } from '../audit/audit-chain.js';
import { describeProblem, describeWarning, readableInstant } from '../audit/report.js';

/**
 * Verifies the audit chain, on the embedded data folder (server stopped) or on DATABASE_URL: the keyed seals (key
 * from PIVOT_SECRET_KEY, PIVOT_SECRET_KEY_FILE or the data folder) and the checkpoints of
 * PIVOT_AUDIT_CHECKPOINT_DIR. Applies pending migrations first (an upgraded installation records its cut-over to
 * the keyed chain there). Exit code 0 when intact, 1 when altered, 2 when it cannot check.
 */
export async function auditVerify(): Promise<number> {
  const config = loadConfig();
  let keyring: Keyring;
  try {
    keyring = Keyring.load({ secretKey: config.secretKey, secretKeyFile: config.secretKeyFile, dataDir: config.dataDir, create: false });
  } catch (err) {
    console.error((err as Error).message);
    return 2;
  }
  const database = await openDatabase(config, createLogger('warn'), { poolSize: 2 });
  try {
    const chain = AuditChain.forInstallation(database.db, keyring, config.auditCheckpointDir, createLogger('warn'));
    const result = await chain.verify();
    if (result.sealedNow > 0) console.log(`${result.sealedNow} entrées enregistrées mais pas encore scellées (arrêt brutal ?) viennent d'être scellées.`);
    for (const w of result.warnings) console.log(`Attention : ${describeWarning(w)}`);
    if (result.ok) {
      const latest = result.checkpoints.latest;
      console.log(`Journal d'audit intact : ${result.checked} entrées vérifiées${latest ? `, ancrées par le point de contrôle du ${readableInstant(latest.at)} (${latest.seq} entrées)` : ''}.`);
      return 0;
    }
    const total = Object.values(result.problemCounts).reduce((a, b) => a + b, 0);
    console.error(
      result.firstBrokenId
        ? `Journal d'audit ALTÉRÉ : première entrée invalide n° ${result.firstBrokenId} (${result.checked} entrées lues, ${total} anomalie(s)).`
        : `Journal d'audit ALTÉRÉ : ${total} anomalie(s) (${result.checked} entrées lues).`,
    );
    for (const p of result.problems) console.error(`- ${describeProblem(p)}`);
    const listed = result.problems.length;
    if (total > listed) console.error(`… et ${total - listed} autre(s).`);
    return 1;
  } finally {
    await database.close();
  }
}
