import { nameTokens, PARTICLES } from '../../patients/index.js';
import type { Extraction, Token, WordRef } from './types.js';

/**
 * Scores the practice's candidate patients against the evidence read in a letter and decides whether one of
 * them can be proposed. Pure. A proposal is only a proposal: a person confirms before anything is filed.
 *
 * Points (docs/correspondence-matching.md): NIR/INS with a right key 100 (13-digit body 60); birth date after
 * « né(e) le » 40, elsewhere 20; birth or used name 35 and first name 30, times the similarity of the word
 * read, × 0.7 when not written after a title or a label; +15 when surname and first name stand together;
 * +10 when both birth and used names are found. Conflicts: a labelled birth date that is not the patient's
 * (−50), a NIR with a right key that is not the patient's (−60), a title of the other sex (−20).
 */

export interface MatchCandidate {
  id: string;
  birthName: string;
  usedName: string | null;
  firstNames: readonly string[];
  usedFirstName?: string | null;
  birthDate: string;
  sex: 'F' | 'M' | 'U';
  nir: string | null;
  ins: string | null;
}

export type EvidenceField = 'nir' | 'ins' | 'birthDate' | 'birthName' | 'usedName' | 'firstName' | 'otherFirstName' | 'together' | 'sex';

export interface Evidence {
  field: EvidenceField;
  /** The patient's value that was found. */
  expected: string;
  /** The text read in the document. */
  read: string;
  /** 0–1: 1 = read exactly (accents and case aside). */
  similarity: number;
  points: number;
  words: WordRef[];
}

export interface Conflict {
  field: 'birthDate' | 'nir' | 'sex';
  read: string;
  points: number;
  words: WordRef[];
}

export interface Proposal {
  patientId: string;
  score: number;
  /** 0–1, from the score and the lead over the next candidate. */
  confidence: number;
  evidence: Evidence[];
  conflicts: Conflict[];
}

export interface MatchResult {
  /** `proposed`: the first proposal is offered for confirmation; `none`: nobody is proposed, the secretary chooses. */
  decision: 'proposed' | 'none';
  reason: { fr: string; en: string };
  /** Best first, at most 3, for the secretary to look at (also when `decision` is `none`). */
  proposals: Proposal[];
}

/** Lead the first candidate must have over the second to be proposed. */
export const MIN_MARGIN = 25;
const NAME_MIN = 0.75;

/** Edit distance where OCR look-alikes cost half (I/L, O/Q, U/V, M/N, C/E…), transpositions one. */
export function ocrDistance(a: string, b: string): number {
  const CHEAP = new Set(['IL', 'LI', 'OQ', 'QO', 'UV', 'VU', 'MN', 'NM', 'CE', 'EC', 'IJ', 'JI', 'HN', 'NH', 'CG', 'GC', 'OD', 'DO', 'RN', 'NR']);
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const sub = a[i - 1] === b[j - 1] ? 0 : CHEAP.has(a[i - 1]! + b[j - 1]!) ? 0.5 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + sub);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

/** 0–1 similarity of a word read to the expected one; 0 beyond the edits a word of that length may carry. */
export function wordSimilarity(expected: string, read: string): number {
  if (expected === read) return 1;
  if (expected.length < 3 || read.length < 2) return 0;
  const allowed = expected.length <= 4 ? 0.5 : expected.length <= 8 ? 1 : 2;
  const dist = ocrDistance(expected, read);
  return dist > allowed ? 0 : 1 - dist / (allowed + 1) / 2;
}

/** Letters-only words of a name, particles aside unless nothing else is left (« DE LA FONTAINE » → FONTAINE). */
export function nameWordsOf(name: string): string[] {
  const all = nameTokens(name).map((t) => t.replace(/[^A-Z]/g, '')).filter((t) => t.length > 0);
  const core = all.filter((t) => !PARTICLES.has(t));
  return core.length > 0 ? core : all;
}

interface Found {
  similarity: number;
  weight: number;
  tokens: Token[];
}

interface Context {
  tokens: readonly Token[];
  usable: readonly Token[];
  labelled: ReadonlySet<number>;
}

