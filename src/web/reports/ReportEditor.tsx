import { useEffect, useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { mergeAttributes, Node, type Editor, type JSONContent } from '@tiptap/core';
import { EditorContent, useEditor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import type { EditorView } from '@tiptap/pm/view';
import { LiveMessage } from '../ui/Alert';
import { reportsApi } from './api';
import { spellErrorText } from './PracticeDictionaryPage';
import { markAt, marksFrom, SpellCheck, spellKey, textOf, type SpellMark } from './spell';
import { Cite, citeAtSelection } from './cite';

/** A merge field ({{patient.nom}}…): an atom the server fills; the editor shows the value it will print. */
const MergeField = Node.create<{ values: Record<string, string> }>({
  name: 'mergeField',
  group: 'inline',
  inline: true,
  atom: true,
  selectable: true,
  addOptions: () => ({ values: {} }),
  addAttributes: () => ({ field: { default: '' } }),
  parseHTML: () => [{ tag: 'span[data-field]', getAttrs: (el) => ({ field: (el as HTMLElement).dataset.field ?? '' }) }],
  renderHTML({ node, HTMLAttributes }) {
    const field = String(node.attrs.field);
    return ['span', mergeAttributes(HTMLAttributes, { class: 'merge-field', 'data-field': field, title: `{{${field}}}` }), this.options.values[field] || `[${field}]`];
  },
  renderText({ node }) {
    return this.options.values[String(node.attrs.field)] ?? '';
  },
});

interface Menu { mark: SpellMark; x: number; y: number }

/**
 * The report's text: tiptap (ProseMirror) with the formats the server accepts (headings, lists, bold, italic,
 * underline), merge fields, and spell-check marks. A flagged word's suggestions open with a right-click, Shift+F10,
 * the context-menu key or Alt+Enter; arrows choose, Enter applies, Escape goes back to the text. The menu also
 * ignores the word in this report, or adds it to the practice dictionary.
 */
export function ReportEditor({ content, values, fields, editable, onChange, onReady, labelledBy, onCite }: {
  content: JSONContent;
  values: Record<string, string>;
  fields: string[];
  editable: boolean;
  onChange: () => void;
  onReady: (editor: Editor) => void;
  labelledBy: string;
  /** The cited sentence (from a consultation draft) under the caret, for its source beside the editor. */
  onCite?: (ref: string | null) => void;
}) {
  const { t } = useTranslation();
  const [menu, setMenu] = useState<Menu | null>(null);
  const [ignored, setIgnored] = useState<string[]>([]);
  const [checked, setChecked] = useState(0);
  const [notice, setNotice] = useState<{ text: string; tone: 'success' | 'error' } | null>(null);
  const timer = useRef<number | undefined>(undefined);
  const editor = useEditor({
    extensions: [
      StarterKit.configure({ blockquote: false, codeBlock: false, code: false, horizontalRule: false, strike: false, link: false, heading: { levels: [1, 2, 3] } }),
      MergeField.configure({ values }),
      SpellCheck,
      Cite,
    ],
    content,
    editable,
    editorProps: {
      attributes: { class: 'report-editor-text', role: 'textbox', 'aria-multiline': 'true', 'aria-labelledby': labelledBy, 'data-testid': 'report-editor' },
      handleDOMEvents: {
        contextmenu(view, event) {
          const keyboard = event.clientX === 0 && event.clientY === 0;
          const pos = keyboard ? view.state.selection.from : view.posAtCoords({ left: event.clientX, top: event.clientY })?.pos;
          return pos !== undefined && openAt(view, pos, event);
        },
      },
      handleKeyDown(view, event) {
        if ((event.shiftKey && event.key === 'F10') || event.key === 'ContextMenu' || (event.altKey && event.key === 'Enter')) {
          return openAt(view, view.state.selection.from, event);
        }
        return false;
      },
    },
    onUpdate() {
      onChange();
      schedule();
    },
    onSelectionUpdate({ editor: e }) {
      onCite?.(citeAtSelection(e));
    },
  });

  // The view is the one ProseMirror hands to its handlers (they are created once, with the first render's closure).
  function openAt(view: EditorView, pos: number, event: Event): boolean {
    const mark = markAt(spellKey.getState(view.state)?.marks ?? [], pos);
    if (!mark) return false;
    event.preventDefault();
    const coords = view.coordsAtPos(mark.from);
    setMenu({ mark, x: coords.left, y: coords.bottom + 4 });
    return true;
  }

  function schedule() {
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => setChecked((n) => n + 1), 500);
  }

  useEffect(() => {
    if (editor && editor.isEditable !== editable) editor.setEditable(editable);
  }, [editor, editable]);

  useEffect(() => {
    if (editor) onReady(editor);
  }, [editor]); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => {
    if (!editor) return;
    let current = true;
    const { text, segments } = textOf(editor.state.doc);
    const doc = editor.state.doc;
    reportsApi.spellcheck(text.slice(0, 20_000), ignored).then(
      ({ issues }) => {
        if (!current || editor.isDestroyed || editor.state.doc !== doc) return;
        editor.view.dispatch(editor.state.tr.setMeta(spellKey, marksFrom(issues, segments)).setMeta('addToHistory', false));
      },
      () => undefined, // the check is a help: a failed one leaves the text as it is
    );
    return () => {
      current = false;
    };
  }, [editor, checked, ignored]);

  useEffect(() => () => window.clearTimeout(timer.current), []);

  function apply(mark: SpellMark, word: string) {
    if (!editor) return;
    editor.chain().focus().insertContentAt({ from: mark.from, to: mark.to }, word).run();
    setMenu(null);
  }

  /** The word goes to the practice dictionary (for everyone in the practice), then the text is checked again. */
  function addToDictionary(mark: SpellMark) {
    setMenu(null);
    editor?.commands.focus();
    reportsApi.addPracticeWord(mark.word).then(
      () => setNotice({ text: t('reports.spell.addedToDictionary', { word: mark.word }), tone: 'success' }),
      (err: unknown) => setNotice({ text: spellErrorText(err), tone: 'error' }),
    ).finally(() => setChecked((n) => n + 1));
  }

  return (
    <div className="report-editor">
      {editable && editor && <Toolbar editor={editor} fields={fields} values={values} />}
      <EditorContent editor={editor} />
      {menu && (
        <SuggestionMenu
          menu={menu}
          onApply={(w) => apply(menu.mark, w)}
          onAdd={() => addToDictionary(menu.mark)}
          addLabel={t('reports.spell.addToDictionary')}
          onIgnore={() => {
            setIgnored((l) => [...l, menu.mark.word]);
            setMenu(null);
            editor?.commands.focus();
          }}
          onClose={() => {
            setMenu(null);
            editor?.commands.focus();
          }}
          noSuggestion={t('reports.spell.none')}
          ignoreLabel={t('reports.spell.ignore', { word: menu.mark.word })}
          label={t('reports.spell.menu', { word: menu.mark.word })}
        />
      )}
      <LiveMessage message={notice?.text ?? null} tone={notice?.tone} />
    </div>
  );
}

