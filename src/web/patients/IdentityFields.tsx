import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Sex } from '../api/types';
import { Field } from '../ui/Field';
import { BirthPlaceField } from './BirthPlaceField';
import type { DraftIdentity } from './useDuplicateCheck';

export const IDENTITY_FIELDS = ['birthName', 'givenNames', 'firstName', 'usedName', 'usedFirstName', 'birthDate', 'sex', 'birthPlaceCode', 'nir'];

interface Props {
  draft: DraftIdentity;
  onChange: (patch: Partial<DraftIdentity>) => void;
  errors: Record<string, string>;
  /** Marks the strict traits whose value differs from this one (correction form). */
  original?: DraftIdentity;
}

/** Strict traits (as on the ID document) and used traits, in two clearly separate groups. */
export function IdentityFields({ draft, onChange, errors, original }: Props) {
  const { t } = useTranslation();
  const sexId = useId();
  const changed = (key: keyof DraftIdentity) => (original && original[key].trim() !== draft[key].trim() ? ' field-changed' : '');
  const givenError = errors['givenNames'] ?? errors['firstName'];
  return (
    <>
      <fieldset className="fieldset identity-fieldset" data-testid="strict-traits-fields">
        <legend>{t('patients.strictTraits')}</legend>
        <p className="field-hint">{t('patients.strictTraitsHint')}</p>
        <div className="form-grid">
          <Field
            label={t('patients.birthName')} value={draft.birthName} required autoComplete="off" className={changed('birthName')}
            onChange={(e) => onChange({ birthName: e.target.value })} error={errors['birthName']} testId="field-birthName"
          />
          <Field
            label={t('patients.givenNames')} hint={t('patients.givenNamesHint')} value={draft.givenNames} required autoComplete="off"
            className={changed('givenNames')} onChange={(e) => onChange({ givenNames: e.target.value })} error={givenError} testId="field-givenNames"
          />
          <Field
            label={t('patients.birthDate')} hint={t('patients.birthDateHint')} value={draft.birthDate} required inputMode="numeric"
            placeholder={t('patients.birthDatePlaceholder')} autoComplete="off" className={changed('birthDate')}
            onChange={(e) => onChange({ birthDate: e.target.value })} error={errors['birthDate']} testId="field-birthDate"
          />
          <fieldset className={`field radio-group${changed('sex')}`} aria-describedby={errors['sex'] ? `${sexId}-error` : undefined}>
            <legend className="field-label">{t('patients.sex')}</legend>
            <div className="radio-row">
              {(['F', 'M', 'U'] as Sex[]).map((sex) => (
                <label key={sex} className="radio">
                  <input type="radio" name={sexId} value={sex} checked={draft.sex === sex} required
                    onChange={() => onChange({ sex })} data-testid={`field-sex-${sex}`} />
                  {t(`patients.sex_${sex}`)}
                </label>
              ))}
            </div>
            {errors['sex'] && <p id={`${sexId}-error`} className="field-error">{errors['sex']}</p>}
          </fieldset>
          <BirthPlaceField
            value={draft.birthPlaceCode} className={changed('birthPlaceCode')}
            onChange={(code) => onChange({ birthPlaceCode: code })} error={errors['birthPlaceCode']}
          />
        </div>
      </fieldset>
      <fieldset className="fieldset identity-fieldset" data-testid="used-traits-fields">
        <legend>{t('patients.usedTraits')}</legend>
        <p className="field-hint">{t('patients.usedTraitsHint')}</p>
        <div className="form-grid">
          <Field label={t('patients.usedNameLabel')} value={draft.usedName} autoComplete="off"
            onChange={(e) => onChange({ usedName: e.target.value })} error={errors['usedName']} testId="field-usedName" />
          <Field label={t('patients.usedFirstName')} value={draft.usedFirstName} autoComplete="off"
            onChange={(e) => onChange({ usedFirstName: e.target.value })} error={errors['usedFirstName']} testId="field-usedFirstName" />
          <Field label={t('patients.nir')} hint={t('patients.nirHint')} value={draft.nir} inputMode="numeric" autoComplete="off" maxLength={21}
            onChange={(e) => onChange({ nir: e.target.value })} error={errors['nir']} testId="field-nir" />
        </div>
      </fieldset>
    </>
  );
}
