/**
 * The checker: hunspell (hunspell-asm + dictionary-fr) decides what French is spelled right, the medical lexicon
 * and the practice's own words are accepted on top of it, and suggest.ts proposes the corrections.
 * Loaded once per process, lazily: the first call pays for the load (~0.5 s), later pages are a few milliseconds.
 */
import { loadModule } from 'hunspell-asm';
import type { Hunspell } from 'hunspell-asm';
import dict from 'dictionary-fr';
import { AcronymIndex } from './acronyms.js';
import { weightedDistance } from './distance.js';
import { MedicalLexicon } from './lexicon.js';
import { PROPER_NOUN_SLIP, compoundShape } from './proper-compounds.js';
import { isAllCaps, isCapitalized, matchCase, stripKey } from './normalize.js';
import { suggest } from './suggest.js';
import { splitCompound, tokenize, type Token } from './tokenizer.js';
import { WordIndex, loadFrenchForms } from './word-index.js';

export interface SpellIssue {
  start: number;
  end: number;
  word: string;
  suggestions: string[];
}

export interface CheckOptions {
  /** Words of the practice (names of colleagues, local brands, house abbreviations), accepted as written. */
  extraWords?: readonly string[];
  /** Also ask hunspell when the index finds nothing (150–1,100 ms a word: off unless asked). */
  hunspellFallback?: boolean;
}

export interface SpellChecker {
  check(text: string, options?: CheckOptions): SpellIssue[];
  /** True when the word (as typed) is accepted. */
  isCorrect(word: string, options?: CheckOptions): boolean;
  readonly lexicon: MedicalLexicon;
  /** Forgets the words seen and the suggestions made (the benchmark's cold pages; nothing else needs it). */
  clearCache(): void;
}

const FORMS_FILE = new URL('./data/fr-forms.txt.gz', import.meta.url);
// Parts of an inverted or joined form that are words only inside the compound ("a-t-il", "peut-être").
const COMPOUND_PARTS = new Set(['t', 'il', 'ils', 'elle', 'elles', 'on', 'je', 'tu', 'nous', 'vous', 'ce', 'là', 'ci', 'y', 'en', 'moi', 'toi', 'lui']);
const CACHE_LIMIT = 20_000;
// Practices served by one process at once, each with its overlay kept ready (a few hundred words: ~1 ms to build).
const PRACTICE_OVERLAYS = 32;
const COMBINING_ENDINGS = ['e', 'ie', 'ique', 'al', 'ale', 'eux', 'aire', 'ien', 'ite', 'ité', 'ose', 'é', 'ée', 'if', 'ive', 'isme', 'ienne'];
// No French word is this long (anticonstitutionnellement: 25 letters); a longer run of letters is flagged without
// suggestions, since edits of a 300-letter string took seconds.
const MAX_SUGGEST_LENGTH = 40;
// Longer than any word of the dictionaries, the lexicon or a practice's list (60): flagged without asking hunspell,
// whose spell() took 0.6 s on a 20,000-letter run.
const MAX_WORD_LENGTH = 60;
// A report being typed has a few dozen unknown words at worst; past this many in one text (random input, a pasted
// table of codes) the rest are flagged without suggestions, so that one request cannot hold the process for seconds.
const MAX_SUGGESTED_ISSUES = 150;
// The deeper search (two errors in one word) costs 5–15 ms of CPU a word; a check runs it for this many words at
// most (the first ones that need it), the others get the quick search only, so that a page stays within its 50 ms.
// A count, not a clock: the suggestions of a text do not depend on how busy the machine is.
const DEEP_SEARCHES = 2;
const ACCEPTED_LIMIT = 100_000;
// Longer than any acronym with digits of the lexicon (CHA2DS2-VASc's parts, NT-proBNP aside): a longer run of letters
// and digits is a code or an identifier.
const MAX_CODE_LENGTH = 10;
// Prefixes that French medicine glues onto a word without a hyphen (anticoagulation, transthoracique, alithiasique).
// A word is accepted when one of them is followed by a known word of five letters or more.
const GLUED_PREFIXES = ['anti', 'trans', 'hyper', 'hypo', 'poly', 'intra', 'extra', 'inter', 'péri', 'para', 'post', 'pré', 'rétro', 'sus', 'sous', 'néo', 'pseudo', 'micro', 'macro', 'multi', 'pluri', 'mono', 'bi', 'tri', 'semi', 'hémi', 'auto', 'contre', 'dys', 'endo', 'exo', 'épi', 'méta', 'co', 'ré', 'dé', 'non', 'pan', 'supra', 'infra', 'sub', 'uni', 'a', 'an', 'in', 'im', 'ir', 'il'];

