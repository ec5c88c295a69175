import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../ui/Alert';
import { formatDate, formatDateTime } from '../ui/format';
import { useLoad } from '../ui/useLoad';
import { BooksFrame, BooksTable, type BooksContext } from './BooksFrame';
import { booksApi } from './books-api';

/**
 * #/facturation/livres/export — the accountant's export: a period, the FEC (BNC, cash basis) and the same entries
 * in CSV, downloaded from the server (which checks the file and records who, when, period and SHA-256), and the
 * register of past exports.
 */
export function ExportsPage() {
  return <BooksFrame tab="exports">{(c) => <ExportsBody key={c.practitionerId} {...c} />}</BooksFrame>;
}

function ExportsBody({ practitionerId, today }: BooksContext) {
  const { t } = useTranslation();
  const id = useId();
  const [from, setFrom] = useState(`${today.slice(0, 4)}-01-01`);
  const [to, setTo] = useState(today);
  const log = useLoad(() => booksApi.exports(practitionerId), [practitionerId]);
  // The download is the browser's (an attachment); the register is read again once the server has recorded it.
  const refreshSoon = () => window.setTimeout(log.reload, 1500);
  const valid = from <= to;

  return (
    <>
      <section className="card" aria-labelledby={`${id}-h`}>
        <h2 id={`${id}-h`}>{t('billing.booksUi.exports.period')}</h2>
        <p className="muted">{t('billing.booksUi.exports.intro')}</p>
        <div className="billing-filters">
          <div className="field"><label htmlFor={`${id}-f`}>{t('billing.books.from')}</label><input id={`${id}-f`} type="date" value={from} max={to} onChange={(e) => e.target.value && setFrom(e.target.value)} data-testid="export-from" /></div>
          <div className="field"><label htmlFor={`${id}-t`}>{t('billing.books.to')}</label><input id={`${id}-t`} type="date" value={to} min={from} max={today} onChange={(e) => e.target.value && setTo(e.target.value)} data-testid="export-to" /></div>
          <a className="button button-primary" href={valid ? booksApi.exportUrl('fec', practitionerId, from, to) : undefined} aria-disabled={!valid} download onClick={refreshSoon} data-testid="export-fec">{t('billing.booksUi.exports.fec')}</a>
          <a className="button" href={valid ? booksApi.exportUrl('csv', practitionerId, from, to) : undefined} aria-disabled={!valid} download onClick={refreshSoon} data-testid="export-csv">{t('billing.booksUi.exports.csv')}</a>
        </div>
      </section>
      {(log.data || log.error) && (
        <BooksTable title={t('billing.booksUi.exports.log')} error={log.error} emptyTestId="exports-empty" empty={log.data?.exports.length === 0 ? t('billing.booksUi.exports.none') : null}
          actions={<button type="button" className="button button-small" onClick={log.reload}>{t('common.refresh')}</button>}>
            <table className="table table-dense" data-testid="exports-table">
              <thead>
                <tr>
                  <th scope="col">{t('billing.booksUi.exports.when')}</th><th scope="col">{t('billing.booksUi.exports.who')}</th><th scope="col">{t('billing.booksUi.exports.format')}</th>
                  <th scope="col">{t('billing.booksUi.exports.period')}</th><th scope="col" className="num">{t('billing.booksUi.exports.entries')}</th><th scope="col">{t('billing.booksUi.exports.file')}</th><th scope="col">{t('billing.booksUi.exports.hash')}</th>
                </tr>
              </thead>
              <tbody>
                {(log.data?.exports ?? []).map((e) => (
                  <tr key={e.id} data-testid="export-row">
                    <td>{formatDateTime(e.exportedAt)}</td><td>{e.exportedBy}</td><td>{e.format.toUpperCase()}</td>
                    <td>{formatDate(e.from, { style: 'compact' })} – {formatDate(e.to, { style: 'compact' })}</td><td className="num">{e.entries}</td>
                    <td><code>{e.fileName}</code></td><td><code className="books-hash" title={e.sha256}>{e.sha256.slice(0, 16)}…</code></td>
                  </tr>
                ))}
              </tbody>
            </table>
        </BooksTable>
      )}
    </>
  );
}
