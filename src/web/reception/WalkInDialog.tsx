import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../api/client';
import type { PatientSummary } from '../api/types';
import { Alert } from '../ui/Alert';
import { Dialog } from '../ui/Dialog';
import { receptionApi, type PractitionerDay } from './api';
import { formatIdentity, formatDate, COMPACT } from '../ui/format';

/** A patient without an appointment: found by search, or created with a provisional identity; a practitioner or the first free one; urgent or not. */
export function WalkInDialog({ practitioners, onClose, onDone }: { practitioners: PractitionerDay[]; onClose: () => void; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [results, setResults] = useState<PatientSummary[]>([]);
  const [picked, setPicked] = useState<PatientSummary | null>(null);
  const [creating, setCreating] = useState(false);
  const [identity, setIdentity] = useState({ birthName: '', firstName: '', birthDate: '', sex: 'F' as 'F' | 'M' | 'U', phone: '' });
  const [practitionerId, setPractitionerId] = useState('');
  const [urgent, setUrgent] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [duplicates, setDuplicates] = useState(false);

  useEffect(() => {
    if (q.trim().length < 2 || picked) {
      setResults([]);
      return;
    }
    const timer = window.setTimeout(() => {
      api.patients(q, 8).then((r) => setResults(r.patients), () => setResults([]));
    }, 200);
    return () => window.clearTimeout(timer);
  }, [q, picked]);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      const body = {
        practitionerId: practitionerId || null,
        urgent,
        urgentReason: urgent ? reason || null : null,
        ...(picked ? { patientId: picked.id } : { patient: { ...identity, phone: identity.phone || undefined }, confirmNotDuplicate: duplicates || undefined }),
      };
      const r = await receptionApi.walkIn(body);
      onDone(t('reception.walkIn.done', { ticket: r.visit.ticketNumber }));
    } catch (err) {
      if (err instanceof ApiError && err.status === 409 && (err.details as { possibleDuplicates?: unknown[] } | undefined)?.possibleDuplicates) setDuplicates(true);
      setError((err as Error).message);
    }
  }

  return (
    <Dialog open title={t('reception.walkIn.title')} onClose={onClose} testId="walkin-dialog">
      <form className="stack" onSubmit={(e) => void submit(e)}>
        {!creating && (
          <div className="field">
            <label htmlFor="walkin-search">{t('reception.walkIn.search')}</label>
            {picked ? (
              <p data-testid="walkin-picked">
                <strong>{formatIdentity(picked)}</strong> ({formatDate(picked.birthDate, COMPACT)}){' '}
                <button type="button" className="button-link" onClick={() => { setPicked(null); setQ(''); }}>{t('reception.walkIn.change')}</button>
              </p>
            ) : (
              <input id="walkin-search" value={q} onChange={(e) => setQ(e.target.value)} autoComplete="off" data-testid="walkin-search" />
            )}
            {results.length > 0 && (
              <ul className="walkin-results">
                {results.map((p) => (
                  <li key={p.id}>
                    <button type="button" className="button-link" onClick={() => { setPicked(p); setResults([]); }} data-testid="walkin-result">
                      {formatIdentity(p)} — {formatDate(p.birthDate, COMPACT)}
                    </button>
                  </li>
                ))}
              </ul>
            )}
            <button type="button" className="button button-small" onClick={() => { setCreating(true); setPicked(null); }} data-testid="walkin-new">{t('reception.walkIn.new')}</button>
          </div>
        )}
        {creating && (
          <fieldset className="fieldset">
            <legend>{t('reception.walkIn.newLegend')}</legend>
            <p className="muted">{t('reception.walkIn.provisional')}</p>
            <div className="field"><label htmlFor="walkin-birth-name">{t('reception.walkIn.birthName')}</label><input id="walkin-birth-name" required value={identity.birthName} onChange={(e) => setIdentity({ ...identity, birthName: e.target.value })} data-testid="walkin-birth-name" /></div>
            <div className="field"><label htmlFor="walkin-first-name">{t('reception.walkIn.firstName')}</label><input id="walkin-first-name" required value={identity.firstName} onChange={(e) => setIdentity({ ...identity, firstName: e.target.value })} data-testid="walkin-first-name" /></div>
            <div className="field"><label htmlFor="walkin-birth-date">{t('reception.walkIn.birthDate')}</label><input id="walkin-birth-date" required placeholder="JJ/MM/AAAA" value={identity.birthDate} onChange={(e) => setIdentity({ ...identity, birthDate: e.target.value })} data-testid="walkin-birth-date" /></div>
            <div className="field">
              <label htmlFor="walkin-sex">{t('reception.walkIn.sex')}</label>
              <select id="walkin-sex" value={identity.sex} onChange={(e) => setIdentity({ ...identity, sex: e.target.value as 'F' | 'M' | 'U' })}>
                <option value="F">{t('reception.walkIn.sexF')}</option>
                <option value="M">{t('reception.walkIn.sexM')}</option>
                <option value="U">{t('reception.walkIn.sexU')}</option>
              </select>
            </div>
            <div className="field"><label htmlFor="walkin-phone">{t('reception.walkIn.phone')}</label><input id="walkin-phone" value={identity.phone} onChange={(e) => setIdentity({ ...identity, phone: e.target.value })} /></div>
            <button type="button" className="button button-small" onClick={() => setCreating(false)}>{t('reception.walkIn.backToSearch')}</button>
          </fieldset>
        )}
        <div className="field">
          <label htmlFor="walkin-practitioner">{t('reception.walkIn.practitioner')}</label>
          <select id="walkin-practitioner" value={practitionerId} onChange={(e) => setPractitionerId(e.target.value)} data-testid="walkin-practitioner">
            <option value="">{t('reception.firstFree')}</option>
            {practitioners.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
          </select>
        </div>
        <label className="checkbox">
          <input type="checkbox" checked={urgent} onChange={(e) => setUrgent(e.target.checked)} data-testid="walkin-urgent" />
          {t('reception.walkIn.urgent')}
        </label>
        {urgent && (
          <div className="field"><label htmlFor="walkin-reason">{t('reception.urgentReason')}</label><input id="walkin-reason" value={reason} onChange={(e) => setReason(e.target.value)} maxLength={300} data-testid="walkin-reason" /></div>
        )}
        {error && <Alert tone="error" testId="walkin-error">{error}{duplicates ? ` ${t('reception.walkIn.confirmDuplicate')}` : ''}</Alert>}
        <div className="button-row">
          <button type="submit" className="button button-primary" disabled={!picked && !creating} data-testid="walkin-submit">{t('reception.walkIn.submit')}</button>
          <button type="button" className="button" onClick={onClose}>{t('common.cancel')}</button>
        </div>
      </form>
    </Dialog>
  );
}
