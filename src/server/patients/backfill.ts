import { sql } from 'kysely';
import type { Db } from '../platform/db/database.js';
import { PHONETIC_KEYS_VERSION, phoneticKeys } from './identity/phonetic.js';

/**
 * Recomputes `patients.phonetic_keys` for the rows written by an older phonetic algorithm
 * (`phonetic_keys_version < PHONETIC_KEYS_VERSION`, see migration 0005), in batches of `batchSize`
 * rows, each batch its own short transaction (`FOR UPDATE SKIP LOCKED`: several nodes may run it at
 * once, and a row being edited is simply taken by a later batch). Idempotent; returns the rows updated.
 *
 * Call it once at startup after the migrations (`runServer` in src/server/main.ts, after
 * `openDatabase`, before or after listening: stale rows are still found by the other search paths).
 * It does not touch `updated_at` or `version` (no business change) and writes no audit entry.
 */
export async function backfillPhoneticKeys(db: Db, opts: { batchSize?: number } = {}): Promise<number> {
  const batchSize = opts.batchSize ?? 2000;
  let total = 0;
  for (;;) {
    const n = await db.transaction().execute(async (tx) => {
      const rows = await tx
        .selectFrom('patients')
        .select(['id', 'birth_name', 'used_name', 'given_names', 'used_first_name'])
        .where('phonetic_keys_version', '<', PHONETIC_KEYS_VERSION)
        .limit(batchSize)
        .forUpdate()
        .skipLocked()
        .execute();
      if (rows.length === 0) return 0;
      const keys = rows.map((r) => `{${phoneticKeys(r.birth_name, r.used_name, r.given_names, r.used_first_name).join(',')}}`);
      await sql`
        UPDATE patients p SET phonetic_keys = u.keys::text[], phonetic_keys_version = ${PHONETIC_KEYS_VERSION}
        FROM unnest(${rows.map((r) => r.id)}::uuid[], ${keys}::text[]) AS u(id, keys)
        WHERE p.id = u.id`.execute(tx);
      return rows.length;
    });
    total += n;
    if (n < batchSize) return total;
  }
}
