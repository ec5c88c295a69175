import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, LiveMessage } from '../ui/Alert';
import { Dialog } from '../ui/Dialog';
import { formatDate, formatMoney, uiLang } from '../ui/format';
import { useLoad } from '../ui/useLoad';
import { BooksFrame, type BooksContext } from './BooksFrame';
import { ReasonDialog } from './ReasonDialog';
import { booksApi, type BookEntry, type DayBook, type Means } from './books-api';

const MEANS: Means[] = ['cash', 'card', 'cheque', 'transfer'];
type Day = DayBook['days'][number];

/**
 * #/facturation/livres — the practitioner's day book (livre-journal des recettes): each receipt in the column of
 * its means of payment, small cash grouped per day if the practitioner chose so, day totals; a day is closed from
 * here (locked in the database) and a later correction appears as a reversing entry on the day it was made.
 */
export function DayBookPage() {
  return <BooksFrame tab="daybook">{(c) => <DayBookBody key={c.practitionerId} {...c} />}</BooksFrame>;
}

function DayBookBody({ practitionerId, practitionerName, today }: BooksContext) {
  const { t } = useTranslation();
  const lang = uiLang();
  const id = useId();
  const [from, setFrom] = useState(`${today.slice(0, 8)}01`);
  const [to, setTo] = useState(today);
  const book = useLoad(() => booksApi.dayBook(practitionerId, from, to), [practitionerId, from, to]);
  const [closing, setClosing] = useState<string | null>(null);
  const [reversing, setReversing] = useState<BookEntry | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const b = book.data;
  const todayClosed = b?.closedDays.includes(today) ?? false;
  const saveSettings = async (patch: Partial<DayBook['settings']>) => {
    if (!b) return;
    await booksApi.saveSettings(practitionerId, { ...b.settings, ...patch });
    book.reload();
  };
  const money = (c: number | undefined) => (c ? formatMoney(c, lang) : '');
  const dayOf = (d: string): Day => b?.days.find((x) => x.day === d) ?? { day: d, byMeans: {}, totalCents: 0, entries: 0, closed: b?.closedDays.includes(d) ?? false };
  const days = b ? [...new Set(b.lines.map((l) => l.day))].sort() : [];
  const sumMeans = (m: Means) => (b?.days ?? []).reduce((s, d) => s + (d.byMeans[m] ?? 0), 0);

  return (
    <>
      <div className="billing-filters no-print">
        <div className="field"><label htmlFor={`${id}-f`}>{t('billing.books.from')}</label><input id={`${id}-f`} type="date" value={from} max={to} onChange={(e) => e.target.value && setFrom(e.target.value)} data-testid="daybook-from" /></div>
        <div className="field"><label htmlFor={`${id}-t`}>{t('billing.books.to')}</label><input id={`${id}-t`} type="date" value={to} min={from} onChange={(e) => e.target.value && setTo(e.target.value)} data-testid="daybook-to" /></div>
        {b && (
          <fieldset className="books-settings">
            <legend>{t('billing.booksUi.daybook.settings')}</legend>
            <label><input type="radio" name={`${id}-label`} checked={b.settings.patientLabel === 'reference'} onChange={() => void saveSettings({ patientLabel: 'reference' })} /> {t('billing.booksUi.daybook.byReference')}</label>
            <label><input type="radio" name={`${id}-label`} checked={b.settings.patientLabel === 'name'} onChange={() => void saveSettings({ patientLabel: 'name' })} data-testid="daybook-by-name" /> {t('billing.booksUi.daybook.byName')}</label>
            <label><input type="checkbox" checked={b.settings.groupSmallCash} onChange={(e) => void saveSettings({ groupSmallCash: e.target.checked })} data-testid="daybook-group-cash" /> {t('billing.booksUi.daybook.groupCash')}</label>
          </fieldset>
        )}
        <div className="books-actions">
          <button type="button" className="button" onClick={() => window.print()} data-testid="daybook-print">{t('billing.booksUi.print')}</button>
          {todayClosed
            ? <span className="badge badge-success" data-testid="daybook-today-closed">{t('billing.booksUi.daybook.todayClosed')}</span>
            : <button type="button" className="button button-primary" onClick={() => setClosing(today)} data-testid="daybook-close-today">{t('billing.booksUi.daybook.closeToday')}</button>}
        </div>
      </div>
      <p className="print-only">{t('billing.booksUi.daybook.printHead', { name: practitionerName, from: formatDate(from), to: formatDate(to) })}</p>
      <LiveMessage message={message} />
      {book.error && <Alert tone="error">{book.error.message}</Alert>}
      {b && b.lines.length === 0 && <p className="muted" data-testid="daybook-empty">{t('billing.booksUi.daybook.empty')}</p>}
      {b && b.lines.length > 0 && (
        <div className="table-wrap">
          <table className="table table-dense books-table" data-testid="daybook-table">
            <caption className="visually-hidden">{t('billing.booksUi.tab.daybook')} — {practitionerName}</caption>
            <thead>
              <tr>
                <th scope="col">{t('billing.booksUi.daybook.date')}</th><th scope="col">{t('billing.booksUi.daybook.piece')}</th><th scope="col">{t('billing.booksUi.daybook.patient')}</th>
                {MEANS.map((m) => <th key={m} scope="col" className="num">{t(`billing.booksUi.means.${m}`)}</th>)}
                <th scope="col">{t('billing.booksUi.daybook.detail')}</th><th scope="col" className="no-print"><span className="visually-hidden">{t('billing.desk.col.actions')}</span></th>
              </tr>
            </thead>
            {days.map((d) => {
              const totals = dayOf(d);
              return (
                <tbody key={d} data-testid="daybook-day" data-day={d} data-closed={totals.closed ? 'true' : 'false'}>
                  {b.lines.filter((l) => l.day === d).map((l, i) => (
                    <tr key={l.kind === 'cash_group' ? `g${i}` : l.id} className={l.kind === 'reversal' ? 'books-reversal' : undefined} data-testid={`daybook-line-${l.kind}`}>
                      <td>{formatDate(l.day, { style: 'compact' })}</td>
                      <td>{l.kind === 'cash_group' ? '' : (l.receiptNumber ?? '')}</td>
                      <td>{l.kind === 'cash_group' ? t('billing.booksUi.daybook.cashGroup', { count: l.count }) : l.patient}</td>
                      {MEANS.map((m) => <td key={m} className="num">{l.means === m ? formatMoney(l.amountCents, lang) : ''}</td>)}
                      <td>{l.kind === 'reversal' ? t('billing.booksUi.daybook.reversal') : l.kind === 'payment' && l.cheque ? `${l.cheque.bank} n° ${l.cheque.number}` : ''}</td>
                      <td className="no-print">
                        {l.kind === 'payment' && !todayClosed && !b.lines.some((x) => x.kind === 'reversal' && x.reversesPaymentId === l.id) && (
                          <button type="button" className="button button-small" onClick={() => setReversing(l)} data-testid="daybook-reverse">
                            {t('billing.booksUi.daybook.reverse')}<span className="visually-hidden"> — {l.patient} {formatMoney(l.amountCents, lang)}</span>
                          </button>
                        )}
                      </td>
                    </tr>
                  ))}
                  <tr className="books-day-total">
                    <th scope="row" colSpan={3}>{t('billing.booksUi.daybook.dayTotal', { day: formatDate(d) })} — {formatMoney(totals.totalCents, lang)}</th>
                    {MEANS.map((m) => <td key={m} className="num">{money(totals.byMeans[m])}</td>)}
                    <td colSpan={2}>
                      {totals.closed
                        ? <span className="badge badge-success" data-testid="daybook-closed">{t('billing.booksUi.daybook.closed')}</span>
                        : d <= today && <button type="button" className="button button-small no-print" onClick={() => setClosing(d)} data-testid="daybook-close">{t('billing.booksUi.daybook.close')}<span className="visually-hidden"> — {formatDate(d)}</span></button>}
                    </td>
                  </tr>
                </tbody>
              );
            })}
            <tfoot>
              <tr>
                <th scope="row" colSpan={3}>{t('billing.booksUi.daybook.total')} — {formatMoney(b.totalCents, lang)}</th>
                {MEANS.map((m) => <td key={m} className="num" data-testid={`daybook-total-${m}`}>{formatMoney(sumMeans(m), lang)}</td>)}
                <td colSpan={2} />
              </tr>
            </tfoot>
          </table>
        </div>
      )}
      <CloseDayDialog day={closing} totals={closing ? dayOf(closing) : null} practitionerId={practitionerId} practitionerName={practitionerName}
        onClose={() => setClosing(null)} onDone={(m) => { setClosing(null); setMessage(m); book.reload(); }} />
      <ReasonDialog open={reversing !== null} title={t('billing.booksUi.daybook.reverseTitle')} testId="reverse-dialog" submitLabel={t('billing.booksUi.daybook.reverse')}
        intro={reversing && t('billing.booksUi.daybook.reverseIntro', { amount: formatMoney(reversing.amountCents, lang), day: formatDate(reversing.day), patient: reversing.patient })}
        onSubmit={async (reason) => {
          await booksApi.reversePayment(reversing!.id, reason);
          return t('billing.booksUi.daybook.reversedMessage', { amount: formatMoney(reversing!.amountCents, lang) });
        }}
        onClose={() => setReversing(null)} onDone={(m) => { setReversing(null); setMessage(m); book.reload(); }} />
    </>
  );
}

