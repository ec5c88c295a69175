import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PatientSummary } from '../api/types';
import { formatDate, COMPACT, formatIdentity, formatPhone } from '../ui/format';
import { phoneApi } from './api';


/** Optional patient: search by name, birth date or phone (the patients search API), pick one, or clear. */
export function PatientPicker({ value, onChange, label, testId = 'patient' }: { value: PatientSummary | null; onChange: (p: PatientSummary | null) => void; label: string; testId?: string }) {
  const { t } = useTranslation();
  const id = useId();
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<PatientSummary[]>([]);

  useEffect(() => {
    if (query.trim().length < 2) {
      setResults([]);
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      phoneApi.searchPatients(query.trim()).then((r) => current && setResults(r.patients), () => current && setResults([]));
    }, 200);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [query]);

  if (value) {
    return (
      <div className="field">
        <span className="field-label" id={`${id}-label`}>{label}</span>
        <div className="pl-picked" data-testid={`${testId}-picked`}>
          <span>{formatIdentity(value)} <span className="muted">({formatDate(value.birthDate, COMPACT)})</span></span>
          <button type="button" className="button button-small" onClick={() => onChange(null)} aria-describedby={`${id}-label`}>{t('phoneLog.patient.change')}</button>
        </div>
      </div>
    );
  }
  return (
    <div className="field pl-patient">
      <label htmlFor={`${id}-q`}>{label}</label>
      <input id={`${id}-q`} type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder={t('phoneLog.patient.placeholder')} autoComplete="off" data-testid={`${testId}-search`} aria-describedby={`${id}-count`} />
      <p id={`${id}-count`} className="visually-hidden" role="status">{query.trim().length >= 2 ? t('phoneLog.patient.results', { count: results.length }) : ''}</p>
      {results.length > 0 && (
        <ul className="pl-results">
          {results.map((p) => (
            <li key={p.id}>
              <button type="button" className="pl-result" onClick={() => { onChange(p); setQuery(''); }} data-testid={`${testId}-result`}>
                <strong>{formatIdentity(p)}</strong> <span className="muted">{formatDate(p.birthDate, COMPACT)}{p.phone ? ` · ${formatPhone(p.phone)}` : ''}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
