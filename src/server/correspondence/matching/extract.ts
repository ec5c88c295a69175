import { foldAccents, phoneticKey, readNir } from '../../patients/index.js';
import { byLine, digitForm, tokenize, weakDigitForm } from './tokens.js';
import type { DateFound, Extraction, IdentifierFound, NameLabel, NameSpan, OcrPage, Token } from './types.js';

/**
 * Identity evidence in the text of a letter: NIR/INS (key checked with the patients capability's rule),
 * birth dates in French formats, and the names written after a title or a label. Pure: the reference year
 * (to read two-digit years) comes from the caller's clock.
 */

const MONTHS: Record<string, number> = {
  janvier: 1, janv: 1, jan: 1, fevrier: 2, fevr: 2, fev: 2, mars: 3, mar: 3, avril: 4, avr: 4, mai: 5, juin: 6,
  juillet: 7, juil: 7, aout: 8, septembre: 9, sept: 9, sep: 9, octobre: 10, oct: 10, novembre: 11, nov: 11,
  decembre: 12, dec: 12,
};
const MONTH_RE = Object.keys(MONTHS).sort((a, b) => b.length - a.length).join('|');
// Not inside a longer dotted number (« 06.12.34.56.78 » is a phone number, not the 6 December 1934).
const NUMERIC_DATE = /(?<![0-9][./\-]?)([0-3]?[0-9]) ?[/.\-] ?([01]?[0-9]) ?[/.\-] ?([0-9]{4}|[0-9]{2})(?![0-9]|[./\-][0-9])/g;
const TEXT_DATE = new RegExp(`(?<![0-9])(1er|[0-3]?[0-9]) (${MONTH_RE})\\.? ([0-9]{4})(?![0-9])`, 'g');
const ISO_DATE = /(?<![0-9])([12][0-9]{3})-([01][0-9])-([0-3][0-9])(?![0-9])/g;
/** What stands before a birth date: « né le », « née le », « né(e) le », « date de naissance : », « DDN ». */
const BIRTH_LABEL = /(?:\bn[eé]e?s?\b|\bn[eé] ?\( ?e ?\)|\bne\S{0,4}le\b|naissance|\bd\.? ?d\.? ?n\b\.?|\bdn\b)[^0-9]{0,14}$/;
/** A date whose separator OCR read as a digit (« 30/0571974 »): two digits, separator, two digits, separator or 1/7, four digits. */
const BROKEN_DATE = /(?<![0-9])([0-3][0-9])[/.\-]([01][0-9])[17]((?:19|20)[0-9]{2})(?![0-9])|(?<![0-9])([0-3][0-9])[17]([01][0-9])[/.\-]((?:19|20)[0-9]{2})(?![0-9])/g;

