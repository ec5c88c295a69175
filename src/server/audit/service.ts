import type { Db, Tx } from '../platform/db/database.js';
import { clock } from '../platform/clock.js';
import type { AuditEvent } from '../platform/http/context.js';

export type { AuditEvent };

/**
 * Appends events inside the caller's transaction, so that an audited change and its audit entry commit or
 * roll back together. No lock is taken: entries are sealed into the keyed chain just after commit by the
 * sealer (`AuditChain`, sealer.ts), so audited requests never wait for each other.
 */
export async function appendAudit(tx: Tx, events: readonly AuditEvent[]): Promise<void> {
  if (events.length === 0) return;
  const occurredAt = clock.now();
  await tx
    .insertInto('audit_log')
    .values(
      events.map((e) => ({
        occurred_at: occurredAt,
        account_id: e.accountId,
        practice_id: e.practiceId,
        action: e.action,
        resource_type: e.resourceType ?? null,
        resource_id: e.resourceId ?? null,
        ip: e.ip ?? null,
        reason: e.reason ?? null,
        details: e.details ? JSON.stringify(e.details) : null,
        chain_seq: null,
        prev_hash: null,
        hash: null,
      })),
    )
    .execute();
}

/** Records events in their own transaction: for security events whose request fails (e.g. a wrong password). */
export async function recordAuditNow(db: Db, events: readonly AuditEvent[]): Promise<void> {
  await db.transaction().execute((tx) => appendAudit(tx, events));
}
