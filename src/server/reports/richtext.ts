import { CITE, MARKS, type Mark, type RichDoc, type RichNode } from './contract.js';

/**
 * The report's body as the web editor (tiptap / ProseMirror) saves it, and what the server makes of it. Pure.
 * The server never stores HTML from the browser: it accepts a small set of nodes and marks, and renders the HTML,
 * the plain text and the PDF blocks itself, with the merge fields' values, so that what the practitioner validates
 * is what leaves the practice.
 */
// The body's shape (nodes and marks a report may hold) is part of the API: it lives in contract.ts.
export { CITE, MARKS, richDocSchema, type Mark, type RichDoc, type RichNode } from './contract.js';

export const fieldPlaceholder = (field: string) => `[${field}]`;
const fieldValue = (fields: Record<string, string>, field: string) => fields[field]?.trim() || fieldPlaceholder(field);

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** A run of text with its marks: what a line of the PDF is made of. */
export interface Run {
  text: string;
  marks: Mark[];
}
export type Block =
  | { kind: 'paragraph'; runs: Run[] }
  | { kind: 'heading'; level: number; runs: Run[] }
  | { kind: 'item'; bullet: string; depth: number; runs: Run[] };

function runsOf(nodes: readonly RichNode[] | undefined, fields: Record<string, string>): Run[] {
  const runs: Run[] = [];
  for (const n of nodes ?? []) {
    if (n.type === 'text') runs.push({ text: n.text ?? '', marks: (n.marks ?? []).flatMap((m) => ((MARKS as readonly string[]).includes(m.type) ? [m.type as Mark] : [])) });
    else if (n.type === 'hardBreak') runs.push({ text: '\n', marks: [] });
    else if (n.type === 'mergeField') runs.push({ text: fieldValue(fields, String(n.attrs?.field ?? '')), marks: [] });
  }
  return runs;
}

/** The document as a flat list of blocks (paragraphs, headings, list items with their bullet). */
export function blocksOf(doc: RichDoc, fields: Record<string, string>): Block[] {
  const out: Block[] = [];
  const walk = (nodes: readonly RichNode[] | undefined, listDepth: number) => {
    for (const n of nodes ?? []) {
      if (n.type === 'paragraph') out.push({ kind: 'paragraph', runs: runsOf(n.content, fields) });
      else if (n.type === 'heading') out.push({ kind: 'heading', level: Number(n.attrs?.level ?? 2), runs: runsOf(n.content, fields) });
      else if (n.type === 'bulletList' || n.type === 'orderedList') {
        let i = Number(n.attrs?.start ?? 1);
        for (const item of n.content ?? []) {
          const [first, ...rest] = item.content ?? [];
          const bullet = n.type === 'bulletList' ? '•' : `${i++}.`;
          out.push({ kind: 'item', bullet, depth: listDepth, runs: first?.type === 'paragraph' ? runsOf(first.content, fields) : [] });
          walk(first?.type === 'paragraph' ? rest : item.content, listDepth + 1);
        }
      }
    }
  };
  walk(doc.content, 0);
  return out;
}

const runsText = (runs: Run[]) => runs.map((r) => r.text).join('');

/**
 * The blocks without the template headings nobody wrote under (« Motif », « Examen clinique »… left empty): a
 * heading's section runs to the next heading of the same or a higher level, and it is empty when nothing in it (its
 * sub-sections included) was written for it — blank lines, and the template's own paragraphs, filled (`templateTexts`:
 * the closing « Bien confraternellement, » that follows the last heading is not that section's content). An empty
 * section loses its heading and blank lines; the template's paragraphs stay, and every other block is kept as it was.
 * For the validated PDF: the draft keeps its headings to show what is left to write.
 */
export function withoutEmptySections(blocks: readonly Block[], templateTexts: readonly string[] = []): Block[] {
  const fromTemplate = new Set(templateTexts.map((t) => t.trim()).filter(Boolean));
  const text = (b: Block) => runsText(b.runs).trim();
  const written = (b: Block) => b.kind !== 'heading' && text(b) !== '' && !fromTemplate.has(text(b));
  const dropped = new Set<number>();
  blocks.forEach((b, i) => {
    if (b.kind !== 'heading') return;
    let end = i + 1;
    while (end < blocks.length && !(blocks[end]!.kind === 'heading' && (blocks[end] as { level: number }).level <= b.level)) end++;
    const section = blocks.slice(i + 1, end);
    if (section.some(written)) return;
    dropped.add(i);
    section.forEach((s, j) => s.kind !== 'heading' && text(s) === '' && dropped.add(i + 1 + j));
  });
  return blocks.filter((_, i) => !dropped.has(i));
}

