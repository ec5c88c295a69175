import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import type { Patient } from '../../api/types';
import { hasRole, useMe } from '../../auth/session';
import { href } from '../../router';
import { Alert } from '../../ui/Alert';
import { Dialog } from '../../ui/Dialog';
import { formatDateTime, COMPACT } from '../../ui/format';
import { useLoad } from '../../ui/useLoad';
import { errorMessage } from '../errors';
import { formatBirthDate } from '../format';
import { IdentityBadge } from '../IdentityBadge';
import { mergeApi, type MergeHistoryEntry } from './mergeApi';

const who = (p: { birthName: string; firstName: string }) => `${p.birthName.toLocaleUpperCase('fr-FR')} ${p.firstName}`;

/** Undo of a merge (admin, 30 days): reason, and the changes made since that prevent a complete undo. */
function UndoDialog({ merge, onClose, onDone }: { merge: MergeHistoryEntry | null; onClose: () => void; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [conflicts, setConflicts] = useState<string[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!merge) return;
    if (reason.trim().length < 3) { setError(t('patients.merge.reasonRequired')); return; }
    setBusy(true);
    setError(null);
    try {
      const r = await mergeApi.undo(merge.id, { reason: reason.trim(), acceptConflicts: conflicts !== null });
      onDone(t('patients.history.undone', { count: r.movedBack }));
    } catch (err) {
      const details = err instanceof ApiError ? (err.details as { conflicts?: unknown[] } | undefined) : undefined;
      if (err instanceof ApiError && err.status === 409 && details?.conflicts) setConflicts([err.message]);
      else setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Dialog open={merge !== null} title={t('patients.history.undoTitle')} onClose={onClose} testId="undo-dialog">
      {merge && (
        <form className="form" onSubmit={submit} noValidate>
          <p>{t('patients.history.undoExplain', { duplicate: who(merge.duplicate), survivor: who(merge.survivor) })}</p>
          {merge.undoConflicts.length > 0 && (
            <Alert tone="warning">
              <ul>{merge.undoConflicts.map((c, i) => <li key={i}>{c.message}</li>)}</ul>
            </Alert>
          )}
          {conflicts && <Alert tone="warning" testId="undo-conflicts">{conflicts.join(' ')}</Alert>}
          <div className="field">
            <label htmlFor="undo-reason">{t('patients.merge.reason')}</label>
            <textarea id="undo-reason" value={reason} onChange={(e) => setReason(e.target.value)} rows={2} required data-testid="undo-reason" />
          </div>
          {error && <Alert tone="error">{error}</Alert>}
          <div className="button-row">
            <button type="submit" className="button button-danger" disabled={busy} data-testid="undo-confirm">
              {conflicts ? t('patients.history.undoAnyway') : t('patients.history.undo')}
            </button>
            <button type="button" className="button" onClick={onClose}>{t('patients.merge.cancel')}</button>
          </div>
        </form>
      )}
    </Dialog>
  );
}

/** « Doublons et fusions » : possible duplicates (→ Fusionner), split, and the history with « Annuler la fusion ». */
export function MergesTab({ patient, onChanged, notice }: { patient: Patient; onChanged: () => void; notice: string | null }) {
  const { t } = useTranslation();
  const me = useMe();
  const isAdmin = hasRole(me, 'admin');
  const canMerge = isAdmin || hasRole(me, 'secretary');
  const dups = useLoad(() => mergeApi.duplicatesOf(patient.id), [patient.id, patient.version]);
  const history = useLoad(() => mergeApi.history(patient.id), [patient.id, patient.version]);
  const [undoing, setUndoing] = useState<MergeHistoryEntry | null>(null);
  const [message, setMessage] = useState<string | null>(notice);
  const base = `/patients/${encodeURIComponent(patient.id)}`;
  const merged = patient.mergedIntoId !== null;

  return (
    <div className="merges-tab">
      {message && <Alert tone="success" testId="merges-message">{message}</Alert>}
      {canMerge && !merged && (
        <div className="button-row">
          <a className="button" href={href(`${base}/merge`)} data-testid="action-merge">{t('patients.merge.open')}</a>
          <a className="button" href={href(`${base}/split`)} data-testid="action-split">{t('patients.split.open')}</a>
        </div>
      )}
      {!merged && (
        <section className="card" aria-labelledby="possible-dups-title" data-testid="possible-duplicates">
          <h2 id="possible-dups-title">{t('patients.history.duplicatesTitle')}</h2>
          {dups.error && <Alert tone="error">{dups.error.message}</Alert>}
          {dups.data && dups.data.possibleDuplicates.length === 0 && <p className="muted">{t('patients.duplicates.none')}</p>}
          <ul className="plain-list">
            {dups.data?.possibleDuplicates.map((d) => (
              <li key={d.id} className="merge-dup" data-testid="possible-duplicate">
                <a href={href(`/patients/${encodeURIComponent(d.id)}`)}>
                  <strong>{d.birthName.toLocaleUpperCase('fr-FR')}</strong> {d.firstName} — {formatBirthDate(d.birthDate)}
                </a>{' '}
                <IdentityBadge status={d.identityStatus} /> <span className="muted">({t(`patients.history.level_${d.level}`)})</span>{' '}
                {canMerge && (
                  <a className="button button-small" href={href(`${base}/merge?with=${encodeURIComponent(d.id)}`)} data-testid="merge-with">
                    {t('patients.merge.mergeButton')}
                  </a>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
      <section className="card" aria-labelledby="history-title" data-testid="merge-history">
        <h2 id="history-title">{t('patients.history.title')}</h2>
        {history.error && <Alert tone="error">{history.error.message}</Alert>}
        {history.data && history.data.merges.length === 0 && history.data.splits.length === 0 && <p className="muted">{t('patients.history.empty')}</p>}
        <ul className="plain-list history-list">
          {history.data?.merges.map((m) => (
            <li key={m.id} data-testid="history-merge">
              <p>
                <strong>{t('patients.history.merge', { duplicate: who(m.duplicate), survivor: who(m.survivor) })}</strong>{' '}
                <span className="muted">— {formatDateTime(m.mergedAt, COMPACT)}{m.mergedBy ? `, ${m.mergedBy}` : ''}</span>
              </p>
              <p>{t('patients.history.reason')} : {m.reason} — {t('patients.history.rows', { count: m.rowsMoved })}</p>
              {m.undoneAt ? (
                <p className="muted" data-testid="history-undone">{t('patients.history.undoneOn', { date: formatDateTime(m.undoneAt, COMPACT), by: m.undoneBy ?? '' })} ({m.undoReason})</p>
              ) : m.undoable ? (
                <p>
                  <span className="muted">{t('patients.history.undoUntil', { date: formatDateTime(m.undoUntil, COMPACT) })}</span>{' '}
                  {isAdmin && (
                    <button type="button" className="button button-small button-danger" onClick={() => setUndoing(m)} data-testid="undo-merge">
                      {t('patients.history.undo')}
                    </button>
                  )}
                </p>
              ) : (
                <p className="muted">{t('patients.history.notUndoable')}</p>
              )}
            </li>
          ))}
          {history.data?.splits.map((s) => (
            <li key={s.id} data-testid="history-split">
              <p>
                <strong>{t('patients.history.split', { source: who(s.source), created: who(s.newPatient) })}</strong>{' '}
                <span className="muted">— {formatDateTime(s.splitAt, COMPACT)}</span>
              </p>
              <p>{t('patients.history.reason')} : {s.reason} — {t('patients.history.rows', { count: s.rowsMoved })}</p>
            </li>
          ))}
        </ul>
      </section>
      <UndoDialog merge={undoing} onClose={() => setUndoing(null)} onDone={(msg) => { setUndoing(null); setMessage(msg); history.reload(); onChanged(); }} />
    </div>
  );
}
