import { Secret, TOTP } from 'otpauth';

/** RFC 6238 TOTP, 6 digits, 30 s, ±1 step for clock drift. */
const PERIOD = 30;

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

function totp(secretBase32: string, label = 'Pivot'): TOTP {
  return new TOTP({ issuer: 'Pivot', label, algorithm: 'SHA1', digits: 6, period: PERIOD, secret: Secret.fromBase32(secretBase32) });
}

export function totpUri(secretBase32: string, email: string): string {
  return totp(secretBase32, email).toString();
}

/**
 * Returns the time step of the matching code, or null. The caller refuses a step not greater than
 * the last accepted one, so a code cannot be replayed.
 */
export function matchTotp(secretBase32: string, code: string, now = Date.now() /* system clock: the authenticator app on the phone runs on real time, even when PIVOT_NOW simulates another day */): number | null {
  const clean = code.replace(/\s/g, '');
  if (!/^\d{6}$/.test(clean)) return null;
  const delta = totp(secretBase32).validate({ token: clean, timestamp: now, window: 1 });
  if (delta === null) return null;
  return Math.floor(now / 1000 / PERIOD) + delta;
}

export function totpCodeAt(secretBase32: string, timestamp: number): string {
  return totp(secretBase32).generate({ timestamp });
}
