import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { IdentityInput, Patient, Sex } from '../api/types';
import { Alert } from '../ui/Alert';
import { Dialog } from '../ui/Dialog';
import { formErrors, type FormErrors } from './errors';
import { formatBirthDate } from './format';
import { IDENTITY_FIELDS, IdentityFields } from './IdentityFields';
import type { PatientUpdate } from './PatientDetailPage';
import type { DraftIdentity } from './useDuplicateCheck';

const STRICT: (keyof DraftIdentity)[] = ['birthName', 'givenNames', 'birthDate', 'sex', 'birthPlaceCode'];

function draftOf(p: Patient): DraftIdentity {
  return {
    birthName: p.birthName, givenNames: p.givenNames, usedName: p.usedName ?? '', usedFirstName: p.usedFirstName ?? '',
    birthDate: formatBirthDate(p.birthDate, p.birthDatePrecision), sex: p.sex, birthPlaceCode: p.birthPlaceCode ?? '', nir: p.nir ?? '',
  };
}

interface Props { open: boolean; patient: Patient; onClose: () => void; onDone: (u: PatientUpdate) => void }

/** Correct the identity: a strict trait needs a reason and sends the identity back to « provisoire ». */
export function CorrectIdentityDialog({ open, patient, onClose, onDone }: Props) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<DraftIdentity>(() => draftOf(patient));
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FormErrors>({ fields: {}, general: null });
  const [busy, setBusy] = useState(false);
  const original = draftOf(patient);

  useEffect(() => {
    if (open) {
      setDraft(draftOf(patient));
      setReason('');
      setErrors({ fields: {}, general: null });
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);

  const changedKeys = (Object.keys(original) as (keyof DraftIdentity)[]).filter((k) => original[k].trim() !== draft[k].trim());
  const strictChanged = changedKeys.some((k) => STRICT.includes(k));

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (changedKeys.length === 0) { onClose(); return; }
    if (strictChanged && !reason.trim()) {
      setErrors({ fields: { reason: t('patients.correct.reasonRequired') }, general: null });
      document.getElementById('correct-reason')?.focus();
      return;
    }
    const body: Partial<IdentityInput> & { reason?: string; version?: number } = { version: patient.version };
    for (const key of changedKeys) {
      const value = draft[key].trim();
      if (key === 'sex') body.sex = value as Sex;
      else if (key === 'nir') body.nir = value.replace(/\s/g, '') || null;
      else if (key === 'usedName' || key === 'usedFirstName' || key === 'birthPlaceCode') body[key] = value || null;
      else body[key] = value;
    }
    if (reason.trim()) body.reason = reason.trim();
    setBusy(true);
    setErrors({ fields: {}, general: null });
    try {
      const r = await api.correctIdentity(patient.id, body);
      onDone({ patient: r.patient, statusChange: r.statusChange, message: t('patients.correct.done') });
    } catch (err) {
      setErrors(formErrors(err, [...IDENTITY_FIELDS, 'reason']));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog open={open} title={t('patients.correct.title')} onClose={onClose} testId="correct-dialog">
      <form className="form" onSubmit={submit} noValidate>
        {errors.general && <Alert tone="error" testId="correct-error">{errors.general}</Alert>}
        <IdentityFields draft={draft} onChange={(patch) => setDraft((d) => ({ ...d, ...patch }))} errors={errors.fields} original={original} />
        {strictChanged && patient.identityStatus !== 'provisoire' && (
          <p className="alert alert-warning" data-testid="correct-warning">{t('patients.correct.statusWarning', { status: t(`identity.${patient.identityStatus}`) })}</p>
        )}
        <div className="field">
          <label htmlFor="correct-reason">{t('patients.correct.reason')}{strictChanged && <span aria-hidden="true"> *</span>}</label>
          <p id="correct-reason-hint" className="field-hint">{t('patients.correct.reasonHint')}</p>
          <textarea id="correct-reason" rows={2} value={reason} required={strictChanged} maxLength={500}
            aria-invalid={errors.fields['reason'] ? true : undefined}
            aria-describedby={`correct-reason-hint${errors.fields['reason'] ? ' correct-reason-error' : ''}`}
            onChange={(e) => setReason(e.target.value)} data-testid="correct-reason" />
          {errors.fields['reason'] && <p id="correct-reason-error" className="field-error">{errors.fields['reason']}</p>}
        </div>
        <div className="button-row">
          <button type="submit" className="button button-primary" disabled={busy || changedKeys.length === 0} data-testid="correct-submit">{t('common.save')}</button>
          <button type="button" className="button" onClick={onClose}>{t('common.cancel')}</button>
        </div>
      </form>
    </Dialog>
  );
}