function SuggestionMenu({ menu, onApply, onIgnore, onAdd, onClose, noSuggestion, ignoreLabel, addLabel, label }: {
  menu: Menu; onApply: (w: string) => void; onIgnore: () => void; onAdd: () => void; onClose: () => void; noSuggestion: string; ignoreLabel: string; addLabel: string; label: string;
}) {
  const ref = useRef<HTMLUListElement>(null);
  useEffect(() => {
    ref.current?.querySelector<HTMLButtonElement>('button')?.focus();
  }, []);
  function onKeyDown(e: ReactKeyboardEvent) {
    const buttons = [...(ref.current?.querySelectorAll<HTMLButtonElement>('button') ?? [])];
    const i = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      buttons[(i + (e.key === 'ArrowDown' ? 1 : buttons.length - 1)) % buttons.length]?.focus();
    } else if (e.key === 'Escape' || e.key === 'Tab') {
      e.preventDefault();
      onClose();
    }
  }
  return (
    <ul ref={ref} role="menu" aria-label={label} className="spell-menu" style={{ left: menu.x, top: menu.y }} onKeyDown={onKeyDown} data-testid="spell-menu">
      {menu.mark.suggestions.length === 0 && <li role="none" className="spell-none">{noSuggestion}</li>}
      {menu.mark.suggestions.map((s) => (
        <li role="none" key={s}><button type="button" role="menuitem" onClick={() => onApply(s)} data-testid="spell-suggestion">{s}</button></li>
      ))}
      <li role="none"><button type="button" role="menuitem" onClick={onIgnore} data-testid="spell-ignore">{ignoreLabel}</button></li>
      <li role="none"><button type="button" role="menuitem" onClick={onAdd} data-testid="spell-add-dictionary">{addLabel}</button></li>
    </ul>
  );
}

function Toolbar({ editor, fields, values }: { editor: Editor; fields: string[]; values: Record<string, string> }) {
  const { t } = useTranslation();
  const button = (key: string, active: boolean, run: () => void, shortcut: string) => (
    <button type="button" className={`button button-small${active ? ' is-active' : ''}`} aria-pressed={active} onClick={run} title={shortcut} data-testid={`format-${key}`}>
      {t(`reports.editor.${key}`)}
    </button>
  );
  return (
    <div className="report-toolbar" role="toolbar" aria-label={t('reports.editor.toolbar')}>
      {button('bold', editor.isActive('bold'), () => editor.chain().focus().toggleBold().run(), 'Ctrl+B')}
      {button('italic', editor.isActive('italic'), () => editor.chain().focus().toggleItalic().run(), 'Ctrl+I')}
      {button('underline', editor.isActive('underline'), () => editor.chain().focus().toggleUnderline().run(), 'Ctrl+U')}
      {button('heading', editor.isActive('heading'), () => editor.chain().focus().toggleHeading({ level: 2 }).run(), 'Ctrl+Alt+2')}
      {button('list', editor.isActive('bulletList'), () => editor.chain().focus().toggleBulletList().run(), 'Ctrl+Shift+8')}
      <select
        aria-label={t('reports.editor.insertField')}
        value=""
        onChange={(e) => {
          if (e.target.value) editor.chain().focus().insertContent({ type: 'mergeField', attrs: { field: e.target.value } }).run();
        }}
        data-testid="insert-field"
      >
        <option value="">{t('reports.editor.insertField')}</option>
        {fields.map((f) => <option key={f} value={f}>{`{{${f}}}`}{values[f] ? ` — ${values[f]}` : ''}</option>)}
      </select>
    </div>
  );
}
