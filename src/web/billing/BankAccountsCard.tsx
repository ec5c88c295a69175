import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../auth/session';
import { Alert } from '../ui/Alert';
import { Dialog } from '../ui/Dialog';
import { booksApi, type BankAccount } from './books-api';

type Editing = { mode: 'add' } | { mode: 'edit'; account: BankAccount };

/**
 * The practitioner's bank accounts on the deposit slips screen: the desk sees them (to choose where the cheques go);
 * the practitioner or an admin adds one (holder, bank, IBAN checked by the server, mod 97), edits its label, holder
 * and bank, deactivates or reactivates it. The IBAN of an account never changes: another IBAN is another account.
 */
export function BankAccountsCard({ practitionerId, accounts, onChanged }: { practitionerId: string; accounts: BankAccount[]; onChanged: (message: string) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const roles = useMe().practice.roles;
  const manages = roles.includes('admin') || roles.includes('practitioner');
  const [editing, setEditing] = useState<Editing | null>(null);
  const [error, setError] = useState<string | null>(null);
  const toggle = async (a: BankAccount) => {
    setError(null);
    try {
      await booksApi.updateBankAccount(practitionerId, a.id, { label: a.label, holder: a.holder, bank: a.bank, active: !a.active });
      onChanged(t(a.active ? 'billing.booksUi.bank.deactivated' : 'billing.booksUi.bank.reactivated', { label: a.label }));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <section className="card" aria-labelledby={`${id}-h`} data-testid="bank-accounts">
      <div className="books-head">
        <h2 id={`${id}-h`}>{t('billing.booksUi.bank.title')}</h2>
        {manages && <button type="button" className="button" onClick={() => setEditing({ mode: 'add' })} data-testid="bank-add">{t('billing.booksUi.bank.add')}</button>}
      </div>
      {accounts.length === 0 ? <p className="muted">{t(manages ? 'billing.booksUi.bank.none' : 'billing.booksUi.deposits.noAccount')}</p> : (
        <div className="table-wrap">
          <table className="table table-dense">
            <thead><tr>
              <th scope="col">{t('billing.booksUi.bank.label')}</th><th scope="col">{t('billing.booksUi.bank.holder')}</th><th scope="col">{t('billing.booksUi.bank.bank')}</th>
              <th scope="col">{t('billing.booksUi.bank.iban')}</th><th scope="col">{t('billing.booksUi.bank.status')}</th><th scope="col" className="num">{t('billing.booksUi.bank.slips')}</th>
              {manages && <th scope="col"><span className="visually-hidden">{t('billing.desk.col.actions')}</span></th>}
            </tr></thead>
            <tbody>
              {accounts.map((a) => (
                <tr key={a.id} data-testid="bank-row" data-active={a.active}>
                  <th scope="row">{a.label}</th><td>{a.holder}</td><td>{a.bank || '—'}</td><td className="books-iban">{a.account}</td>
                  <td>{t(a.active ? 'billing.booksUi.bank.active' : 'billing.booksUi.bank.inactive')}</td><td className="num">{a.slips}</td>
                  {manages && (
                    <td className="books-row-actions">
                      <button type="button" className="button button-small" onClick={() => setEditing({ mode: 'edit', account: a })} data-testid="bank-edit">{t('billing.booksUi.bank.edit')}<span className="visually-hidden"> — {a.label}</span></button>
                      <button type="button" className="button button-small" onClick={() => void toggle(a)} data-testid="bank-toggle">
                        {t(a.active ? 'billing.booksUi.bank.deactivate' : 'billing.booksUi.bank.reactivate')}<span className="visually-hidden"> — {a.label}</span>
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {error && <Alert tone="error">{error}</Alert>}
      <BankAccountDialog practitionerId={practitionerId} editing={editing} onClose={() => setEditing(null)} onDone={(m) => { setEditing(null); onChanged(m); }} />
    </section>
  );
}

function BankAccountDialog({ practitionerId, editing, onClose, onDone }: { practitionerId: string; editing: Editing | null; onClose: () => void; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [form, setForm] = useState({ label: '', holder: '', bank: '', iban: '' });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    setError(null);
    const a = editing?.mode === 'edit' ? editing.account : null;
    setForm({ label: a?.label ?? '', holder: a?.holder ?? '', bank: a?.bank ?? '', iban: a?.account ?? '' });
  }, [editing]);
  const set = (k: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement>) => setForm((f) => ({ ...f, [k]: e.target.value }));
  const submit = async () => {
    if (!editing || busy) return;
    setBusy(true);
    setError(null);
    try {
      if (editing.mode === 'add') {
        await booksApi.addBankAccount(practitionerId, form);
        onDone(t('billing.booksUi.bank.added', { label: form.label }));
      } else {
        await booksApi.updateBankAccount(practitionerId, editing.account.id, { label: form.label, holder: form.holder, bank: form.bank, active: editing.account.active });
        onDone(t('billing.booksUi.bank.saved', { label: form.label }));
      }
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  const adding = editing?.mode === 'add';
  return (
    <Dialog open={editing !== null} title={t(adding ? 'billing.booksUi.bank.addTitle' : 'billing.booksUi.bank.editTitle')} onClose={onClose} testId="bank-dialog">
      <form className="stack" onSubmit={(e) => { e.preventDefault(); void submit(); }} aria-busy={busy}>
        <div className="field"><label htmlFor={`${id}-l`}>{t('billing.booksUi.bank.label')}</label><input id={`${id}-l`} value={form.label} onChange={set('label')} required maxLength={80} data-testid="bank-label" /></div>
        <div className="field"><label htmlFor={`${id}-h`}>{t('billing.booksUi.bank.holder')}</label><input id={`${id}-h`} value={form.holder} onChange={set('holder')} required maxLength={120} data-testid="bank-holder" /></div>
        <div className="field"><label htmlFor={`${id}-b`}>{t('billing.booksUi.bank.bank')}</label><input id={`${id}-b`} value={form.bank} onChange={set('bank')} required maxLength={80} data-testid="bank-bank" /></div>
        <div className="field">
          <label htmlFor={`${id}-i`}>{t('billing.booksUi.bank.iban')}</label>
          <input id={`${id}-i`} value={form.iban} onChange={set('iban')} required={adding} readOnly={!adding} maxLength={42} autoComplete="off" spellCheck={false}
            aria-describedby={`${id}-ih`} aria-invalid={error ? true : undefined} data-testid="bank-iban" />
          <p id={`${id}-ih`} className="muted">{t(adding ? 'billing.booksUi.bank.ibanHint' : 'billing.booksUi.bank.ibanFixed')}</p>
        </div>
        {error && <Alert tone="error" testId="bank-error">{error}</Alert>}
        <div className="collect-actions">
          <button type="submit" className="button button-primary" disabled={busy} data-testid="bank-save">{t(adding ? 'billing.booksUi.bank.addSubmit' : 'billing.booksUi.bank.save')}</button>
          <button type="button" className="button" onClick={onClose}>{t('common.cancel')}</button>
        </div>
      </form>
    </Dialog>
  );
}
