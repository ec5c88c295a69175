/**
 * Suggestions for a misspelled word, best first. Candidates come from the accent-free word index (French forms,
 * the medical lexicon, the practice's own words) by one-letter edits and French sound-alike rewrites, and from
 * the lexicon's phonetic index; they are ranked by the weighted distance, with a nudge for frequent words and
 * medical terms.
 */
import { weightedDistance } from './distance.js';
import type { MedicalLexicon } from './lexicon.js';
import { stripKey } from './normalize.js';
import type { WordIndex } from './word-index.js';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz';
const RARE_TENSES = /(?:assions|assiez|assent|issions|issiez|ussions|ussiez|ussent|âmes|âtes|îmes|îtes|ûmes|ûtes|èrent|ât|ît|ût)$/;

// Sound-alike rewrites on the accent-free key, both ways where the reverse is a real error too.
const REWRITES: [string, string][] = [
  ['i', 'hy'], ['hy', 'i'], ['y', 'i'], ['i', 'y'], ['f', 'ph'], ['ph', 'f'], ['c', 'qu'], ['qu', 'c'], ['k', 'qu'],
  ['qu', 'k'], ['c', 'k'], ['k', 'c'], ['k', 'ch'], ['ch', 'k'], ['t', 'th'], ['th', 't'], ['r', 'rh'], ['rh', 'r'],
  ['e', 'ai'], ['ai', 'e'], ['o', 'au'], ['au', 'o'], ['o', 'eau'], ['an', 'en'], ['en', 'an'], ['s', 'ss'],
  ['ss', 's'], ['c', 'ss'], ['ss', 'c'], ['s', 'c'], ['x', 'cs'], ['cs', 'x'], ['x', 'ks'], ['z', 's'], ['s', 'z'],
  ['g', 'gu'], ['gu', 'g'], ['e', 'h'], ['in', 'ain'], ['ain', 'in'], ['on', 'om'], ['om', 'on'], ['an', 'am'],
  ['am', 'an'], ['en', 'em'], ['em', 'en'], ['ant', 'ent'], ['ent', 'ant'], ['iant', 'ien'], ['ien', 'iant'],
];

function edits1(s: string): string[] {
  const out: string[] = [];
  for (let i = 0; i <= s.length; i++) {
    const left = s.slice(0, i);
    const right = s.slice(i);
    if (right) out.push(left + right.slice(1));
    if (right.length > 1) out.push(left + right[1] + right[0] + right.slice(2));
    for (const c of ALPHABET) {
      out.push(left + c + right);
      if (right && c !== right[0]) out.push(left + c + right.slice(1));
    }
  }
  out.push(...['-', "'"].flatMap((j) => Array.from({ length: s.length - 1 }, (_, i) => s.slice(0, i + 1) + j + s.slice(i + 1))));
  return out;
}

function rewrites(s: string): string[] {
  const out = new Set<string>();
  for (const [from, to] of REWRITES) {
    for (let i = s.indexOf(from); i >= 0; i = s.indexOf(from, i + 1)) out.add(s.slice(0, i) + to + s.slice(i + from.length));
  }
  // Doubling or undoubling any consonant: "insufisance", "abdominalle".
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (!/[bcdfglmnprstz]/.test(c)) continue;
    if (s[i + 1] === c) out.add(s.slice(0, i) + s.slice(i + 1));
    else out.add(s.slice(0, i + 1) + c + s.slice(i + 1));
  }
  out.delete(s);
  return [...out];
}

export interface SuggestSources {
  index: WordIndex;
  lexicon: MedicalLexicon;
  /** The practice's own words, by accent-free key. */
  practice?: WordIndex;
}

function collect(keys: Iterable<string>, sources: SuggestSources, into: Set<string>): void {
  for (const key of keys) {
    for (const f of sources.index.forms(key)) into.add(f);
    if (sources.practice) for (const f of sources.practice.forms(key)) into.add(f);
  }
}

interface Scored {
  form: string;
  score: number;
}

function rank(word: string, candidates: Set<string>, sources: SuggestSources): Scored[] {
  const lower = word.toLowerCase();
  const limit = Math.max(1.6, Math.min(3, lower.length * 0.3));
  const scored: Scored[] = [];
  for (const form of candidates) {
    const candLower = form.toLowerCase();
    if (candLower === lower) continue;
    let score = weightedDistance(lower, candLower, limit);
    if (score > limit) continue;
    if (stripKey(candLower[0] ?? '') !== stripKey(lower[0] ?? '')) score += 0.3; // first letters are rarely wrong
    if (sources.lexicon.frequent.has(candLower)) score -= 0.4;
    const entry = sources.lexicon.lookupExact(form);
    if (entry) score -= entry.category === 'abbreviation' || entry.category === 'unit' ? 0 : 0.1;
    if (sources.practice?.forms(stripKey(form)).includes(form)) score -= 0.1;
    // Number agreement: a typed plural wants a plural, a typed singular a singular.
    if (/[sx]$/.test(lower) !== /[sx]$/.test(candLower)) score += 0.15;
    // Rare verb tenses (imperfect subjunctive, past historic) are almost never meant in a medical letter.
    // 0.7: enough to put « régurgitations » before « régurgitassions » for « régurgitasions » (a doubled s is 0.4).
    if (RARE_TENSES.test(candLower) && !entry) score += 0.7;
    // An acronym is a poor suggestion for a lower-case word (sade → SAD).
    if (form.length > 1 && form === form.toUpperCase() && word !== word.toUpperCase()) score += 0.5;
    // Proper nouns of the dictionary (towns, first names) are poor suggestions for a lower-case word.
    if (form[0] !== candLower[0] && word[0] === lower[0] && (!entry || entry.category === 'eponym' || entry.category === 'taxon')) score += 0.4;
    scored.push({ form, score });
  }
  // The ligature is the spelling of letters: dictionary-fr's « oedème » is offered as « œdème » when that is a word.
  for (const s of scored) {
    if (!/oe/i.test(s.form)) continue;
    const lig = s.form.replace(/oe/g, 'œ').replace(/Oe/g, 'Œ');
    if (sources.index.forms(stripKey(lig)).includes(lig)) s.form = lig;
  }
  scored.sort((a, b) => a.score - b.score || a.form.length - b.form.length || (a.form < b.form ? -1 : 1));
  return scored;
}

/** Up to `max` suggestions for `word` (as typed, any case), best first, case not yet adjusted. */
export function suggest(word: string, sources: SuggestSources, max = 5, deep = true, stats?: { deepRuns: number }): string[] {
  const key = stripKey(word);
  const candidates = new Set<string>();
  collect([key, ...edits1(key)], sources, candidates);
  const variants = rewrites(key);
  collect(variants, sources, candidates);
  for (const f of sources.lexicon.soundAlikes(word)) candidates.add(f);
  let ranked = rank(word, candidates, sources);
  // Two errors of different kinds (a sound-alike and a typo): searched only when the cheap pass found nothing
  // close, and from the first sound-alike variants only (each costs ~700 look-ups).
  if (deep && key.length >= 5 && (ranked.length === 0 || ranked[0]!.score > 1.2)) {
    if (stats) stats.deepRuns++;
    const deeper = new Set<string>(candidates);
    for (const v of variants.slice(0, 16)) {
      collect(rewrites(v), sources, deeper);
      collect(edits1(v), sources, deeper);
    }
    ranked = rank(word, deeper, sources);
  }
  const out: string[] = [];
  for (const { form } of ranked) {
    if (!out.includes(form)) out.push(form);
    if (out.length === max) break;
  }
  return out;
}

export const __test = { edits1, rewrites };
