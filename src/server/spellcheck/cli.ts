/**
 * `pivot spellcheck`: JSON lines in ({"id","text"}), JSON lines out ({"id","issues"}), same order, streaming.
 * An unreadable line gives {"id"?, "error"} in French and the stream goes on: the command never stops on its input.
 */
import { createInterface } from 'node:readline';
import { getSpellChecker, type SpellChecker } from './checker.js';
import { spellcheckLineIn } from './contract.js';

export function answerLine(line: string, checker: SpellChecker): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return JSON.stringify({ error: 'ligne illisible : JSON invalide' });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return JSON.stringify({ error: 'ligne illisible : un objet {"id","text"} est attendu' });
  }
  const rawId = (parsed as { id?: unknown }).id;
  const id = typeof rawId === 'string' || typeof rawId === 'number' ? rawId : undefined;
  const input = spellcheckLineIn.safeParse(parsed);
  if (!input.success) return JSON.stringify({ id, error: 'ligne illisible : le champ "text" doit être une chaîne' });
  try {
    const issues = checker.check(input.data.text, { extraWords: input.data.extraWords });
    return JSON.stringify({ id, issues });
  } catch (e) {
    // Defensive: the checker is meant to be total, but one bad text must not stop the batch.
    return JSON.stringify({ id, error: `vérification impossible : ${e instanceof Error ? e.message : String(e)}` });
  }
}

export async function runSpellcheckCli(input: NodeJS.ReadableStream, output: NodeJS.WritableStream): Promise<void> {
  const rl = createInterface({ input, crlfDelay: Infinity });
  let checker: SpellChecker | undefined;
  for await (const line of rl) {
    if (line.trim().length === 0) continue;
    checker ??= await getSpellChecker(); // lazily: an empty input costs nothing
    const ok = output.write(answerLine(line, checker) + '\n');
    if (!ok) await new Promise<void>((resolve) => output.once('drain', () => resolve()));
  }
}
