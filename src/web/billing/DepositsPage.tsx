import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, LiveMessage } from '../ui/Alert';
import { formatDate, formatMoney, uiLang } from '../ui/format';
import { useLoad } from '../ui/useLoad';
import { BankAccountsCard } from './BankAccountsCard';
import { BooksFrame, BooksTable, type BooksContext } from './BooksFrame';
import { booksApi, type SlipSummary } from './books-api';

/**
 * #/facturation/remises — cheque deposit slips (bordereaux de remise): tick the cheques not yet deposited, choose
 * the practitioner's bank account, create the numbered slip and print its PDF; the past slips below. Open to the
 * desk (preparing the deposit is part of collecting) and to the practitioner for their own cheques.
 */
export function DepositsPage() {
  return <BooksFrame tab="deposits">{(c) => <DepositsBody key={c.practitionerId} {...c} />}</BooksFrame>;
}

function DepositsBody({ practitionerId }: BooksContext) {
  const { t } = useTranslation();
  const lang = uiLang();
  const id = useId();
  const cheques = useLoad(() => booksApi.cheques(practitionerId), [practitionerId]);
  const accounts = useLoad(() => booksApi.bankAccounts(practitionerId), [practitionerId]);
  const slips = useLoad(() => booksApi.slips(practitionerId), [practitionerId]);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [accountId, setAccountId] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<SlipSummary | null>(null);
  const [busy, setBusy] = useState(false);
  const [accountMessage, setAccountMessage] = useState<string | null>(null);
  const list = cheques.data?.cheques ?? [];
  const usable = (accounts.data?.bankAccounts ?? []).filter((a) => a.active);
  useEffect(() => setSelected(new Set(list.map((c) => c.paymentId))), [cheques.data]); // eslint-disable-line react-hooks/exhaustive-deps
  useEffect(() => {
    if (!usable.some((a) => a.id === accountId)) setAccountId(usable[0]?.id ?? '');
  }, [accounts.data, accountId]); // eslint-disable-line react-hooks/exhaustive-deps
  const chosen = list.filter((c) => selected.has(c.paymentId));
  const total = chosen.reduce((s, c) => s + c.amountCents, 0);
  const toggle = (paymentId: string) => setSelected((s) => {
    const n = new Set(s);
    if (n.has(paymentId)) n.delete(paymentId); else n.add(paymentId);
    return n;
  });
  const create = async () => {
    setError(null);
    setBusy(true);
    try {
      const r = await booksApi.createSlip(practitionerId, accountId, chosen.map((c) => c.paymentId));
      setCreated(r.slip);
      cheques.reload();
      slips.reload();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <LiveMessage message={created ? t('billing.booksUi.deposits.created', { number: created.number, count: created.count, total: formatMoney(created.totalCents, lang) }) : null} />
      {created && (
        <p className="books-created" data-testid="slip-created">
          <a className="button button-primary" href={booksApi.slipPdfUrl(created.id)} target="_blank" rel="noopener" data-testid="slip-created-pdf">
            {t('billing.booksUi.deposits.openPdf', { number: created.number })}
          </a>
        </p>
      )}
      <section className="card" aria-labelledby={`${id}-h`}>
        <h2 id={`${id}-h`}>{t('billing.booksUi.deposits.toDeposit')}</h2>
        {cheques.error && <Alert tone="error">{cheques.error.message}</Alert>}
        {cheques.data && list.length === 0 && <p className="muted" data-testid="cheques-empty">{t('billing.booksUi.deposits.none')}</p>}
        {list.length > 0 && (
          <form onSubmit={(e) => { e.preventDefault(); void create(); }}>
            <div className="table-wrap">
              <table className="table table-dense" data-testid="cheques-table">
                <thead>
                  <tr>
                    <th scope="col"><input type="checkbox" aria-label={t('billing.booksUi.deposits.all')} checked={chosen.length === list.length} onChange={(e) => setSelected(new Set(e.target.checked ? list.map((c) => c.paymentId) : []))} /></th>
                    <th scope="col">{t('billing.booksUi.deposits.received')}</th><th scope="col">{t('billing.booksUi.deposits.number')}</th><th scope="col">{t('billing.booksUi.deposits.bank')}</th>
                    <th scope="col">{t('billing.booksUi.deposits.drawer')}</th><th scope="col" className="num">{t('billing.booksUi.amount')}</th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((c) => (
                    <tr key={c.paymentId} data-testid="cheque-row">
                      <td><input type="checkbox" checked={selected.has(c.paymentId)} onChange={() => toggle(c.paymentId)} aria-label={t('billing.booksUi.deposits.pick', { number: c.number, drawer: c.drawer })} /></td>
                      <td>{formatDate(c.receivedOn, { style: 'compact' })}</td><td>{c.number}</td><td>{c.bank}</td><td>{c.drawer}</td><td className="num">{formatMoney(c.amountCents, lang)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <div className="billing-filters books-slip-form">
              <div className="field">
                <label htmlFor={`${id}-a`}>{t('billing.booksUi.deposits.account')}</label>
                <select id={`${id}-a`} value={accountId} onChange={(e) => setAccountId(e.target.value)} required data-testid="slip-account">
                  {usable.map((a) => <option key={a.id} value={a.id}>{a.label} — {a.holder}{a.bank ? ` — ${a.bank}` : ''} — {a.account}</option>)}
                </select>
              </div>
              <p className="books-slip-total" data-testid="slip-selection">{t('billing.booksUi.deposits.selection', { count: chosen.length, total: formatMoney(total, lang) })}</p>
              <button type="submit" className="button button-primary" disabled={busy || chosen.length === 0 || !accountId} data-testid="slip-create">{t('billing.booksUi.deposits.create')}</button>
            </div>
            {accounts.data && usable.length === 0 && <Alert tone="warning">{t('billing.booksUi.deposits.noAccount')}</Alert>}
            {error && <Alert tone="error">{error}</Alert>}
          </form>
        )}
      </section>
      <LiveMessage message={accountMessage} />
      {accounts.error && <Alert tone="error">{accounts.error.message}</Alert>}
      {accounts.data && <BankAccountsCard practitionerId={practitionerId} accounts={accounts.data.bankAccounts} onChanged={(m) => { setAccountMessage(m); accounts.reload(); }} />}
      {(slips.data || slips.error) && (
        <BooksTable title={t('billing.booksUi.deposits.past')} error={slips.error} empty={slips.data?.slips.length === 0 ? t('billing.booksUi.deposits.noSlip') : null}>
            <table className="table table-dense" data-testid="slips-table">
              <thead><tr><th scope="col">{t('billing.booksUi.deposits.slipNumber')}</th><th scope="col">{t('billing.booksUi.deposits.depositedOn')}</th><th scope="col">{t('billing.booksUi.deposits.account')}</th><th scope="col" className="num">{t('billing.booksUi.deposits.count')}</th><th scope="col" className="num">{t('billing.booksUi.amount')}</th><th scope="col"><span className="visually-hidden">PDF</span></th></tr></thead>
              <tbody>
                {[...(slips.data?.slips ?? [])].sort((x, y) => (x.depositedOn !== y.depositedOn ? (x.depositedOn < y.depositedOn ? 1 : -1) : y.number - x.number)).map((s) => (
                  <tr key={s.id} data-testid="slip-row">
                    <th scope="row">{s.number}</th><td>{formatDate(s.depositedOn, { style: 'compact' })}</td><td>{s.bankAccount.label}</td><td className="num">{s.count}</td><td className="num">{formatMoney(s.totalCents, lang)}</td>
                    <td><a className="button button-small" href={booksApi.slipPdfUrl(s.id)} target="_blank" rel="noopener">PDF<span className="visually-hidden"> — {t('billing.booksUi.deposits.slipNumber')} {s.number}</span></a></td>
                  </tr>
                ))}
              </tbody>
            </table>
        </BooksTable>
      )}
    </>
  );
}
