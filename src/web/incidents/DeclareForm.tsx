import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PatientSummary } from '../api/types';
import { PatientPicker } from '../phone-log/PatientPicker';
import { Alert } from '../ui/Alert';
import { FOLLOW_UPS, incidentApi, KINDS, SEVERITIES, type FollowUp, type Incident, type Kind, type Severity } from './api';
import { clock } from '../clock';
import { useFormAction } from '../ui/useFormAction';

function nowInput(): string {
  const d = clock.now();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Declaring a difficult situation: what, when, where, who, how serious, what was done already. */
export function DeclareForm({ staff, onDone, onCancel }: { staff: { id: string; name: string }[]; onDone: (i: Incident) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [kind, setKind] = useState<Kind | ''>('');
  const [occurredAt, setOccurredAt] = useState(nowInput());
  const [place, setPlace] = useState('');
  const [severity, setSeverity] = useState<Severity>('medium');
  const [description, setDescription] = useState('');
  const [staffIds, setStaffIds] = useState<string[]>([]);
  const [patient, setPatient] = useState<PatientSummary | null>(null);
  const [others, setOthers] = useState('');
  const [followUp, setFollowUp] = useState<FollowUp[]>([]);
  const [followUpNote, setFollowUpNote] = useState('');
  const { error, setError, busy, run } = useFormAction();

  const toggle = <T,>(list: T[], v: T) => (list.includes(v) ? list.filter((x) => x !== v) : [...list, v]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!kind || !place.trim() || description.trim().length < 3 || !occurredAt) {
      setError(t('incidents.form.missing'));
      return;
    }
    await run(async () => {
      const { incident } = await incidentApi.create({
        kind, occurredAt: new Date(occurredAt).toISOString(), place: place.trim(), description: description.trim(), severity,
        staffIds, patientId: patient?.id ?? null, others: others.trim() || null, followUp, followUpNote: followUpNote.trim() || null,
      });
      onDone(incident);
    });
  }

  return (
    <form className="card form inc-form" onSubmit={(e) => void submit(e)} noValidate aria-labelledby={`${id}-title`} data-testid="incident-form">
      <h2 id={`${id}-title`}>{t('incidents.form.title')}</h2>
      <p className="muted">{t('incidents.form.intro')}</p>
      <div className="inc-row">
        <div className="field">
          <label htmlFor={`${id}-kind`}>{t('incidents.field.kind')}</label>
          <select id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.target.value as Kind)} required data-testid="incident-kind">
            <option value="">{t('incidents.form.choose')}</option>
            {KINDS.map((k) => <option key={k} value={k}>{t(`incidents.kind.${k}`)}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-when`}>{t('incidents.field.occurredAt')}</label>
          <input id={`${id}-when`} type="datetime-local" value={occurredAt} max={nowInput()} onChange={(e) => setOccurredAt(e.target.value)} required data-testid="incident-when" />
        </div>
        <div className="field">
          <label htmlFor={`${id}-place`}>{t('incidents.field.place')}</label>
          <input id={`${id}-place`} value={place} onChange={(e) => setPlace(e.target.value)} maxLength={200} required placeholder={t('incidents.form.placeHint')} data-testid="incident-place" />
        </div>
      </div>
      <fieldset className="inc-inline">
        <legend>{t('incidents.field.severity')}</legend>
        {SEVERITIES.map((s) => (
          <label key={s} className="checkbox">
            <input type="radio" name={`${id}-sev`} checked={severity === s} onChange={() => setSeverity(s)} data-testid={`incident-severity-${s}`} />
            <span>{t(`incidents.severity.${s}`)}</span>
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}-desc`}>{t('incidents.field.description')}</label>
        <p id={`${id}-desc-hint`} className="field-hint">{t('incidents.form.descriptionHint')}</p>
        <textarea id={`${id}-desc`} rows={4} maxLength={8000} value={description} onChange={(e) => setDescription(e.target.value)} required aria-describedby={`${id}-desc-hint`} data-testid="incident-description" />
      </div>
      <fieldset className="inc-inline">
        <legend>{t('incidents.field.staff')}</legend>
        {staff.map((s) => (
          <label key={s.id} className="checkbox">
            <input type="checkbox" checked={staffIds.includes(s.id)} onChange={() => setStaffIds((l) => toggle(l, s.id))} data-testid="incident-staff" />
            <span>{s.name}</span>
          </label>
        ))}
      </fieldset>
      <PatientPicker value={patient} onChange={setPatient} label={t('incidents.field.patient')} testId="incident-patient" />
      <div className="field">
        <label htmlFor={`${id}-others`}>{t('incidents.field.others')}</label>
        <textarea id={`${id}-others`} rows={2} maxLength={2000} value={others} onChange={(e) => setOthers(e.target.value)} data-testid="incident-others" />
      </div>
      <FollowUpFields value={followUp} onChange={setFollowUp} note={followUpNote} onNote={setFollowUpNote} />
      {error && <Alert tone="error">{error}</Alert>}
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={busy} data-testid="incident-submit">{t('incidents.form.submit')}</button>
        <button type="button" className="button" onClick={onCancel}>{t('incidents.form.cancel')}</button>
      </div>
    </form>
  );
}

export function FollowUpFields({ value, onChange, note, onNote }: { value: FollowUp[]; onChange: (v: FollowUp[]) => void; note: string; onNote: (v: string) => void }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <>
      <fieldset className="inc-inline">
        <legend>{t('incidents.field.followUp')}</legend>
        {FOLLOW_UPS.map((f) => (
          <label key={f} className="checkbox">
            <input type="checkbox" checked={value.includes(f)} onChange={() => onChange(value.includes(f) ? value.filter((x) => x !== f) : [...value, f])} data-testid={`incident-followup-${f}`} />
            <span>{t(`incidents.followUp.${f}`)}</span>
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}-note`}>{t('incidents.field.followUpNote')}</label>
        <textarea id={`${id}-note`} rows={2} maxLength={4000} value={note} onChange={(e) => onNote(e.target.value)} data-testid="incident-followup-note" />
      </div>
    </>
  );
}