/** Best place where every word of a name is read; labelled places are worth more. */
function findName(ctx: Context, words: readonly string[]): Found | null {
  let total = 0;
  let weight = 1;
  const tokens: Token[] = [];
  for (const w of words) {
    let best: { s: number; t: Token; lab: boolean } | null = null;
    for (const t of ctx.usable) {
      const s = wordSimilarity(w, t.alpha);
      if (s === 0) continue;
      const lab = ctx.labelled.has(t.index);
      if (!best || s * (lab ? 1 : 0.7) > best.s * (best.lab ? 1 : 0.7)) best = { s, t, lab };
    }
    if (!best) return null;
    total += best.s;
    tokens.push(best.t);
    if (!best.lab) weight = 0.7;
  }
  return { similarity: total / words.length, weight, tokens };
}

const refs = (ts: readonly Token[]): WordRef[] => ts.map((t) => ({ page: t.page, text: t.raw, box: t.box }));
const near = (a: readonly Token[], b: readonly Token[]) => a.some((x) => b.some((y) => x.line === y.line && Math.abs(x.index - y.index) <= 4));

export function scoreCandidate(x: Extraction, c: MatchCandidate, ctx: Context): Proposal {
  const evidence: Evidence[] = [];
  const conflicts: Conflict[] = [];
  const ids = [c.nir, c.ins].filter((v): v is string => !!v);
  const idRead = x.identifiers.find((i) => ids.some((v) => (i.keyChecked ? v === i.value : v.startsWith(i.value))));
  if (idRead) {
    const field = c.ins === idRead.value || (!idRead.keyChecked && c.ins?.startsWith(idRead.value)) ? 'ins' : 'nir';
    evidence.push({ field, expected: idRead.value, read: idRead.value, similarity: 1, points: idRead.keyChecked ? 100 : 60, words: refs(idRead.tokens.map((i) => ctx.tokens[i]!)) });
  } else if (ids.length > 0) {
    const other = x.identifiers.find((i) => i.keyChecked);
    if (other) conflicts.push({ field: 'nir', read: other.value, points: -60, words: refs(other.tokens.map((i) => ctx.tokens[i]!)) });
  }
  const dateHits = x.dates.filter((d) => d.iso.includes(c.birthDate));
  const bestDate = dateHits.find((d) => d.labelled) ?? dateHits[0];
  if (bestDate) {
    evidence.push({ field: 'birthDate', expected: c.birthDate, read: bestDate.text, similarity: 1, points: bestDate.labelled ? 40 : 20, words: refs(bestDate.tokens.map((i) => ctx.tokens[i]!)) });
  }
  const labelledOther = x.dates.find((d) => d.labelled && !d.iso.includes(c.birthDate));
  if (labelledOther && !bestDate?.labelled) {
    conflicts.push({ field: 'birthDate', read: labelledOther.text, points: -50, words: refs(labelledOther.tokens.map((i) => ctx.tokens[i]!)) });
  }
  const surnames: Array<{ field: 'birthName' | 'usedName'; name: string; found: Found }> = [];
  for (const [field, name] of [['birthName', c.birthName], ['usedName', c.usedName]] as const) {
    if (!name || (field === 'usedName' && name === c.birthName)) continue;
    const found = findName(ctx, nameWordsOf(name));
    if (found && found.similarity >= NAME_MIN) surnames.push({ field, name, found });
  }
  for (const s of surnames) {
    evidence.push({ field: s.field, expected: s.name, read: s.found.tokens.map((t) => t.raw).join(' '), similarity: s.found.similarity, points: Math.round(35 * s.found.similarity * s.found.weight), words: refs(s.found.tokens) });
  }
  if (surnames.length === 2) evidence.push({ field: 'together', expected: `${c.birthName} / ${c.usedName}`, read: '', similarity: 1, points: 10, words: [] });
  const firsts = [c.usedFirstName, ...c.firstNames].filter((f): f is string => !!f);
  let first: { name: string; found: Found } | null = null;
  for (const f of new Set(firsts.slice(0, 2))) {
    const found = findName(ctx, nameWordsOf(f));
    if (found && found.similarity >= NAME_MIN && (!first || found.similarity * found.weight > first.found.similarity * first.found.weight)) first = { name: f, found };
  }
  if (first) {
    evidence.push({ field: 'firstName', expected: first.name, read: first.found.tokens.map((t) => t.raw).join(' '), similarity: first.found.similarity, points: Math.round(30 * first.found.similarity * first.found.weight), words: refs(first.found.tokens) });
    const sur = surnames.find((s) => near(s.found.tokens, first!.found.tokens));
    if (sur) evidence.push({ field: 'together', expected: `${sur.name} ${first.name}`, read: '', similarity: 1, points: 15, words: [] });
    const span = x.names.find((n) => n.sex && sur && n.tokens.some((i) => sur.found.tokens.some((t) => t.index === i)));
    if (span && c.sex !== 'U') {
      const words = refs(span.tokens.map((i) => ctx.tokens[i]!));
      if (span.sex === c.sex) evidence.push({ field: 'sex', expected: c.sex, read: span.sex, similarity: 1, points: 5, words });
      else conflicts.push({ field: 'sex', read: span.sex!, points: -20, words });
    }
  }
  for (const f of c.firstNames.slice(1)) {
    if (f === first?.name) continue;
    const found = findName(ctx, nameWordsOf(f));
    if (found && found.similarity >= 0.9) evidence.push({ field: 'otherFirstName', expected: f, read: found.tokens.map((t) => t.raw).join(' '), similarity: found.similarity, points: 5, words: refs(found.tokens) });
  }
  const score = [...evidence, ...conflicts].reduce((s, e) => s + e.points, 0);
  return { patientId: c.id, score, confidence: 0, evidence, conflicts };
}

