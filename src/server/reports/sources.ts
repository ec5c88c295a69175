import { CITE, docFromTemplate, type RichDoc, type RichNode } from './richtext.js';

/**
 * A report drafted from a consultation draft (the consultation assistant): each sentence of the draft becomes text
 * carrying a `cite` mark with the id of the draft sentence, so the editor can show its transcript passage beside it.
 * A sentence whose passage does not back it (no source, or words not in it) is marked `unsourced`: the report cannot
 * be validated while such a sentence still reads exactly as the draft wrote it — a person must reword it (or delete
 * it). Pure.
 */
export interface SourceSentence {
  id: string;
  section: string;
  text: string;
  source: { start: number; end: number } | null;
  unsourced: boolean;
}

/** The draft as report body: the template's opening, one heading and one paragraph per section, the closing. */
export function draftDoc(sentences: readonly SourceSentence[], heading: (section: string) => string, opening: string, closing: string): RichDoc {
  const content: RichNode[] = [...(docFromTemplate(opening).content ?? [])];
  const sections = [...new Set(sentences.map((s) => s.section))];
  for (const section of sections) {
    content.push({ type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: heading(section) }] });
    const runs: RichNode[] = [];
    for (const s of sentences.filter((x) => x.section === section)) {
      if (!s.text.trim()) continue;
      if (runs.length) runs.push({ type: 'text', text: ' ' });
      runs.push({ type: 'text', text: s.text, marks: [{ type: CITE, attrs: { ref: s.id, unsourced: s.unsourced } }] });
    }
    content.push(runs.length ? { type: 'paragraph', content: runs } : { type: 'paragraph' });
  }
  content.push(...(docFromTemplate(closing).content ?? []));
  return { type: 'doc', content };
}

/** The text each cited sentence has now in the document (its runs joined, wherever the editor split them). */
export function citedTexts(doc: RichNode): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (n: RichNode) => {
    if (n.type === 'text') {
      const cite = n.marks?.find((m) => m.type === CITE);
      const ref = cite ? String(cite.attrs?.ref ?? '') : '';
      if (ref) out.set(ref, (out.get(ref) ?? '') + (n.text ?? ''));
    }
    (n.content ?? []).forEach(walk);
  };
  walk(doc);
  return out;
}

const same = (a: string, b: string) => a.replace(/\s+/gu, ' ').trim() === b.replace(/\s+/gu, ' ').trim();

/** The unsourced sentences still in the document exactly as drafted: they block validation. */
export function blockingSentences(doc: RichNode, sentences: readonly SourceSentence[]): string[] {
  const now = citedTexts(doc);
  return sentences.filter((s) => s.unsourced && now.has(s.id) && same(now.get(s.id)!, s.text)).map((s) => s.id);
}
