/**
 * Identifiers on a practitioner's billing profile, checked as the database checks them (0120_billing_profiles.sql).
 * Pure.
 */

export { isRpps, isSiren, luhnOk, withLuhnKey } from '../../platform/luhn.js';

/**
 * Numéro Assurance Maladie (identifiant de facturation du professionnel de santé): 9 characters, the département
 * first (2A/2B for Corsica). Its key is not checked: we found no primary source for the algorithm.
 */
export const isAmNumber = (s: string): boolean => /^(\d{2}|2A|2B)\d{7}$/.test(s);
