/**
 * The medical lexicon: the data files of lexicon/ (each cites its sources in its header), read once.
 * Every entry is accepted as correctly spelled and indexed for suggestions, with its category (used to rank and
 * by the scorer to tell a false alarm on a medical word from another one).
 */
import { readFileSync } from 'node:fs';
import { phoneticKey, stripKey } from './normalize.js';

export type LexiconCategory = 'drug' | 'brand' | 'anatomy' | 'pathology' | 'lab' | 'abbreviation' | 'unit' | 'eponym' | 'taxon';

export const LEXICON_FILES: Record<string, LexiconCategory> = {
  'drugs-inn.txt': 'drug',
  'drugs-brands.txt': 'brand',
  'anatomy.txt': 'anatomy',
  'pathology.txt': 'pathology',
  'lab-procedures.txt': 'lab',
  'abbreviations.txt': 'abbreviation',
  'units-forms.txt': 'unit',
  'eponyms.txt': 'eponym',
  'taxa.txt': 'taxon',
  // Specialty words by specialty (7 Dec 2026): read after the other lists, so a word listed there keeps its category.
  'specialties.txt': 'pathology',
};

const LEXICON_DIR = new URL('./lexicon/', import.meta.url);

export interface LexiconEntry {
  form: string;
  category: LexiconCategory;
}

function dataLines(file: string): string[] {
  return readFileSync(new URL(file, LEXICON_DIR), 'utf8')
    .split('\n')
    .map((l) => l.replace(/#.*$/, '').trim())
    .filter(Boolean);
}

/**
 * Plurals and feminines of the common nouns and adjectives of a list (brands, acronyms and units have none): the
 * lists hold one form and the texts use all four (hémodialysé, hémodialysée, hémodialysés, hémodialysées).
 * Accepting an odd noun feminine ("canale") is the price: such a non-word is seldom typed.
 */
function inflections(form: string, category: LexiconCategory): string[] {
  if (category === 'brand' || category === 'abbreviation' || category === 'unit' || category === 'eponym' || category === 'taxon') return [form];
  // Nouns in -ité (obésité, échogénicité) have no feminine: a generated « échogénicitée » would hide a typo.
  if (/ité$/.test(form)) return [form, `${form}s`];
  if (/[sxz]$/.test(form)) return form.endsWith('eux') ? [form, `${form.slice(0, -1)}se`, `${form.slice(0, -1)}ses`] : [form];
  const endings: [RegExp, string[]][] = [
    [/al$/, ['ale', 'ales', 'aux']],
    [/é$/, ['ée', 'és', 'ées']],
    [/if$/, ['ive', 'ifs', 'ives']],
    [/ien$/, ['ienne', 'iens', 'iennes']],
    [/éen$/, ['éenne', 'éens', 'éennes']],
    [/el$/, ['elle', 'els', 'elles']],
    [/eau$/, ['eaux']],
    [/ant$/, ['ante', 'ants', 'antes']],
  ];
  for (const [re, ends] of endings) {
    if (!re.test(form)) continue;
    const stem = form.replace(re, '');
    return [form, ...ends.map((e) => stem + e)];
  }
  return [form, `${form}s`];
}

export class MedicalLexicon {
  /** Lower-case form (accents kept) → entry. */
  readonly entries = new Map<string, LexiconEntry>();
  /** Accent-free key → entries, to accept an all-caps word written without accents (AMOXICILLINE, LEVOTHYROX). */
  private readonly byStripped = new Map<string, LexiconEntry>();
  /** Phonetic key and its one-letter deletions → forms: a small SymSpell index for sound-alike misspellings. */
  private readonly phonetic = new Map<string, string[]>();
  readonly frequent = new Set<string>();
  readonly prefixes = new Set<string>();

  constructor() {
    for (const [file, category] of Object.entries(LEXICON_FILES)) {
      for (const line of dataLines(file)) {
        for (const word of line.split(/\s+/)) {
          for (const form of inflections(word, category)) this.add(form, category);
        }
      }
    }
    for (const line of dataLines('frequent.txt')) for (const w of line.split(/\s+/)) this.frequent.add(w.toLowerCase());
    for (const line of dataLines('prefixes.txt')) this.prefixes.add(line.toLowerCase());
  }

  private add(form: string, category: LexiconCategory): void {
    const lower = form.toLowerCase();
    if (this.entries.has(lower)) return; // first file wins: a DCI listed again under brands stays a DCI
    const entry = { form, category };
    this.entries.set(lower, entry);
    if (!this.byStripped.has(stripKey(form))) this.byStripped.set(stripKey(form), entry);
    if (category === 'abbreviation' || category === 'unit' || form.length < 4) return;
    const key = phoneticKey(form);
    for (const k of new Set([key, ...deletions(key)])) {
      const list = this.phonetic.get(k) ?? [];
      list.push(form);
      this.phonetic.set(k, list);
    }
  }

  lookup(word: string): LexiconEntry | undefined {
    return this.lookupExact(word) ?? this.lookupStripped(word);
  }

  /** Exact match on the word's letters, accents included (the accent-free match is for all-caps words only). */
  lookupExact(word: string): LexiconEntry | undefined {
    return caseAllowed(word, this.entries.get(word.toLowerCase()));
  }

  lookupStripped(word: string): LexiconEntry | undefined {
    return caseAllowed(word, this.byStripped.get(stripKey(word)));
  }

  /** Lexicon forms whose phonetic key is within about two edits of the word's. */
  soundAlikes(word: string): string[] {
    const key = phoneticKey(word);
    if (key.length < 3) return [];
    const out = new Set<string>();
    for (const k of [key, ...deletions(key)]) for (const f of this.phonetic.get(k) ?? []) out.add(f);
    return [...out];
  }

  countByCategory(): Record<LexiconCategory, number> {
    const counts = { drug: 0, brand: 0, anatomy: 0, pathology: 0, lab: 0, abbreviation: 0, unit: 0, eponym: 0, taxon: 0 };
    for (const e of this.entries.values()) counts[e.category]++;
    return counts;
  }
}

/**
 * A capitalised eponym or Latin genus (Kahler, Vater, Candida) is accepted only when typed with its capital: in
 * lower case some are a slip of a French word (« candida » for « candidat »), and none is written so.
 */
function caseAllowed(word: string, entry: LexiconEntry | undefined): LexiconEntry | undefined {
  if (entry?.category !== 'eponym' && entry?.category !== 'taxon') return entry;
  const first = entry.form[0]!;
  return first !== first.toUpperCase() || word[0] === word[0]!.toUpperCase() ? entry : undefined;
}

function deletions(key: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < key.length; i++) out.push(key.slice(0, i) + key.slice(i + 1));
  return out;
}