/** The identity traits a proposal rests on: surname, first name, birth date, identifier (counted twice). */
export function traitsOf(p: Proposal): number {
  const has = (f: EvidenceField) => p.evidence.some((e) => e.field === f);
  return (has('birthName') || has('usedName') ? 1 : 0) + (has('firstName') ? 1 : 0) + (has('birthDate') ? 1 : 0) + (has('nir') || has('ins') ? 2 : 0);
}

export function matchCandidates(x: Extraction, candidates: readonly MatchCandidate[]): MatchResult {
  const practitioner = new Set(x.practitionerTokens);
  const ctx: Context = {
    tokens: x.tokens,
    usable: x.tokens.filter((t) => t.alpha.length > 0 && !practitioner.has(t.index)),
    labelled: new Set(x.names.flatMap((n) => n.tokens)),
  };
  const ranked = candidates.map((c) => scoreCandidate(x, c, ctx)).filter((p) => p.evidence.length > 0).sort((a, b) => b.score - a.score || a.patientId.localeCompare(b.patientId));
  const [top, second] = ranked;
  const margin = top ? top.score - (second?.score ?? 0) : 0;
  // Confidence grows with the score and with the lead over the best other candidate (no lead, no confidence).
  for (const p of ranked) {
    const lead = p.score - Math.max(0, ...ranked.filter((o) => o !== p).map((o) => o.score));
    p.confidence = Math.round((1 - Math.exp(-Math.max(0, p.score) / 70)) * Math.min(1, Math.max(0, lead) / 60) * 100) / 100;
  }
  const proposals = ranked.slice(0, 3);
  if (!top) return { decision: 'none', reason: { fr: 'Aucun patient du cabinet ne correspond à ce qui a été lu.', en: 'No patient of the practice matches what was read.' }, proposals };
  if (top.conflicts.length > 0) return { decision: 'none', reason: { fr: 'Le meilleur candidat a une donnée contradictoire (date de naissance, NIR ou sexe) : choisissez le patient.', en: 'The best candidate has a contradicting trait (birth date, NIR or sex): choose the patient.' }, proposals };
  if (traitsOf(top) < 3) return { decision: 'none', reason: { fr: 'Trop peu de traits d’identité lus (il en faut trois parmi nom, prénom, date de naissance, ou le NIR et un autre) : choisissez le patient.', en: 'Too few identity traits read (three of surname, first name, birth date, or the NIR and one more): choose the patient.' }, proposals };
  if (margin < MIN_MARGIN) return { decision: 'none', reason: { fr: 'Plusieurs patients correspondent presque autant : choisissez le patient.', en: 'Several patients match almost as well: choose the patient.' }, proposals };
  return { decision: 'proposed', reason: { fr: 'Patient proposé : à confirmer avant tout classement.', en: 'Proposed patient: to be confirmed before anything is filed.' }, proposals };
}
