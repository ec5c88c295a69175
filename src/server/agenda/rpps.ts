/** RPPS numbers: 11 digits, the last one a Luhn check digit (as the database checks too). */
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

export const isRpps = (s: string): boolean => /^\d{11}$/.test(s) && luhnOk(s);

/** Completes 10 digits with their Luhn check digit (demo data, tests). */
export function withLuhnDigit(ten: string): string {
  for (let d = 0; d <= 9; d++) if (luhnOk(ten + d)) return ten + d;
  throw new Error('unreachable');
}
