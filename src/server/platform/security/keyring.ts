import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Encryption at rest for secrets Pivot keeps (TOTP seeds, and later documents): AES-256-GCM with a
 * key that never sits in the database. The key comes from PIVOT_SECRET_KEY (any passphrase, stretched
 * with scrypt), or PIVOT_SECRET_KEY_FILE, or a random key file created in the data folder on first start.
 */
export class Keyring {
  private constructor(private readonly key: Buffer) {}

  /**
   * `create: false` (checks such as `pivot audit verify`): a missing key file is an error, never a new random key
   * that would make everything sealed before look forged.
   */
  static load(opts: { secretKey?: string | undefined; secretKeyFile?: string | undefined; dataDir: string; create?: boolean }): Keyring {
    if (opts.secretKey) return new Keyring(crypto.scryptSync(opts.secretKey, 'pivot-keyring-v1', 32));
    const file = opts.secretKeyFile ?? path.join(opts.dataDir, 'secret.key');
    if (!fs.existsSync(file) && opts.create === false) {
      throw new Error(`Clé secrète introuvable (${file}) : indiquez PIVOT_SECRET_KEY, PIVOT_SECRET_KEY_FILE ou le dossier de données (PIVOT_DATA_DIR) du serveur.`);
    }
    if (!fs.existsSync(file)) {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      try {
        fs.writeFileSync(file, crypto.randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' });
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
    }
    const key = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
    if (key.length !== 32) throw new Error(`La clé ${file} doit contenir 32 octets encodés en base64.`);
    return new Keyring(key);
  }

  static fromKey(key: Buffer): Keyring {
    if (key.length !== 32) throw new Error('key must be 32 bytes');
    return new Keyring(key);
  }

  /**
   * A 32-byte key for another use (e.g. the audit chain's HMAC), derived with HKDF-SHA256 and bound to `purpose`:
   * one secret to keep and back up, and a key of one use reveals nothing about the others or the encryption key.
   */
  deriveKey(purpose: string): Buffer {
    return Buffer.from(crypto.hkdfSync('sha256', this.key, Buffer.from('pivot-keyring-derive-v1'), Buffer.from(purpose), 32));
  }

  /** Returns `v1.<iv>.<tag>.<ciphertext>` in base64url. `context` binds the ciphertext to its use (AAD). */
  encrypt(plain: Buffer | string, context: string): string {
    const iv = crypto.randomBytes(12);
    const cipher = crypto.createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(context));
    const data = Buffer.concat([cipher.update(plain), cipher.final()]);
    return ['v1', iv, cipher.getAuthTag(), data].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
  }

  decrypt(sealed: string, context: string): Buffer {
    const [version, iv, tag, data] = sealed.split('.');
    if (version !== 'v1' || !iv || !tag || data === undefined) throw new Error('unknown ciphertext format');
    const decipher = crypto.createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(context));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]);
  }
}
