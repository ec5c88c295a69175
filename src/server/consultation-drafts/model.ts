import { checkSentence, type DraftSentence, type Section } from './rules.js';

/**
 * The optional language-model adapter (off by default: no model is wired in compose.ts). Whatever a model
 * proposes goes through the same check as the rules' sentences: a sentence whose cited passage does not contain
 * its words loses its source and is shown « sans source » — it cannot be validated as is.
 */
export interface DraftLanguageModel {
  readonly name: string;
  propose(transcript: string): Promise<{ section: Section; text: string; source: { start: number; end: number } | null }[]>;
}

export async function modelSentences(model: DraftLanguageModel, transcript: string): Promise<DraftSentence[]> {
  const proposed = await model.propose(transcript);
  return proposed.map((p, i) => ({ id: `m${i}`, section: p.section, text: p.text, source: checkSentence(transcript, p) === null ? p.source : null }));
}
