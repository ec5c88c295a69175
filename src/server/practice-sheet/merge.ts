/**
 * Fees and sector of each practitioner: the sector comes from the agenda (practitioners.sector), the fees from the
 * practice information sheet, where the admin writes one line per practitioner with a free label. Pure matching:
 * a fee line belongs to the practitioner whose name it contains (accents, case, "Dr" ignored); a line that
 * matches nobody (e.g. "Tous les médecins") is kept as its own row, never dropped.
 */
export interface PractitionerRef {
  displayName: string;
  specialty: string;
  sector: '1' | '2' | 'optam' | 'non_conventionne';
}
export interface FeeLine {
  practitioner: string;
  fees: string;
}
export interface FeeRow {
  practitioner: string;
  specialty: string | null;
  sector: PractitionerRef['sector'] | null;
  fees: string | null;
}

export function normaliseName(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\([^)]*\)/g, ' ')
    .replace(/\b(dr|docteur|pr|professeur|mme|m)\b\.?/g, ' ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

function matches(line: string, name: string): boolean {
  const l = normaliseName(line);
  const n = normaliseName(name);
  if (!l || !n) return false;
  if (l === n) return true;
  // "Martin" matches "Claire Martin"; "Claire Martin" matches "Dr Claire Martin (généraliste)".
  const lw = l.split(' ');
  const nw = n.split(' ');
  return lw.every((w) => nw.includes(w)) || nw.every((w) => lw.includes(w));
}

export function mergeFees(practitioners: PractitionerRef[], fees: FeeLine[]): FeeRow[] {
  const used = new Set<number>();
  const rows: FeeRow[] = practitioners.map((p) => {
    const lines = fees.map((f, i) => ({ f, i })).filter(({ f, i }) => !used.has(i) && matches(f.practitioner, p.displayName));
    for (const { i } of lines) used.add(i);
    return { practitioner: p.displayName, specialty: p.specialty, sector: p.sector, fees: lines.length ? lines.map(({ f }) => f.fees).join(' — ') : null };
  });
  fees.forEach((f, i) => {
    if (!used.has(i)) rows.push({ practitioner: f.practitioner, specialty: null, sector: null, fees: f.fees });
  });
  return rows;
}