// Suffixes of disease, symptom and procedure names, each with its inflected forms (see medicalStemAndSuffix).
const MEDICAL_SUFFIXES = [
  'ite', 'ites', 'ome', 'omes', 'ose', 'oses', 'urie', 'uries', 'émie', 'émies', 'algie', 'algies', 'cèle', 'cèles',
  'rragie', 'rragies', 'pathie', 'pathies', 'ectomie', 'ectomies', 'otomie', 'otomies', 'plastie', 'plasties',
  'scopie', 'scopies', 'graphie', 'graphies', 'mégalie', 'mégalies',
];

interface Practice {
  /** Short name of the overlay in the suggestion cache (the word list itself may be long). */
  tag: number;
  words: Set<string>;
  index: WordIndex;
}

class Checker implements SpellChecker {
  /** Suggestions already made, and whether the deep search was part of them. */
  private readonly cache = new Map<string, { out: string[]; deep: boolean }>();
  /** Overlays of the practices' words, most recent last (one small index each; the shared dictionaries stay as loaded). */
  private readonly practices = new Map<string, Practice>();
  private overlays = 0;
  private readonly abbreviationsByLetters = new Map<string, string>();
  private readonly acronyms = new AcronymIndex();
  /** Deep searches still allowed in the current check (see DEEP_SEARCHES). */
  private deepLeft = 0;
  /**
   * What the shared dictionaries say of a word already seen (hunspell's spell() was 40 % of a page's time). The
   * editor checks the whole report again after each pause in typing, and letters reuse their words: most words
   * of a check were seen before. The practice's words are looked at before this, never stored in it.
   */
  private readonly accepted = new Map<string, boolean>();

  constructor(
    private readonly hunspell: Hunspell,
    private readonly index: WordIndex,
    readonly lexicon: MedicalLexicon,
  ) {
    for (const entry of lexicon.entries.values()) {
      // Acronyms, and brands written in capitals (EMLA): their shuffled letters are a typo, not another acronym.
      const capitalBrand = entry.category === 'brand' && entry.form.length <= 5 && isAllCaps(entry.form);
      if (entry.category === 'abbreviation' || capitalBrand) {
        this.abbreviationsByLetters.set([...entry.form.toUpperCase()].sort().join(''), entry.form);
        this.acronyms.add(entry.form);
      }
    }
  }

  private practiceFor(options?: CheckOptions): Practice | undefined {
    const words = options?.extraWords ?? [];
    if (words.length === 0) return undefined;
    const key = words.join('\n');
    let practice = this.practices.get(key);
    if (practice) this.practices.delete(key);
    else {
      const index = new WordIndex();
      for (const w of words) if (w.trim()) index.add(w.trim());
      practice = { tag: ++this.overlays, words: new Set(words.map((w) => w.trim().replace(/’/g, "'").toLowerCase())), index };
      if (this.practices.size >= PRACTICE_OVERLAYS) this.practices.delete(this.practices.keys().next().value!);
    }
    this.practices.set(key, practice);
    return practice;
  }

