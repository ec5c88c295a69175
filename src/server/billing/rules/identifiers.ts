/**
 * Identifiers on a practitioner's billing profile, checked as the database checks them (0120_billing_profiles.sql).
 * Pure.
 */

/** Luhn key over a string of digits (RPPS, SIREN). */
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

/**
 * Numéro Assurance Maladie (identifiant de facturation du professionnel de santé): 9 characters, the département
 * first (2A/2B for Corsica). Its key is not checked: we found no primary source for the algorithm.
 */
export const isAmNumber = (s: string): boolean => /^(\d{2}|2A|2B)\d{7}$/.test(s);

/** Completes digits with their Luhn key (demo data, tests). */
export function withLuhnKey(digits: string): string {
  for (let d = 0; d <= 9; d++) if (luhnOk(digits + d)) return digits + d;
  throw new Error('unreachable');
}
