import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { InsiResult, Patient } from '../api/types';
import { Alert } from '../ui/Alert';
import { Dialog } from '../ui/Dialog';
import { Field } from '../ui/Field';
import { errorMessage } from './errors';
import type { PatientUpdate } from './PatientDetailPage';
import { DataTable } from '../ui/DataTable';

interface Props { open: boolean; patient: Patient; onClose: () => void; onUpdate: (u: PatientUpdate) => void }

type Outcome = 'found' | 'not_found' | 'several' | 'differ';

function outcomeOf(result: InsiResult): Outcome {
  const { code, differences } = result.outcome;
  if (code === '01') return 'not_found';
  if (code === '02') return 'several';
  return differences.length > 0 ? 'differ' : 'found';
}

/** The INSi teleservice — simulated here, and said so. Shows the outcome and, when traits differ, which ones. */
export function InsiDialog({ open, patient, onClose, onUpdate }: Props) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<'traits' | 'vitale'>('traits');
  const [nir, setNir] = useState(patient.nir ?? '');
  const [result, setResult] = useState<InsiResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function call(adoptInsiTraits = false) {
    setBusy(true);
    setError(null);
    try {
      const r = await api.insiLookup(patient.id, { mode, nir: mode === 'vitale' && nir.trim() ? nir.replace(/\s/g, '') : undefined, adoptInsiTraits: adoptInsiTraits || undefined });
      setResult(r);
      if (r.outcome.applied !== 'none') {
        const from = patient.identityStatus;
        const to = r.patient.identityStatus;
        onUpdate({ patient: r.patient, statusChange: from === to ? null : { from, to }, message: t(`patients.insi.applied_${r.outcome.applied}`) });
      }
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    void call(false);
  }

  function close() {
    setResult(null);
    setError(null);
    onClose();
  }

  const outcome = result ? outcomeOf(result) : null;
  const canAdopt = outcome === 'differ' && !patient.idDocument && result?.outcome.applied === 'none';
  return (
    <Dialog open={open} title={t('patients.insi.title')} onClose={close} testId="insi-dialog">
      <form className="form" onSubmit={submit}>
        <p className="alert alert-info" data-testid="insi-simulator-notice">{t('patients.insi.simulatorNotice')}</p>
        <fieldset className="fieldset">
          <legend>{t('patients.insi.mode')}</legend>
          <label className="radio">
            <input type="radio" name="insi-mode" value="traits" checked={mode === 'traits'} onChange={() => setMode('traits')} data-testid="insi-mode-traits" />
            {t('patients.insi.modeTraits')}
          </label>
          <label className="radio">
            <input type="radio" name="insi-mode" value="vitale" checked={mode === 'vitale'} onChange={() => setMode('vitale')} data-testid="insi-mode-vitale" />
            {t('patients.insi.modeVitale')}
          </label>
        </fieldset>
        {mode === 'vitale' && (
          <Field label={t('patients.insi.nir')} hint={t('patients.insi.nirHint')} value={nir} inputMode="numeric" autoComplete="off"
            onChange={(e) => setNir(e.target.value)} testId="insi-nir" />
        )}
        <div className="button-row">
          <button type="submit" className="button button-primary" disabled={busy} data-testid="insi-submit">
            {busy ? t('patients.insi.calling') : t('patients.insi.submit')}
          </button>
          <button type="button" className="button" onClick={close}>{t('common.close')}</button>
        </div>
      </form>
      {error && <Alert tone="error" testId="insi-error">{error}</Alert>}
      {result && outcome && (
        <section className={`insi-outcome insi-${outcome}`} aria-labelledby="insi-outcome-title" data-testid="insi-outcome" data-outcome={outcome}>
          <h3 id="insi-outcome-title">
            {t(`patients.insi.outcome_${outcome}`)} <span className="muted">({t('patients.insi.code', { code: result.outcome.code, label: result.outcome.label })})</span>
          </h3>
          {result.simulated && <p className="muted small">{t('patients.insi.simulatedAnswer')}</p>}
          {result.outcome.identity && (
            <p>
              {t('patients.insi.ins')} <span className="mono">{result.outcome.identity.matricule}</span>{' '}
              <span className="muted">(OID {result.outcome.identity.oid})</span>
            </p>
          )}
          {outcome === 'several' && <p>{t('patients.insi.severalHelp')}</p>}
          {outcome === 'not_found' && <p>{t('patients.insi.notFoundHelp')}</p>}
          {result.outcome.differences.length > 0 && (
            <DataTable className="table table-dense" testId="insi-differences" caption={t('patients.insi.differences')} captionClassName="insi-caption" wrap={false} columns={[t('patients.insi.trait'), t('patients.insi.inPivot'), t('patients.insi.inInsi')]}>
              {result.outcome.differences.map((d) => (
                <tr key={d.trait}>
                  <th scope="row">{t(`patients.traitNames.${d.trait}`, { defaultValue: d.trait })}</th>
                  <td>{d.pivot ?? '—'}</td>
                  <td>{d.other ?? '—'}</td>
                </tr>
              ))}
            </DataTable>
          )}
          {outcome === 'differ' && result.outcome.applied === 'none' && (
            <p>{patient.idDocument ? t('patients.insi.differValidated') : t('patients.insi.differHelp')}</p>
          )}
          {canAdopt && (
            <button type="button" className="button" onClick={() => void call(true)} disabled={busy} data-testid="insi-adopt">
              {t('patients.insi.adopt')}
            </button>
          )}
          {result.outcome.applied !== 'none' && (
            <p className="alert alert-success" data-testid="insi-applied">
              {t(`patients.insi.applied_${result.outcome.applied}`)} {t('patients.insi.statusNow', { status: t(`identity.${result.patient.identityStatus}`) })}
            </p>
          )}
        </section>
      )}
    </Dialog>
  );
}
