/**
 * The engine's full answers (intent, urgency, language, reasons with labels and evidence, details) for every labelled
 * message we hold, one JSON line each, at a fixed reference date. Why: a speed change must not change an answer; write
 * the answers of the engine before (extracted beside the checkout) and after, then compare them byte for byte.
 *   git archive <commit> src | tar -x -C tmp-before
 *   npx tsx bench/triage/answers.ts tmp-before/src/server/triage/engine.ts tmp-answers-before.jsonl
 *   npx tsx bench/triage/answers.ts src/server/triage/engine.ts tmp-answers-after.jsonl && cmp tmp-answers-*.jsonl
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DEV_PATH } from './data.js';
import type { TriageOptions, TriageResult } from '../../src/server/triage/types.js';

const [enginePath, out] = process.argv.slice(2);
if (!enginePath || !out) throw new Error('usage: answers.ts ENGINE OUTPUT.jsonl');
const { triageMessage } = (await import(pathToFileURL(resolve(enginePath)).href)) as { triageMessage: (t: string, o?: TriageOptions) => TriageResult };

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));
const files: string[] = [];
for (const dir of ['./corpus', './heldout', './validation', '.']) {
  for (const f of readdirSync(here(dir)).sort()) if (f.endsWith('.jsonl')) files.push(join(here(dir), f));
}
for (const f of [DEV_PATH, here('../../src/server/triage/training-extra.jsonl')]) if (existsSync(f)) files.push(f);

const REF = new Date('2026-03-10T09:00:00+01:00');
const lines: string[] = [];
for (const f of files) {
  for (const line of readFileSync(f, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const text = (JSON.parse(line) as { text?: unknown }).text;
    if (typeof text === 'string') lines.push(JSON.stringify(triageMessage(text, { referenceDate: REF })));
  }
}
writeFileSync(out, lines.join('\n') + '\n');
console.log(`${lines.length} messages from ${files.length} files -> ${out}`);
