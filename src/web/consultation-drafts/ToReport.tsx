import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { corrApi } from '../correspondence/api';
import { reportsApi } from '../reports/api';
import { navigate } from '../router';
import { Alert } from '../ui/Alert';
import { useLoad } from '../ui/useLoad';
import type { Draft, Sentence } from './api';

/**
 * « Créer le compte rendu » : the draft, as corrected on screen, becomes a report draft in the report editor (the
 * consultation template, each sentence keeping its source), for the author chosen here; the practitioner validates
 * it there like any report. Needs the patient.
 */
export function ToReport({ draft, sentences, patientId }: { draft: Draft; sentences: Sentence[]; patientId: string | null }) {
  const { t } = useTranslation();
  const id = useId();
  const practitioners = useLoad(() => corrApi.practitioners(), []);
  const [authorId, setAuthorId] = useState('');
  const author = authorId || practitioners.data?.practitioners.find((p) => p.own)?.id || '';
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function create() {
    setError(null);
    if (!patientId || !author) return setError(t('consultationDrafts.toReport.missing'));
    setBusy(true);
    try {
      const { report } = await reportsApi.fromDraft({ patientId, authorId: author, transcript: draft.transcript, sentences, engine: draft.engine });
      navigate(`/comptes-rendus/${report.id}`);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t('errors.unexpectedShort'));
      setBusy(false);
    }
  }

  return (
    <section className="card stack" aria-labelledby={`${id}-title`} data-testid="cd-to-report">
      <h2 id={`${id}-title`}>{t('consultationDrafts.toReport.title')}</h2>
      <p className="field-hint">{t('consultationDrafts.toReport.hint')}</p>
      <div className="field">
        <label htmlFor={`${id}-author`}>{t('consultationDrafts.toReport.author')}</label>
        <select id={`${id}-author`} value={author} onChange={(e) => setAuthorId(e.target.value)} data-testid="cd-report-author">
          <option value="">—</option>
          {(practitioners.data?.practitioners ?? []).map((p) => <option key={p.id} value={p.id}>{p.name} — {p.specialty}</option>)}
        </select>
      </div>
      {error && <Alert tone="error">{error}</Alert>}
      <div className="button-row">
        <button type="button" className="button button-primary" onClick={() => void create()} disabled={busy} data-testid="cd-to-report-create">{t('consultationDrafts.toReport.create')}</button>
      </div>
    </section>
  );
}
