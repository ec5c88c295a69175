/**
 * Builds the labelled set of identity pairs for the duplicate detector:
 *   npx tsx bench/patients/duplicates-generate.ts   → bench/patients/duplicates-pairs.jsonl
 *
 * Seeded PRNG (mulberry32, seed 20250310), realistic French names, and hand-written tricky pairs.
 * About half are true duplicates (the same person typed twice) and half are look-alike different
 * people. Each pair carries a `kind` and a `split`: `train` (thresholds are tuned on it) or `test`
 * (held out, reported). The split is stratified by kind (alternating after a seeded shuffle).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { IdentityForMatching, Sex } from '../../src/server/patients/duplicates/index.js';
import { foldAccents } from '../../src/server/patients/identity/normalize.js';
import { withKey as withNirKey } from '../../src/server/patients/identity/nir.js';

export interface LabelledPair {
  id: string;
  split: 'train' | 'test';
  kind: string;
  duplicate: boolean;
  note?: string;
  a: IdentityForMatching;
  b: IdentityForMatching;
}

export const PAIRS_PATH = path.join(path.dirname(fileURLToPath(import.meta.url)), 'duplicates-pairs.jsonl');

// ------------------------------------------------------------------------------------------------
// PRNG and helpers
// ------------------------------------------------------------------------------------------------

function mulberry32(seed: number): () => number {
  let t = seed >>> 0;
  return () => {
    t = (t + 0x6d2b79f5) >>> 0;
    let r = Math.imul(t ^ (t >>> 15), 1 | t);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = mulberry32(20250310);
const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
const chance = (p: number) => rand() < p;

// ------------------------------------------------------------------------------------------------
// Names (INSEE frequent surnames and first names, with accents, particles and compounds)
// ------------------------------------------------------------------------------------------------

const SURNAMES = [
  'Martin', 'Bernard', 'Thomas', 'Petit', 'Robert', 'Richard', 'Durand', 'Dubois', 'Moreau', 'Laurent',
  'Simon', 'Michel', 'Lefebvre', 'Leroy', 'Roux', 'David', 'Bertrand', 'Morel', 'Fournier', 'Girard',
  'Bonnet', 'Dupont', 'Lambert', 'Fontaine', 'Rousseau', 'Vincent', 'Muller', 'Lefèvre', 'Faure', 'André',
  'Mercier', 'Blanc', 'Guérin', 'Boyer', 'Garnier', 'Chevalier', 'François', 'Legrand', 'Gauthier', 'Garcia',
  'Perrin', 'Robin', 'Clément', 'Morin', 'Nicolas', 'Henry', 'Roussel', 'Mathieu', 'Gautier', 'Masson',
  'Marchand', 'Duval', 'Denis', 'Dumont', 'Marie', 'Lemaire', 'Noël', 'Meyer', 'Dufour', 'Meunier',
  'Brun', 'Blanchard', 'Giraud', 'Joly', 'Rivière', 'Lucas', 'Brunet', 'Gaillard', 'Barbier', 'Arnaud',
  'Martinez', 'Gérard', 'Roche', 'Renard', 'Schmitt', 'Roy', 'Leroux', 'Colin', 'Vidal', 'Caron',
  'Picard', 'Roger', 'Fabre', 'Aubert', 'Lemoine', 'Renaud', 'Dumas', 'Lacroix', 'Olivier', 'Philippe',
  'Bourgeois', 'Pierre', 'Benoît', 'Rey', 'Leclerc', 'Payet', 'Rolland', 'Leclercq', 'Guillaume', 'Lecomte',
  'Lopez', 'Dupuy', 'Guillot', 'Hubert', 'Berger', 'Carpentier', 'Sanchez', 'Dupuis', 'Moulin', 'Louis',
  'Deschamps', 'Huet', 'Vasseur', 'Perez', 'Boucher', 'Fleury', 'Royer', 'Klein', 'Jacquet', 'Adam',
  'Poirier', 'Marty', 'Aubry', 'Guyot', 'Carré', 'Charles', 'Renault', 'Charpentier', 'Ménard', 'Maillard',
  'Baron', 'Bertin', 'Bailly', 'Hervé', 'Schneider', 'Fernandez', 'Le Gall', 'Collet', 'Léger', 'Bouvier',
  'Julien', 'Prévost', 'Millet', 'Perrot', 'Daniel', 'Le Roux', 'Cousin', 'Germain', 'Breton', 'Besson',
  'Langlois', 'Rémy', 'Le Goff', 'Pelletier', 'Lévêque', 'Perrier', 'Leblanc', 'Barré', 'Lebrun', 'Marchal',
  'Weber', 'Mallet', 'Hamon', 'Boulanger', 'Jacob', 'Monnier', 'Michaud', 'Rodriguez', 'Guichard', 'Gillet',
  'Étienne', 'Grondin', 'Poulain', 'Tessier', 'Chevallier', 'Collin', 'Chauvin', 'Da Silva', 'Bouchet', 'Gay',
  'Lemaître', 'Bénard', 'Maréchal', 'Humbert', 'Reynaud', 'Antoine', 'Hoarau', 'Perret', 'Barthélemy', 'Cordier',
  'Pichon', 'Lejeune', 'Gilbert', 'Lamy', 'Delaunay', 'Pasquier', 'Carlier', 'Laporte', 'Nguyen', 'Le Bihan',
  'De La Fontaine', 'Saint-Martin', "D'Almeida", "N'Diaye", 'Dupont-Lefèvre', 'Cœur', 'Ben Saïd', 'Lévy', 'Kieffer', 'Texier',
];

const MALE = [
  'Jean', 'Pierre', 'Michel', 'André', 'Philippe', 'René', 'Louis', 'Alain', 'Jacques', 'Bernard',
  'Marcel', 'Daniel', 'Roger', 'Robert', 'Paul', 'Claude', 'Christian', 'Henri', 'Georges', 'Nicolas',
  'François', 'Patrick', 'Gérard', 'Christophe', 'Joseph', 'Julien', 'Thierry', 'Stéphane', 'Frédéric', 'Éric',
  'David', 'Pascal', 'Sébastien', 'Laurent', 'Olivier', 'Thomas', 'Alexandre', 'Maxime', 'Hugo', 'Lucas',
  'Théo', 'Nathan', 'Enzo', 'Léo', 'Mathis', 'Raphaël', 'Gabriel', 'Noah', 'Arthur', 'Jules',
  'Adam', 'Baptiste', 'Jean-Pierre', 'Jean-Claude', 'Jean-Marc', 'Jean-Luc', 'Jean-François', 'Matthieu', 'Guillaume', 'Benoît',
  'Yves', 'Hervé', 'Noël', 'Joël', 'Grégoire', 'Aurélien', 'Jérôme', 'Antoine', 'Étienne', 'Denis',
];
const FEMALE = [
  'Marie', 'Jeanne', 'Françoise', 'Monique', 'Catherine', 'Nathalie', 'Isabelle', 'Jacqueline', 'Anne', 'Sylvie',
  'Martine', 'Madeleine', 'Nicole', 'Suzanne', 'Hélène', 'Christine', 'Marguerite', 'Denise', 'Louise', 'Christiane',
  'Valérie', 'Sophie', 'Sandrine', 'Stéphanie', 'Céline', 'Aurélie', 'Émilie', 'Julie', 'Camille', 'Léa',
  'Manon', 'Chloé', 'Emma', 'Inès', 'Jade', 'Zoé', 'Lola', 'Agnès', 'Anaïs', 'Mélanie',
  'Élodie', 'Lætitia', 'Noémie', 'Marie-Claire', 'Marie-Christine', 'Anne-Sophie', 'Marie-Thérèse', 'Geneviève', 'Brigitte', 'Chantal',
  'Michèle', 'Danielle', 'Pascale', 'Frédérique', 'Josiane', 'Joëlle', 'Mireille', 'Gisèle', 'Renée', 'Béatrice',
  'Océane', 'Claire', 'Thérèse', 'Odile', 'Colette', 'Yvette', 'Simone', 'Paulette', 'Annick', 'Solène',
];
/** Masculine / feminine first-name pairs (twins, siblings). */
const GENDERED: readonly [string, string][] = [
  ['Michel', 'Michèle'], ['Daniel', 'Danielle'], ['Pascal', 'Pascale'], ['Frédéric', 'Frédérique'], ['Joël', 'Joëlle'],
  ['Jean', 'Jeanne'], ['Louis', 'Louise'], ['Denis', 'Denise'], ['René', 'Renée'], ['Simon', 'Simone'],
  ['Gabriel', 'Gabrielle'], ['Emmanuel', 'Emmanuelle'], ['Noël', 'Noëlle'], ['Paul', 'Paule'], ['Martin', 'Martine'],
];
/** Twins' first names one or two letters apart. */
const CLOSE_TWIN_NAMES: readonly [string, string, Sex, Sex][] = [
  ['Léa', 'Léna', 'F', 'F'], ['Lina', 'Lila', 'F', 'F'], ['Manon', 'Marion', 'F', 'F'], ['Louna', 'Luna', 'F', 'F'],
  ['Léo', 'Théo', 'M', 'M'], ['Lucas', 'Luca', 'M', 'M'], ['Nina', 'Nino', 'F', 'M'], ['Lino', 'Lina', 'M', 'F'],
  ['Eva', 'Ewan', 'F', 'M'], ['Jade', 'Jude', 'F', 'M'], ['Mathis', 'Mathias', 'M', 'M'], ['Elias', 'Eliah', 'M', 'M'],
  ['Clara', 'Clarisse', 'F', 'F'], ['Noa', 'Noé', 'F', 'M'], ['Adam', 'Adem', 'M', 'M'], ['Lou', 'Luc', 'F', 'M'],
];
/** Names that are both first names and surnames ("MARTIN Marie" / "MARIE Martin"). */
const BOTH_WAYS = ['Martin', 'Thomas', 'Robert', 'Richard', 'Simon', 'Michel', 'Laurent', 'Vincent', 'Nicolas', 'Henry', 'Mathieu', 'Denis', 'Marie', 'Noël', 'Louis', 'Daniel', 'Julien', 'Germain', 'Roger', 'Philippe', 'Antoine', 'Gilbert', 'Charles', 'Hervé', 'Rémy', 'Benoît', 'Pierre', 'Guillaume', 'Lucas', 'Adam', 'Étienne', 'Olivier', 'Gérard', 'Bernard', 'André', 'Clément'];

