import { useEffect, useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../auth/session';
import { href, useRoute } from '../router';
import { Alert } from '../ui/Alert';
import { PageTitle } from '../ui/PageTitle';
import { useLoad } from '../ui/useLoad';
import { billingApi } from './api';
import './billing.css';

/** The books' screens (docs/billing-books.md « Les livres à l'écran »); `desk` ones are open to the secretary too. */
export const BOOK_TABS = [
  { id: 'daybook', path: '/facturation/livres', desk: false },
  { id: 'deposits', path: '/facturation/remises', desk: true },
  { id: 'expenses', path: '/facturation/livres/depenses', desk: false },
  { id: 'exports', path: '/facturation/livres/export', desk: false },
  { id: 'charts', path: '/facturation/livres/graphiques', desk: false },
  { id: 'invoices', path: '/facturation/livres/factures', desk: false },
] as const;
export type BookTab = (typeof BOOK_TABS)[number]['id'];

export interface BooksContext {
  practitionerId: string;
  practitionerName: string;
  /** Today in the practice's time zone (from the server: the clock may be simulated). */
  today: string;
}

/**
 * The frame of a books screen: its title, the tabs the account may open, and whose books (the practitioner sees
 * their own; an admin or the desk picks among the practitioners who bill, i.e. have a billing profile).
 */
export function BooksFrame({ tab, children, allowAll }: { tab: BookTab; children: (c: BooksContext) => ReactNode; allowAll?: boolean }) {
  const { t } = useTranslation();
  const id = useId();
  const { query } = useRoute();
  const desk = useLoad(() => billingApi.desk(), []);
  const billing = (desk.data?.practitioners ?? []).filter((p) => p.hasProfile);
  const [practitionerId, setPractitionerId] = useState(query.get('praticien') ?? '');
  useEffect(() => {
    if (!practitionerId && billing[0] && !allowAll) setPractitionerId(billing[0].id);
  }, [billing, practitionerId, allowAll]);
  const current = billing.find((p) => p.id === practitionerId);
  return (
    <div className="page billing-books-page" data-testid={`books-${tab}`}>
      <PageTitle title={t(`billing.booksUi.tab.${tab}`)}>{t(`billing.booksUi.tab.${tab}`)}</PageTitle>
      <BooksTabs tab={tab} />
      {desk.error && <Alert tone="error">{desk.error.message}</Alert>}
      {desk.data && billing.length === 0 && <p className="muted">{t('billing.booksUi.noPractitioner')}</p>}
      {billing.length > 1 && (
        <div className="billing-filters no-print">
          <div className="field">
            <label htmlFor={`${id}-p`}>{t('billing.profiles.practitioner')}</label>
            <select id={`${id}-p`} value={practitionerId} onChange={(e) => setPractitionerId(e.target.value)} data-testid="books-practitioner">
              {allowAll && <option value="">{t('billing.booksUi.allPractitioners')}</option>}
              {billing.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
            </select>
          </div>
        </div>
      )}
      {desk.data && (current || (allowAll && billing.length > 0)) && children({ practitionerId: current?.id ?? '', practitionerName: current?.name ?? '', today: desk.data.date })}
    </div>
  );
}

/** A card of a books screen: its heading (and buttons beside it), the load error, the empty message or the table. */
export function BooksTable({ title, actions, error, empty, emptyTestId, children }: {
  title: string; actions?: ReactNode; error: Error | null; empty: string | null; emptyTestId?: string; children: ReactNode;
}) {
  const id = useId();
  return (
    <section className="card" aria-labelledby={id}>
      <div className="books-head"><h2 id={id}>{title}</h2>{actions}</div>
      {error && <Alert tone="error">{error.message}</Alert>}
      {empty !== null ? <p className="muted" data-testid={emptyTestId}>{empty}</p> : <div className="table-wrap">{children}</div>}
    </section>
  );
}

/** The tabs of the books' screens the account may open (none when only one: the secretary's deposit slips). */
export function BooksTabs({ tab }: { tab: BookTab }) {
  const { t } = useTranslation();
  const roles = useMe().practice.roles;
  const seesBooks = roles.includes('admin') || roles.includes('practitioner');
  const tabs = BOOK_TABS.filter((b) => b.desk || seesBooks);
  if (tabs.length < 2) return null;
  return (
    <nav className="books-tabs no-print" aria-label={t('billing.booksUi.tabs')}>
      <ul>
        {tabs.map((b) => (
          <li key={b.id}>
            <a href={href(b.path)} aria-current={b.id === tab ? 'page' : undefined} data-testid={`books-tab-${b.id}`}>{t(`billing.booksUi.tab.${b.id}`)}</a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