const TITLES: Record<string, { label: NameLabel; sex: 'F' | 'M' | null }> = {
  MME: { label: 'title', sex: 'F' }, MADAME: { label: 'title', sex: 'F' }, MLLE: { label: 'title', sex: 'F' },
  MELLE: { label: 'title', sex: 'F' }, MADEMOISELLE: { label: 'title', sex: 'F' }, MR: { label: 'title', sex: 'M' },
  MONSIEUR: { label: 'title', sex: 'M' }, PATIENT: { label: 'patient', sex: null }, PATIENTE: { label: 'patient', sex: 'F' },
  ENFANT: { label: 'child', sex: null }, NOM: { label: 'name', sex: null }, PRENOM: { label: 'firstName', sex: null },
  PRENOMS: { label: 'firstName', sex: null }, NEE: { label: 'birthName', sex: 'F' }, EPOUSE: { label: 'usedName', sex: 'F' },
  EP: { label: 'usedName', sex: 'F' }, IDENTITE: { label: 'patient', sex: null },
  // Frequent OCR readings of « Mme » and « Nom » on noisy scans.
  MIME: { label: 'title', sex: 'F' }, MNE: { label: 'title', sex: 'F' }, NME: { label: 'title', sex: 'F' }, NOIN: { label: 'name', sex: null }, NORN: { label: 'name', sex: null },
};
const PARTICLE_WORDS = new Set(['LE', 'LA', 'DE', 'DU', 'DES', 'D', 'L', 'VAN', 'VON']);
const PRACTITIONER_TITLES = new Set(['DR', 'DOCTEUR', 'PR', 'PROFESSEUR', 'DRE', 'DOCTEURE', 'CONFRERE']);
/** Words that end a name: verbs, articles and nouns that follow a name in letters. */
const STOP = new Set([
  'NE', 'NEE', 'LE', 'LA', 'LES', 'AGE', 'AGEE', 'EST', 'QUI', 'QUE', 'POUR', 'CHEZ', 'DANS', 'VU', 'VUE', 'SUIVI',
  'SUIVIE', 'HOSPITALISE', 'HOSPITALISEE', 'ADRESSE', 'ADRESSEE', 'ET', 'A', 'AU', 'AUX', 'EN', 'SUR', 'DOSSIER',
  'SERVICE', 'DATE', 'SEXE', 'NUMERO', 'NIR', 'INS', 'IPP', 'TEL', 'ADRESSE', 'OBJET', 'REF', 'EXAMEN', 'MEDECIN',
  'USAGE', 'NAISSANCE', 'JEUNE', 'FILLE', 'PRESCRIPTEUR', 'CONCERNE', 'SEJOUR', 'ENTREE', 'SORTIE', 'ANS', 'MOIS',
]);

