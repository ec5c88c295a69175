/**
 * Birth-date closeness for duplicate detection (pure).
 *
 * A birth date may be incomplete, as the identitovigilance rules allow: unknown parts are `null`
 * (string forms accepted by `parseBirthDate`: "1958-03-12", "1958-00-00", "1958-03", "1958",
 * "12/03/1958", "00/00/1958").
 *
 * `compareBirthDates` classifies a pair:
 *  - `same`: both complete and equal;  `same_partial`: equal and equally incomplete;
 *  - `compatible`: the parts known on both sides agree, one side is less precise;
 *  - `day_month_swapped`: 12/03 typed 03/12;
 *  - `one_digit`: exactly one digit differs among the parts known on both sides (a typo; `part` says where);
 *  - `transposed`: two adjacent digits swapped (1958 / 1985, 12 / 21);
 *  - `unknown`: one date missing;  `different`: anything else.
 */

export interface PartialDate {
  readonly year: number | null;
  readonly month: number | null;
  readonly day: number | null;
}

export type BirthDateInput = string | PartialDate | null | undefined;

export type BirthDateKind =
  | 'same'
  | 'same_partial'
  | 'compatible'
  | 'day_month_swapped'
  | 'one_digit'
  | 'transposed'
  | 'unknown'
  | 'different';

export interface BirthDateComparison {
  readonly kind: BirthDateKind;
  /** Which part holds the differing digit(s), for `one_digit` and `transposed`. */
  readonly part?: 'day' | 'month' | 'year';
  /** How many of day/month/year are known on both sides (3 = full date). */
  readonly sharedParts: number;
}

function nullIfZero(n: number): number | null {
  return Number.isFinite(n) && n > 0 ? n : null;
}

/** Parses the accepted string forms; returns null for an empty or unreadable value. */
export function parseBirthDate(input: BirthDateInput): PartialDate | null {
  if (input === null || input === undefined) return null;
  if (typeof input !== 'string') {
    const d = { year: input.year || null, month: input.month || null, day: input.day || null };
    return d.year === null && d.month === null && d.day === null ? null : d;
  }
  const s = input.trim();
  let m = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$/.exec(s);
  if (m) {
    const d = { year: nullIfZero(Number(m[1])), month: nullIfZero(Number(m[2] ?? 0)), day: nullIfZero(Number(m[3] ?? 0)) };
    return d.year === null && d.month === null && d.day === null ? null : d;
  }
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s);
  if (m) {
    const d = { year: nullIfZero(Number(m[3])), month: nullIfZero(Number(m[2])), day: nullIfZero(Number(m[1])) };
    return d.year === null && d.month === null && d.day === null ? null : d;
  }
  return null;
}

export function isCompleteDate(d: PartialDate | null): boolean {
  return d !== null && d.year !== null && d.month !== null && d.day !== null;
}

/** ISO-like text with 00 for unknown parts ("1958-00-00"). */
export function formatPartialDate(d: PartialDate): string {
  const p = (n: number | null, w: number) => String(n ?? 0).padStart(w, '0');
  return `${p(d.year, 4)}-${p(d.month, 2)}-${p(d.day, 2)}`;
}

interface Digit {
  readonly part: 'day' | 'month' | 'year';
  readonly a: string;
  readonly b: string;
}

function sharedDigits(a: PartialDate, b: PartialDate): Digit[] {
  const out: Digit[] = [];
  const add = (part: Digit['part'], x: number | null, y: number | null, width: number) => {
    if (x === null || y === null) return;
    const sx = String(x).padStart(width, '0');
    const sy = String(y).padStart(width, '0');
    for (let i = 0; i < width; i++) out.push({ part, a: sx[i]!, b: sy[i]! });
  };
  add('day', a.day, b.day, 2);
  add('month', a.month, b.month, 2);
  add('year', a.year, b.year, 4);
  return out;
}

export function compareBirthDates(x: BirthDateInput, y: BirthDateInput): BirthDateComparison {
  const a = parseBirthDate(x);
  const b = parseBirthDate(y);
  if (a === null || b === null) return { kind: 'unknown', sharedParts: 0 };
  const sharedParts =
    Number(a.day !== null && b.day !== null) + Number(a.month !== null && b.month !== null) + Number(a.year !== null && b.year !== null);
  if (sharedParts === 0) return { kind: 'unknown', sharedParts };

  const digits = sharedDigits(a, b);
  const diff = digits.map((d, i) => (d.a !== d.b ? i : -1)).filter((i) => i >= 0);
  if (diff.length === 0) {
    const sameShape = (a.day === null) === (b.day === null) && (a.month === null) === (b.month === null) && (a.year === null) === (b.year === null);
    if (!sameShape) return { kind: 'compatible', sharedParts };
    return { kind: isCompleteDate(a) ? 'same' : 'same_partial', sharedParts };
  }
  if (
    a.day !== null && a.month !== null && b.day !== null && b.month !== null &&
    a.day === b.month && a.month === b.day && a.year === b.year
  ) {
    return { kind: 'day_month_swapped', sharedParts };
  }
  if (diff.length === 1) return { kind: 'one_digit', part: digits[diff[0]!]!.part, sharedParts };
  if (diff.length === 2) {
    const [i, j] = diff as [number, number];
    const di = digits[i]!;
    const dj = digits[j]!;
    if (j === i + 1 && di.part === dj.part && di.a === dj.b && di.b === dj.a) {
      return { kind: 'transposed', part: di.part, sharedParts };
    }
  }
  return { kind: 'different', sharedParts };
}
