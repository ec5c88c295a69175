import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderHtml, renderText, richDocSchema, type RichDoc, type RichNode } from './richtext.js';
import { blockingSentences, citedTexts, draftDoc, type SourceSentence } from './sources.js';

const SECTIONS = ['reason', 'history', 'examination', 'conclusion'];
const sentenceText = fc.stringMatching(/^[A-Za-zéèà][a-zéèà ,]{2,40}\.$/);
const sentences = fc
  .array(fc.record({ section: fc.constantFrom(...SECTIONS), text: sentenceText, unsourced: fc.boolean() }), { minLength: 1, maxLength: 12 })
  .map((list) => list.map((s, i): SourceSentence => ({ ...s, id: `s${i}`, source: s.unsourced ? null : { start: i, end: i + 1 } })));
const doc = (list: SourceSentence[]) => draftDoc(list, (s) => `# ${s}`, 'Cher confrère,', 'Bien confraternellement,');

/** Every text node of the document, by reference, in order. */
function texts(n: RichNode, out: RichNode[] = []): RichNode[] {
  if (n.type === 'text') out.push(n);
  (n.content ?? []).forEach((c) => texts(c, out));
  return out;
}
const stripCites = (d: RichDoc): RichDoc => JSON.parse(JSON.stringify(d, (k, v) => (k === 'marks' ? undefined : v))) as RichDoc;

describe('a report drafted from a consultation draft', () => {
  it('cites every sentence once, is a valid report body, and prints exactly as without the marks', () => {
    fc.assert(
      fc.property(sentences, (list) => {
        const d = doc(list);
        expect(richDocSchema.safeParse(d).success).toBe(true);
        expect(new Map([...citedTexts(d)])).toEqual(new Map(list.map((s) => [s.id, s.text])));
        expect(renderHtml(d, {})).toBe(renderHtml(stripCites(d), {}));
        for (const s of list) expect(renderText(d, {})).toContain(s.text);
      }),
    );
  });

  it('blocks validation on exactly the unsourced sentences left as drafted', () => {
    fc.assert(
      fc.property(sentences, (list) => {
        expect(blockingSentences(doc(list), list).sort()).toEqual(list.filter((s) => s.unsourced).map((s) => s.id).sort());
      }),
    );
  });

  it('an unsourced sentence reworded (even by one letter, even split into runs by a format) or deleted no longer blocks; the others still do', () => {
    fc.assert(
      fc.property(sentences, fc.nat(), fc.constantFrom('reword', 'split', 'delete'), (list, pick, how) => {
        const unsourced = list.filter((s) => s.unsourced);
        fc.pre(unsourced.length > 0);
        const target = unsourced[pick % unsourced.length]!;
        const d = doc(list);
        const node = texts(d).find((n) => n.marks?.some((m) => m.attrs?.ref === target.id))!;
        if (how === 'reword') node.text = `${node.text!.slice(0, -1)} ok.`;
        if (how === 'delete') node.text = ' ';
        if (how === 'split') {
          // Bold on the first letter: two runs with the same cite, same text — still as drafted, still blocking.
          const para = (function find(n: RichNode): RichNode | undefined {
            if (n.content?.includes(node)) return n;
            for (const c of n.content ?? []) { const f = find(c); if (f) return f; }
            return undefined;
          })(d)!;
          const i = para.content!.indexOf(node);
          para.content!.splice(i, 1, { ...node, text: node.text!.slice(0, 1), marks: [...node.marks!, { type: 'bold' }] }, { ...node, text: node.text!.slice(1) });
        }
        if (how === 'delete') for (const n of texts(d)) if (n === node) n.marks = [];
        const blocking = blockingSentences(d, list);
        const others = unsourced.filter((s) => s.id !== target.id).map((s) => s.id);
        expect(blocking.sort()).toEqual((how === 'split' ? [...others, target.id] : others).sort());
      }),
    );
  });
});
