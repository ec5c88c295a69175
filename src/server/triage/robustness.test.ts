/**
 * Robustness of the vital decision, proved by property tests: every vital message of the
 * project's sets that the engine flags as written stays vital when it is rewritten —
 * accents removed, SMS spellings, typos, case and punctuation changed, sentences reordered,
 * written by a third party, buried inside an administrative request — and the rewritings
 * combine. Negated and past versions are checked on the rules layer (red-flags.test.ts).
 *
 * The rewritings are the ones the statistical detector is trained with (bench/triage/
 * variants.ts), applied here with other random draws; the catalogue never saw them.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { triageMessage } from './engine.js';
import { VARIANTS } from '../../../bench/triage/variants.js';
import type { Lang } from '../../../bench/triage/variants.js';
import { SHORT_REPLIES } from '../../../bench/triage/short-replies.js';
import { seededRandom } from '../platform/seeded-random.js';
import { demoIdentities } from '../demo/names.js';

interface Row { text: string; urgency: string; lang?: Lang }
const read = (url: URL): Row[] =>
  readFileSync(fileURLToPath(url), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Row);
const CORPUS = new URL('../../../bench/triage/corpus/', import.meta.url);
const sets: Row[] = [
  ...read(new URL('../../../bench/triage/holdout.jsonl', import.meta.url)),
  ...read(new URL('../../../bench/triage/stress.jsonl', import.meta.url)),
  ...read(new URL('../../../bench/triage/validation/validation-3.jsonl', import.meta.url)),
  ...readdirSync(fileURLToPath(CORPUS))
    .filter((f) => f.startsWith('vital-'))
    .flatMap((f) => read(new URL(f, CORPUS))),
];
const REF = { referenceDate: new Date('2026-03-10T09:00:00+01:00') };
const isVital = (text: string): boolean => triageMessage(text, REF).urgency === 'vital';
const vital = sets.filter((r) => r.urgency === 'vital' && isVital(r.text));

const message = fc.integer({ min: 0, max: vital.length - 1 }).map((i) => vital[i] as Row);
const seed = fc.integer({ min: 1, max: 2 ** 31 - 1 });
const PARAMS = { numRuns: 300, seed: 20261206 };

// Each property runs a few hundred triages: a few seconds at most, more while the suite shares two cores.
describe('vital messages stay vital when rewritten', { timeout: 60_000 }, () => {
  it('the sets hold enough vital messages to mean something', () => {
    expect(vital.length).toBeGreaterThan(1000);
  });

  for (const [name, rewrite] of Object.entries(VARIANTS)) {
    it(name, () => {
      fc.assert(
        fc.property(message, seed, (row, s) => {
          const text = rewrite(row.text, row.lang ?? 'fr', seededRandom(s));
          if (!isVital(text)) throw new Error(`no longer vital after ${name}: ${text}`);
        }),
        PARAMS,
      );
    });
  }

  it('three rewritings in a row', () => {
    const names = Object.keys(VARIANTS);
    fc.assert(
      fc.property(message, seed, fc.array(fc.constantFrom(...names), { minLength: 3, maxLength: 3 }), (row, s, chain) => {
        const rand = seededRandom(s);
        const text = chain.reduce((t, n) => (VARIANTS[n] as (t: string, l: Lang, r: () => number) => string)(t, row.lang ?? 'fr', rand), row.text);
        if (!isVital(text)) throw new Error(`no longer vital after ${chain.join(' + ')}: ${text}`);
      }),
      PARAMS,
    );
  });
});

describe('what must not be vital', { timeout: 60_000 }, () => {
  it('the short answers of a chat dialog are never vital', () => {
    for (const reply of SHORT_REPLIES) expect(triageMessage(reply, REF).urgency, reply).not.toBe('vital');
  });

  it('a name and a birth date (the answer to « qui êtes-vous ? ») are never urgent', () => {
    // A birth date such as 24/10/2019 was once read as a blood pressure of 24/10: one identity in nine became same_day
    // and the SMS dialog went down its same-day path.
    for (const p of demoIdentities(800, 2026)) {
      const [y, m, d] = p.birthDate.split('-');
      const line = `${p.firstName} ${p.birthName} ${d}/${m}/${y}`;
      expect(triageMessage(line, REF).urgency, line).toBe('routine');
    }
  });

  it('an administrative wrapper alone does not make a routine message vital', () => {
    const routine = sets.filter((r) => r.urgency === 'routine' && !isVital(r.text)).slice(0, 200);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: routine.length - 1 }), seed, (i, s) => {
        const row = routine[i] as Row;
        const text = VARIANTS.admin!(row.text, row.lang ?? 'fr', seededRandom(s));
        if (isVital(text)) throw new Error(`became vital once wrapped: ${text}`);
      }),
      { numRuns: 100, seed: 20261206 },
    );
  });
});
