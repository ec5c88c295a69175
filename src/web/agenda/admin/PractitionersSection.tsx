import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { Alert } from '../../ui/Alert';
import { Dialog } from '../../ui/Dialog';
import { agendaApi, type Practitioner, type Sector } from '../api';
import { DataTable } from '../../ui/DataTable';
import { FormActions } from '../../ui/FormActions';

interface Member { accountId: string; displayName: string; email: string }
const SECTORS: Sector[] = ['1', '2', 'optam', 'non_conventionne'];

export function PractitionersSection({ practitioners, members, onSaved }: { practitioners: Practitioner[]; members: Member[]; onSaved(message: string): void }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<Practitioner | 'new' | null>(null);
  const name = (id: string | null) => members.find((m) => m.accountId === id)?.displayName ?? '—';
  return (
    <section className="card" aria-labelledby="agenda-admin-practitioners">
      <div className="page-header">
        <h2 id="agenda-admin-practitioners">{t('agenda.admin.practitioners')}</h2>
        <button type="button" className="button button-primary button-small" onClick={() => setEditing('new')} data-testid="practitioner-add">
          {t('agenda.admin.addPractitioner')}
        </button>
      </div>
      <DataTable className="table table-dense" testId="practitioners-table" columns={[t('agenda.admin.name'), t('agenda.admin.rpps'), t('agenda.admin.specialty'), t('agenda.admin.sector'), t('agenda.admin.account'), t('agenda.admin.state'), { label: t('common.actions'), hidden: true }]}>
        {practitioners.map((p) => (
          <tr key={p.id} className={p.active ? '' : 'row-muted'}>
            <th scope="row"><span className="agenda-swatch" style={{ background: p.colour }} aria-hidden="true" /> {p.displayName}</th>
            <td className="mono">{p.rpps ?? '—'}</td>
            <td>{p.specialty}</td>
            <td>{t(`agenda.sector.${p.sector}`)}</td>
            <td>{name(p.accountId)}</td>
            <td>{p.active ? t('agenda.admin.active') : t('agenda.admin.inactive')}</td>
            <td>
              <button type="button" className="button button-small" onClick={() => setEditing(p)} aria-label={t('agenda.admin.editLabel', { name: p.displayName })}>
                {t('common.edit')}
              </button>
            </td>
          </tr>
        ))}
      </DataTable>
      {editing && (
        <PractitionerDialog
          practitioner={editing === 'new' ? null : editing}
          members={members}
          onClose={() => setEditing(null)}
          onSaved={(p) => { setEditing(null); onSaved(t('agenda.admin.practitionerSaved', { name: p.displayName })); }}
        />
      )}
    </section>
  );
}

function PractitionerDialog({ practitioner: p, members, onClose, onSaved }: { practitioner: Practitioner | null; members: Member[]; onClose(): void; onSaved(p: Practitioner): void }) {
  const { t } = useTranslation();
  const id = { name: useId(), rpps: useId(), specialty: useId(), sector: useId(), colour: useId(), account: useId(), active: useId() };
  const [form, setForm] = useState({
    displayName: p?.displayName ?? '', rpps: p?.rpps ?? '', specialty: p?.specialty ?? '', sector: p?.sector ?? ('1' as Sector),
    colour: p?.colour ?? '#2563eb', accountId: p?.accountId ?? '', active: p?.active ?? true,
  });
  const [error, setError] = useState<ApiError | null>(null);
  const set = <K extends keyof typeof form>(k: K, v: (typeof form)[K]) => setForm((f) => ({ ...f, [k]: v }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    const body = {
      displayName: form.displayName.trim(), rpps: form.rpps.trim() || null, sector: form.sector, colour: form.colour,
      accountId: form.accountId || null, ...(form.specialty.trim() ? { specialty: form.specialty.trim() } : {}),
    };
    try {
      const { practitioner } = p ? await agendaApi.updatePractitioner(p.id, { ...body, active: form.active }) : await agendaApi.createPractitioner(body);
      onSaved(practitioner);
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, 'unexpected', String(err)));
    }
  }

  const fieldErrors = Array.isArray(error?.details) ? (error!.details as { field?: string; message?: string }[]) : [];
  return (
    <Dialog open title={p ? t('agenda.admin.editPractitioner') : t('agenda.admin.addPractitioner')} onClose={onClose} testId="practitioner-dialog">
      <form className="form" onSubmit={(e) => void submit(e)}>
        <div className="field"><label htmlFor={id.name}>{t('agenda.admin.name')}</label>
          <input id={id.name} required maxLength={200} value={form.displayName} onChange={(e) => set('displayName', e.target.value)} data-testid="practitioner-name" /></div>
        <div className="field"><label htmlFor={id.rpps}>{t('agenda.admin.rpps')}</label>
          <input id={id.rpps} inputMode="numeric" pattern="\d{11}" value={form.rpps} onChange={(e) => set('rpps', e.target.value)} aria-describedby={`${id.rpps}-hint`} />
          <p id={`${id.rpps}-hint`} className="field-hint">{t('agenda.admin.rppsHint')}</p></div>
        <div className="agenda-form-row">
          <div className="field"><label htmlFor={id.specialty}>{t('agenda.admin.specialty')}</label>
            <input id={id.specialty} maxLength={200} value={form.specialty} onChange={(e) => set('specialty', e.target.value)} /></div>
          <div className="field"><label htmlFor={id.sector}>{t('agenda.admin.sector')}</label>
            <select id={id.sector} value={form.sector} onChange={(e) => set('sector', e.target.value as Sector)}>
              {SECTORS.map((s) => <option key={s} value={s}>{t(`agenda.sector.${s}`)}</option>)}
            </select></div>
          <div className="field"><label htmlFor={id.colour}>{t('agenda.admin.colour')}</label>
            <input id={id.colour} type="color" value={form.colour} onChange={(e) => set('colour', e.target.value)} /></div>
        </div>
        <div className="field"><label htmlFor={id.account}>{t('agenda.admin.account')}</label>
          <select id={id.account} value={form.accountId} onChange={(e) => set('accountId', e.target.value)}>
            <option value="">{t('agenda.admin.noAccount')}</option>
            {members.map((m) => <option key={m.accountId} value={m.accountId}>{m.displayName} ({m.email})</option>)}
          </select></div>
        {p && (
          <div className="checkbox">
            <input id={id.active} type="checkbox" checked={form.active} onChange={(e) => set('active', e.target.checked)} />
            <label htmlFor={id.active}>{t('agenda.admin.active')}</label>
          </div>
        )}
        {error && (
          <Alert tone="error">
            {error.message}
            {fieldErrors.map((f, i) => <div key={i}>{f.message}</div>)}
          </Alert>
        )}
        <FormActions submitLabel={t('common.save')} submitTestId="practitioner-save" onCancel={onClose} />
      </form>
    </Dialog>
  );
}
