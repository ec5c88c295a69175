import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../auth/session';
import { href } from '../router';
import { Alert } from '../ui/Alert';
import { formatDate, formatMoney, uiLang } from '../ui/format';
import { PageTitle } from '../ui/PageTitle';
import { useLoad } from '../ui/useLoad';
import { billingApi } from './api';
import { BooksTabs } from './BooksFrame';
import './billing.css';

/**
 * A practitioner's invoices over a period (#/facturation/factures): their books, open to themself and to the
 * administrators; a secretary works from the day's list instead.
 */
export function BooksPage() {
  const { t } = useTranslation();
  const lang = uiLang();
  const { state } = useSession();
  const me = state.status === 'authenticated' ? state.me : null;
  const desk = useLoad(() => billingApi.desk(), []);
  const today = desk.data?.date ?? '';
  const [practitionerId, setPractitionerId] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  useEffect(() => {
    if (!desk.data) return;
    if (!from) setFrom(`${desk.data.date.slice(0, 8)}01`);
    if (!to) setTo(desk.data.date);
    if (!practitionerId && desk.data.practitioners[0]) setPractitionerId(desk.data.practitioners[0].id);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [desk.data]);
  const books = useLoad(() => (practitionerId && from && to ? billingApi.books(practitionerId, from, to) : Promise.resolve({ invoices: [] })), [practitionerId, from, to]);
  const list = books.data?.invoices ?? [];
  const sum = (f: (i: (typeof list)[number]) => number) => list.reduce((s, i) => s + f(i), 0);
  return (
    <div className="page billing-books" data-testid="billing-books">
      <PageTitle title={t('billing.books.title')}>{t('billing.books.title')}</PageTitle>
      <BooksTabs tab="invoices" />
      <div className="billing-filters">
        <label>{t('billing.profiles.practitioner')}{' '}
          <select value={practitionerId} onChange={(e) => setPractitionerId(e.target.value)} data-testid="books-practitioner">
            {desk.data?.practitioners.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
          </select>
        </label>
        <label>{t('billing.books.from')} <input type="date" value={from} max={today} onChange={(e) => setFrom(e.target.value)} /></label>
        <label>{t('billing.books.to')} <input type="date" value={to} onChange={(e) => setTo(e.target.value)} /></label>
      </div>
      {books.error && <Alert tone="error">{books.error.message}</Alert>}
      {me && list.length === 0 && !books.loading && <p className="muted">{t('billing.books.empty')}</p>}
      {list.length > 0 && (
        <div className="table-wrap">
          <table className="table table-dense" data-testid="books-table">
            <thead><tr><th scope="col">{t('billing.books.date')}</th><th scope="col" className="num">{t('billing.desk.col.billed')}</th><th scope="col" className="num">{t('billing.amounts.due')}</th><th scope="col" className="num">{t('billing.desk.col.paid')}</th><th scope="col" className="num">{t('billing.desk.col.remaining')}</th><th scope="col">{t('billing.desk.col.actions')}</th></tr></thead>
            <tbody>
              {list.map((i) => (
                <tr key={i.id}>
                  <td>{formatDate(i.careDate)}</td><td className="num">{formatMoney(i.totalCents, lang)}</td><td className="num">{formatMoney(i.dueAtDeskCents, lang)}</td>
                  <td className="num">{formatMoney(i.paidCents, lang)}</td><td className="num">{formatMoney(i.remainingCents, lang)}</td>
                  <td><a className="button button-small" href={href(`/facturation/factures/${i.id}`)}>{t('billing.desk.open')}</a></td>
                </tr>
              ))}
            </tbody>
            <tfoot><tr><th scope="row">{t('billing.books.total', { count: list.length })}</th><td className="num">{formatMoney(sum((i) => i.totalCents), lang)}</td><td className="num">{formatMoney(sum((i) => i.dueAtDeskCents), lang)}</td><td className="num">{formatMoney(sum((i) => i.paidCents), lang)}</td><td className="num">{formatMoney(sum((i) => i.remainingCents), lang)}</td><td /></tr></tfoot>
          </table>
        </div>
      )}
    </div>
  );
}
