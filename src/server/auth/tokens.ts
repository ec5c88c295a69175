import crypto from 'node:crypto';

/** A random secret handed to the user; only its SHA-256 is stored, so a database leak yields no usable token. */
export function newToken(bytes = 32): { token: string; hash: Buffer } {
  const token = crypto.randomBytes(bytes).toString('base64url');
  return { token, hash: hashToken(token) };
}

export function hashToken(token: string): Buffer {
  return crypto.createHash('sha256').update(token).digest();
}

/** Recovery codes: 10 groups like `7kq4-m2xp`, easy to read aloud, no ambiguous characters. */
const ALPHABET = '23456789abcdefghjkmnpqrstuvwxyz';

export function newRecoveryCode(): string {
  const pick = () => ALPHABET[crypto.randomInt(ALPHABET.length)];
  const part = () => Array.from({ length: 4 }, pick).join('');
  return `${part()}-${part()}`;
}

export function normalizeRecoveryCode(input: string): string {
  const compact = input.toLowerCase().replace(/[^a-z0-9]/g, '');
  return compact.length === 8 ? `${compact.slice(0, 4)}-${compact.slice(4)}` : compact;
}
