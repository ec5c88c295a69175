/**
 * Minimal NIR reading for duplicate detection (pure): key check (Corsica 2A → 19, 2B → 18 for the key
 * only), temporary numbers (first digit 7 or 8: NIA / provisional), and the sex, birth year and month
 * it encodes, to check that a NIR really belongs to the identity that carries it.
 * The full NIR validation with French error messages belongs to the patients module; this one only
 * needs to say "valid or not" and what the number encodes.
 */

export interface NirInfo {
  readonly nir: string;
  /** 7 or 8 in first position: NIA / temporary number, not an identity proof. */
  readonly temporary: boolean;
  readonly sex: 'M' | 'F' | null;
  /** Last two digits of the birth year. */
  readonly yy: number;
  /** Birth month 1–12, null when the NIR holds an unknown-month code (20–42, 50–99). */
  readonly month: number | null;
}

const NIR_RE = /^([1278])(\d{2})(\d{2})(\d{2}|2A|2B)(\d{6})(\d{2})$/;

/** Returns the decoded NIR when its format and key are valid, otherwise null. */
export function readNir(input: string | null | undefined): NirInfo | null {
  if (!input) return null;
  const s = input.replace(/[\s.-]/g, '').toUpperCase();
  const m = NIR_RE.exec(s);
  if (!m) return null;
  const body = s.slice(0, 13).replace('2A', '19').replace('2B', '18');
  const key = Number(m[6]);
  if (97 - Number(BigInt(body) % 97n) !== key) return null;
  const first = m[1]!;
  const month = Number(m[3]);
  return {
    nir: s,
    temporary: first === '7' || first === '8',
    sex: first === '1' ? 'M' : first === '2' ? 'F' : null,
    yy: Number(m[2]),
    month: month >= 1 && month <= 12 ? month : null,
  };
}

/** True when a NIR encodes nothing that contradicts the identity's sex, birth year and month. */
export function nirConsistentWith(
  nir: NirInfo,
  identity: { sex?: 'F' | 'M' | 'U' | null; year: number | null; month: number | null },
): boolean {
  if (nir.sex && (identity.sex === 'M' || identity.sex === 'F') && nir.sex !== identity.sex) return false;
  if (identity.year !== null && identity.year % 100 !== nir.yy) return false;
  if (nir.month !== null && identity.month !== null && nir.month !== identity.month) return false;
  return true;
}

/** Adds the key to a 13-character NIR body (used by tests and the labelled-set generator). */
export function withNirKey(body13: string): string {
  const numeric = body13.replace('2A', '19').replace('2B', '18');
  const key = 97 - Number(BigInt(numeric) % 97n);
  return body13 + String(key).padStart(2, '0');
}
