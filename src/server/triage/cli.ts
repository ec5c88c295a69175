/**
 * `pivot triage`: JSON lines in ({"id","text"}), JSON lines out, same order.
 * A malformed line yields {"id"?, "error"} and the stream goes on: the CLI never crashes
 * on its input.
 */
import { createInterface } from 'node:readline';
import { triageMessage } from './engine.js';

function answer(line: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return JSON.stringify({ error: 'invalid JSON' });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return JSON.stringify({ error: 'expected a JSON object {"id","text"}' });
  const { id, text } = parsed as { id?: unknown; text?: unknown };
  const idOut = typeof id === 'string' || typeof id === 'number' ? id : undefined;
  if (typeof text !== 'string') return JSON.stringify({ id: idOut, error: 'missing "text" string' });
  try {
    const r = triageMessage(text);
    return JSON.stringify({ id: idOut, intent: r.intent, urgency: r.urgency, lang: r.lang, reasons: r.reasons });
  } catch (e) {
    // Defensive: the engine is meant to be total, but one bad message must not stop the batch.
    return JSON.stringify({ id: idOut, error: `triage failed: ${e instanceof Error ? e.message : String(e)}` });
  }
}

export async function runTriageCli(input: NodeJS.ReadableStream, output: NodeJS.WritableStream): Promise<void> {
  const rl = createInterface({ input, crlfDelay: Infinity });
  for await (const line of rl) {
    if (line.trim().length === 0) continue;
    const ok = output.write(answer(line) + '\n');
    if (!ok) await new Promise<void>((resolve) => output.once('drain', () => resolve()));
  }
}
