import { useTranslation } from 'react-i18next';
import type { DuplicateCandidate } from '../api/types';
import { href } from '../router';
import { formatDate, COMPACT } from '../ui/format';
import { IdentityBadge } from './IdentityBadge';

/** The server's reason codes, as the desk reads them (one code may say two things). */
const REASON_KEYS: Record<string, string[]> = {
  same_nir: ['patients.duplicates.reason_same_nir'],
  same_birth_date_similar_name: ['patients.duplicates.reason_same_birth_date', 'patients.duplicates.reason_similar_name'],
  swapped_day_month_similar_name: ['patients.duplicates.reason_swapped_date', 'patients.duplicates.reason_similar_name'],
};

interface Props {
  duplicates: DuplicateCandidate[];
  checking: boolean;
  confirmed: boolean;
  onConfirm: (value: boolean) => void;
  confirmError?: string | null;
}

/** The server's explanation (French labels, evidence for a duplicate first); the legacy codes otherwise. */
function reasonsOf(d: DuplicateCandidate, t: (k: string) => string): { label: string; against: boolean }[] {
  if (d.explanation?.length) {
    return [...d.explanation].sort((a, b) => b.weight - a.weight).filter((r) => r.weight !== 0).map((r) => ({ label: r.label, against: r.weight < 0 }));
  }
  const keys = d.reasons.flatMap((code) => REASON_KEYS[code] ?? []).filter((k, i, all) => all.indexOf(k) === i);
  return keys.map((key) => ({ label: t(key), against: false }));
}

/** Do these candidates block the creation (certain or probable) or only inform (possible)? */
export function blocking(duplicates: DuplicateCandidate[]): boolean {
  return duplicates.some((d) => d.level !== 'possible');
}

/** Probable duplicates found while typing, with why, a link to each, and the explicit « not the same person » confirmation. */
export function DuplicatesPanel({ duplicates, checking, confirmed, onConfirm, confirmError }: Props) {
  const { t } = useTranslation();
  return (
    <section className="duplicates" aria-labelledby="duplicates-title" data-testid="duplicates-panel">
      <h2 id="duplicates-title" className="duplicates-title">{t('patients.duplicates.title')}</h2>
      <p role="status" className="muted duplicates-status" data-testid="duplicates-status">
        {checking ? t('patients.duplicates.checking') : duplicates.length === 0 ? t('patients.duplicates.none') : t('patients.duplicates.found', { count: duplicates.length })}
      </p>
      {duplicates.length > 0 && (
        <div className="alert alert-warning duplicates-box">
          <ul className="duplicate-list" data-testid="duplicate-list">
            {duplicates.map((d) => (
              <li key={d.id} className="duplicate" data-testid="duplicate">
                <a href={href(`/patients/${encodeURIComponent(d.id)}`)} target="_blank" rel="noopener" className="duplicate-name">
                  <strong>{d.birthName.toLocaleUpperCase('fr-FR')}</strong>
                  {d.usedName && ` (${t('patients.usedName', { name: d.usedName.toLocaleUpperCase('fr-FR') })})`} {d.firstName}
                  <span className="visually-hidden"> {t('patients.duplicates.opensInNewTab')}</span>
                </a>
                <span> — {formatDate(d.birthDate, COMPACT)} — {t(`patients.sexShort_${d.sex}`)} </span>
                <IdentityBadge status={d.identityStatus} />
                {d.level && <span className={`badge ${d.level === 'possible' ? 'badge-neutral' : 'badge-danger'} level`}>{t(`patients.duplicates.level_${d.level}`)}</span>}
                <ul className="reason-list" aria-label={t('patients.duplicates.reasons')}>
                  {reasonsOf(d, t).map((r) => (
                    <li key={r.label} className={`reason ${r.against ? 'reason-against' : ''}`}>
                      {r.against && <span className="visually-hidden">{t('patients.duplicates.against')} </span>}
                      {r.label}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
          {blocking(duplicates) ? (
          <div className="checkbox confirm-not-duplicate">
            <input id="confirm-not-duplicate" type="checkbox" checked={confirmed} onChange={(e) => onConfirm(e.target.checked)}
              aria-describedby={confirmError ? 'confirm-not-duplicate-error' : undefined} data-testid="confirm-not-duplicate" />
            <label htmlFor="confirm-not-duplicate">{t('patients.duplicates.confirm')}</label>
          </div>
          ) : (
            <p className="muted small">{t('patients.duplicates.possibleOnly')}</p>
          )}
          {confirmError && <p id="confirm-not-duplicate-error" className="field-error">{confirmError}</p>}
        </div>
      )}
    </section>
  );
}
