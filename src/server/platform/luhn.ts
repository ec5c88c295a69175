/**
 * French identifiers keyed with Luhn: the RPPS of a health professional (11 digits) and the SIREN of a business
 * (9 digits, INSEE). Pure; the database checks the same keys. Used by the agenda (practitioners) and billing
 * (billing profiles), hence here rather than in either.
 */
export function luhnOk(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** RPPS: 11 digits, the last a Luhn key. */
export const isRpps = (s: string): boolean => /^\d{11}$/.test(s) && luhnOk(s);

/** SIREN: 9 digits, the last a Luhn key (INSEE). */
export const isSiren = (s: string): boolean => /^\d{9}$/.test(s) && luhnOk(s);

/** Completes digits with their Luhn key (demo data, tests). */
export function withLuhnKey(digits: string): string {
  for (let d = 0; d <= 9; d++) if (luhnOk(digits + d)) return digits + d;
  throw new Error('unreachable');
}
