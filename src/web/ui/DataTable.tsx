import type { ReactNode, TableHTMLAttributes } from 'react';

/** A column heading: its text, or its text with a class (`num` for figures) or read by screen readers only (`hidden`). */
export type Column = ReactNode | { label: ReactNode; className?: string; hidden?: boolean };

const isColumnObject = (c: Column): c is { label: ReactNode; className?: string; hidden?: boolean } =>
  typeof c === 'object' && c !== null && 'label' in c;

/**
 * The screens' table of rows: the scrolling wrapper, the caption (for screen readers unless told otherwise) and one
 * header row of `scope="col"` cells; the rows are the children (the body). One markup for every list, so that each
 * one is read the same way by assistive technologies.
 */
export function DataTable({
  caption, captionClassName = 'visually-hidden', columns, className = 'table', testId, wrap = true, children, ...attributes
}: {
  caption?: ReactNode;
  captionClassName?: string;
  columns: readonly Column[];
  className?: string;
  testId?: string;
  /** Inside the horizontally scrolling `.table-wrap` (default), or bare (inside a dialog or a card). */
  wrap?: boolean;
  children: ReactNode;
} & Omit<TableHTMLAttributes<HTMLTableElement>, 'className' | 'children'>) {
  const table = (
    <table className={className} data-testid={testId} {...attributes}>
      {caption !== undefined && <caption className={captionClassName}>{caption}</caption>}
      <thead>
        <tr>
          {columns.map((c, i) =>
            isColumnObject(c) ? (
              <th key={i} scope="col" className={c.className}>
                {c.hidden ? <span className="visually-hidden">{c.label}</span> : c.label}
              </th>
            ) : (
              <th key={i} scope="col">{c}</th>
            ),
          )}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
  return wrap ? <div className="table-wrap">{table}</div> : table;
}
