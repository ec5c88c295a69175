import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { reportsApi } from '../reports/api';
import { AuthorField, useAuthor } from '../reports/AuthorField';
import { navigate } from '../router';
import { Alert } from '../ui/Alert';
import type { Draft, Sentence } from './api';

/**
 * « Créer le compte rendu » : the draft, as corrected on screen, becomes a report draft in the report editor (the
 * consultation template, each sentence keeping its source), for the author chosen here; the practitioner validates
 * it there like any report. Needs the patient.
 */
export function ToReport({ draft, sentences, patientId }: { draft: Draft; sentences: Sentence[]; patientId: string | null }) {
  const { t } = useTranslation();
  const id = useId();
  const authorState = useAuthor();
  const { author } = authorState;
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
      <AuthorField id={`${id}-author`} label={t('consultationDrafts.toReport.author')} testId="cd-report-author" state={authorState} />
      {error && <Alert tone="error">{error}</Alert>}
      <div className="button-row">
        <button type="button" className="button button-primary" onClick={() => void create()} disabled={busy} data-testid="cd-to-report-create">{t('consultationDrafts.toReport.create')}</button>
      </div>
    </section>
  );
}
