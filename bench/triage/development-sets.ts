/**
 * Labelled sets written as held-out sets, scored once, and read since: they are development
 * data now, and the intent, same-day and vital models train on them (other writers' wordings
 * and labelling habits). A new held-out set is added here only after its one scoring.
 */
import { fileURLToPath } from 'node:url';

const at = (p: string): string => fileURLToPath(new URL(p, import.meta.url));

export const DEVELOPMENT_SETS: readonly string[] = [
  at('./heldout/heldout-2.jsonl'),
  at('./heldout/heldout-3.jsonl'),
  at('./heldout/heldout-4.jsonl'),
  at('./heldout/heldout-5.jsonl'),
  at('./heldout/heldout-6.jsonl'),
  at('./heldout/heldout-7.jsonl'),
  at('./heldout/heldout-8.jsonl'),
  at('./heldout/heldout-9.jsonl'),
  at('./heldout/heldout-10.jsonl'),
  at('./heldout/heldout-11.jsonl'),
  at('./validation/validation-3.jsonl'),
];
