/**
 * `pivot billing quote`: JSON lines in (one case each), JSON lines out, same order, one line per non-empty
 * input line. A line that cannot be quoted gives {"id", "error"} and the stream goes on; nothing but answers is
 * written to the output (the contract's stdout), so a bug in the engine is reported on its line, not thrown.
 */
import { createInterface } from 'node:readline';
import { quote } from './rules/quote.js';

export function answerLine(line: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return JSON.stringify({ id: null, error: 'ligne illisible : JSON invalide' });
  }
  try {
    return JSON.stringify(quote(parsed));
  } catch (e) {
    // Defensive: the engine is meant to be total, but one bad case must not stop the batch.
    const rawId = typeof parsed === 'object' && parsed !== null ? (parsed as { id?: unknown }).id : undefined;
    return JSON.stringify({ id: typeof rawId === 'string' ? rawId : null, error: `erreur interne du moteur de devis : ${e instanceof Error ? e.message : String(e)}` });
  }
}

export async function runBillingQuoteCli(input: NodeJS.ReadableStream, output: NodeJS.WritableStream): Promise<void> {
  const rl = createInterface({ input, crlfDelay: Infinity });
  // Answers of the lines readline hands over in one burst are written together (one write per input chunk rather
  // than one per line: ~2× the throughput on a large file); the flush runs on the next turn of the event loop,
  // so a caller that sends one line and waits still gets its answer at once.
  let pending: string[] = [];
  let flushing: Promise<void> | null = null;
  const flush = async (): Promise<void> => {
    await new Promise<void>((resolve) => setImmediate(resolve));
    const chunk = pending.join('');
    pending = [];
    flushing = null;
    if (!output.write(chunk)) await new Promise<void>((resolve) => output.once('drain', () => resolve()));
  };
  for await (const line of rl) {
    // A UTF-8 byte-order mark on the first line is not part of the JSON.
    const text = line.replace(/^\uFEFF/, '');
    if (text.trim().length === 0) continue;
    pending.push(answerLine(text) + '\n');
    if (flushing === null) flushing = flush();
    if (pending.length >= 1024) await flushing; // bound the memory held when the reader is fast and the writer slow
  }
  if (flushing !== null) await flushing;
}
