import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Sex } from '../api/types';
import { DuplicatesPanel } from '../patients/DuplicatesPanel';
import { useDuplicateCheck, type DraftIdentity } from '../patients/useDuplicateCheck';
import { Field } from '../ui/Field';

export interface NewPatientDraft extends DraftIdentity {
  phone: string;
}

export const EMPTY_NEW_PATIENT: NewPatientDraft = { birthName: '', givenNames: '', usedName: '', usedFirstName: '', birthDate: '', sex: '', birthPlaceCode: '', nir: '', phone: '' };

/** « Dupont Marie » typed in the search → birth name Dupont, first name Marie (the desk's habit: name first). */
export function draftFromSearch(q: string): NewPatientDraft {
  const words = q.trim().split(/\s+/).filter((w) => !/\d/.test(w));
  return { ...EMPTY_NEW_PATIENT, birthName: words[0] ?? '', givenNames: words.slice(1).join(' ') };
}

/**
 * The identity of a patient created from the booking dialog (issue 12, item 6): the few fields a provisional
 * identity needs, with the patients capability's live duplicate check and its « not the same person » confirmation.
 */
export function NewPatientFields({ draft, onChange, confirmed, onConfirm, confirmError }: {
  draft: NewPatientDraft; onChange: (patch: Partial<NewPatientDraft>) => void; confirmed: boolean; onConfirm: (v: boolean) => void; confirmError: string | null;
}) {
  const { t } = useTranslation();
  const sexName = useId();
  const { duplicates, checking } = useDuplicateCheck(draft);
  return (
    <fieldset className="fieldset agenda-new-patient" data-testid="booking-new-patient">
      <legend>{t('agenda.book.newPatient.legend')}</legend>
      <div className="agenda-form-row">
        <Field label={t('patients.birthName')} value={draft.birthName} required autoComplete="off" onChange={(e) => onChange({ birthName: e.target.value })} testId="booking-new-birthName" />
        <Field label={t('patients.firstName')} value={draft.givenNames} required autoComplete="off" onChange={(e) => onChange({ givenNames: e.target.value })} testId="booking-new-firstName" />
      </div>
      <div className="agenda-form-row">
        <Field label={t('patients.birthDate')} value={draft.birthDate} required inputMode="numeric" placeholder={t('patients.birthDatePlaceholder')} autoComplete="off"
          onChange={(e) => onChange({ birthDate: e.target.value })} testId="booking-new-birthDate" />
        <Field label={t('patients.phone')} type="tel" value={draft.phone} autoComplete="off" onChange={(e) => onChange({ phone: e.target.value })} testId="booking-new-phone" />
      </div>
      <fieldset className="field radio-group">
        <legend className="field-label">{t('patients.sex')}</legend>
        {(['F', 'M', 'U'] as Sex[]).map((sex) => (
          <label key={sex} className="radio">
            <input type="radio" name={sexName} value={sex} checked={draft.sex === sex} required onChange={() => onChange({ sex })} data-testid={`booking-new-sex-${sex}`} />
            {t(`patients.sex_${sex}`)}
          </label>
        ))}
      </fieldset>
      {(duplicates.length > 0 || checking) && (
        <DuplicatesPanel duplicates={duplicates} checking={checking} confirmed={confirmed} onConfirm={onConfirm} confirmError={confirmError} />
      )}
    </fieldset>
  );
}