/** Spelling variants that sound the same (what a secretary types after hearing the name). */
const PHONETIC_VARIANTS: Record<string, string[]> = {
  Dupont: ['Dupond', 'Dupon'], Lefebvre: ['Lefèvre', 'Lefeuvre', 'Lefebre'], Lefèvre: ['Lefebvre', 'Lefeuvre'], Gauthier: ['Gautier'],
  Gautier: ['Gauthier'], Rousseau: ['Rousseaux', 'Rousso'], Renault: ['Renaud', 'Renaut'], Renaud: ['Renault', 'Renaut'],
  Chevalier: ['Chevallier'], Chevallier: ['Chevalier'], Leclerc: ['Leclercq', 'Leclerq'], Leclercq: ['Leclerc'],
  Marchand: ['Marchant'], Durand: ['Durant'], Mathieu: ['Matthieu', 'Mathieux'], Philippe: ['Philipe', 'Filippe'],
  Moreau: ['Moreaux', 'Morot'], Giraud: ['Giraut', 'Girault'], Arnaud: ['Arnault', 'Arnaut'], Faure: ['Fore'],
  Perrin: ['Perin'], Bonnet: ['Bonet'], Girard: ['Girart'], Dubois: ['Duboit'], Henry: ['Henri'], Collin: ['Colin'], Colin: ['Collin'],
  Roussel: ['Rousel'], Millet: ['Milet'], Mallet: ['Malet'], Lemaire: ['Lemère', 'Lemerre'], Boucher: ['Bouché'], Rolland: ['Roland'],
  Reynaud: ['Raynaud', 'Reynaut'], Besson: ['Beson'], Gaillard: ['Gaillar', 'Gayard'], Bailly: ['Bailli', 'Baillie'],
  Thomas: ['Tomas'], Guillot: ['Guilot', 'Guillo'], Lévêque: ['Lévesque'], Jacquet: ['Jaquet'], Huet: ['Huette'],
};
const FIRST_VARIANTS: Record<string, string[]> = {
  Philippe: ['Philipe', 'Filipe'], Matthieu: ['Mathieu'], Stéphane: ['Stefane', 'Stéphan'], Christophe: ['Cristophe'], Thierry: ['Thiery'],
  Lætitia: ['Laetitia', 'Létitia'], Anaïs: ['Anais'], Mélanie: ['Melanie'], Nathalie: ['Natalie'], Sylvie: ['Silvie'], Isabelle: ['Isabel'],
  Frédéric: ['Frederick'], Guillaume: ['Guillome'], Grégoire: ['Gregoire'], Mireille: ['Mireile'], Geneviève: ['Genevieve'],
  Sébastien: ['Sebastien'], Aurélien: ['Aurelien'], Thérèse: ['Therese'], Jacqueline: ['Jaqueline'], Baptiste: ['Batiste'],
  Élodie: ['Elodie'], Chloé: ['Cloé'], Camille: ['Camile'], Yvette: ['Ivette'], Raphaël: ['Raphael', 'Rafaël'], Théo: ['Téo'],
};

