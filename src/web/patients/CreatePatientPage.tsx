import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../api/client';
import type { DuplicateCandidate } from '../api/types';
import { href, navigate } from '../router';
import { Alert } from '../ui/Alert';
import { Field } from '../ui/Field';
import { PageTitle } from '../ui/PageTitle';
import { blocking, DuplicatesPanel } from './DuplicatesPanel';
import { formErrors, type FormErrors } from './errors';
import { IDENTITY_FIELDS, IdentityFields } from './IdentityFields';
import { checkable, useDuplicateCheck, type DraftIdentity } from './useDuplicateCheck';
import './patients.css';

const EMPTY: DraftIdentity = { birthName: '', givenNames: '', usedName: '', usedFirstName: '', birthDate: '', sex: '', birthPlaceCode: '', nir: '' };

export function CreatePatientPage() {
  const { t } = useTranslation();
  const formRef = useRef<HTMLFormElement>(null);
  const [draft, setDraft] = useState<DraftIdentity>(EMPTY);
  const [phone, setPhone] = useState('');
  const [email, setEmail] = useState('');
  const [confirmed, setConfirmed] = useState(false);
  const [confirmError, setConfirmError] = useState<string | null>(null);
  const [errors, setErrors] = useState<FormErrors>({ fields: {}, general: null });
  const [busy, setBusy] = useState(false);
  const { duplicates, setDuplicates, checking } = useDuplicateCheck(draft);

  function change(patch: Partial<DraftIdentity>) {
    setDraft((d) => ({ ...d, ...patch }));
    setConfirmed(false);
    // A field being corrected loses its error (it stayed red, « 31/02/1990 n'existe pas », after a valid date).
    setErrors((e) => {
      const touched = Object.keys(patch).filter((k) => k in e.fields);
      if (touched.length === 0) return e;
      const fields = { ...e.fields };
      for (const k of touched) delete fields[k];
      return { ...e, fields };
    });
  }

  function focusFirstError() {
    window.requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"], .confirm-not-duplicate input')?.focus());
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const identity = checkable(draft);
    if (!draft.sex) {
      setErrors({ fields: { sex: t('patients.create.sexRequired') }, general: null });
      return;
    }
    if (blocking(duplicates) && !confirmed) {
      setConfirmError(t('patients.duplicates.confirmRequired'));
      focusFirstError();
      return;
    }
    setBusy(true);
    setErrors({ fields: {}, general: null });
    setConfirmError(null);
    try {
      const { patient } = await api.createPatient({
        ...(identity ?? { birthName: draft.birthName, givenNames: draft.givenNames, birthDate: draft.birthDate, sex: draft.sex }),
        sex: draft.sex,
        birthPlaceCode: draft.birthPlaceCode.trim() || null,
        nir: draft.nir.replace(/\s/g, '') || null,
        phone: phone.trim() || undefined,
        email: email.trim() || undefined,
        confirmNotDuplicate: confirmed || undefined,
      });
      navigate(`/patients/${encodeURIComponent(patient.id)}?created=1`);
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) {
        const found = (err.details as { possibleDuplicates?: DuplicateCandidate[] } | null)?.possibleDuplicates;
        if (found?.length) {
          setDuplicates(found);
          setConfirmed(false);
          setConfirmError(err.message);
          focusFirstError();
          return;
        }
      }
      const split = formErrors(err, [...IDENTITY_FIELDS, 'phone', 'email', 'phones']);
      setErrors(split);
      focusFirstError();
    } finally {
      setBusy(false);
    }
  }

  const fieldErrors = errors.fields;
  const someFieldErrors = Object.keys(fieldErrors).length > 0;
  return (
    <>
      <p className="breadcrumb">
        <a href={href('/patients')}>← {t('patients.backToList')}</a>
      </p>
      <PageTitle title={t('patients.create.title')}>{t('patients.create.title')}</PageTitle>
      <p className="lead">{t('patients.create.intro')}</p>
      <div className="create-layout">
        <form ref={formRef} className="form card create-form" onSubmit={submit} noValidate data-testid="create-patient-form">
          {errors.general && <Alert tone="error" testId="create-error">{errors.general}</Alert>}
          {!errors.general && someFieldErrors && <Alert tone="error" testId="create-error">{t('patients.create.fixFields')}</Alert>}
          <IdentityFields draft={draft} onChange={change} errors={fieldErrors} />
          <fieldset className="fieldset identity-fieldset">
            <legend>{t('patients.contactTitle')}</legend>
            <div className="form-grid">
              <Field label={t('patients.phone')} type="tel" value={phone} autoComplete="off" onChange={(e) => setPhone(e.target.value)}
                error={fieldErrors['phone'] ?? fieldErrors['phones']} testId="field-phone" />
              <Field label={t('patients.email')} type="email" value={email} autoComplete="off" onChange={(e) => setEmail(e.target.value)}
                error={fieldErrors['email']} testId="field-email" />
            </div>
          </fieldset>
          <div className="button-row">
            <button type="submit" className="button button-primary" disabled={busy} data-testid="create-submit">
              {busy ? t('common.loading') : t('patients.create.submit')}
            </button>
            <a href={href('/patients')} className="button">{t('common.cancel')}</a>
          </div>
        </form>
        <aside className="create-aside">
          <DuplicatesPanel duplicates={duplicates} checking={checking} confirmed={confirmed}
            onConfirm={(v) => { setConfirmed(v); if (v) setConfirmError(null); }} confirmError={confirmError} />
        </aside>
      </div>
    </>
  );
}