  private known(word: string, practice: Practice | undefined): boolean {
    if (practice?.words.has(word.replace(/’/g, "'").toLowerCase())) return true;
    let ok = this.accepted.get(word);
    if (ok === undefined) {
      ok = this.lexicon.lookupExact(word) !== undefined
        || (isAllCaps(word) && (this.lexicon.lookupStripped(word) !== undefined || this.index.hasKey(stripKey(word))))
        || this.hunspell.spell(word.replace(/’/g, "'"));
      if (this.accepted.size >= ACCEPTED_LIMIT) this.accepted.clear();
      this.accepted.set(word, ok);
    }
    return ok;
  }

  /** Medical prefix + known word, or combining form + known word (cardiotoxique, hépatotoxicité). */
  private knownDerived(word: string, practice: Practice | undefined): boolean {
    const lower = word.toLowerCase();
    if (lower.length < 8 || /[-'’]/.test(lower)) return false;
    for (const prefix of GLUED_PREFIXES) {
      const rest = lower.slice(prefix.length);
      if (lower.startsWith(prefix) && rest.length >= 5 && this.known(rest, practice)) return true;
    }
    for (let cut = 4; cut <= lower.length - 5; cut++) {
      if (lower[cut - 1] === 'o' && this.lexicon.prefixes.has(lower.slice(0, cut)) && this.known(lower.slice(cut), practice)) return true;
    }
    return this.medicalStemAndSuffix(lower);
  }

  /**
   * A medical suffix on the stem of a medical term (hypophysite from hypophyse, cystinurie from cystine, jéjunite
   * from jéjunum, cystocèle from cysto-): the rare words of each specialty are mostly built so. The stem must be a
   * lexicon term or a combining form of prefixes.txt, not any French word, so that « maisonite » (maison + ite) stays
   * flagged; a typo inside the stem or the suffix breaks the match, so misspellings stay flagged too.
   */
  private medicalStemAndSuffix(lower: string): boolean {
    for (const suffix of MEDICAL_SUFFIXES) {
      if (!lower.endsWith(suffix)) continue;
      const stem = lower.slice(0, -suffix.length);
      if (stem.length < 4) continue;
      if (stem.endsWith('o') && this.lexicon.prefixes.has(stem)) return true;
      for (const base of [stem, `${stem}e`, `${stem}um`, `${stem}on`, `${stem}a`, `${stem}ie`]) {
        const entry = this.lexicon.lookupExact(base);
        if (entry && base.length >= 5 && entry.category !== 'abbreviation' && entry.category !== 'unit' && entry.category !== 'eponym') return true;
      }
    }
    return false;
  }

  clearCache(): void {
    this.cache.clear();
    this.accepted.clear();
  }

  isCorrect(word: string, options?: CheckOptions): boolean {
    const practice = this.practiceFor(options);
    return this.known(word, practice) || this.knownDerived(word, practice);
  }

  /**
   * A glued prefix or combining form before a misspelled word (automésure, transpérinèales, ostéocondensassion):
   * such compounds are accepted by rule (knownDerived), not listed, so the index has nothing near them. The fixes of
   * the word after the prefix are offered with the prefix, when the whole is then accepted.
   */
  private gluedSuggestions(lower: string, practice: Practice | undefined): string[] {
    const out: string[] = [];
    const heads = GLUED_PREFIXES.filter((p) => p.length >= 3 && lower.startsWith(p));
    for (let cut = 4; cut <= lower.length - 5; cut++) {
      if (lower[cut - 1] === 'o' && this.lexicon.prefixes.has(lower.slice(0, cut))) heads.push(lower.slice(0, cut));
    }
    for (const head of heads.sort((a, b) => b.length - a.length)) {
      const rest = lower.slice(head.length);
      if (rest.length < 5) continue;
      for (const fix of this.suggestionsFor(rest, practice, undefined, false)) {
        const whole = head + fix.toLowerCase();
        if (!out.includes(whole) && (this.known(whole, practice) || this.knownDerived(whole, practice))) out.push(whole);
      }
      if (out.length) break;
    }
    return out;
  }

  private suggestionsFor(word: string, practice: Practice | undefined, options?: CheckOptions, split = true): string[] {
    if (word.length > MAX_SUGGEST_LENGTH) return [];
    const cacheKey = (practice ? `${practice.tag}\u0000${word}` : word) + (split ? '' : '\u0001');
    const cached = this.cache.get(cacheKey);
    const deepAllowed = this.deepLeft > 0;
    if (cached && (cached.deep || !deepAllowed)) return cached.out;
    const stats = { deepRuns: 0 };
    let raw = suggest(word.toLowerCase(), { index: this.index, lexicon: this.lexicon, practice: practice?.index }, 8, deepAllowed, stats);
    this.deepLeft -= stats.deepRuns;
    // The expanded list is an approximation of hunspell's affix rules: keep only forms hunspell (or our lists) accept.
    raw = raw.filter((s) => this.known(s, practice));
    if (raw.length === 0 && split) raw = this.gluedSuggestions(word.toLowerCase(), practice);
    if (raw.length === 0 && options?.hunspellFallback) raw = this.hunspell.suggest(word);
    const out: string[] = [];
    for (const s of raw) {
      const cased = /\p{Lu}/u.test(s.slice(1)) ? s : matchCase(word, s);
      // One spelling once: "main" and the town "Main" are the same suggestion for a lower-case word.
      if (cased !== word && !out.some((o) => o.toLowerCase() === cased.toLowerCase())) out.push(cased);
      if (out.length === 5) break;
    }
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    this.cache.set(cacheKey, { out, deep: deepAllowed }); // a quick-only answer is redone when time allows
    return out;
  }

  /** Accepted part of a hyphenated compound: a word, a pronoun of an inversion, or a combining form before the end. */
  private partOk(part: Token, isLast: boolean, practice: Practice | undefined): boolean {
    const lower = part.text.toLowerCase();
    if (part.text.length < 2 || COMPOUND_PARTS.has(lower) || this.known(part.text, practice) || this.knownDerived(part.text, practice)) return true;
    if (isLast) return false;
    // Combining forms (gastro-, hygiéno-, cognitivo-, sus-) stand only before another part: a listed one, or an
    // -o form whose stem makes a known word (érythémato- from érythémateux, hygiéno- from hygiénique), so that a
    // typo inside the combining form (érytthémato-) is still seen.
    if (this.lexicon.prefixes.has(lower) || this.lexicon.prefixes.has(stripKey(lower))) return true;
    if (lower.length < 4 || !lower.endsWith('o')) return false;
    const stem = lower.slice(0, -1);
    return COMBINING_ENDINGS.some((e) => this.known(stem + e, practice));
  }

  /** Suggestions for a compound with misspelled parts: the compound with each part replaced by its best fixes. */
  private compoundSuggestions(token: Token, bad: Token[], practice: Practice | undefined, options?: CheckOptions): string[] {
    let variants = [token.text];
    for (const part of [...bad].reverse()) {
      const fixes = this.suggestionsFor(part.text, practice, options).slice(0, 3);
      const from = part.start - token.start;
      const to = part.end - token.start;
      // Capped: every misspelled part multiplies the variants (3 fixes each), and only 5 are returned.
      variants = fixes.flatMap((f) => variants.map((v) => v.slice(0, from) + f + v.slice(to))).slice(0, 25);
    }
    // Compounds known whole (gastro-entérologue) come first: their parts may not be words alone.
    const whole = this.suggestionsFor(token.text, practice, options).filter((w) => /[-\u2011]/.test(w));
    return [...new Set([...whole, ...variants])].slice(0, 5);
  }

  /**
   * Shift held one letter too long (« HYpertension », « DOliprane »): two capitals then lower case only, where the
   * word with one capital, or none, is known. Deliberate mixed case (mmHg, McBurney, HbA1c, MSSanté, NovoRapid) has
   * another pattern. Best first: the lexicon's own spelling (a brand keeps its capital), a capital at the start of a
   * sentence, else lower case.
   */
  private shiftSlip(token: Token, practice: Practice | undefined): string[] {
    const word = token.text;
    // A form the lexicon or the practice writes so is deliberate (the lexicon and hunspell accept any case otherwise).
    if (!/^\p{Lu}\p{Lu}\p{Ll}{3,}$/u.test(word) || this.lexicon.entries.get(word.toLowerCase())?.form === word || practice?.words.has(word.toLowerCase())) return [];
    const lower = word.toLowerCase();
    const capital = word[0]! + lower.slice(1);
    const canonical = this.lexicon.lookupExact(lower)?.form;
    const order = canonical && canonical !== lower ? [canonical, capital, lower] : token.sentenceInitial ? [capital, lower] : [lower, capital];
    return [...new Set(order)].filter((w) => this.known(w, practice) || this.knownDerived(w, practice));
  }

  /**
   * Whether `best`, the first suggestion for a capitalised `word`, is a lexicon word (or the practice's) close
   * enough that the capitalised word is its misspelling rather than a name. An eponym is a name too: a colleague
   * called Dubreuil is not a misspelled Dubreuilh.
   */
  private nearLexiconMiss(word: string, best: string | undefined, practice: Practice | undefined): boolean {
    if (!best) return false;
    const entry = this.lexicon.lookupExact(best);
    if (!entry && !practice?.words.has(best.toLowerCase())) return false;
    if (entry?.category === 'eponym' && !/[-\u2011]/.test(best)) return false;
    return weightedDistance(word.toLowerCase(), best.toLowerCase(), 2) <= 1.2;
  }

  /**
   * A capitalised part whose fix is a proper noun of the dictionary (a word it knows only with its capital:
   * Mayenne, Bresse) at the cost of a doubled letter or an accent: a known place misspelled, not an unknown one.
   */
  private nearProperNoun(part: string, practice: Practice | undefined, options?: CheckOptions): boolean {
    // The first three: the nearest by the ranking may be another, rarer name (Mayen before Mayenne).
    return this.suggestionsFor(part, practice, options).slice(0, 3).some((fix) =>
      isCapitalized(fix) && !this.known(fix.toLowerCase(), practice) && weightedDistance(part.toLowerCase(), fix.toLowerCase(), 2) <= PROPER_NOUN_SLIP);
  }

  private checkWord(token: Token, practice: Practice | undefined, options: CheckOptions | undefined, issues: SpellIssue[]): void {
    const word = token.text;
    if (token.code) {
      // Letters and digits (doses, dates, codes, HbA1c) are no words: only a known acronym's slip is flagged.
      const near = word.length > MAX_CODE_LENGTH || /[-\u2011]/.test(word) ? [] : this.acronyms.nearMisses(word);
      if (near.length && !this.known(word, practice)) issues.push({ start: token.start, end: token.end, word, suggestions: near.slice(0, 5) });
      return;
    }
    if (word.length > MAX_WORD_LENGTH) {
      issues.push({ start: token.start, end: token.end, word, suggestions: [] });
      return;
    }
    const shifted = this.shiftSlip(token, practice);
    if (shifted.length) {
      issues.push({ start: token.start, end: token.end, word, suggestions: shifted });
      return;
    }
    if (this.known(word, practice) || this.knownDerived(word, practice)) return;
    if (/[-\u2011]/.test(word)) {
      const parts = splitCompound(token);
      const bad = parts.filter((p, i) => !this.partOk(p, i === parts.length - 1, practice));
      if (bad.length === 0) return;
      const suggestions = this.compoundSuggestions(token, bad, practice, options);
      // A place name (Saint-Germain-en-Laye) is accepted whole, and a compound of names (Terre-Neuve, a double
      // surname) mid-sentence as a name is, unless it is a near miss of a compound of the lexicon (Guilain-Barré).
      const shape = compoundShape(parts.map((p) => p.text));
      if (shape !== 'other' && !suggestions.some((s) => /[-\u2011]/.test(s) && this.nearLexiconMiss(word, s, practice))) {
        // A part one small slip from a place the dictionary knows (Mayene for Mayenne) is still a misspelling.
        if (shape === 'place') {
          if (!bad.some((p) => this.nearProperNoun(p.text, practice, options))) return;
        } else if (!token.sentenceInitial && bad.every((p) => !this.nearLexiconMiss(p.text, this.suggestionsFor(p.text, practice, options)[0], practice))) return;
      }
      // The whole compound is reported, so that the fix reads as the word to write (anti-récepteurs).
      issues.push({ start: token.start, end: token.end, word, suggestions });
      return;
    }
    if (isAllCaps(word) && word.length <= 5) {
      // Unknown short capitals are acronyms far more often than typos; only a known acronym's near miss (one keyboard
      // slip, acronyms.ts) or its letters shuffled is flagged.
      const near = this.acronyms.nearMisses(word);
      const anagram = this.abbreviationsByLetters.get([...word].sort().join(''));
      if (anagram && !near.includes(anagram)) near.push(anagram);
      if (near.length) issues.push({ start: token.start, end: token.end, word, suggestions: near.slice(0, 5) });
      return;
    }
    if (/\p{Lu}/u.test(word.slice(1)) && !isAllCaps(word)) return; // mmHg, McBurney, pH: mixed case is deliberate
    const suggestions = issues.length < MAX_SUGGESTED_ISSUES ? this.suggestionsFor(word, practice, options) : [];
    if (isCapitalized(word) && !token.sentenceInitial) {
      // Mid-sentence capital: a proper noun (patient, colleague, town) unless it is a near miss of a lexicon word.
      if (!this.nearLexiconMiss(word, suggestions[0], practice)) return;
    }
    issues.push({ start: token.start, end: token.end, word, suggestions });
  }

  check(text: string, options?: CheckOptions): SpellIssue[] {
    const practice = this.practiceFor(options);
    const issues: SpellIssue[] = [];
    this.deepLeft = DEEP_SEARCHES;
    for (const token of tokenize(text, true)) this.checkWord(token, practice, options, issues);
    return issues;
  }
}

let loading: Promise<SpellChecker> | undefined;

async function load(): Promise<SpellChecker> {
  const factory = await loadModule();
  const affPath = factory.mountBuffer(dict.aff, 'fr.aff');
  const dicPath = factory.mountBuffer(dict.dic, 'fr.dic');
  const hunspell = factory.create(affPath, dicPath);
  const index = new WordIndex(loadFrenchForms(FORMS_FILE));
  const lexicon = new MedicalLexicon();
  for (const entry of lexicon.entries.values()) index.add(entry.form);
  const checker = new Checker(hunspell, index, lexicon);
  // Warm-up: the first pages after a load ran 2–4 times slower while V8 compiled the hot paths (edits, look-ups,
  // distance). One short text with typical typos, checked at load time, moves that cost into the load.
  checker.check(WARM_UP);
  checker.clearCache();
  return checker;
}

const WARM_UP =
  "Patiente suivie pour une ipertension artérielle et un diabette, traitée par amoxiciline et levotyroxine ; cefalées, " +
  "tachicardie, insufisance rénalle, douleures abdominalles, consultaion de controle, échograhie et bilirubinémi, " +
  "antiogulation, Doliprame, BPOC, gastro-entérolgue.";

/** The process-wide checker, loaded on first use. */
export function getSpellChecker(): Promise<SpellChecker> {
  loading ??= load().catch((e: unknown) => {
    loading = undefined; // a failed load may be retried
    throw e;
  });
  return loading;
}
