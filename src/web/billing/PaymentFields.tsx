import { useTranslation } from 'react-i18next';
import { formatMoney, type Lang } from '../ui/format';
import { billingApi, type InvoiceView, type PaymentRequest } from './api';
import { parseEuros } from './money';

type Method = 'card' | 'cash' | 'cheque' | 'transfer';
export interface PaymentState {
  method: Method | 'split';
  /** Blank: what remains due. */
  amountText: string;
  cheque: { bank: string; number: string; drawer: string };
  reference: string;
  split: { method: Method; amountText: string }[];
}
export const emptyPayment: PaymentState = {
  method: 'card',
  amountText: '',
  cheque: { bank: '', number: '', drawer: '' },
  reference: '',
  split: [{ method: 'card', amountText: '' }, { method: 'cash', amountText: '' }],
};

const KEYS: Record<Method | 'split', string> = { card: 'C', cash: 'E', cheque: 'Q', transfer: 'V', split: 'P' };

/**
 * What « Encaisser » does once the invoice exists: records this state's payments (a cheque's drawer is the patient
 * unless typed) and issues the receipt if the invoice has none yet.
 */
export async function collectOn(invoice: InvoiceView, s: PaymentState, badAmount: string): Promise<InvoiceView> {
  const withDrawer = { ...s, cheque: { ...s.cheque, drawer: s.cheque.drawer.trim() || invoice.patient.name } };
  const payments = toPayments(withDrawer, invoice.amounts.remainingCents, badAmount);
  let inv = payments.length ? (await billingApi.pay(invoice.id, payments)).invoice : invoice;
  if (!inv.receipts.some((r) => r.kind === 'receipt' && !r.cancelled)) inv = (await billingApi.issueReceipt(inv.id)).invoice;
  return inv;
}

/** The method that Alt+letter chooses in « Encaisser » and « Encaisser le reste » (Alt+C/E/Q/V/P), if any. */
export function methodForKey(e: { altKey: boolean; ctrlKey: boolean; metaKey: boolean; key: string }): PaymentState['method'] | undefined {
  if (!e.altKey || e.ctrlKey || e.metaKey) return undefined;
  return (Object.keys(KEYS) as (Method | 'split')[]).find((m) => KEYS[m].toLowerCase() === e.key.toLowerCase());
}

/** The payments to record for this state; an unreadable amount throws the message the desk sees. */
export function toPayments(s: PaymentState, remainingCents: number, message = 'Montant illisible'): PaymentRequest[] {
  const one = (method: Method, cents: number): PaymentRequest =>
    method === 'cheque'
      ? { method, amountCents: cents, cheque: { bank: s.cheque.bank, number: s.cheque.number, drawer: s.cheque.drawer } }
      : method === 'transfer'
        ? { method, amountCents: cents, reference: s.reference || null }
        : { method, amountCents: cents };
  const read = (text: string, blank: number) => {
    if (!text.trim()) return blank;
    const c = parseEuros(text);
    if (c === null) throw new Error(`${message} : « ${text} »`);
    return c;
  };
  if (s.method !== 'split') {
    const cents = read(s.amountText, remainingCents);
    return cents > 0 ? [one(s.method, cents)] : [];
  }
  // Several methods: a blank last row takes what the others leave.
  const out: PaymentRequest[] = [];
  let left = remainingCents;
  s.split.forEach((row, i) => {
    const cents = read(row.amountText, i === s.split.length - 1 ? left : 0);
    if (cents > 0) out.push(one(row.method, cents));
    left -= cents;
  });
  return out;
}