const PLACES = [
  '75056', '75112', '75115', '69123', '13055', '31555', '33063', '59350', '44109', '67482', '35238', '06088', '34172', '21231',
  '2A004', '2B033', '97411', '97209', '63113', '37261', '76540', '29019', '87085', '99350', '99352', '99139', '99109', '99351',
];

// ------------------------------------------------------------------------------------------------
// Typing mistakes
// ------------------------------------------------------------------------------------------------

const AZERTY_ROWS = ['azertyuiop', 'qsdfghjklm', 'wxcvbn'];
function neighbour(c: string): string {
  const lower = c.toLowerCase();
  for (const row of AZERTY_ROWS) {
    const i = row.indexOf(lower);
    if (i >= 0) {
      const n = row[i + (i === 0 ? 1 : i === row.length - 1 ? -1 : chance(0.5) ? 1 : -1)]!;
      return c === lower ? n : n.toUpperCase();
    }
  }
  return c;
}

/** One keyboard slip inside the word (never on the first letter): substitution, deletion, doubling, transposition. */
function keyboardTypo(s: string): string {
  const letters = [...s];
  const positions = letters.map((c, i) => (i > 0 && /\p{L}/u.test(c) ? i : -1)).filter((i) => i > 0);
  if (positions.length < 2) return s;
  const i = pick(positions);
  switch (int(0, 3)) {
    case 0:
      letters[i] = neighbour(letters[i]!);
      break;
    case 1:
      letters.splice(i, 1);
      break;
    case 2:
      letters.splice(i, 0, letters[i]!);
      break;
    default:
      if (i + 1 < letters.length && /\p{L}/u.test(letters[i + 1]!)) [letters[i], letters[i + 1]] = [letters[i + 1]!, letters[i]!];
      else letters[i] = neighbour(letters[i]!);
  }
  return letters.join('');
}

