import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findFrenchMessages, scanFrenchMessages } from './french-messages.js';

/**
 * User-facing error messages belong in a capability's fr/en catalogue (`messages.ts`, `error-messages.ts`), so that
 * an English request is answered in English. The French-only ones left are counted here: the count may only go
 * down (lower BASELINE when you move some). None left on 7 Dec 2026 (the last three, the export's 300 answer and the
 * RPPS check, moved to billing/books/messages.ts and correspondence/messages.ts).
 */
const BASELINE = 0;
const SERVER = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** Labels that the scan reads as messages but that are not errors (a phone call's outcome, shown as a label). */
const NOT_ERRORS = new Set(['desk-stats/routes.ts|Message pour un praticien']);

describe('hard-coded French error messages', () => {
  it(`are at most ${BASELINE} outside the fr/en catalogues`, () => {
    const found = scanFrenchMessages(SERVER).filter((m) => !NOT_ERRORS.has(`${m.where.replace(/:\d+$/, '')}|${m.text}`));
    const list = found.map((m) => `${m.where}: ${m.text}`);
    expect(found.length, `move them into the capability's fr/en catalogue:\n${list.join('\n')}`).toBeLessThanOrEqual(BASELINE);
    // None left where the catalogues are complete.
    expect(list.filter((l) => /^(agenda|assistant|reception|patients|platform)\//.test(l))).toEqual([]);
  });

  it('finds a French detail message and leaves catalogued or English ones alone', () => {
    expect(findFrenchMessages(`throw new AppError('unprocessable', [{ field: 'x', message: 'Patient inconnu dans ce cabinet.' }]);`)).toEqual(['Patient inconnu dans ce cabinet.']);
    expect(findFrenchMessages("return { ok: false, message: `Séance ${i} : impossible` };")).toHaveLength(1);
    expect(findFrenchMessages(`[{ field: 'x', message: M.unknownPatient }]`)).toEqual([]);
    expect(findFrenchMessages(`[{ field: 'x', message: 'Unknown patient.' }]`)).toEqual([]);
  });
});
