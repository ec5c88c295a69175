import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { MatchCandidate, PatientSummary } from '../../api/types';

import { href } from '../../router';
import { formatDate, COMPACT, formatIdentity } from '../../ui/format';

interface Props {
  patient: { id: string; name: string; birthDate: string } | null;
  candidates: MatchCandidate[];
  busy: boolean;
  onMatch: (patientId: string | null) => void;
}

/** Attach the request to a patient record: the server's candidates, or a search in the practice's patients. */
export function MatchPatient({ patient, candidates, busy, onMatch }: Props) {
  const { t } = useTranslation();
  const searchId = useId();
  const [input, setInput] = useState('');
  const [results, setResults] = useState<PatientSummary[] | null>(null);
  const [searchError, setSearchError] = useState<string | null>(null);

  useEffect(() => {
    const q = input.trim();
    if (q.length < 2) {
      setResults(null);
      return;
    }
    let current = true;
    const timer = window.setTimeout(() => {
      api.patients(q, 10).then(
        (res) => current && setResults(res.patients),
        (err: unknown) => current && setSearchError(err instanceof Error ? err.message : String(err)),
      );
    }, 250);
    return () => {
      current = false;
      window.clearTimeout(timer);
    };
  }, [input]);

  return (
    <div className="match" data-testid="match-patient">
      <p>
        {patient ? (
          <>
            <a href={href(`/patients/${encodeURIComponent(patient.id)}`)} data-testid="matched-patient">{patient.name}</a>
            {patient.birthDate && <span className="muted"> — {formatDate(patient.birthDate, COMPACT)}</span>}{' '}
            <button type="button" className="button-link" onClick={() => onMatch(null)} disabled={busy} data-testid="unmatch">
              {t('assistant.match.detach')}
            </button>
          </>
        ) : (
          <span className="badge badge-warning">{t('assistant.inbox.toIdentify')}</span>
        )}
      </p>
      {!patient && candidates.length > 0 && (
        <>
          <h4 className="subheading">{t('assistant.match.suggested')}</h4>
          <ul className="candidate-list" data-testid="match-candidates">
            {candidates.map((c) => (
              <li key={c.id}>
                <span>
                  {c.name} — {formatDate(c.birthDate, COMPACT)}{' '}
                  <span className="muted">({t(`assistant.match.via.${c.via}`, { defaultValue: c.via })})</span>
                </span>
                <button type="button" className="button button-small" onClick={() => onMatch(c.id)} disabled={busy} aria-label={t('assistant.match.attachNamed', { name: c.name })}>
                  {t('assistant.match.attach')}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      <div className="field">
        <label htmlFor={searchId}>{patient ? t('assistant.match.searchOther') : t('assistant.match.search')}</label>
        <input id={searchId} type="search" value={input} onChange={(e) => setInput(e.target.value)} placeholder={t('patients.searchPlaceholder')} data-testid="match-search" />
      </div>
      {searchError && <p className="field-error">{searchError}</p>}
      {results && (
        <div role="status" className="muted result-count">{t('assistant.match.results', { count: results.length })}</div>
      )}
      {results && results.length > 0 && (
        <ul className="candidate-list" data-testid="match-results">
          {results.map((p) => {
            const name = formatIdentity(p);
            return (
              <li key={p.id}>
                <span>{name} — {formatDate(p.birthDate, COMPACT)}</span>
                <button type="button" className="button button-small" onClick={() => onMatch(p.id)} disabled={busy || patient?.id === p.id} aria-label={t('assistant.match.attachNamed', { name })}>
                  {t('assistant.match.attach')}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
