import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Keyring } from './keyring.js';

describe('keyring (AES-256-GCM)', () => {
  const keyring = Keyring.fromKey(crypto.randomBytes(32));

  it('round-trips any content', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 2000 }), fc.string(), (data, ctx) => keyring.decrypt(keyring.encrypt(Buffer.from(data), ctx), ctx).equals(Buffer.from(data))));
  });

  it('refuses a flipped byte, another context or another key', () => {
    const sealed = keyring.encrypt('JBSWY3DPEHPK3PXP', 'totp:a');
    const parts = sealed.split('.');
    const data = Buffer.from(parts[3]!, 'base64url');
    data[0]! ^= 1;
    const tampered = [...parts.slice(0, 3), data.toString('base64url')].join('.');
    expect(() => keyring.decrypt(tampered, 'totp:a')).toThrow();
    expect(() => keyring.decrypt(sealed, 'totp:b')).toThrow();
    expect(() => Keyring.fromKey(crypto.randomBytes(32)).decrypt(sealed, 'totp:a')).toThrow();
  });

  it('creates a private key file once and reuses it', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pivot-key-'));
    try {
      const a = Keyring.load({ dataDir: dir });
      const sealed = a.encrypt('x', 'c');
      expect((fs.statSync(path.join(dir, 'secret.key')).mode & 0o777).toString(8)).toBe('600');
      expect(Keyring.load({ dataDir: dir }).decrypt(sealed, 'c').toString()).toBe('x');
      expect(Keyring.load({ dataDir: dir, secretKey: 'passphrase' }).encrypt('x', 'c')).not.toBe(sealed);
      // A check never invents a key: without the file it says so.
      const empty = path.join(dir, 'elsewhere');
      expect(() => Keyring.load({ dataDir: empty, create: false })).toThrow(/Clé secrète introuvable/);
      expect(fs.existsSync(path.join(empty, 'secret.key'))).toBe(false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('derives one independent key per purpose, the same on every load', () => {
    const other = Keyring.fromKey(crypto.randomBytes(32));
    expect(keyring.deriveKey('audit')).toHaveLength(32);
    expect(keyring.deriveKey('audit').equals(keyring.deriveKey('audit'))).toBe(true);
    expect(keyring.deriveKey('audit').equals(keyring.deriveKey('links'))).toBe(false);
    expect(keyring.deriveKey('audit').equals(other.deriveKey('audit'))).toBe(false);
  });
});
