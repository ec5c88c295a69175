import crypto from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Keyring } from '../platform/security/keyring.js';
import { documentContext, openContent, sealContent, sha256Hex } from './sealing.js';
import { documentMaxBytes } from './upload.js';

describe('document sealing', () => {
  const keyring = Keyring.fromKey(crypto.randomBytes(32));
  const ctx = documentContext('p1', 'd1');

  it('round-trips any content, stored as raw bytes without the plaintext', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 3000 }), (data) => {
        const plain = Buffer.from(data);
        const sealed = sealContent(keyring, plain, ctx);
        expect(sealed.iv.length).toBe(12);
        expect(sealed.authTag.length).toBe(16);
        expect(sealed.ciphertext.length).toBe(plain.length);
        return openContent(keyring, sealed, ctx).equals(plain);
      }),
    );
  });

  it('refuses a flipped bit, another document, another practice or another key', () => {
    const plain = Buffer.from('%PDF-1.4 compte rendu de Mme DUPONT');
    const sealed = sealContent(keyring, plain, ctx);
    const flipped = Buffer.from(sealed.ciphertext);
    flipped[3]! ^= 0x01;
    expect(() => openContent(keyring, { ...sealed, ciphertext: flipped }, ctx)).toThrow();
    expect(() => openContent(keyring, sealed, documentContext('p1', 'd2'))).toThrow();
    expect(() => openContent(keyring, sealed, documentContext('p2', 'd1'))).toThrow();
    expect(() => openContent(Keyring.fromKey(crypto.randomBytes(32)), sealed, ctx)).toThrow();
    expect(sealed.ciphertext.includes(Buffer.from('DUPONT'))).toBe(false);
  });

  it('hashes with SHA-256', () => {
    expect(sha256Hex(Buffer.from('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

describe('PIVOT_DOCUMENT_MAX_MB', () => {
  it('defaults to 20 MB and reads decimals', () => {
    expect(documentMaxBytes({})).toBe(20 * 1024 * 1024);
    expect(documentMaxBytes({ PIVOT_DOCUMENT_MAX_MB: '5' })).toBe(5 * 1024 * 1024);
    expect(documentMaxBytes({ PIVOT_DOCUMENT_MAX_MB: '0.5' })).toBe(512 * 1024);
  });
  it('refuses nonsense at start-up', () => {
    for (const v of ['abc', '0', '-3', '1000']) expect(() => documentMaxBytes({ PIVOT_DOCUMENT_MAX_MB: v })).toThrow(/PIVOT_DOCUMENT_MAX_MB/);
  });
});
