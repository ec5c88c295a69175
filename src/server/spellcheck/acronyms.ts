/**
 * Near misses of known acronyms. An unknown all-caps word of five letters or fewer is taken for an acronym the
 * checker does not know (a service, a trial, a local habit), so it is not flagged on its own; but when it is one
 * slip away from an acronym of the lexicon (EDG for ECG, FEG for FEVG, BMCO for BPCO) the slip is by far the likelier
 * reading, since the writer meant an acronym they know. A slip here is one keyboard error: a letter replaced,
 * doubled or dropped, or two letters swapped; a replacement must be by a neighbouring key, a sound-alike letter or
 * a letter whose name sounds alike when dictated (B/P, M/N, S/F) (three-letter acronyms are dense: almost any three capitals are one arbitrary letter away from a known one, and
 * an arbitrary replacement is likelier another acronym than a typo).
 */
import { readFileSync } from 'node:fs';
import { weightedDistance } from './distance.js';
import { stripKey } from './normalize.js';

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
// A target of fewer letters would make every two-letter word and most three-letter ones a near miss.
const MIN_TARGET = 3;
// Replacement cost of distance.ts at or below which a replaced letter is a keyboard or sound-alike slip.
const SLIP_COST = 0.8;
// The same nudge as suggest.ts gives a frequent word: an everyday acronym beats a rare one a little closer.
const FREQUENT_BONUS = 0.4;
// Letters whose French names sound alike over a poor line or in a hurried dictation (bé/pé/dé/té, emme/enne,
// esse/effe, vé/fé, gé/ji, a/ache, i/i grec): an acronym is dictated letter by letter, so one of these heard for the
// other is a slip, although the keys are far apart. Only a replacement that makes a known acronym counts.
const LETTER_NAME_ALIKE = new Set(['BP', 'BD', 'BT', 'DP', 'DT', 'PT', 'BV', 'DV', 'PV', 'TV', 'MN', 'FS', 'FV', 'GJ', 'AH', 'IY']);
// Ranking cost of such a replacement: below an arbitrary letter (1) but above a neighbouring key (0.8), since most
// reports are typed, not dictated (IVT is a slip of IVG, a key away, before IVD).
const LETTER_NAME_COST = 0.9;

function letterNamesAlike(a: string, b: string): boolean {
  return LETTER_NAME_ALIKE.has(a < b ? a + b : b + a);
}

function frequentAcronyms(): Set<string> {
  const text = readFileSync(new URL('./lexicon/acronyms-frequent.txt', import.meta.url), 'utf8');
  return new Set(text.split('\n').flatMap((l) => l.replace(/#.*$/, '').trim().split(/\s+/)).filter(Boolean).map((w) => w.toUpperCase()));
}

export class AcronymIndex {
  /** Accent-free capitals → the acronyms as written (HbA1c, EMLA), in lexicon order. */
  private readonly byKey = new Map<string, string[]>();
  private readonly frequent = frequentAcronyms();

  add(form: string): void {
    const key = stripKey(form).toUpperCase();
    if (key.replace(/[^A-Z0-9]/g, '').length < MIN_TARGET) return;
    const forms = this.byKey.get(key);
    if (!forms) this.byKey.set(key, [form]);
    else if (!forms.includes(form)) forms.push(form);
  }

  /**
   * The acronyms one slip away from `word` (already known to be no word of the dictionaries), best first: lowest
   * weighted distance (less for a frequent acronym, more for another first letter), then lexicon order.
   */
  nearMisses(word: string): string[] {
    const typed = stripKey(word).toUpperCase();
    // A run of letters and digits (HbS1c, HE2) is read only against acronyms with the same digits: a slip on a
    // letter. Another digit is another thing (T3L and T4L, FFP2 and FFP3), and a code or a dose is no acronym.
    const digits = typed.replace(/[^0-9]/g, '');
    // Two capitals (QR, PV, CM) are a different acronym far more often than a slip of a three-letter one.
    if (typed.length < MIN_TARGET) return [];
    const found = new Map<string, number>();
    const consider = (key: string) => {
      const forms = this.byKey.get(key);
      if (!forms || key === typed || key.replace(/[^0-9]/g, '') !== digits) return;
      for (const form of forms) {
        if (found.has(form)) continue;
        let cost = weightedDistance(typed.toLowerCase(), key.toLowerCase(), 2);
        const at = [...typed].findIndex((c, i) => c !== key[i]);
        if (key.length === typed.length && at >= 0 && typed.slice(at + 1) === key.slice(at + 1) && letterNamesAlike(typed[at]!, key[at]!)) {
          cost = Math.min(cost, LETTER_NAME_COST);
        }
        if (typed[0] !== key[0]) cost += 0.3;
        if (this.frequent.has(key)) cost -= FREQUENT_BONUS;
        found.set(form, cost);
      }
    };
    for (let i = 0; i < typed.length; i++) {
      consider(typed.slice(0, i) + typed.slice(i + 1)); // a letter doubled or struck by mistake
      if (i + 1 < typed.length) consider(typed.slice(0, i) + typed[i + 1] + typed[i] + typed.slice(i + 2));
      for (const ch of LETTERS) {
        if (ch === typed[i] || !/[A-Z]/.test(typed[i]!)) continue;
        const key = typed.slice(0, i) + ch + typed.slice(i + 1);
        const slip = weightedDistance(typed[i]!.toLowerCase(), ch.toLowerCase(), 2) <= SLIP_COST || letterNamesAlike(typed[i]!, ch);
        if (this.byKey.has(key) && slip) consider(key);
      }
    }
    for (let i = 0; i <= typed.length; i++) for (const ch of LETTERS) consider(typed.slice(0, i) + ch + typed.slice(i)); // a letter left out
    return [...found.entries()].sort((a, b) => a[1] - b[1]).map(([form]) => form);
  }
}
