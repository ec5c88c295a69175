import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, LiveMessage } from '../ui/Alert';
import { formatDate, formatMoney, formatMonth, uiLang } from '../ui/format';
import { useLoad } from '../ui/useLoad';
import { BooksFrame, BooksTable, type BooksContext } from './BooksFrame';
import { booksApi, type Expense, type ExpenseMeans } from './books-api';
import { ReasonDialog } from './ReasonDialog';
import { EXPENSE_CATEGORIES, EXPENSE_MEANS } from './constants';
import { parseEuros } from './money';

/**
 * #/facturation/livres/depenses — the practitioner's expenses (list, add, reverse) and the monthly or yearly
 * summary of receipts and expenses for the declaration (2035). An expense is never edited: it is reversed.
 */
export function ExpensesPage() {
  return <BooksFrame tab="expenses">{(c) => <ExpensesBody key={c.practitionerId} {...c} />}</BooksFrame>;
}

function ExpensesBody({ practitionerId, today }: BooksContext) {
  const { t } = useTranslation();
  const lang = uiLang();
  const id = useId();
  const [from, setFrom] = useState(`${today.slice(0, 4)}-01-01`);
  const [to, setTo] = useState(today);
  const [by, setBy] = useState<'month' | 'year'>('month');
  const expenses = useLoad(() => booksApi.expenses(practitionerId, from, to), [practitionerId, from, to]);
  const summary = useLoad(() => booksApi.summaries(practitionerId, from, to, by), [practitionerId, from, to, by]);
  const [form, setForm] = useState({ spentOn: today, payee: '', category: 'purchases', amount: '', means: 'transfer' as ExpenseMeans, note: '' });
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const payeeRef = useRef<HTMLInputElement>(null);
  const set = (k: keyof typeof form, v: string) => setForm((f) => ({ ...f, [k]: v }));
  const add = async () => {
    setError(null);
    const amountCents = parseEuros(form.amount);
    if (!amountCents) {
      setError(t('billing.collect.badAmount'));
      return;
    }
    try {
      await booksApi.addExpense(practitionerId, { spentOn: form.spentOn, payee: form.payee, category: form.category, amountCents, means: form.means, note: form.note || null });
      setMessage(t('billing.booksUi.expenses.added', { payee: form.payee, amount: formatMoney(amountCents, lang) }));
      setForm((f) => ({ ...f, payee: '', amount: '', note: '' }));
      payeeRef.current?.focus(); // ready for the next one
      expenses.reload();
      summary.reload();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  const [reversing, setReversing] = useState<Expense | null>(null);
  const s = summary.data;
  const periodLabel = (p: string) => (p.length === 7 ? formatMonth(p) : p);

  return (
    <>
      <div className="billing-filters">
        <div className="field"><label htmlFor={`${id}-f`}>{t('billing.books.from')}</label><input id={`${id}-f`} type="date" value={from} max={to} onChange={(e) => e.target.value && setFrom(e.target.value)} /></div>
        <div className="field"><label htmlFor={`${id}-t`}>{t('billing.books.to')}</label><input id={`${id}-t`} type="date" value={to} min={from} onChange={(e) => e.target.value && setTo(e.target.value)} /></div>
      </div>
      <LiveMessage message={message} />
      <section className="card" aria-labelledby={`${id}-add`}>
        <h2 id={`${id}-add`}>{t('billing.booksUi.expenses.add')}</h2>
        <form className="books-expense-form" onSubmit={(e) => { e.preventDefault(); void add(); }} data-testid="expense-form">
          <div className="field"><label htmlFor={`${id}-d`}>{t('billing.booksUi.expenses.date')}</label><input id={`${id}-d`} type="date" value={form.spentOn} max={today} onChange={(e) => set('spentOn', e.target.value)} required data-testid="expense-date" /></div>
          <div className="field"><label htmlFor={`${id}-p`}>{t('billing.booksUi.expenses.payee')}</label><input ref={payeeRef} id={`${id}-p`} value={form.payee} onChange={(e) => set('payee', e.target.value)} required maxLength={120} data-testid="expense-payee" /></div>
          <div className="field"><label htmlFor={`${id}-c`}>{t('billing.booksUi.expenses.category')}</label>
            <select id={`${id}-c`} value={form.category} onChange={(e) => set('category', e.target.value)} data-testid="expense-category">
              {EXPENSE_CATEGORIES.map((c) => <option key={c} value={c}>{t(`billing.booksUi.category.${c}`)}</option>)}
            </select>
          </div>
          <div className="field"><label htmlFor={`${id}-a`}>{t('billing.booksUi.amount')} (€)</label><input id={`${id}-a`} inputMode="decimal" value={form.amount} onChange={(e) => set('amount', e.target.value)} required data-testid="expense-amount" /></div>
          <div className="field"><label htmlFor={`${id}-m`}>{t('billing.booksUi.expenses.means')}</label>
            <select id={`${id}-m`} value={form.means} onChange={(e) => set('means', e.target.value)} data-testid="expense-means">
              {EXPENSE_MEANS.map((m) => <option key={m} value={m}>{t(`billing.booksUi.means.${m}`)}</option>)}
            </select>
          </div>
          <div className="field"><label htmlFor={`${id}-n`}>{t('billing.booksUi.expenses.note')}</label><input id={`${id}-n`} value={form.note} onChange={(e) => set('note', e.target.value)} maxLength={500} /></div>
          <button type="submit" className="button button-primary" data-testid="expense-submit">{t('billing.booksUi.expenses.submit')}</button>
        </form>
        {error && <Alert tone="error">{error}</Alert>}
      </section>
      <section className="card" aria-labelledby={`${id}-sum`}>
        <div className="books-head">
          <h2 id={`${id}-sum`}>{t('billing.booksUi.expenses.summary')}</h2>
          <div className="books-inline"><label htmlFor={`${id}-by`}>{t('billing.booksUi.expenses.by')}</label>
            <select id={`${id}-by`} value={by} onChange={(e) => setBy(e.target.value as 'month' | 'year')} data-testid="summary-by">
              <option value="month">{t('billing.booksUi.expenses.byMonth')}</option><option value="year">{t('billing.booksUi.expenses.byYear')}</option>
            </select>
          </div>
        </div>
        {summary.error && <Alert tone="error">{summary.error.message}</Alert>}
        {s && (
          <div className="books-two">
            <table className="table table-dense" data-testid="summary-table">
              <thead><tr><th scope="col">{t('billing.booksUi.expenses.period')}</th><th scope="col" className="num">{t('billing.booksUi.expenses.receipts')}</th><th scope="col" className="num">{t('billing.booksUi.tab.expenses')}</th><th scope="col" className="num">{t('billing.booksUi.expenses.balance')}</th></tr></thead>
              <tbody>{s.rows.map((r) => <tr key={r.period}><th scope="row">{periodLabel(r.period)}</th><td className="num">{formatMoney(r.receiptsCents, lang)}</td><td className="num">{formatMoney(r.expensesCents, lang)}</td><td className="num">{formatMoney(r.balanceCents, lang)}</td></tr>)}</tbody>
              <tfoot><tr><th scope="row">{t('billing.booksUi.daybook.total')}</th><td className="num">{formatMoney(s.totals.receiptsCents, lang)}</td><td className="num">{formatMoney(s.totals.expensesCents, lang)}</td><td className="num">{formatMoney(s.totals.balanceCents, lang)}</td></tr></tfoot>
            </table>
            <table className="table table-dense">
              <thead><tr><th scope="col">{t('billing.booksUi.expenses.category')}</th><th scope="col" className="num">{t('billing.booksUi.amount')}</th></tr></thead>
              <tbody>{s.expensesByCategory.map((c) => <tr key={c.category}><th scope="row">{t(`billing.booksUi.category.${c.category}`)}</th><td className="num">{formatMoney(c.amountCents, lang)}</td></tr>)}</tbody>
            </table>
          </div>
        )}
      </section>
      {(expenses.data || expenses.error) && (
        <BooksTable title={t('billing.booksUi.expenses.list')} error={expenses.error} empty={expenses.data?.expenses.length === 0 ? t('billing.booksUi.expenses.none') : null}>
            <table className="table table-dense" data-testid="expenses-table">
              <thead><tr><th scope="col">{t('billing.booksUi.expenses.date')}</th><th scope="col">{t('billing.booksUi.expenses.payee')}</th><th scope="col">{t('billing.booksUi.expenses.category')}</th><th scope="col">{t('billing.booksUi.expenses.means')}</th><th scope="col" className="num">{t('billing.booksUi.amount')}</th><th scope="col"><span className="visually-hidden">{t('billing.desk.col.actions')}</span></th></tr></thead>
              <tbody>
                {(expenses.data?.expenses ?? []).map((e) => (
                  <tr key={e.id} data-testid="expense-row" className={e.reversesExpenseId ? 'books-reversal' : undefined}>
                    <td>{formatDate(e.spentOn, { style: 'compact' })}</td><td>{e.payee}</td><td>{t(`billing.booksUi.category.${e.category}`)}</td><td>{t(`billing.booksUi.means.${e.means}`)}</td>
                    <td className="num">{formatMoney(e.amountCents, lang)}</td>
                    <td>{e.reversesExpenseId ? t('billing.booksUi.daybook.reversal') : e.reversed ? t('billing.booksUi.expenses.reversed') : (
                      <button type="button" className="button button-small" onClick={() => setReversing(e)} data-testid="expense-reverse">{t('billing.booksUi.daybook.reverse')}<span className="visually-hidden"> — {e.payee}</span></button>
                    )}</td>
                  </tr>
                ))}
              </tbody>
            </table>
        </BooksTable>
      )}
      <ReasonDialog open={reversing !== null} title={t('billing.booksUi.expenses.reverseTitle')} testId="expense-reverse-dialog" submitLabel={t('billing.booksUi.daybook.reverse')}
        intro={reversing && t('billing.booksUi.expenses.reverseIntro', { payee: reversing.payee, amount: formatMoney(reversing.amountCents, lang), day: formatDate(reversing.spentOn) })}
        onSubmit={async (reason) => {
          await booksApi.reverseExpense(reversing!.id, reason);
          return t('billing.booksUi.expenses.reversedMessage', { payee: reversing!.payee, amount: formatMoney(reversing!.amountCents, lang) });
        }}
        onClose={() => setReversing(null)} onDone={(m) => { setReversing(null); setMessage(m); expenses.reload(); summary.reload(); }} />
    </>
  );
}
