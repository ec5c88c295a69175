import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { Dialog } from '../../ui/Dialog';
import { agendaApi, type Motif, type Practitioner } from '../api';
import { DataTable } from '../../ui/DataTable';
import { FormActions } from '../../ui/FormActions';

export function MotifsSection({ motifs, practitioners, onSaved }: { motifs: Motif[]; practitioners: Practitioner[]; onSaved(message: string): void }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<Motif | 'new' | null>(null);
  const owner = (id: string | null) => (id ? practitioners.find((p) => p.id === id)?.displayName ?? '—' : t('agenda.admin.allPractitioners'));
  const yes = (v: boolean) => (v ? t('agenda.admin.yes') : t('agenda.admin.no'));
  return (
    <section className="card" aria-labelledby="agenda-admin-motifs">
      <div className="page-header">
        <h2 id="agenda-admin-motifs">{t('agenda.admin.motifs')}</h2>
        <button type="button" className="button button-primary button-small" onClick={() => setEditing('new')} data-testid="motif-add">{t('agenda.admin.addMotif')}</button>
      </div>
      <DataTable className="table table-dense" testId="motifs-table" columns={[t('agenda.admin.motifName'), t('agenda.admin.owner'), t('agenda.admin.duration'), t('agenda.admin.buffer'), t('agenda.admin.online'), t('agenda.admin.newPatients'), t('agenda.admin.state'), { label: t('common.actions'), hidden: true }]}>
        {motifs.map((m) => (
          <tr key={m.id} className={m.active ? '' : 'row-muted'}>
            <th scope="row"><span className="agenda-swatch" style={{ background: m.colour }} aria-hidden="true" /> {m.name}</th>
            <td>{owner(m.practitionerId)}</td>
            <td>{t('agenda.minutes', { count: m.durationMinutes })}</td>
            <td>{t('agenda.minutes', { count: m.bufferMinutes })}</td>
            <td>{yes(m.onlineBookable)}</td>
            <td>{yes(m.newPatientsAllowed)}</td>
            <td>{m.active ? t('agenda.admin.active') : t('agenda.admin.inactive')}</td>
            <td><button type="button" className="button button-small" onClick={() => setEditing(m)} aria-label={t('agenda.admin.editLabel', { name: m.name })}>{t('common.edit')}</button></td>
          </tr>
        ))}
      </DataTable>
      {editing && (
        <MotifDialog
          motif={editing === 'new' ? null : editing}
          practitioners={practitioners}
          onClose={() => setEditing(null)}
          onSaved={(m) => { setEditing(null); onSaved(t('agenda.admin.motifSaved', { name: m.name })); }}
        />
      )}
    </section>
  );
}

function MotifDialog({ motif: m, practitioners, onClose, onSaved }: { motif: Motif | null; practitioners: Practitioner[]; onClose(): void; onSaved(m: Motif): void }) {
  const { t } = useTranslation();
  const base = useId();
  const id = (k: string) => `${base}-${k}`;
  const [form, setForm] = useState({
    name: m?.name ?? '', practitionerId: m?.practitionerId ?? '', durationMinutes: m?.durationMinutes ?? 20, bufferMinutes: m?.bufferMinutes ?? 0,
    colour: m?.colour ?? '#2563eb', onlineBookable: m?.onlineBookable ?? false, newPatientsAllowed: m?.newPatientsAllowed ?? true,
    teleconsultation: m?.teleconsultation ?? false, capacity: m?.capacity ?? 1, preparationInstructions: m?.preparationInstructions ?? '',
    documentsToBring: m?.documentsToBring ?? '', active: m?.active ?? true,
  });
  const [error, setError] = useState<string | null>(null);
  const set = <K extends keyof typeof form>(k: K, v: (typeof form)[K]) => setForm((f) => ({ ...f, [k]: v }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    const body = {
      ...form, name: form.name.trim(), practitionerId: form.practitionerId || null,
      preparationInstructions: form.preparationInstructions.trim() || null, documentsToBring: form.documentsToBring.trim() || null,
    };
    try {
      const { motif } = m ? await agendaApi.updateMotif(m.id, body) : await agendaApi.createMotif((({ active: _a, ...rest }) => rest)(body));
      onSaved(motif);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    }
  }

  const check = (k: 'onlineBookable' | 'newPatientsAllowed' | 'teleconsultation' | 'active', label: string) => (
    <div className="checkbox">
      <input id={id(k)} type="checkbox" checked={form[k]} onChange={(e) => set(k, e.target.checked)} />
      <label htmlFor={id(k)}>{label}</label>
    </div>
  );
  return (
    <Dialog open title={m ? t('agenda.admin.editMotif') : t('agenda.admin.addMotif')} onClose={onClose} testId="motif-dialog">
      <form className="form" onSubmit={(e) => void submit(e)}>
        <div className="field"><label htmlFor={id('name')}>{t('agenda.admin.motifName')}</label>
          <input id={id('name')} required maxLength={100} value={form.name} onChange={(e) => set('name', e.target.value)} data-testid="motif-name" /></div>
        <div className="field"><label htmlFor={id('owner')}>{t('agenda.admin.owner')}</label>
          <select id={id('owner')} value={form.practitionerId} onChange={(e) => set('practitionerId', e.target.value)}>
            <option value="">{t('agenda.admin.allPractitioners')}</option>
            {practitioners.map((p) => <option key={p.id} value={p.id}>{p.displayName}</option>)}
          </select></div>
        <div className="agenda-form-row">
          <div className="field"><label htmlFor={id('duration')}>{t('agenda.admin.durationMinutes')}</label>
            <input id={id('duration')} type="number" min={5} max={480} required value={form.durationMinutes} onChange={(e) => set('durationMinutes', Number(e.target.value))} /></div>
          <div className="field"><label htmlFor={id('buffer')}>{t('agenda.admin.bufferMinutes')}</label>
            <input id={id('buffer')} type="number" min={0} max={120} value={form.bufferMinutes} onChange={(e) => set('bufferMinutes', Number(e.target.value))} /></div>
          <div className="field"><label htmlFor={id('capacity')}>{t('agenda.admin.capacity')}</label>
            <input id={id('capacity')} type="number" min={1} max={50} value={form.capacity} onChange={(e) => set('capacity', Number(e.target.value))} /></div>
          <div className="field"><label htmlFor={id('colour')}>{t('agenda.admin.colour')}</label>
            <input id={id('colour')} type="color" value={form.colour} onChange={(e) => set('colour', e.target.value)} /></div>
        </div>
        {check('onlineBookable', t('agenda.admin.onlineBookable'))}
        {check('newPatientsAllowed', t('agenda.admin.newPatientsAllowed'))}
        {check('teleconsultation', t('agenda.admin.teleconsultation'))}
        <div className="field"><label htmlFor={id('prep')}>{t('agenda.admin.preparation')}</label>
          <textarea id={id('prep')} rows={2} maxLength={2000} value={form.preparationInstructions} onChange={(e) => set('preparationInstructions', e.target.value)} /></div>
        <div className="field"><label htmlFor={id('docs')}>{t('agenda.admin.documents')}</label>
          <textarea id={id('docs')} rows={2} maxLength={2000} value={form.documentsToBring} onChange={(e) => set('documentsToBring', e.target.value)} /></div>
        {m && check('active', t('agenda.admin.active'))}
        <FormActions error={error} submitLabel={t('common.save')} submitTestId="motif-save" onCancel={onClose} />
      </form>
    </Dialog>
  );
}