export function PaymentFields({ state, onChange, dueCents, drawer, lang }: { state: PaymentState; onChange: (s: PaymentState) => void; dueCents: number; drawer: string; lang: Lang }) {
  const { t } = useTranslation();
  if (dueCents === 0) return <p className="muted" data-testid="collect-nothing-due">{t('billing.collect.nothingDue')}</p>;
  const set = (patch: Partial<PaymentState>) => onChange({ ...state, ...patch });
  const methods: (Method | 'split')[] = ['card', 'cash', 'cheque', 'transfer', 'split'];
  return (
    <fieldset className="collect-payment" data-testid="collect-payment" data-method={state.method}>
      <legend>{t('billing.collect.payment', { amount: formatMoney(dueCents, lang) })}</legend>
      <div className="collect-methods" role="radiogroup" aria-label={t('billing.collect.method')}>
        {methods.map((m) => (
          <label key={m} className={state.method === m ? 'is-selected' : ''}>
            <input type="radio" name="collect-method" value={m} checked={state.method === m} onChange={() => set({ method: m })} data-testid={`collect-method-${m}`} aria-keyshortcuts={`Alt+${KEYS[m]}`} />
            {' '}{t(`billing.method.${m}`)} <kbd>Alt+{KEYS[m]}</kbd>
          </label>
        ))}
      </div>
      {state.method !== 'split' && (
        <div className="collect-grid">
          <div className="field">
            <label htmlFor="collect-amount">{t('billing.collect.amount')}</label>
            <input id="collect-amount" value={state.amountText} onChange={(e) => set({ amountText: e.target.value })} inputMode="decimal" size={8} placeholder={formatMoney(dueCents, lang)} data-testid="collect-amount" />
          </div>
          {state.method === 'card' && <p className="muted small" data-testid="collect-terminal">{t('billing.collect.terminalSimulated')}</p>}
          {state.method === 'cheque' && (
            <>
              <div className="field"><label htmlFor="cheque-bank">{t('billing.cheque.bank')}</label><input id="cheque-bank" value={state.cheque.bank} onChange={(e) => set({ cheque: { ...state.cheque, bank: e.target.value } })} data-testid="cheque-bank" /></div>
              <div className="field"><label htmlFor="cheque-number">{t('billing.cheque.number')}</label><input id="cheque-number" value={state.cheque.number} onChange={(e) => set({ cheque: { ...state.cheque, number: e.target.value } })} size={10} data-testid="cheque-number" /></div>
              <div className="field"><label htmlFor="cheque-drawer">{t('billing.cheque.drawer')}</label><input id="cheque-drawer" value={state.cheque.drawer} placeholder={drawer} onChange={(e) => set({ cheque: { ...state.cheque, drawer: e.target.value } })} data-testid="cheque-drawer" /></div>
            </>
          )}
          {state.method === 'transfer' && (
            <div className="field"><label htmlFor="transfer-ref">{t('billing.collect.reference')}</label><input id="transfer-ref" value={state.reference} onChange={(e) => set({ reference: e.target.value })} /></div>
          )}
        </div>
      )}
      {state.method === 'split' && (
        <div className="stack-tight" data-testid="collect-split">
          {state.split.map((row, i) => (
            <div key={i} className="collect-grid">
              <label>
                {t('billing.collect.splitMethod', { n: i + 1 })}{' '}
                <select value={row.method} onChange={(e) => set({ split: state.split.map((r, j) => (j === i ? { ...r, method: e.target.value as Method } : r)) })} data-testid={`split-method-${i}`}>
                  {(['card', 'cash', 'cheque', 'transfer'] as const).map((m) => <option key={m} value={m}>{t(`billing.method.${m}`)}</option>)}
                </select>
              </label>
              <label>
                {t('billing.collect.amount')}{' '}
                <input value={row.amountText} onChange={(e) => set({ split: state.split.map((r, j) => (j === i ? { ...r, amountText: e.target.value } : r)) })} inputMode="decimal" size={8}
                  placeholder={i === state.split.length - 1 ? t('billing.collect.rest') : ''} data-testid={`split-amount-${i}`} />
              </label>
            </div>
          ))}
          {state.split.some((r) => r.method === 'cheque') && (
            <div className="collect-grid">
              <div className="field"><label htmlFor="cheque-bank">{t('billing.cheque.bank')}</label><input id="cheque-bank" value={state.cheque.bank} onChange={(e) => set({ cheque: { ...state.cheque, bank: e.target.value } })} /></div>
              <div className="field"><label htmlFor="cheque-number">{t('billing.cheque.number')}</label><input id="cheque-number" value={state.cheque.number} onChange={(e) => set({ cheque: { ...state.cheque, number: e.target.value } })} /></div>
              <div className="field"><label htmlFor="cheque-drawer">{t('billing.cheque.drawer')}</label><input id="cheque-drawer" value={state.cheque.drawer} placeholder={drawer} onChange={(e) => set({ cheque: { ...state.cheque, drawer: e.target.value } })} /></div>
            </div>
          )}
          {state.split.length < 4 && (
            <button type="button" className="button button-small" onClick={() => set({ split: [...state.split, { method: 'cash', amountText: '' }] })}>{t('billing.collect.addMethod')}</button>
          )}
        </div>
      )}
    </fieldset>
  );
}