/** Calendar check: 31/02 is not a date. */
function isoDate(y: number, m: number, d: number): string | null {
  if (m < 1 || m > 12 || d < 1 || d > 31) return null;
  const days = [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
  if (d > days) return null;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Years a written year can mean: four digits as is; two digits in the 1900s, and in the 2000s when not in the future. */
function years(written: string, referenceYear: number): number[] {
  if (written.length === 4) return [Number(written)];
  const yy = Number(written);
  return 2000 + yy <= referenceYear ? [1900 + yy, 2000 + yy] : [1900 + yy];
}

/** A line as one string for the date patterns, with the token each character comes from. */
function lineText(line: readonly Token[]): { text: string; owner: number[] } {
  let text = '';
  const owner: number[] = [];
  for (const t of line) {
    if (text.length > 0) {
      text += ' ';
      owner.push(t.index);
    }
    // A date-like word is read with digit look-alikes as digits (« 1O/O3/l985 »); other words lower-cased, unaccented.
    const dateLike = /[0-9]/.test(t.raw) && /^[0-9OolISBZ|.\-/]+[,;.)]?$/.test(t.raw);
    const digits = dateLike ? t.raw.replace(/[OolISBZ|]/g, (c) => ({ O: '0', o: '0', l: '1', I: '1', '|': '1', S: '5', B: '8', Z: '2' })[c] ?? c) : null;
    const form = digits ?? foldAccents(t.raw).toLowerCase();
    text += form;
    for (let i = 0; i < form.length; i++) owner.push(t.index);
  }
  return { text, owner };
}

function tokensOf(owner: number[], start: number, end: number): number[] {
  return [...new Set(owner.slice(start, end))];
}

/** Words the reader takes for a label, a title or the end of a name (so a person named « Noin » is read as « Nom »). */
export function isReservedWord(upper: string): boolean {
  return Object.hasOwn(TITLES, upper) || STOP.has(upper) || PARTICLE_WORDS.has(upper) || PRACTITIONER_TITLES.has(upper);
}

export function findDates(line: readonly Token[], referenceYear: number): DateFound[] {
  const { text, owner } = lineText(line);
  const found: DateFound[] = [];
  const push = (m: RegExpExecArray, ys: number[], month: number, day: number) => {
    const iso = ys.map((y) => isoDate(y, month, day)).filter((d): d is string => d !== null);
    if (iso.length === 0) return;
    const before = text.slice(Math.max(0, m.index - 30), m.index);
    found.push({ iso, labelled: BIRTH_LABEL.test(before), text: m[0], tokens: tokensOf(owner, m.index, m.index + m[0].length) });
  };
  for (const m of text.matchAll(NUMERIC_DATE)) push(m, years(m[3]!, referenceYear), Number(m[2]), Number(m[1]));
  for (const m of text.matchAll(TEXT_DATE)) push(m, [Number(m[3])], MONTHS[m[2]!]!, m[1] === '1er' ? 1 : Number(m[1]));
  for (const m of text.matchAll(ISO_DATE)) push(m, [Number(m[1])], Number(m[2]), Number(m[3]));
  // Only after a birth label: elsewhere such a shape is more likely a number than a date.
  for (const m of text.matchAll(BROKEN_DATE)) {
    if (!BIRTH_LABEL.test(text.slice(Math.max(0, m.index - 30), m.index))) continue;
    push(m, [Number(m[3] ?? m[6])], Number(m[2] ?? m[5]), Number(m[1] ?? m[4]));
  }
  return found;
}

/**
 * NIRs and INS matricules on a line: runs of numeric words (« 2 85 03 75 112 345 67 », « 285037511234567 »),
 * read with digit look-alikes as digits; a 15-character window is kept only when its key is right. A run of
 * exactly 13 characters is a NIR written without its key (weaker: no check).
 */
export function findIdentifiers(line: readonly Token[]): IdentifierFound[] {
  const found: IdentifierFound[] = [];
  let i = 0;
  while (i < line.length) {
    let chars = '';
    const owner: number[] = [];
    let j = i;
    let real = 0;
    for (; j < line.length; j++) {
      const d = digitForm(line[j]!.raw) ?? weakDigitForm(line[j]!.raw);
      if (d === null) break;
      real += (line[j]!.raw.match(/[0-9]/g) ?? []).length;
      chars += d;
      for (let k = 0; k < d.length; k++) owner.push(line[j]!.index);
    }
    if (j === i || real < 8) {
      i = Math.max(j, i + 1);
      continue;
    }
    const label = line.slice(Math.max(0, i - 4), i).some((t) => t.alpha === 'INS' || t.alpha.startsWith('MATRICULE')) ? 'ins' : 'nir';
    let hit = false;
    for (let s = 0; s + 15 <= chars.length; s++) {
      const nir = readNir(chars.slice(s, s + 15));
      if (nir) {
        found.push({ kind: label, value: nir.value, keyChecked: true, tokens: tokensOf(owner, s, s + 15) });
        hit = true;
        break;
      }
    }
    if (!hit && chars.length === 13 && /^[1-478][0-9]{2}(?:0[1-9]|1[0-2]|[2-9][0-9])(?:[0-9]{2}|2A|2B)[0-9]{6}$/.test(chars)) {
      found.push({ kind: label, value: chars, keyChecked: false, tokens: tokensOf(owner, 0, 13) });
    }
    i = j;
  }
  return found;
}

const startsUpper = (t: Token) => /^[\p{Lu}0-9|]/u.test(t.raw.replace(/^[«"(]+/, ''));
const endsSpan = (t: Token) => /[,;:)»]$/.test(t.raw);

/** The label a run of words sets (« Nom de naissance », « Nom d'usage », « Madame », « née »…), and how many words it takes. */
function labelAt(line: readonly Token[], i: number): { label: NameLabel; sex: 'F' | 'M' | null; width: number } | null {
  const t = line[i]!;
  const next = line[i + 1]?.alpha ?? '';
  if (t.alpha === 'M' && /^M\.?$/.test(t.raw)) return { label: 'title', sex: 'M', width: 1 };
  const title = TITLES[t.alpha];
  if (!title) return null;
  if (t.alpha === 'NOM') {
    const after = line.slice(i + 1, i + 4).map((x) => x.alpha).join(' ');
    if (/^(DE NAISSANCE|DE JEUNE FILLE|NAISSANCE)/.test(after)) return { label: 'birthName', sex: null, width: after.startsWith('DE') ? 3 + (after.startsWith('DE JEUNE') ? 1 : 0) : 2 };
    if (/^(D USAGE|USAGE|MARITAL|DUSAGE|EPOUSE)/.test(after)) return { label: 'usedName', sex: null, width: after.startsWith('D ') ? 3 : 2 };
    if (next === 'PRENOM' || next === 'PRENOMS') return { label: 'name', sex: null, width: 1 };
  }
  if (t.alpha === 'NEE' && (next === 'LE' || next === '')) return null;
  return { ...title, width: 1 };
}

export function findNames(line: readonly Token[]): { names: NameSpan[]; practitioner: number[] } {
  const names: NameSpan[] = [];
  const practitioner: number[] = [];
  let i = 0;
  while (i < line.length) {
    const t = line[i]!;
    if (PRACTITIONER_TITLES.has(t.alpha)) {
      let j = i + 1;
      for (; j < line.length && j <= i + 3 && line[j]!.alpha && startsUpper(line[j]!) && !STOP.has(line[j]!.alpha); j++) {
        practitioner.push(line[j]!.index);
        if (endsSpan(line[j]!)) {
          j++;
          break;
        }
      }
      i = j;
      continue;
    }
    const label = labelAt(line, i);
    if (!label) {
      i++;
      continue;
    }
    let j = i + label.width;
    while (j < line.length && line[j]!.alpha === '') j++; // « : », « - »
    const span: number[] = [];
    for (; j < line.length && span.length < 5; j++) {
      const w = line[j]!;
      // « LE GOFF », « DE LA FONTAINE »: a particle typed in capitals inside a name is part of it (« né le » is not).
      const particle = PARTICLE_WORDS.has(w.alpha) && /^\p{Lu}+$/u.test(w.raw) && !!line[j + 1] && startsUpper(line[j + 1]!);
      if (!w.alpha || (STOP.has(w.alpha) && !particle) || TITLES[w.alpha] || PRACTITIONER_TITLES.has(w.alpha) || !startsUpper(w)) break;
      span.push(w.index);
      if (endsSpan(w)) {
        j++;
        break;
      }
    }
    if (span.length > 0) names.push({ label: label.label, sex: label.sex, tokens: span });
    i = Math.max(j, i + 1);
  }
  return { names, practitioner };
}

export function extractIdentity(pages: readonly OcrPage[], referenceYear: number): Extraction {
  const tokens = tokenize(pages);
  const out: Extraction = { tokens, identifiers: [], dates: [], names: [], practitionerTokens: [] };
  for (const line of byLine(tokens)) {
    out.identifiers.push(...findIdentifiers(line));
    out.dates.push(...findDates(line, referenceYear));
    const n = findNames(line);
    out.names.push(...n.names);
    out.practitionerTokens.push(...n.practitioner);
  }
  return out;
}

/** What to ask the patients capability for: identifiers, dates, and the phonetic keys of the words that may be names. */
export function searchKeys(x: Extraction): { identifiers: string[]; birthDates: string[]; phoneticKeys: string[] } {
  const practitioner = new Set(x.practitionerTokens);
  const labelled = x.names.flatMap((n) => n.tokens);
  // Upper-case words anywhere (surnames are often typed in capitals) complete the labelled ones, capped.
  const capitals = x.tokens.filter((t) => t.alpha.length >= 3 && /^[\p{Lu}0-9|]+[,.;:]?$/u.test(t.raw) && !STOP.has(t.alpha)).map((t) => t.index);
  const words = [...new Set([...labelled, ...capitals])].filter((i) => !practitioner.has(i)).slice(0, 60);
  const keys = new Set(words.map((i) => phoneticKey(x.tokens[i]!.alpha)).filter((k) => k.length > 0));
  return {
    identifiers: [...new Set(x.identifiers.filter((i) => i.keyChecked).map((i) => i.value))],
    birthDates: [...new Set(x.dates.flatMap((d) => d.iso))],
    phoneticKeys: [...keys],
  };
}
