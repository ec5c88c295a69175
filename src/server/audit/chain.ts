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

export function entryHash(prevHash: string, e: ChainedFields): string {
  const payload = canonicalJson([
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
  return crypto.createHash('sha256').update(prevHash).update('\n').update(payload).digest('hex');
}

export interface StoredEntry extends ChainedFields {
  prevHash: string;
  hash: string;
}

export interface ChainState {
  lastHash: string;
  checked: number;
  firstBrokenId: string | null;
}

export function startChain(): ChainState {
  return { lastHash: GENESIS_HASH, checked: 0, firstBrokenId: null };
}

/**
 * Feeds entries (in id order) into a running verification. The first entry whose link or content
 * does not match is reported; later entries are not trusted after a break.
 */
export function verifyEntries(state: ChainState, entries: Iterable<StoredEntry>): ChainState {
  let { lastHash, checked, firstBrokenId } = state;
  for (const e of entries) {
    if (firstBrokenId) break;
    checked++;
    const expected = entryHash(lastHash, e);
    if (e.prevHash !== lastHash || e.hash !== expected) {
      firstBrokenId = e.id;
      break;
    }
    lastHash = e.hash;
  }
  return { lastHash, checked, firstBrokenId };
}
