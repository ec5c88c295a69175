import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../platform/db/database.js';
import type { Keyring } from '../platform/security/keyring.js';
import { clock } from '../platform/clock.js';

/**
 * Signed links for patients without an account: `m` = manage an appointment (view, move, cancel),
 * `o` = answer a waiting-list offer. Token = `o.<id>.<expiry epoch s>.<sig>` and
 * `m.<id>.<generation>.<expiry epoch s>.<sig>`, sig = HMAC-SHA256 truncated to 128 bits, base64url.
 * Nothing is stored per token; the appointment itself says whether the action is still possible, and the
 * expiry is signed. A manage link also carries the appointment's `manage_link_generation`, which every move
 * bumps (migration 0103): a link issued before the move is superseded. Manage links issued before generations
 * existed (`m.<id>.<expiry>.<sig>`) count as generation 0. The key is random (32 bytes) and kept in
 * `agenda_link_keys`, sealed with the platform keyring when the capability is given one (so a database dump
 * alone cannot forge links).
 */
export type LinkPurpose = 'm' | 'o';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function signLink(key: Buffer, purpose: 'o', id: string, expiresAt: Date): string;
export function signLink(key: Buffer, purpose: 'm', id: string, expiresAt: Date, generation: number): string;
export function signLink(key: Buffer, purpose: LinkPurpose, id: string, expiresAt: Date, generation?: number): string {
  const exp = Math.floor(expiresAt.getTime() / 1000);
  if (purpose === 'm' && !(Number.isSafeInteger(generation) && generation! >= 0)) throw new Error('a manage link needs the appointment generation');
  const body = purpose === 'm' ? `m.${id}.${generation}.${exp}` : `${purpose}.${id}.${exp}`;
  return `${body}.${mac(key, body)}`;
}

function mac(key: Buffer, body: string): string {
  return crypto.createHmac('sha256', key).update(body).digest().subarray(0, 16).toString('base64url');
}

export type LinkCheck =
  | { ok: true; id: string; expiresAt: Date; generation: number }
  | { ok: false; why: 'malformed' | 'bad_signature' | 'expired' };

export function verifyLink(key: Buffer, purpose: LinkPurpose, token: string, now = clock.now()): LinkCheck {
  const parts = token.split('.');
  // Manage links: 5 parts, or 4 for those signed before generations (generation 0). Offers: 4 parts.
  if (!(parts.length === 4 || (parts.length === 5 && purpose === 'm'))) return { ok: false, why: 'malformed' };
  const [p, id] = parts as [string, string];
  const generation = parts.length === 5 ? parts[2]! : '0';
  const exp = parts[parts.length - 2]!;
  const sig = parts[parts.length - 1]!;
  if (p !== purpose || !UUID.test(id) || !/^(0|[1-9]\d{0,8})$/.test(generation) || !/^\d{1,12}$/.test(exp) || !/^[A-Za-z0-9_-]{22}$/.test(sig)) {
    return { ok: false, why: 'malformed' };
  }
  const expected = Buffer.from(mac(key, parts.slice(0, -1).join('.')));
  const given = Buffer.from(sig);
  if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) return { ok: false, why: 'bad_signature' };
  const expiresAt = new Date(Number(exp) * 1000);
  if (expiresAt.getTime() <= now.getTime()) return { ok: false, why: 'expired' };
  return { ok: true, id, expiresAt, generation: Number(generation) };
}

const keys = new WeakMap<Db, Promise<Buffer>>();

/** The installation's link key (created on first use; concurrent first uses agree through the primary key). */
export function linkKey(db: Db, keyring?: Keyring): Promise<Buffer> {
  let k = keys.get(db);
  if (!k) {
    k = loadKey(db, keyring);
    keys.set(db, k);
    k.catch(() => keys.delete(db));
  }
  return k;
}

async function loadKey(db: Db, keyring?: Keyring): Promise<Buffer> {
  const fresh = crypto.randomBytes(32);
  const material = keyring ? keyring.encrypt(fresh, 'agenda-link-key') : fresh.toString('base64');
  await sql`INSERT INTO agenda_link_keys (id, key_material, sealed) VALUES (1, ${material}, ${!!keyring}) ON CONFLICT (id) DO NOTHING`.execute(db);
  const row = await db.selectFrom('agenda_link_keys').select(['key_material', 'sealed']).where('id', '=', 1).executeTakeFirstOrThrow();
  if (row.sealed) {
    if (!keyring) throw new Error('agenda link key is sealed: the keyring is needed');
    return keyring.decrypt(row.key_material, 'agenda-link-key');
  }
  return Buffer.from(row.key_material, 'base64');
}

/** Random opaque tokens (iCal feeds, one-time codes) and their stored hash. */
export function randomToken(bytes = 24): string {
  return crypto.randomBytes(bytes).toString('base64url');
}

export function sha256(s: string): Buffer {
  return crypto.createHash('sha256').update(s).digest();
}
