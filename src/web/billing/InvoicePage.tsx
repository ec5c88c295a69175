import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { href } from '../router';
import { Alert, LiveMessage } from '../ui/Alert';
import { Dialog } from '../ui/Dialog';
import { formatDate, formatDateTime, formatMoney, uiLang } from '../ui/format';
import { PageTitle } from '../ui/PageTitle';
import { useLoad } from '../ui/useLoad';
import { billingApi, type InvoiceView } from './api';
import { PayRestDialog } from './PayRestDialog';
import './billing.css';

/** One invoice (#/facturation/factures/:id): acts, amounts, payments, receipts and credit notes; collect the rest, correct a receipt. */
export function InvoicePage({ id }: { id: string }) {
  const { t } = useTranslation();
  const lang = uiLang();
  const loaded = useLoad(() => billingApi.invoice(id), [id]);
  const [collect, setCollect] = useState(false);
  const [credit, setCredit] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const inv: InvoiceView | undefined = loaded.data?.invoice;
  const live = inv?.receipts.find((r) => r.kind === 'receipt' && !r.cancelled);

  async function act(what: () => Promise<unknown>, done: string) {
    setError(null);
    try {
      await what();
      setMessage(done);
      loaded.reload();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }

  return (
    <div className="page billing-invoice" data-testid="billing-invoice">
      <PageTitle title={t('billing.invoice.title')}>{inv ? t('billing.invoice.heading', { name: inv.patient.name, date: formatDate(inv.careDate) }) : t('billing.invoice.title')}</PageTitle>
      <p><a href={href(`/facturation${inv ? `?date=${inv.careDate}` : ''}`)}>{t('billing.invoice.back')}</a></p>
      <LiveMessage message={message} />
      {loaded.error && <Alert tone="error">{loaded.error.message}</Alert>}
      {error && <Alert tone="error" testId="invoice-error">{error}</Alert>}
      {inv && (
        <>
          <section className="card stack" aria-labelledby="invoice-acts">
            <h2 id="invoice-acts">{t('billing.invoice.acts', { practitioner: inv.practitioner.name })}</h2>
            <p className="muted">{t(`billing.parcours.${inv.parcours}`)} · {t('billing.collect.tiersPayant')}{lang === 'fr' ? '\u00a0:' : ':'} {t(`billing.tiersPayant.${inv.tiersPayant}`)} · {t('billing.invoice.sector', { sector: t(`billing.sector.${inv.sector}`) })}</p>
            <table className="table table-dense">
              <thead><tr><th scope="col">{t('billing.invoice.code')}</th><th scope="col">{t('billing.invoice.label')}</th><th scope="col" className="num">{t('billing.invoice.tariff')}</th><th scope="col" className="num">{t('billing.invoice.fee')}</th></tr></thead>
              <tbody>{inv.lines.map((l, i) => <tr key={i}><td><code>{l.code}</code></td><td>{l.label}</td><td className="num">{formatMoney(l.tariffCents, lang)}</td><td className="num">{formatMoney(l.feeCents, lang)}</td></tr>)}</tbody>
            </table>
            <table className="table table-dense collect-amounts" data-testid="invoice-amounts">
              <tbody>
                <tr><th scope="row">{t('billing.amounts.total')}</th><td>{formatMoney(inv.amounts.totalCents, lang)}</td></tr>
                <tr><th scope="row">{t('billing.amounts.amo')}</th><td>{formatMoney(inv.amounts.amoCents, lang)}</td></tr>
                <tr><th scope="row">{t('billing.amounts.amc')}</th><td>{formatMoney(inv.amounts.amcCents, lang)}</td></tr>
                <tr><th scope="row">{t('billing.amounts.patient')}</th><td>{formatMoney(inv.amounts.patientCents, lang)}</td></tr>
                <tr><th scope="row">{t('billing.amounts.due')}</th><td>{formatMoney(inv.amounts.dueAtDeskCents, lang)}</td></tr>
                <tr><th scope="row">{t('billing.done.collected')}</th><td>{formatMoney(inv.amounts.paidCents, lang)}</td></tr>
                <tr className="collect-due"><th scope="row">{t('billing.done.remaining')}</th><td data-testid="invoice-remaining">{formatMoney(inv.amounts.remainingCents, lang)}</td></tr>
              </tbody>
            </table>
            {inv.warnings.length > 0 && <ul className="muted">{inv.warnings.map((w) => <li key={w}>{w}</li>)}</ul>}
            <div className="collect-actions">
              {inv.amounts.remainingCents > 0 && <button type="button" className="button button-primary" onClick={() => setCollect(true)} data-testid="invoice-collect">{t('billing.invoice.collectRest')}</button>}
              {!live && <button type="button" className="button" onClick={() => void act(() => billingApi.issueReceipt(inv.id), t('billing.invoice.receiptIssued'))} data-testid="invoice-issue-receipt">{t('billing.invoice.issueReceipt')}</button>}
            </div>
          </section>
          <section className="card stack" aria-labelledby="invoice-payments">
            <h2 id="invoice-payments">{t('billing.invoice.payments')}</h2>
            {inv.payments.length === 0 ? <p className="muted">{t('billing.invoice.noPayment')}</p> : (
              <table className="table table-dense" data-testid="invoice-payments">
                <thead><tr><th scope="col">{t('billing.invoice.when')}</th><th scope="col">{t('billing.collect.method')}</th><th scope="col" className="num">{t('billing.collect.amount')}</th><th scope="col">{t('billing.invoice.detail')}</th></tr></thead>
                <tbody>
                  {inv.payments.map((p) => (
                    <tr key={p.id}>
                      <td>{formatDateTime(p.receivedAt)}</td><td>{t(`billing.method.${p.method}`)}</td><td className="num">{formatMoney(p.amountCents, lang)}</td>
                      <td className="small">{p.card ? `${p.card.terminal === 'simulated-terminal' ? t('billing.collect.terminalName') : p.card.terminal} · ${p.card.transactionId}` : p.cheque ? `${p.cheque.bank} · n° ${p.cheque.number} · ${p.cheque.drawer}` : p.transferReference ?? ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
          <section className="card stack" aria-labelledby="invoice-receipts">
            <h2 id="invoice-receipts">{t('billing.invoice.receipts')}</h2>
            {inv.receipts.length === 0 ? <p className="muted">{t('billing.invoice.noReceipt')}</p> : (
              <table className="table table-dense" data-testid="invoice-receipts">
                <thead><tr><th scope="col">{t('billing.invoice.number')}</th><th scope="col">{t('billing.invoice.kind')}</th><th scope="col">{t('billing.invoice.when')}</th><th scope="col" className="num">{t('billing.done.collected')}</th><th scope="col">{t('billing.desk.col.actions')}</th></tr></thead>
                <tbody>
                  {inv.receipts.map((r) => (
                    <tr key={r.id} data-testid="invoice-receipt" data-kind={r.kind} data-cancelled={r.cancelled ? 'true' : 'false'}>
                      <td><code>{r.number}</code></td>
                      <td>{t(`billing.invoice.kinds.${r.kind}`)}{r.cancelled && <span className="badge badge-neutral">{t('billing.invoice.cancelled')}</span>}{r.reason && <div className="muted small">{r.reason}</div>}</td>
                      <td>{formatDateTime(r.issuedAt)}</td>
                      <td className="num">{formatMoney(r.paidCents, lang)}</td>
                      <td><a className="button button-small" href={`/api/billing/receipts/${encodeURIComponent(r.id)}/pdf`} target="_blank" rel="noopener noreferrer" data-testid="invoice-receipt-pdf">{t('billing.invoice.pdf')}</a>{' '}{r.kind === 'receipt' && !r.cancelled && <button type="button" className="button button-small" onClick={() => setCredit(r.id)} data-testid="invoice-credit-note">{t('billing.invoice.creditNote')}</button>}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        </>
      )}
      {collect && inv && <PayRestDialog invoice={inv} onClose={() => setCollect(false)} onDone={(text) => { setCollect(false); setMessage(text); loaded.reload(); }} />}
      {credit && <CreditNoteDialog onClose={() => setCredit(null)} onConfirm={(reason) => { const id = credit; setCredit(null); void act(() => billingApi.creditNote(id, reason), t('billing.invoice.creditDone')); }} />}
    </div>
  );
}

function CreditNoteDialog({ onClose, onConfirm }: { onClose: () => void; onConfirm: (reason: string) => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  return (
    <Dialog open title={t('billing.invoice.creditTitle')} onClose={onClose} testId="credit-dialog">
      <form className="stack" onSubmit={(e) => { e.preventDefault(); if (reason.trim().length >= 3) onConfirm(reason.trim()); }}>
        <p className="muted">{t('billing.invoice.creditExplain')}</p>
        <div className="field">
          <label htmlFor="credit-reason">{t('billing.invoice.creditReason')}</label>
          <input id="credit-reason" value={reason} onChange={(e) => setReason(e.target.value)} minLength={3} maxLength={500} required data-testid="credit-reason" />
        </div>
        <div className="collect-actions">
          <button type="submit" className="button button-primary" data-testid="credit-submit">{t('billing.invoice.creditConfirm')}</button>
          <button type="button" className="button" onClick={onClose}>{t('common.cancel')}</button>
        </div>
      </form>
    </Dialog>
  );
}