function CloseDayDialog({ day, totals, practitionerId, practitionerName, onClose, onDone }: {
  day: string | null; totals: Day | null; practitionerId: string; practitionerName: string; onClose: () => void; onDone: (message: string) => void;
}) {
  const { t } = useTranslation();
  const lang = uiLang();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => setError(null), [day]);
  const confirm = async () => {
    if (!day) return;
    setBusy(true);
    try {
      const r = await booksApi.closeDay(practitionerId, day);
      onDone(t('billing.booksUi.daybook.closedMessage', { day: formatDate(r.day), count: r.entries, total: formatMoney(r.totalCents, lang) }));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog open={day !== null} title={t('billing.booksUi.daybook.closeTitle', { day: day ? formatDate(day) : '' })} onClose={onClose} testId="close-day-dialog">
      {totals && (
        <>
          <p>{t('billing.booksUi.daybook.closeIntro', { name: practitionerName })}</p>
          <dl className="collect-summary" data-testid="close-day-totals">
            {MEANS.map((m) => <div key={m} style={{ display: 'contents' }}><dt>{t(`billing.booksUi.means.${m}`)}</dt><dd>{formatMoney(totals.byMeans[m] ?? 0, lang)}</dd></div>)}
            <dt><strong>{t('billing.booksUi.daybook.entries', { count: totals.entries })}</strong></dt><dd><strong>{formatMoney(totals.totalCents, lang)}</strong></dd>
          </dl>
          <p className="muted">{t('billing.booksUi.daybook.closeWarning')}</p>
        </>
      )}
      {error && <Alert tone="error">{error}</Alert>}
      <div className="collect-actions">
        <button type="button" className="button button-primary" disabled={busy} onClick={() => void confirm()} data-testid="close-day-confirm">{t('billing.booksUi.daybook.closeConfirm')}</button>
        <button type="button" className="button" onClick={onClose}>{t('common.cancel')}</button>
      </div>
    </Dialog>
  );
}
