import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { href } from '../router';
import { formatMoney, uiLang } from '../ui/format';
import type { InvoiceView } from './api';

/** The end of « Encaisser »: the receipt's number, what was collected and what remains; Enter closes. */
export function ReceiptDone({ invoice, onClose }: { invoice: InvoiceView; onClose: () => void }) {
  const { t } = useTranslation();
  const lang = uiLang();
  const ref = useRef<HTMLButtonElement>(null);
  useEffect(() => ref.current?.focus(), []);
  const receipt = invoice.receipts.find((r) => r.kind === 'receipt' && !r.cancelled);
  const a = invoice.amounts;
  return (
    <div className="stack" data-testid="collect-done">
      <p className="alert alert-success" role="status">
        {receipt ? t('billing.done.receipt', { number: receipt.number }) : t('billing.done.billed')}
      </p>
      {receipt && (
        <p>
          <a className="button" href={`/api/billing/receipts/${encodeURIComponent(receipt.id)}/pdf`} target="_blank" rel="noopener noreferrer" data-testid="done-receipt-pdf">{t('billing.done.pdf')}</a>
        </p>
      )}
      <dl className="collect-summary">
        <dt>{t('billing.amounts.total')}</dt><dd>{formatMoney(a.totalCents, lang)}</dd>
        <dt>{t('billing.done.collected')}</dt><dd data-testid="done-paid">{formatMoney(a.paidCents, lang)}</dd>
        <dt>{t('billing.done.remaining')}</dt><dd data-testid="done-remaining">{formatMoney(a.remainingCents, lang)}</dd>
      </dl>
      {invoice.payments.length > 0 && (
        <ul className="muted">
          {invoice.payments.map((p) => (
            <li key={p.id}>{t(`billing.method.${p.method}`)} : {formatMoney(p.amountCents, lang)}{p.card ? ` (${p.card.terminal === 'simulated-terminal' ? t('billing.collect.terminalName') : p.card.terminal}, ${p.card.authorisation ?? p.card.transactionId})` : ''}{p.cheque ? ` (${p.cheque.bank} n° ${p.cheque.number})` : ''}</li>
          ))}
        </ul>
      )}
      <div className="collect-actions">
        <button ref={ref} type="button" className="button button-primary" onClick={onClose} data-testid="collect-close">{t('billing.done.close')}</button>
        <a className="button" href={href(`/facturation/factures/${invoice.id}`)} onClick={onClose}>{t('billing.done.open')}</a>
      </div>
    </div>
  );
}
