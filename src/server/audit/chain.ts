import crypto from 'node:crypto';

/** What the hash of an audit entry covers. Field order is fixed: changing it breaks every existing chain. */
export interface ChainedFields {
  id: string;
  occurredAt: Date;
  accountId: string | null;
  practiceId: string | null;
  action: string;
  resourceType: string | null;
  resourceId: string | null;
  ip: string | null;
  reason: string | null;
  details: unknown;
}

export const GENESIS_HASH = '0'.repeat(64);

/** The purpose under which the audit key is derived from the installation's secret key (Keyring.deriveKey). */
export const AUDIT_KEY_PURPOSE = 'pivot-audit-chain-v1';

/** JSON with object keys sorted, so that jsonb's own key reordering never changes a hash. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function payloadOf(e: ChainedFields): string {
  return canonicalJson([
    e.id,
    e.occurredAt.toISOString(),
    e.accountId,
    e.practiceId,
    e.action,
    e.resourceType,
    e.resourceId,
    e.ip,
    e.reason,
    e.details ?? null,
  ]);
}

/**
 * Plain SHA-256, as entries were sealed before the keyed chain (up to the cut-over of migration 0104). Anyone who
 * can write the database can recompute it: kept only to verify those entries.
 */
export function legacyEntryHash(prevHash: string, e: ChainedFields): string {
  return crypto.createHash('sha256').update(prevHash).update('\n').update(payloadOf(e)).digest('hex');
}

/**
 * HMAC-SHA256 under the audit key, which never sits in the database: without it, a changed, inserted or
 * reordered entry cannot be given a hash that verifies. Each kind of message starts with its own label, so a MAC
 * of one kind (entry, cut-over, checkpoint) can never pass for another.
 */
export function keyedEntryHash(key: Buffer, prevHash: string, e: ChainedFields): string {
  return crypto.createHmac('sha256', key).update('entry\n').update(prevHash).update('\n').update(payloadOf(e)).digest('hex');
}

/** The last entry sealed with plain SHA-256; the first keyed entry is chained on `legacyHash`. */
export interface Cutover {
  legacySeq: bigint;
  legacyHash: string;
}

export function cutoverMac(key: Buffer, c: Cutover): string {
  return crypto.createHmac('sha256', key).update(`cutover\n${c.legacySeq}\n${c.legacyHash}`).digest('hex');
}

/** The head of the chain at an instant: `seq` entries sealed, the last one's hash. Written outside the database. */
export interface Checkpoint {
  seq: bigint;
  hash: string;
  at: Date;
}

export function checkpointMac(key: Buffer, cp: Checkpoint): string {
  return crypto.createHmac('sha256', key).update(`checkpoint\n${cp.seq}\n${cp.hash}\n${cp.at.toISOString()}`).digest('hex');
}

/** Compares two hex MACs in constant time. */
export function macEquals(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}
