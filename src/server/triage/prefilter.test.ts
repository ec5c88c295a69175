import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MessagePrefilter, requirementOf } from './prefilter.js';
import { normalize } from './normalize.js';
import { VITAL_RULES } from './red-flags.js';
import { SAME_DAY_RULES } from './same-day.js';
import { CATALOGUE_RULES } from './catalogue.js';

const ruleRegexes = (): RegExp[] => {
  const out = new Set<RegExp>();
  for (const r of [...VITAL_RULES, ...CATALOGUE_RULES, ...SAME_DAY_RULES]) {
    for (const re of [r.match, ...(r.requires ?? []), ...(r.withAll ?? []), ...(r.withAny ?? []), ...(r.unless ? [r.unless] : [])]) out.add(re);
  }
  return [...out];
};

describe('regex pre-filter', () => {
  it('reads the words a match needs at a word start', () => {
    expect(requirementOf(/\b(?:douleurs? (?:tres )?forte)\b/g)).toEqual({ and: [{ key: 'doule' }, { key: 'forte' }] });
    // "c" follows an optional group that ends inside a word: not a word start, so only "d" is required.
    expect(requirementOf(/\b(?:(?:a|b)?c d)\b/g)).toEqual({ key: 'd' });
    // One alternative needs nothing: the regex always runs.
    expect(requirementOf(/\b(?:fievre|\d+ ?degres)\b/g)).toBeNull();
    expect(requirementOf(/\bfievre\b/gi)).toBeNull();
  });

  it('never skips a rule regex that matches (stress and holdout messages, and in-word starts)', () => {
    const texts = ['bench/triage/stress.jsonl', 'bench/triage/holdout.jsonl'].flatMap((f) =>
      readFileSync(new URL(`../../../${f}`, import.meta.url), 'utf8')
        .split('\n')
        .filter((l) => l.trim().length > 0)
        .map((l) => (JSON.parse(l) as { text: string }).text),
    );
    texts.push('mail@douleur thoracique', 'a+fievre 39', '12h30 il ne respire plus');
    const regexes = ruleRegexes();
    let skipped = 0;
    for (const text of texts) {
      const norm = normalize(text);
      const prefilter = new MessagePrefilter(norm);
      for (const re of regexes) {
        if (prefilter.mayMatch(re)) continue;
        skipped++;
        expect(new RegExp(re.source, re.flags).test(norm), `${re.source.slice(0, 60)} on « ${norm} »`).toBe(false);
      }
    }
    expect(skipped).toBeGreaterThan(0);
  }, 60_000); // checks every rule on ~130 messages: seconds on a loaded machine, and correctness is what is tested
});
