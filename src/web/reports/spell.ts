// Spell-check marks in the editor: decorations (never marks in the document, so nothing of them is saved) from
// the server's checker (POST /api/spellcheck). The text sent is the document's text block by block; each issue's
// UTF-16 offsets are mapped back to document positions.
import { Extension } from '@tiptap/core';
import type { Node as PmNode } from '@tiptap/pm/model';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import type { SpellIssue } from './api';

export interface SpellMark { from: number; to: number; word: string; suggestions: string[] }
interface Segment { start: number; pos: number; length: number }

/** The document's text (blocks separated by a blank line, a merge field as a space) and where each piece sits. */
export function textOf(doc: PmNode): { text: string; segments: Segment[] } {
  let text = '';
  const segments: Segment[] = [];
  doc.descendants((node, pos) => {
    if (node.isTextblock && text.length) text += '\n\n';
    if (node.isText) {
      segments.push({ start: text.length, pos, length: node.text!.length });
      text += node.text;
    } else if (node.isInline && node.isAtom) text += ' ';
    else if (node.type.name === 'hardBreak') text += '\n';
    return true;
  });
  return { text, segments };
}

export function marksFrom(issues: SpellIssue[], segments: Segment[]): SpellMark[] {
  const out: SpellMark[] = [];
  for (const i of issues) {
    const seg = segments.find((s) => i.start >= s.start && i.end <= s.start + s.length);
    if (seg) out.push({ from: seg.pos + (i.start - seg.start), to: seg.pos + (i.end - seg.start), word: i.word, suggestions: i.suggestions });
  }
  return out;
}

interface SpellState { marks: SpellMark[]; set: DecorationSet }
export const spellKey = new PluginKey<SpellState>('spellcheck');

const decorations = (doc: PmNode, marks: SpellMark[]) =>
  DecorationSet.create(doc, marks.map((m, n) => Decoration.inline(m.from, m.to, { class: 'spell-error', 'data-spell': String(n), 'data-testid': 'spell-error' }, { mark: m })));

/** Holds the marks; a transaction with meta `spellcheck` replaces them, an edit maps them (and drops the ones it touched). */
export const SpellCheck = Extension.create({
  name: 'spellcheck',
  addProseMirrorPlugins() {
    return [
      new Plugin<SpellState>({
        key: spellKey,
        state: {
          init: (): SpellState => ({ marks: [], set: DecorationSet.empty }),
          apply(tr, value) {
            const next = tr.getMeta(spellKey) as SpellMark[] | undefined;
            if (next) return { marks: next, set: decorations(tr.doc, next) };
            if (!tr.docChanged) return value;
            const set = value.set.map(tr.mapping, tr.doc);
            const marks = set.find().map((d) => ({ ...(d.spec as { mark: SpellMark }).mark, from: d.from, to: d.to })).filter((m) => tr.doc.textBetween(m.from, m.to) === m.word);
            return { marks, set: decorations(tr.doc, marks) };
          },
        },
        props: { decorations: (state) => spellKey.getState(state)?.set },
      }),
    ];
  },
});

export const markAt = (marks: SpellMark[], pos: number) => marks.find((m) => pos >= m.from && pos <= m.to);
