import crypto from 'node:crypto';
import type { Keyring } from '../platform/security/keyring.js';

/**
 * Encryption of a document's bytes with the platform Keyring (AES-256-GCM, key outside the database).
 * The Keyring seals to `v1.<iv>.<tag>.<ciphertext>` in base64url; we store the three parts as bytes
 * (bytea) so that a 20 MB scan costs 20 MB in PostgreSQL, not 27.
 */
export interface SealedContent {
  format: 'v1';
  iv: Buffer;
  authTag: Buffer;
  ciphertext: Buffer;
}

/** Additional authenticated data: the ciphertext only opens as this document of this practice. */
export const documentContext = (practiceId: string, documentId: string) => `document:${practiceId}:${documentId}`;

export function sealContent(keyring: Keyring, plain: Buffer, context: string): SealedContent {
  const [format, iv, tag, data] = keyring.encrypt(plain, context).split('.');
  if (format !== 'v1' || !iv || !tag || data === undefined) throw new Error('unexpected keyring format');
  return { format, iv: Buffer.from(iv, 'base64url'), authTag: Buffer.from(tag, 'base64url'), ciphertext: Buffer.from(data, 'base64url') };
}

/** Throws when the key, the context or any stored byte differs (GCM authentication). */
export function openContent(keyring: Keyring, sealed: SealedContent, context: string): Buffer {
  const parts = [sealed.format, sealed.iv.toString('base64url'), sealed.authTag.toString('base64url'), sealed.ciphertext.toString('base64url')];
  return keyring.decrypt(parts.join('.'), context);
}

export const sha256Hex = (data: Buffer) => crypto.createHash('sha256').update(data).digest('hex');
