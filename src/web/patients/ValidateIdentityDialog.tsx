import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { IdDocumentType, Patient } from '../api/types';
import { Alert } from '../ui/Alert';
import { Dialog } from '../ui/Dialog';
import { Field } from '../ui/Field';
import { errorMessage } from './errors';
import { formatBirthDate } from './format';
import type { PatientUpdate } from './PatientDetailPage';

/** High-trust documents only (RNIV); the others cannot validate an identity. */
export const HIGH_TRUST: IdDocumentType[] = [
  'passport', 'national_id_card', 'residence_permit', 'minor_birth_extract_with_parent_id',
  'minor_family_book_with_parent_id', 'minor_travel_document', 'ehpad_family_book_with_vitale_photo',
];

interface Props { open: boolean; patient: Patient; onClose: () => void; onDone: (u: PatientUpdate) => void }

export function ValidateIdentityDialog({ open, patient, onClose, onDone }: Props) {
  const { t } = useTranslation();
  const [type, setType] = useState<IdDocumentType>('national_id_card');
  const [number, setNumber] = useState('');
  const [expiresOn, setExpiresOn] = useState('');
  const [checked, setChecked] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!checked) { setError(t('patients.validate.checkRequired')); return; }
    setBusy(true);
    setError(null);
    try {
      const r = await api.validateIdentity(patient.id, { documentType: type, documentNumber: number.trim(), expiresOn: expiresOn || null, traitsConfirmed: true });
      setNumber(''); setExpiresOn(''); setChecked(false);
      onDone({ patient: r.patient, statusChange: r.statusChange, message: t('patients.validate.done') });
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog open={open} title={t('patients.validate.title')} onClose={onClose} testId="validate-dialog">
      <form className="form" onSubmit={submit} noValidate>
        <p>{t('patients.validate.intro')}</p>
        <div className="traits-reminder" data-testid="validate-traits">
          <strong>{patient.birthName.toLocaleUpperCase('fr-FR')}</strong> {patient.givenNames} — {formatBirthDate(patient.birthDate, patient.birthDatePrecision)} — {t(`patients.sex_${patient.sex}`)}
          {patient.birthPlaceLabel && <> — {patient.birthPlaceLabel}</>}
        </div>
        {error && <Alert tone="error" testId="validate-error">{error}</Alert>}
        <div className="field">
          <label htmlFor="validate-type">{t('patients.validate.documentType')}</label>
          <p id="validate-type-hint" className="field-hint">{t('patients.validate.documentTypeHint')}</p>
          <select id="validate-type" value={type} onChange={(e) => setType(e.target.value as IdDocumentType)} aria-describedby="validate-type-hint" data-testid="validate-type">
            {HIGH_TRUST.map((code) => <option key={code} value={code}>{t(`patients.docTypes.${code}`)}</option>)}
          </select>
        </div>
        <Field label={t('patients.validate.number')} value={number} required maxLength={40} autoComplete="off"
          onChange={(e) => setNumber(e.target.value)} testId="validate-number" />
        <Field label={t('patients.validate.expiresOn')} hint={t('patients.validate.expiresOnHint')} type="date" value={expiresOn}
          onChange={(e) => setExpiresOn(e.target.value)} testId="validate-expires" className="field-narrow" />
        <div className="checkbox">
          <input id="validate-checked" type="checkbox" checked={checked} onChange={(e) => setChecked(e.target.checked)} data-testid="validate-checked" />
          <label htmlFor="validate-checked">{t('patients.validate.checked')}</label>
        </div>
        <div className="button-row">
          <button type="submit" className="button button-primary" disabled={busy || !number.trim()} data-testid="validate-submit">{t('patients.validate.submit')}</button>
          <button type="button" className="button" onClick={onClose}>{t('common.cancel')}</button>
        </div>
      </form>
    </Dialog>
  );
}