const stripAccents = foldAccents;
function caseVariant(s: string): string {
  return pick([(x: string) => x.toUpperCase(), (x: string) => x.toLowerCase(), (x: string) => x])(s);
}
function formatVariant(s: string): string {
  if (/-/.test(s)) return chance(0.5) ? s.replace(/-/g, ' ') : s.replace(/-/g, '');
  if (/'/.test(s)) return chance(0.5) ? s.replace(/'/g, '') : s.replace(/'/g, ' ');
  if (/^Saint /i.test(s) || /^Saint-/i.test(s)) return s.replace(/^Saint[- ]/i, 'St ');
  if (/ /.test(s)) return chance(0.5) ? s.replace(/ /g, '') : s.replace(/ /g, '-');
  return s;
}

// ------------------------------------------------------------------------------------------------
// Identities
// ------------------------------------------------------------------------------------------------

interface Person {
  birthName: string;
  usedName?: string;
  firstNames: string[];
  sex: Sex;
  year: number;
  month: number;
  day: number;
  place?: string;
  nirOrder: number;
}

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const daysIn = (y: number, m: number) => (m === 2 && ((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0) ? 29 : DAYS[m - 1]!);
const validDate = (y: number, m: number, d: number) => y >= 1900 && y <= 2025 && m >= 1 && m <= 12 && d >= 1 && d <= daysIn(y, m);
const iso = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

function randomPerson(sex: Sex = chance(0.5) ? 'F' : 'M'): Person {
  const pool = sex === 'F' ? FEMALE : MALE;
  const firstNames = [pick(pool)];
  if (chance(0.45)) firstNames.push(pick(pool.filter((n) => !firstNames.includes(n))));
  if (chance(0.12)) firstNames.push(pick(pool.filter((n) => !firstNames.includes(n))));
  const year = int(1925, 2022);
  const month = int(1, 12);
  const person: Person = {
    birthName: pick(SURNAMES),
    firstNames,
    sex,
    year,
    month,
    day: int(1, daysIn(year, month)),
    nirOrder: int(1, 999),
  };
  if (chance(0.7)) person.place = pick(PLACES);
  if (sex === 'F' && year < 2000 && chance(0.3)) person.usedName = pick(SURNAMES.filter((n) => n !== person.birthName));
  return person;
}

function nirOf(p: Person): string {
  const place = p.place ?? '75112';
  const body = `${p.sex === 'M' ? 1 : 2}${String(p.year % 100).padStart(2, '0')}${String(p.month).padStart(2, '0')}${place}${String(p.nirOrder).padStart(3, '0')}`;
  return withNirKey(body);
}

interface RecordOptions {
  nir?: boolean;
  place?: boolean;
  date?: string;
}
function record(p: Person, o: RecordOptions = {}): IdentityForMatching {
  return {
    birthName: p.birthName,
    usedName: p.usedName ?? null,
    firstNames: [...p.firstNames],
    birthDate: o.date ?? iso(p.year, p.month, p.day),
    sex: p.sex,
    birthPlaceCode: o.place === false ? null : (p.place ?? null),
    nir: o.nir ? nirOf(p) : null,
  };
}
/** How the first record of a pair is typed: place and NIR present or not. */
function recordA(p: Person): IdentityForMatching {
  return record(p, { nir: chance(0.25), place: chance(0.85) });
}
function recordB(p: Person, o: RecordOptions = {}): IdentityForMatching {
  return record(p, { nir: o.nir ?? chance(0.15), place: o.place ?? chance(0.7), ...(o.date ? { date: o.date } : {}) });
}

function dateDigitTypo(p: Person): string | null {
  for (let tries = 0; tries < 50; tries++) {
    const digits = [...`${String(p.day).padStart(2, '0')}${String(p.month).padStart(2, '0')}${p.year}`];
    const i = int(0, 7);
    const old = digits[i]!;
    const d = String(int(0, 9));
    if (d === old) continue;
    digits[i] = d;
    const s = digits.join('');
    const day = Number(s.slice(0, 2));
    const month = Number(s.slice(2, 4));
    const year = Number(s.slice(4));
    if (validDate(year, month, day)) return iso(year, month, day);
  }
  return null;
}
function dateTransposed(p: Person): string | null {
  for (let tries = 0; tries < 50; tries++) {
    const digits = [...`${String(p.day).padStart(2, '0')}${String(p.month).padStart(2, '0')}${p.year}`];
    const i = pick([0, 2, 4, 5, 6]);
    if (digits[i] === digits[i + 1]) continue;
    [digits[i], digits[i + 1]] = [digits[i + 1]!, digits[i]!];
    const s = digits.join('');
    const day = Number(s.slice(0, 2));
    const month = Number(s.slice(2, 4));
    const year = Number(s.slice(4));
    if (validDate(year, month, day)) return iso(year, month, day);
  }
  return null;
}
function randomOtherDate(p: Person, yearSpread: number): string {
  for (;;) {
    const year = Math.min(2024, Math.max(1920, p.year + int(-yearSpread, yearSpread)));
    const month = int(1, 12);
    const day = int(1, daysIn(year, month));
    const diff = [...`${String(day).padStart(2, '0')}${String(month).padStart(2, '0')}${year}`].filter(
      (c, i) => c !== `${String(p.day).padStart(2, '0')}${String(p.month).padStart(2, '0')}${p.year}`[i],
    ).length;
    if (diff >= 2) return iso(year, month, day);
  }
}

// ------------------------------------------------------------------------------------------------
// Pair builders
// ------------------------------------------------------------------------------------------------

type Builder = () => { a: IdentityForMatching; b: IdentityForMatching; note?: string } | null;

const POSITIVE: Record<string, Builder> = {
  accents_case: () => {
    const p = randomPerson();
    const b = { ...recordB(p), firstNames: p.firstNames.map((n) => caseVariant(stripAccents(n))) };
    return { a: recordA(p), b: { ...b, birthName: caseVariant(stripAccents(p.birthName)), usedName: p.usedName ? stripAccents(p.usedName).toUpperCase() : null } };
  },
  hyphen_space: () => {
    const p = randomPerson();
    p.birthName = pick(SURNAMES.filter((n) => /[-' ]/.test(n)));
    if (chance(0.5)) p.firstNames[0] = pick((p.sex === 'F' ? FEMALE : MALE).filter((n) => n.includes('-')));
    const b = recordB(p);
    return { a: recordA(p), b: { ...b, birthName: formatVariant(p.birthName), firstNames: p.firstNames.map(formatVariant) } };
  },
  inverted: () => {
    const p = randomPerson();
    const b = recordB(p);
    return { a: recordA(p), b: { ...b, birthName: p.firstNames[0]!, firstNames: [p.birthName], usedName: null } };
  },
  used_name: () => {
    const p = randomPerson('F');
    p.year = int(1930, 1998);
    p.usedName = pick(SURNAMES.filter((n) => n !== p.birthName));
    const a = recordA(p);
    const b = recordB(p);
    const variant = int(0, 2);
    if (variant === 0) return { a, b: { ...b, birthName: p.usedName, usedName: null }, note: "nom d'usage saisi comme nom de naissance" };
    if (variant === 1) return { a, b: { ...b, birthName: p.usedName, usedName: p.birthName }, note: 'noms de naissance et d’usage permutés' };
    return { a: { ...a, usedName: null }, b: { ...b, birthName: p.usedName, usedName: p.birthName }, note: "nom d'usage absent de la première fiche" };
  },
  date_one_digit: () => {
    const p = randomPerson();
    const date = dateDigitTypo(p);
    return date ? { a: recordA(p), b: recordB(p, { date, nir: false }) } : null;
  },
  date_day_month_swap: () => {
    const p = randomPerson();
    p.day = int(1, 12);
    if (p.day === p.month) return null;
    return { a: recordA(p), b: recordB(p, { date: iso(p.year, p.day, p.month), nir: false }) };
  },
  date_transposed: () => {
    const p = randomPerson();
    const date = dateTransposed(p);
    return date ? { a: recordA(p), b: recordB(p, { date, nir: false }) } : null;
  },
  missing_given: () => {
    const p = randomPerson();
    if (p.firstNames.length < 2) p.firstNames.push(pick((p.sex === 'F' ? FEMALE : MALE).filter((n) => n !== p.firstNames[0])));
    const b = recordB(p);
    return { a: recordA(p), b: { ...b, firstNames: [p.firstNames[0]!] } };
  },
  given_order: () => {
    const p = randomPerson();
    if (p.firstNames.length < 2) p.firstNames.push(pick((p.sex === 'F' ? FEMALE : MALE).filter((n) => n !== p.firstNames[0])));
    const b = recordB(p);
    return { a: recordA(p), b: { ...b, firstNames: [p.firstNames[1]!] }, note: 'second prénom utilisé comme premier' };
  },
  name_phonetic: () => {
    const p = randomPerson();
    p.birthName = pick(Object.keys(PHONETIC_VARIANTS));
    const b = recordB(p);
    return { a: recordA(p), b: { ...b, birthName: pick(PHONETIC_VARIANTS[p.birthName]!) } };
  },
  name_typo: () => {
    const p = randomPerson();
    const b = recordB(p);
    const typo = keyboardTypo(p.birthName);
    return typo === p.birthName ? null : { a: recordA(p), b: { ...b, birthName: typo } };
  },
  first_typo: () => {
    const p = randomPerson();
    const first = p.firstNames[0]!;
    const variant = FIRST_VARIANTS[first] ? pick(FIRST_VARIANTS[first]!) : keyboardTypo(first);
    if (variant === first) return null;
    const b = recordB(p);
    return { a: recordA(p), b: { ...b, firstNames: [variant, ...p.firstNames.slice(1)] } };
  },
  partial_date: () => {
    const p = randomPerson();
    p.year = int(1920, 1960);
    const date = chance(0.5) ? `${p.year}-00-00` : `${p.year}-${String(p.month).padStart(2, '0')}-00`;
    return { a: recordA(p), b: recordB(p, { date, nir: false }) };
  },
  combined: () => {
    const p = randomPerson();
    const a = recordA(p);
    let b: IdentityForMatching = recordB(p, { nir: false });
    const steps = [
      () => (b = { ...b, birthName: caseVariant(stripAccents(b.birthName)), firstNames: b.firstNames.map(stripAccents) }),
      () => (b = { ...b, firstNames: [b.firstNames[0]!] }),
      () => {
        const date = dateDigitTypo(p);
        if (date) b = { ...b, birthDate: date };
      },
      () => (b = { ...b, birthName: PHONETIC_VARIANTS[p.birthName] ? pick(PHONETIC_VARIANTS[p.birthName]!) : keyboardTypo(p.birthName) }),
      () => (b = { ...b, birthPlaceCode: null, nir: null }),
      () => (b = { ...b, birthName: b.firstNames[0]!, firstNames: [b.birthName], usedName: null }),
      () => {
        const date = dateTransposed(p);
        if (date) b = { ...b, birthDate: date };
      },
    ];
    const i = int(0, steps.length - 1);
    let j = int(0, steps.length - 1);
    while (j === i) j = int(0, steps.length - 1);
    steps[i]!();
    steps[j]!();
    return { a, b, note: `perturbations ${i}+${j}` };
  },
  same_nir_changed: () => {
    const p = randomPerson();
    const a = record(p, { nir: true });
    const b = record(p, { nir: true, place: false });
    return { a, b: { ...b, birthName: keyboardTypo(p.birthName), firstNames: [stripAccents(p.firstNames[0]!)] } };
  },
  sex_error: () => {
    const p = randomPerson();
    const b = recordB(p, { nir: false });
    return { a: { ...recordA(p), nir: null }, b: { ...b, sex: p.sex === 'F' ? 'M' : 'F' } };
  },
};

const NEGATIVE: Record<string, Builder> = {
  twins: () => {
    const p = randomPerson();
    const q: Person = { ...p, firstNames: [], usedName: undefined, nirOrder: p.nirOrder + 1 };
    if (chance(0.35)) {
      const [m, f] = pick(GENDERED);
      p.sex = 'M';
      p.firstNames = [m];
      q.sex = 'F';
      q.firstNames = [f];
    } else {
      q.sex = chance(0.5) ? p.sex : p.sex === 'F' ? 'M' : 'F';
      const pool = q.sex === 'F' ? FEMALE : MALE;
      q.firstNames = [pick(pool.filter((n) => !p.firstNames.includes(n)))];
    }
    p.usedName = undefined;
    return { a: recordA(p), b: recordB(q) };
  },
  homonym: () => {
    const p = randomPerson();
    const q: Person = { ...p, firstNames: [p.firstNames[0]!], nirOrder: int(1, 999), place: chance(0.5) ? p.place : pick(PLACES) };
    const date = randomOtherDate(p, 25);
    [q.year, q.month, q.day] = date.split('-').map(Number) as [number, number, number];
    return { a: recordA(p), b: recordB(q) };
  },
  parent_child: () => {
    const p = randomPerson('M');
    p.year = int(1940, 1975);
    p.usedName = undefined;
    const q: Person = { ...p, firstNames: [p.firstNames[0]!, ...(chance(0.5) ? [pick(MALE)] : [])], year: p.year + int(20, 40), month: int(1, 12), nirOrder: int(1, 999) };
    q.day = int(1, daysIn(q.year, q.month));
    return { a: recordA(p), b: recordB(q) };
  },
  cousins: () => {
    const p = randomPerson();
    const q = randomPerson();
    q.birthName = p.birthName;
    q.year = p.year + int(-5, 5);
    q.day = Math.min(q.day, daysIn(q.year, q.month));
    if (q.firstNames[0] === p.firstNames[0]) return null;
    return { a: recordA(p), b: recordB(q) };
  },
  same_first_same_date: () => {
    const p = randomPerson();
    const q: Person = { ...p, birthName: pick(SURNAMES.filter((n) => n !== p.birthName && n !== p.usedName)), usedName: undefined, firstNames: [p.firstNames[0]!], place: chance(0.3) ? p.place : pick(PLACES), nirOrder: int(1, 999) };
    return { a: recordA(p), b: recordB(q) };
  },
  inverted_different: () => {
    const p = randomPerson();
    p.birthName = pick(BOTH_WAYS);
    p.firstNames = [pick(BOTH_WAYS.filter((n) => n !== p.birthName))];
    p.usedName = undefined;
    const q: Person = { ...p, birthName: p.firstNames[0]!, firstNames: [p.birthName], nirOrder: int(1, 999), place: pick(PLACES) };
    const date = randomOtherDate(p, 30);
    [q.year, q.month, q.day] = date.split('-').map(Number) as [number, number, number];
    return { a: recordA(p), b: recordB(q) };
  },
  phonetic_lookalike: () => {
    const p = randomPerson();
    p.birthName = pick(Object.keys(PHONETIC_VARIANTS));
    const q = randomPerson(p.sex);
    q.birthName = pick(PHONETIC_VARIANTS[p.birthName]!);
    if (chance(0.5)) q.firstNames = [p.firstNames[0]!];
    else q.year = p.year;
    q.day = Math.min(q.day, daysIn(q.year, q.month));
    if (q.firstNames[0] === p.firstNames[0] && q.year === p.year && q.month === p.month) return null;
    return { a: recordA(p), b: recordB(q) };
  },
  homonym_same_year: () => {
    const p = randomPerson();
    const q: Person = { ...p, firstNames: [p.firstNames[0]!], nirOrder: int(1, 999), place: pick(PLACES) };
    for (;;) {
      q.month = int(1, 12);
      q.day = int(1, daysIn(q.year, q.month));
      const d = (x: Person) => `${String(x.day).padStart(2, '0')}${String(x.month).padStart(2, '0')}`;
      if ([...d(p)].filter((c, i) => c !== d(q)[i]).length >= 2 && !(q.day === p.month && q.month === p.day)) break;
    }
    return { a: recordA(p), b: recordB(q) };
  },
  homonym_different_nir: () => {
    const p = randomPerson();
    p.place = p.place ?? pick(PLACES);
    const q: Person = { ...p, firstNames: [p.firstNames[0]!], usedName: undefined, nirOrder: (p.nirOrder % 998) + 1, place: chance(0.5) ? p.place : pick(PLACES) };
    return { a: record(p, { nir: true }), b: record(q, { nir: true }), note: 'homonymes nés le même jour, NIR propres différents' };
  },
  twins_close_names: () => {
    // Twins whose first names differ by one or two letters: inherently ambiguous with a typo.
    const [x, y, sx, sy] = pick(CLOSE_TWIN_NAMES);
    const p = randomPerson(sx);
    p.firstNames = [x];
    p.usedName = undefined;
    const q: Person = { ...p, sex: sy, firstNames: [y], nirOrder: p.nirOrder + 1 };
    return { a: recordA(p), b: recordB(q) };
  },
  spouses: () => {
    const husband = randomPerson('M');
    const wife = randomPerson('F');
    husband.usedName = undefined;
    wife.usedName = husband.birthName;
    wife.year = husband.year + int(-6, 6);
    wife.day = Math.min(wife.day, daysIn(wife.year, wife.month));
    return { a: recordA(husband), b: recordB(wife) };
  },
  siblings_gendered: () => {
    const [m, f] = pick(GENDERED);
    const p = randomPerson('M');
    p.firstNames = [m];
    const q: Person = { ...p, sex: 'F', firstNames: [f], usedName: undefined, nirOrder: int(1, 999) };
    const date = randomOtherDate(p, 6);
    [q.year, q.month, q.day] = date.split('-').map(Number) as [number, number, number];
    return { a: recordA(p), b: recordB(q) };
  },
};

/** Hand-written tricky pairs. */
const HAND: { kind: string; duplicate: boolean; note: string; a: IdentityForMatching; b: IdentityForMatching }[] = [
  { kind: 'hand', duplicate: true, note: 'nom composé abrégé', a: { birthName: 'Dupont-Lefèvre', firstNames: ['Marie', 'Hélène'], birthDate: '1958-03-12', sex: 'F' }, b: { birthName: 'DUPONT', firstNames: ['Marie'], birthDate: '1958-03-12', sex: 'F' } },
  { kind: 'hand', duplicate: true, note: 'particule collée', a: { birthName: 'Le Goff', firstNames: ['Yann'], birthDate: '1972-07-01', sex: 'M', birthPlaceCode: '29019' }, b: { birthName: 'LEGOFF', firstNames: ['Yann'], birthDate: '1972-07-01', sex: 'M' } },
  { kind: 'hand', duplicate: true, note: 'particules', a: { birthName: 'de La Fontaine', firstNames: ['Amaury'], birthDate: '1990-11-23', sex: 'M' }, b: { birthName: 'Lafontaine', firstNames: ['Amaury'], birthDate: '1990-11-23', sex: 'M' } },
  { kind: 'hand', duplicate: true, note: 'apostrophe', a: { birthName: "N'Diaye", firstNames: ['Aminata'], birthDate: '1985-02-14', sex: 'F', birthPlaceCode: '99341' }, b: { birthName: 'NDIAYE', firstNames: ['Aminata'], birthDate: '1985-02-14', sex: 'F' } },
  { kind: 'hand', duplicate: true, note: 'ligature œ', a: { birthName: 'Cœur', firstNames: ['Lætitia'], birthDate: '1979-05-30', sex: 'F' }, b: { birthName: 'Coeur', firstNames: ['Laetitia'], birthDate: '1979-05-30', sex: 'F' } },
  { kind: 'hand', duplicate: true, note: 'Saint abrégé', a: { birthName: 'Saint-Martin', firstNames: ['Paul'], birthDate: '1950-01-09', sex: 'M' }, b: { birthName: 'St Martin', firstNames: ['Paul'], birthDate: '1950-09-01', sex: 'M' } },
  { kind: 'hand', duplicate: true, note: 'inversion + accents', a: { birthName: 'Simon', firstNames: ['Hélène'], birthDate: '1966-04-18', sex: 'F' }, b: { birthName: 'HELENE', firstNames: ['SIMON'], birthDate: '1966-04-18', sex: 'F' } },
  { kind: 'hand', duplicate: true, note: 'date incomplète', a: { birthName: 'Hoarau', firstNames: ['Joseph'], birthDate: '1938-00-00', sex: 'M', birthPlaceCode: '97411' }, b: { birthName: 'Hoarau', firstNames: ['Joseph', 'Marcel'], birthDate: '1938-06-17', sex: 'M', birthPlaceCode: '97411' } },
  { kind: 'hand', duplicate: true, note: 'année transposée', a: { birthName: 'Bertrand', firstNames: ['Odile'], birthDate: '1958-10-02', sex: 'F' }, b: { birthName: 'Bertrand', firstNames: ['Odile'], birthDate: '1985-10-02', sex: 'F' } },
  { kind: 'hand', duplicate: true, note: 'NIA puis NIR', a: { birthName: 'Haddad', firstNames: ['Karim'], birthDate: '1992-08-08', sex: 'M', nir: withNirKey('7920899350123') }, b: { birthName: 'Hadad', firstNames: ['Karim'], birthDate: '1992-08-08', sex: 'M', nir: withNirKey('1920899350017') } },
  { kind: 'hand', duplicate: true, note: 'même NIR, nom d’usage saisi', a: { birthName: 'Morel', usedName: 'Petit', firstNames: ['Sylvie'], birthDate: '1961-12-05', sex: 'F', nir: withNirKey('2611269123045') }, b: { birthName: 'Petit', firstNames: ['Silvie'], birthDate: '1961-12-05', sex: 'F', nir: withNirKey('2611269123045') } },
  { kind: 'hand', duplicate: true, note: 'prénom composé sans trait d’union', a: { birthName: 'Lambert', firstNames: ['Jean-François'], birthDate: '1970-03-03', sex: 'M' }, b: { birthName: 'Lambert', firstNames: ['Jean François'], birthDate: '1970-03-03', sex: 'M' } },
  { kind: 'hand', duplicate: true, note: 'prénom composé réduit', a: { birthName: 'Martin', firstNames: ['Jean-Pierre'], birthDate: '1955-06-21', sex: 'M', birthPlaceCode: '69123' }, b: { birthName: 'Martin', firstNames: ['Jean'], birthDate: '1955-06-21', sex: 'M' } },
  { kind: 'hand', duplicate: true, note: 'prénom épicène, sexe mal saisi', a: { birthName: 'Roche', firstNames: ['Dominique'], birthDate: '1963-09-27', sex: 'F' }, b: { birthName: 'Roche', firstNames: ['Dominique'], birthDate: '1963-09-27', sex: 'M' } },
  { kind: 'hand', duplicate: true, note: 'Michèle tapé Michel, même sexe', a: { birthName: 'Garnier', firstNames: ['Michèle'], birthDate: '1948-02-11', sex: 'F' }, b: { birthName: 'Garnier', firstNames: ['Michel'], birthDate: '1948-02-11', sex: 'F' } },
  { kind: 'hand', duplicate: true, note: 'nom d’usage seul connu', a: { birthName: 'Lemoine', usedName: 'Vasseur', firstNames: ['Claire'], birthDate: '1975-07-14', sex: 'F' }, b: { birthName: 'Vasseur', firstNames: ['Claire'], birthDate: '1975-07-14', sex: 'F' } },
  { kind: 'hand', duplicate: true, note: 'prénom d’usage', a: { birthName: 'Colin', firstNames: ['Marie', 'Thérèse'], usedFirstName: 'Thérèse', birthDate: '1940-10-10', sex: 'F' }, b: { birthName: 'Colin', firstNames: ['Thérèse'], birthDate: '1940-10-10', sex: 'F' } },
  { kind: 'hand', duplicate: false, note: 'jumeaux Jean / Jeanne', a: { birthName: 'Dupuis', firstNames: ['Jean'], birthDate: '2001-05-05', sex: 'M', birthPlaceCode: '59350' }, b: { birthName: 'Dupuis', firstNames: ['Jeanne'], birthDate: '2001-05-05', sex: 'F', birthPlaceCode: '59350' } },
  { kind: 'hand', duplicate: false, note: 'jumelles Marie-Claire / Marie-Christine', a: { birthName: 'Fabre', firstNames: ['Marie-Claire'], birthDate: '1968-08-30', sex: 'F' }, b: { birthName: 'Fabre', firstNames: ['Marie-Christine'], birthDate: '1968-08-30', sex: 'F' } },
  { kind: 'hand', duplicate: false, note: 'père et fils, même anniversaire, année à un chiffre près', a: { birthName: 'Perrot', firstNames: ['Louis'], birthDate: '1958-03-12', sex: 'M' }, b: { birthName: 'Perrot', firstNames: ['Louis', 'Arthur'], birthDate: '1988-03-12', sex: 'M' }, },
  { kind: 'hand', duplicate: false, note: 'NIR du parent sur la fiche de l’enfant', a: { birthName: 'Dumas', firstNames: ['Léa'], birthDate: '2015-04-02', sex: 'F', nir: withNirKey('1800469123045') }, b: { birthName: 'Dumas', firstNames: ['Thomas'], birthDate: '1980-04-09', sex: 'M', nir: withNirKey('1800469123045') } },
  { kind: 'hand', duplicate: false, note: 'Martin Marie / Marie Martin', a: { birthName: 'Martin', firstNames: ['Marie'], birthDate: '1950-02-02', sex: 'F' }, b: { birthName: 'Marie', firstNames: ['Martin'], birthDate: '1977-11-19', sex: 'M' } },
  { kind: 'hand', duplicate: false, note: 'Roux / Leroux', a: { birthName: 'Roux', firstNames: ['Pierre'], birthDate: '1960-06-06', sex: 'M' }, b: { birthName: 'Leroux', firstNames: ['Pierre'], birthDate: '1961-01-16', sex: 'M' } },
  { kind: 'hand', duplicate: false, note: 'homonymes même jour, NIR différents', a: { birthName: 'Martin', firstNames: ['Nicolas'], birthDate: '1980-01-01', sex: 'M', nir: withNirKey('1800175112001') }, b: { birthName: 'Martin', firstNames: ['Nicolas'], birthDate: '1980-01-01', sex: 'M', nir: withNirKey('1800113055231') } },
  { kind: 'hand', duplicate: false, note: 'jumeaux Pascal / Pascale', a: { birthName: 'Lebrun', firstNames: ['Pascal'], birthDate: '1970-12-24', sex: 'M' }, b: { birthName: 'Lebrun', firstNames: ['Pascale'], birthDate: '1970-12-24', sex: 'F' } },
  { kind: 'hand', duplicate: false, note: 'même prénom, même date, autre nom', a: { birthName: 'Girard', firstNames: ['Emma'], birthDate: '2012-09-15', sex: 'F' }, b: { birthName: 'Giraud', firstNames: ['Léa'], birthDate: '2012-09-15', sex: 'F' } },
  { kind: 'hand', duplicate: false, note: 'cousins, même prénom, années voisines', a: { birthName: 'Hamon', firstNames: ['Lucas'], birthDate: '2010-03-04', sex: 'M' }, b: { birthName: 'Hamon', firstNames: ['Lucas'], birthDate: '2012-07-21', sex: 'M' } },
];

// ------------------------------------------------------------------------------------------------

export function generatePairs(perKindPositive = 18, perKindNegative = 24): LabelledPair[] {
  const pairs: LabelledPair[] = [];
  const add = (kind: string, duplicate: boolean, build: Builder, n: number) => {
    const made: LabelledPair[] = [];
    for (let guard = 0; made.length < n && guard < n * 20; guard++) {
      const p = build();
      if (!p) continue;
      made.push({ id: '', split: 'train', kind, duplicate, ...(p.note ? { note: p.note } : {}), a: p.a, b: p.b });
    }
    // Stratified split: alternate after a seeded shuffle.
    for (let i = made.length - 1; i > 0; i--) {
      const j = int(0, i);
      [made[i], made[j]] = [made[j]!, made[i]!];
    }
    made.forEach((m, i) => (m.split = i % 2 === 0 ? 'train' : 'test'));
    pairs.push(...made);
  };
  for (const [kind, build] of Object.entries(POSITIVE)) add(kind, true, build, perKindPositive);
  for (const [kind, build] of Object.entries(NEGATIVE)) add(kind, false, build, perKindNegative);
  HAND.forEach((h, i) => pairs.push({ id: '', split: i % 2 === 0 ? 'train' : 'test', ...h }));
  pairs.forEach((p, i) => (p.id = `p${String(i + 1).padStart(4, '0')}`));
  return pairs;
}

export function loadPairs(file = PAIRS_PATH): LabelledPair[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as LabelledPair);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const pairs = generatePairs();
  fs.writeFileSync(PAIRS_PATH, pairs.map((p) => JSON.stringify(p)).join('\n') + '\n');
  const dup = pairs.filter((p) => p.duplicate).length;
  console.log(`${pairs.length} pairs (${dup} duplicates, ${pairs.length - dup} different people) → ${path.relative(process.cwd(), PAIRS_PATH)}`);
}
