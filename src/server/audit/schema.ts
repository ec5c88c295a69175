import type { ColumnType, Generated } from 'kysely';

/** The cut-over from plain SHA-256 to the keyed chain (migration 0104): one row, signed once. */
export interface AuditChainCutoverTable {
  id: Generated<number>;
  legacy_seq: string; // bigint, exact as a string
  legacy_hash: string;
  recorded_at: Generated<Date>;
  mac: string | null;
}

/** Entries the sealer refused to chain (back-dated, or dated in the future). */
export interface AuditLogRefusedTable {
  audit_id: string;
  reason: 'backdated' | 'future';
  chain_time: Date | null;
  refused_at: ColumnType<Date, Date | undefined, never>;
}

declare module '../platform/db/schema.js' {
  interface DB {
    audit_chain_cutover: AuditChainCutoverTable;
    audit_log_refused: AuditLogRefusedTable;
  }
}
