import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hashToken, newRecoveryCode, newToken, normalizeRecoveryCode } from './tokens.js';
import { matchTotp, newTotpSecret, totpCodeAt } from './totp.js';

describe('tokens', () => {
  it('stores only a hash that matches the token', () => {
    const { token, hash } = newToken();
    expect(hash.equals(hashToken(token))).toBe(true);
    expect(token.length).toBeGreaterThanOrEqual(43);
    expect(newToken().token).not.toBe(token);
  });

  it('recovery codes survive the ways people type them back', () => {
    fc.assert(
      fc.property(fc.constant(null).map(() => newRecoveryCode()), fc.constantFrom('upper', 'space', 'nodash', 'same'), (code, style) => {
        const typed = style === 'upper' ? code.toUpperCase() : style === 'space' ? ` ${code.replace('-', ' ')} ` : style === 'nodash' ? code.replace('-', '') : code;
        return normalizeRecoveryCode(typed) === code;
      }),
    );
  });
});

describe('TOTP', () => {
  const secret = newTotpSecret();
  const t0 = Date.UTC(2026, 10, 22, 10, 0, 0);

  it('accepts the current code and one step of drift either way, nothing further', () => {
    const step = Math.floor(t0 / 30_000);
    expect(matchTotp(secret, totpCodeAt(secret, t0), t0)).toBe(step);
    expect(matchTotp(secret, totpCodeAt(secret, t0 - 30_000), t0)).toBe(step - 1);
    expect(matchTotp(secret, totpCodeAt(secret, t0 + 30_000), t0)).toBe(step + 1);
    expect(matchTotp(secret, totpCodeAt(secret, t0 - 90_000), t0)).toBeNull();
  });

  it('rejects anything that is not six digits', () => {
    fc.assert(fc.property(fc.string().filter((s) => !/^\s*\d{6}\s*$/.test(s)), (s) => matchTotp(secret, s, t0) === null));
  });
});
