import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { Patient } from '../api/types';
import { Alert } from '../ui/Alert';
import { Dialog } from '../ui/Dialog';
import { Field } from '../ui/Field';
import { errorMessage } from './errors';
import type { PatientUpdate } from './PatientDetailPage';

interface Props { open: boolean; patient: Patient; onClose: () => void; onDone: (u: PatientUpdate) => void }

/** Doubtful (with why), fictitious, homonym — always with a reason, recorded in the audit log. */
export function AttributesDialog({ open, patient, onClose, onDone }: Props) {
  const { t } = useTranslation();
  const [doubtful, setDoubtful] = useState(patient.attributes.doubtful);
  const [doubtfulReason, setDoubtfulReason] = useState(patient.doubtfulReason ?? '');
  const [fictitious, setFictitious] = useState(patient.attributes.fictitious);
  const [homonym, setHomonym] = useState(patient.attributes.homonym);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!open) return;
    setDoubtful(patient.attributes.doubtful);
    setDoubtfulReason(patient.doubtfulReason ?? '');
    setFictitious(patient.attributes.fictitious);
    setHomonym(patient.attributes.homonym);
    setReason('');
    setError(null);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);

  const raisesDoubt = (doubtful && !patient.attributes.doubtful) || (fictitious && !patient.attributes.fictitious);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!reason.trim()) { setError(t('patients.attributes.reasonRequired')); return; }
    setBusy(true);
    setError(null);
    try {
      const r = await api.setPatientAttributes(patient.id, {
        doubtful, doubtfulReason: doubtful ? doubtfulReason.trim() || null : null, fictitious, homonym, reason: reason.trim(),
      });
      onDone({ patient: r.patient, statusChange: r.statusChange, message: t('patients.attributes.done') });
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog open={open} title={t('patients.attributes.title')} onClose={onClose} testId="attributes-dialog">
      <form className="form" onSubmit={submit} noValidate>
        {error && <Alert tone="error">{error}</Alert>}
        <div className="checkbox">
          <input id="attr-doubtful" type="checkbox" checked={doubtful} onChange={(e) => setDoubtful(e.target.checked)} />
          <label htmlFor="attr-doubtful">{t('patients.attributes.doubtful')} — <span className="muted">{t('patients.attributes.doubtfulHint')}</span></label>
        </div>
        {doubtful && (
          <Field label={t('patients.attributes.doubtfulReason')} value={doubtfulReason} maxLength={500} onChange={(e) => setDoubtfulReason(e.target.value)} />
        )}
        <div className="checkbox">
          <input id="attr-fictitious" type="checkbox" checked={fictitious} onChange={(e) => setFictitious(e.target.checked)} />
          <label htmlFor="attr-fictitious">{t('patients.attributes.fictitious')} — <span className="muted">{t('patients.attributes.fictitiousHint')}</span></label>
        </div>
        <div className="checkbox">
          <input id="attr-homonym" type="checkbox" checked={homonym} onChange={(e) => setHomonym(e.target.checked)} />
          <label htmlFor="attr-homonym">{t('patients.attributes.homonym')} — <span className="muted">{t('patients.attributes.homonymHint')}</span></label>
        </div>
        {raisesDoubt && <p className="alert alert-warning">{t('patients.attributes.discardWarning')}</p>}
        <Field label={t('patients.attributes.reason')} value={reason} required maxLength={500} onChange={(e) => setReason(e.target.value)} />
        <div className="button-row">
          <button type="submit" className="button button-primary" disabled={busy}>{t('common.save')}</button>
          <button type="button" className="button" onClick={onClose}>{t('common.cancel')}</button>
        </div>
      </form>
    </Dialog>
  );
}
