import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../ui/Alert';
import { Dialog } from '../ui/Dialog';
import { uiLang } from '../ui/format';
import { billingApi, type DraftRequest, type InvoiceView, type Parcours, type TiersPayant } from './api';
import { AmountsTable, DraftPanel } from './DraftPanel';
import { parseActs, parseEuros } from './money';
import { PaymentFields, collectOn, emptyPayment, methodForKey, type PaymentState } from './PaymentFields';
import { ReceiptDone } from './ReceiptDone';
import { TIERS_PAYANT } from './constants';
import { useDraft } from './useDraft';

export interface CollectTarget {
  appointmentId?: string;
  patientId?: string;
  practitionerId?: string;
  date?: string;
}

/**
 * « Encaisser » at the end of a consultation, keyboard-first: the acts come proposed (motif, age, profile) with the
 * engine's quote and the reminders; Enter bills, collects and issues the receipt, Enter again closes. Alt+C/E/Q/V/P
 * choose card, cash, cheque, transfer or several methods; Alt+S changes the tiers payant; Alt+A marks ALD care.
 */
export function CollectDialog({ target, onClose, onDone }: { target: CollectTarget; onClose: () => void; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const lang = uiLang();
  const [actsText, setActsText] = useState<string | null>(null);
  const [feeText, setFeeText] = useState('');
  const [parcours, setParcours] = useState<Parcours | undefined>();
  const [tiersPayant, setTiersPayant] = useState<TiersPayant | undefined>();
  const [care, setCare] = useState({ aldRelated: false, atmp: false });
  const [payment, setPayment] = useState<PaymentState>(emptyPayment);
  const [invoiceId, setInvoiceId] = useState<string | null>(null);
  const [done, setDone] = useState<InvoiceView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  const codes = actsText === null ? undefined : parseActs(actsText);
  const fee = feeText.trim() ? parseEuros(feeText) : null;
  const request: DraftRequest = useMemo(() => ({
    ...target,
    ...(codes?.length ? { acts: codes.map((code, i) => (i === 0 && fee !== null ? { code, feeCents: fee } : { code })) } : {}),
    ...(parcours ? { parcours } : {}),
    ...(tiersPayant ? { tiersPayant } : {}),
    care,
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }), [JSON.stringify(target), codes?.join('+'), fee, parcours, tiersPayant, care]);
  const { draft, error: draftError, settle } = useDraft(request);
  const proposedActs = draft ? draft.acts.map((a) => a.code).join(' + ') : '';

  // The proposal fills the form once; afterwards the desk's choices drive the draft.
  useEffect(() => {
    if (!draft) return;
    if (actsText === null) setActsText(proposedActs);
    if (!parcours) setParcours(draft.parcours);
    setTiersPayant(draft.tiersPayant);
    if (draft.alreadyBilledInvoiceId && !invoiceId) setInvoiceId(draft.alreadyBilledInvoiceId);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [draft]);
  const due = draft?.amounts?.dueAtDeskCents ?? 0;

  function onKeyDown(e: React.KeyboardEvent) {
    if (!e.altKey || e.ctrlKey || e.metaKey) return;
    const key = e.key.toLowerCase();
    const method = methodForKey(e);
    if (method) setPayment((p) => ({ ...p, method }));
    else if (key === 's') setTiersPayant((tp) => TIERS_PAYANT[(TIERS_PAYANT.indexOf(tp ?? 'none') + 1) % TIERS_PAYANT.length]);
    else if (key === 'a') setCare((c) => ({ ...c, aldRelated: !c.aldRelated }));
    else return;
    // The desk's own keys: not the page's (Alt+T opens the phone log elsewhere in the app).
    e.preventDefault();
    e.stopPropagation();
  }

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const settled = await settle();
      const current = settled ?? draft;
      if (!current || current.error || !current.amounts) throw new Error(current?.error ?? draftError ?? t('billing.collect.notReady'));
      let id = invoiceId;
      let invoice: InvoiceView;
      if (!id) {
        const body = {
          ...(current.appointmentId ? { appointmentId: current.appointmentId } : { patientId: current.patient.id, practitionerId: current.practitioner.id, date: current.date }),
          acts: current.acts.map((a, i) => (i === 0 && fee !== null ? { code: a.code, feeCents: fee } : { code: a.code })),
          parcours: current.parcours,
          tiersPayant: current.tiersPayant,
          care: current.care,
        };
        invoice = (await billingApi.createInvoice(body)).invoice;
        id = invoice.id;
        setInvoiceId(id);
      } else invoice = (await billingApi.invoice(id)).invoice;
      setDone(await collectOn(invoice, payment, t('billing.collect.badAmount')));
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }

  const title = draft ? t('billing.collect.titleFor', { name: draft.patient.name }) : t('billing.collect.title');
  return (
    <Dialog open title={title} onClose={done ? () => onDone(t('billing.collect.doneMessage', { name: done.patient.name })) : onClose} testId="collect-dialog">
      {done ? (
        <ReceiptDone invoice={done} onClose={() => onDone(t('billing.collect.doneMessage', { name: done.patient.name }))} />
      ) : (
        <form ref={formRef} className="stack collect-form" onSubmit={(e) => void submit(e)} onKeyDown={onKeyDown} data-testid="collect-form" aria-busy={busy}>
          <div className="collect-columns">
            <div className="stack">
              <DraftPanel
                draft={draft}
                actsText={actsText ?? proposedActs}
                onActs={setActsText}
                feeText={feeText}
                onFee={setFeeText}
                parcours={parcours}
                onParcours={setParcours}
                tiersPayant={tiersPayant}
                onTiersPayant={setTiersPayant}
                care={care}
                onCare={setCare}
                lang={lang}
              />
              {draftError && <Alert tone="error" testId="collect-draft-error">{draftError}</Alert>}
              {invoiceId && <p className="muted" data-testid="collect-billed">{t('billing.collect.alreadyBilled')}</p>}
            </div>
            <div className="stack">
              <AmountsTable draft={draft} lang={lang} />
              <PaymentFields state={payment} onChange={setPayment} dueCents={due} drawer={draft?.patient.name ?? ''} lang={lang} />
            </div>
          </div>
          {error && <Alert tone="error" testId="collect-error">{error}</Alert>}
          <div className="collect-actions">
            <button type="submit" className="button button-primary" disabled={busy || !draft} data-testid="collect-submit">
              {due > 0 ? t('billing.collect.submit') : t('billing.collect.submitNothingDue')}
            </button>
            <button type="button" className="button" onClick={onClose}>{t('common.cancel')}</button>
            <span className="muted small">{t('billing.collect.keys')}</span>
          </div>
        </form>
      )}
    </Dialog>
  );
}