/** The texts of a document's paragraphs and list items (not its headings), for withoutEmptySections. */
export const paragraphTexts = (blocks: readonly Block[]): string[] => blocks.filter((b) => b.kind !== 'heading').map((b) => runsText(b.runs));

/** Plain text: one block a paragraph, blank lines between them (the e-mail body, the search, the hash). */
export function renderText(doc: RichDoc, fields: Record<string, string>): string {
  return blocksOf(doc, fields)
    .map((b) => (b.kind === 'item' ? `${'  '.repeat(b.depth)}${b.bullet} ${runsText(b.runs)}` : runsText(b.runs)))
    .join('\n\n')
    .trim();
}

function htmlRuns(nodes: readonly RichNode[] | undefined, fields: Record<string, string>): string {
  return (nodes ?? [])
    .map((n) => {
      if (n.type === 'hardBreak') return '<br>';
      if (n.type === 'mergeField') return `<span class="merge-field" data-field="${escapeHtml(String(n.attrs?.field ?? ''))}">${escapeHtml(fieldValue(fields, String(n.attrs?.field ?? '')))}</span>`;
      let html = escapeHtml(n.text ?? '');
      for (const m of n.marks ?? []) html = m.type === 'bold' ? `<strong>${html}</strong>` : m.type === 'italic' ? `<em>${html}</em>` : m.type === 'underline' ? `<u>${html}</u>` : html;
      return html;
    })
    .join('');
}

/** HTML built by the server from the accepted nodes only: every text is escaped. */
export function renderHtml(doc: RichDoc, fields: Record<string, string>): string {
  const node = (n: RichNode): string => {
    switch (n.type) {
      case 'paragraph':
        return `<p>${htmlRuns(n.content, fields)}</p>`;
      case 'heading': {
        const level = Math.min(3, Math.max(1, Number(n.attrs?.level ?? 2)));
        return `<h${level}>${htmlRuns(n.content, fields)}</h${level}>`;
      }
      case 'bulletList':
        return `<ul>${(n.content ?? []).map(node).join('')}</ul>`;
      case 'orderedList':
        return `<ol>${(n.content ?? []).map(node).join('')}</ol>`;
      case 'listItem':
        return `<li>${(n.content ?? []).map(node).join('')}</li>`;
      default:
        return '';
    }
  };
  return (doc.content ?? []).map(node).join('\n');
}

/** The merge fields a document uses (an unknown one is refused before saving). */
export function fieldsUsed(doc: RichNode): string[] {
  const found = new Set<string>();
  const walk = (n: RichNode) => {
    if (n.type === 'mergeField') found.add(String(n.attrs?.field ?? ''));
    (n.content ?? []).forEach(walk);
  };
  walk(doc);
  return [...found];
}

/**
 * A document from template text: blank lines separate paragraphs, a line « # Title » is a heading, `{{field}}`
 * becomes a merge-field node, a line starting with « - » a bullet.
 */
export function docFromTemplate(text: string): RichDoc {
  const inline = (line: string): RichNode[] =>
    line.split(/(\{\{[a-z_.]+\}\})/).flatMap((part): RichNode[] => {
      const m = /^\{\{([a-z_.]+)\}\}$/.exec(part);
      if (m) return [{ type: 'mergeField', attrs: { field: m[1]! } }];
      return part ? [{ type: 'text', text: part }] : [];
    });
  const content: RichNode[] = [];
  for (const para of text.split(/\n{2,}/)) {
    const lines = para.split('\n');
    if (lines.every((l) => l.startsWith('- '))) {
      content.push({ type: 'bulletList', content: lines.map((l) => ({ type: 'listItem', content: [{ type: 'paragraph', content: inline(l.slice(2)) }] })) });
    } else if (para.startsWith('# ')) {
      content.push({ type: 'heading', attrs: { level: 2 }, content: inline(para.slice(2)) });
    } else {
      const nodes = lines.flatMap((l, i) => (i ? [{ type: 'hardBreak' }, ...inline(l)] : inline(l)));
      content.push(nodes.length ? { type: 'paragraph', content: nodes } : { type: 'paragraph' });
    }
  }
  return { type: 'doc', content };
}
