import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { AdministrativeUpdate, Patient } from '../../api/types';
import { Alert } from '../../ui/Alert';
import { errorMessage } from '../errors';
import type { PatientUpdate } from '../PatientDetailPage';

interface Props<D> {
  name: keyof AdministrativeUpdate;
  title: string;
  patient: Patient;
  onUpdate: (u: PatientUpdate) => void;
  /** The section as shown (read mode). */
  view: ReactNode;
  /** Draft for the edit form, from the current value. */
  initial: () => D;
  editor: (draft: D, set: (patch: Partial<D>) => void) => ReactNode;
  /** The value sent to the API (`null` clears the section). */
  toValue: (draft: D) => AdministrativeUpdate[keyof AdministrativeUpdate];
  /** Offer to clear the section (sections that may be absent). */
  clearable?: boolean;
  flagged?: boolean;
}

/** One section of the administrative file: read view, « Modifier » opens its form in place; each section saves alone. */
export function Section<D>({ name, title, patient, onUpdate, view, initial, editor, toValue, clearable, flagged }: Props<D>) {
  const { t } = useTranslation();
  const headingId = useId();
  const [draft, setDraft] = useState<D | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function save(value: AdministrativeUpdate[keyof AdministrativeUpdate]) {
    setBusy(true);
    setError(null);
    try {
      const r = await api.updateAdministrative(patient.id, { [name]: value } as AdministrativeUpdate);
      setDraft(null);
      onUpdate({ patient: r.patient, message: t('patients.admin.saved', { section: title }) });
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (draft !== null) void save(toValue(draft));
  }

  return (
    <section className={`card admin-section ${flagged ? 'admin-section-flagged' : ''}`} aria-labelledby={headingId} data-testid={`admin-${name}`}>
      <div className="admin-section-header">
        <h2 id={headingId}>{title}</h2>
        {draft === null && (
          <button type="button" className="button button-small" onClick={() => { setDraft(initial()); setError(null); }} data-testid={`admin-${name}-edit`}>
            {t('common.edit')}<span className="visually-hidden"> : {title}</span>
          </button>
        )}
      </div>
      {draft === null ? (
        view
      ) : (
        <form className="form admin-form" onSubmit={submit} noValidate>
          {error && <Alert tone="error" testId={`admin-${name}-error`}>{error}</Alert>}
          {editor(draft, (patch) => setDraft((d) => (d === null ? d : { ...d, ...patch })))}
          <div className="button-row">
            <button type="submit" className="button button-primary" disabled={busy} data-testid={`admin-${name}-save`}>{t('common.save')}</button>
            <button type="button" className="button" onClick={() => setDraft(null)}>{t('common.cancel')}</button>
            {clearable && (
              <button type="button" className="button button-danger" disabled={busy} onClick={() => void save(name === 'legalRepresentatives' ? [] : null)}>
                {t('patients.admin.clear')}
              </button>
            )}
          </div>
        </form>
      )}
    </section>
  );
}

/** Read view helpers. */
export function Dash() {
  return <span className="muted">—</span>;
}

export function YesNo({ value }: { value: boolean }) {
  const { t } = useTranslation();
  return <>{value ? t('patients.admin.yes') : t('patients.admin.no')}</>;
}
