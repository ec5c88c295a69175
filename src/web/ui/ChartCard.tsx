import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A chart with its CSV download and its data as a table (for screen readers and for checking a figure): the desk
 * statistics and the billing charts share it. `csv` is a URL (a server export or a data: URL built in the page).
 */
export function ChartCard({ id: key, wide, title, csv, csvName, note, data, children, testPrefix = 'stats' }: {
  id: string; wide?: boolean; title: string; csv: string; csvName?: string; note?: string; data: ReactNode; children: ReactNode; testPrefix?: string;
}) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <section className={`card ds-card${wide ? ' ds-card-wide' : ''}`} aria-labelledby={`${id}-t`} data-testid={`${testPrefix}-chart-${key}`}>
      <div className="ds-card-head">
        <h2 id={`${id}-t`}>{title}</h2>
        <a className="button button-small" href={csv} download={csvName ?? true} data-testid={`${testPrefix}-csv-${key}`}>{t('deskStats.csv')}<span className="visually-hidden"> — {title}</span></a>
      </div>
      {note && <p className="muted ds-note">{note}</p>}
      <div className="ds-canvas">{children}</div>
      <details className="ds-data">
        <summary>{t('deskStats.showData')}<span className="visually-hidden"> — {title}</span></summary>
        {/* Focusable: a long table scrolls inside the card, and the keyboard must reach it (axe: scrollable-region-focusable). */}
        <div className="ds-data-scroll" tabIndex={0} role="region" aria-label={title}>{data}</div>
      </details>
    </section>
  );
}

export function DataTable({ head, rows, numeric }: { head: string[]; rows: (string | number)[][]; numeric?: boolean }) {
  return (
    <div className="table-wrap">
      <table className="table table-dense">
        <thead><tr>{head.map((h, j) => <th key={h} scope="col" className={numeric && j > 0 ? 'num' : undefined}>{h}</th>)}</tr></thead>
        <tbody>{rows.map((r, i) => <tr key={i}>{r.map((c, j) => (j === 0 ? <th key={j} scope="row">{c}</th> : <td key={j} className={numeric ? 'num' : undefined}>{c}</td>))}</tr>)}</tbody>
      </table>
    </div>
  );
}

/** A CSV file (semicolon-separated, UTF-8 with BOM, as French spreadsheets expect) as a data: URL for a download link. */
export function csvDataUrl(head: string[], rows: (string | number)[][]): string {
  const cell = (v: string | number) => {
    const s = String(v);
    return /[";\r\n]/.test(s) || /^[=+\-@]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const text = `\uFEFF${[head, ...rows].map((r) => r.map(cell).join(';')).join('\r\n')}\r\n`;
  return `data:text/csv;charset=utf-8,${encodeURIComponent(text)}`;
}
