import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../ui/Alert';
import { Dialog } from '../ui/Dialog';
import { uiLang } from '../ui/format';
import type { InvoiceView } from './api';
import { PaymentFields, collectOn, emptyPayment, methodForKey, type PaymentState } from './PaymentFields';
import { ReceiptDone } from './ReceiptDone';

/**
 * « Encaisser le reste » on an invoice page: the invoice exists, so only the payment is asked (no draft of acts).
 * An invoice without appointment (a dental quote's act, a walk-in) has no draft to find it again: « Encaisser »
 * would bill it a second time, or, for a dentist, find no act to propose. Same keys as « Encaisser ».
 */
export function PayRestDialog({ invoice, onClose, onDone }: { invoice: InvoiceView; onClose: () => void; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const lang = uiLang();
  const [payment, setPayment] = useState<PaymentState>(emptyPayment);
  const [done, setDone] = useState<InvoiceView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const due = invoice.amounts.remainingCents;
  const finish = () => onDone(t('billing.collect.doneMessage', { name: invoice.patient.name }));

  function onKeyDown(e: React.KeyboardEvent) {
    const m = methodForKey(e);
    if (!m) return;
    setPayment((p) => ({ ...p, method: m }));
    e.preventDefault();
    e.stopPropagation();
  }
  async function submit(e: React.FormEvent) {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      setDone(await collectOn(invoice, payment, t('billing.collect.badAmount')));
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog open title={t('billing.collect.titleFor', { name: invoice.patient.name })} onClose={done ? finish : onClose} testId="collect-dialog">
      {done ? <ReceiptDone invoice={done} onClose={finish} /> : (
        <form className="stack collect-form" onSubmit={(e) => void submit(e)} onKeyDown={onKeyDown} data-testid="collect-form" aria-busy={busy}>
          <PaymentFields state={payment} onChange={setPayment} dueCents={due} drawer={invoice.patient.name} lang={lang} />
          {error && <Alert tone="error" testId="collect-error">{error}</Alert>}
          <div className="collect-actions">
            <button type="submit" className="button button-primary" disabled={busy} data-testid="collect-submit">{t('billing.collect.submit')}</button>
            <button type="button" className="button" onClick={onClose}>{t('common.cancel')}</button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
