/** RPPS numbers: 11 digits, the last one a Luhn check digit (as the database checks too). The rule: platform/luhn.ts. */
export { isRpps, luhnOk, withLuhnKey as withLuhnDigit } from '../platform/luhn.js';
