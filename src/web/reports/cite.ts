import { Mark, mergeAttributes, type Editor } from '@tiptap/core';

/**
 * `cite`: a sentence that came from a consultation draft, with the id of the draft sentence (its transcript passage
 * shows beside the editor) and `unsourced` when no passage backs it. Not inclusive: text typed after a sentence is
 * the secretary's own, not cited. The server never prints it (src/server/reports/sources.ts).
 */
export const Cite = Mark.create({
  name: 'cite',
  inclusive: false,
  addAttributes: () => ({
    ref: { default: '', parseHTML: (el) => (el as HTMLElement).dataset.ref ?? '' },
    unsourced: { default: false, parseHTML: (el) => (el as HTMLElement).dataset.unsourced === 'true' },
  }),
  parseHTML: () => [{ tag: 'span[data-ref]' }],
  renderHTML({ HTMLAttributes, mark }) {
    const unsourced = Boolean(mark.attrs.unsourced);
    return ['span', mergeAttributes({ class: unsourced ? 'cite cite-unsourced' : 'cite', 'data-ref': String(mark.attrs.ref), 'data-unsourced': String(unsourced), 'data-testid': unsourced ? 'cite-unsourced' : 'cite' }, { title: HTMLAttributes.title })];
  },
});

/** The cited sentence at the caret, if any. */
export function citeAtSelection(editor: Editor): string | null {
  const { $from } = editor.state.selection;
  const marks = [...($from.marks() ?? []), ...($from.nodeAfter?.marks ?? [])];
  const cite = marks.find((m) => m.type.name === 'cite');
  return cite ? String(cite.attrs.ref) : null;
}

/** Puts the caret at the start of a cited sentence and shows it. */
export function focusCite(editor: Editor, ref: string): void {
  let at: number | null = null;
  editor.state.doc.descendants((node, pos) => {
    if (at !== null) return false;
    if (node.isText && node.marks.some((m) => m.type.name === 'cite' && m.attrs.ref === ref)) at = pos;
    return true;
  });
  if (at !== null) editor.chain().focus().setTextSelection(at).scrollIntoView().run();
}
