import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import type { PatientSummary } from '../api/types';
import { PatientPicker } from '../phone-log/PatientPicker';
import { Alert } from '../ui/Alert';
import { PageTitle } from '../ui/PageTitle';
import { draftsApi, SECTIONS, type Draft, type Problem, type Sentence } from './api';
import { TranscriptView } from './TranscriptView';
import { ToReport } from './ToReport';
import './consultation-drafts.css';

/**
 * #/brouillon-consultation — a transcript in, a DRAFT synthesis and letter out, side by side with the transcript:
 * each sentence is a button that highlights its source. A sentence changed so that its source no longer says it,
 * or added without one, is marked and blocks « ready for validation ».
 */
export function DraftPage() {
  const { t, i18n } = useTranslation();
  const [transcript, setTranscript] = useState('');
  const [patient, setPatient] = useState<PatientSummary | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [sentences, setSentences] = useState<Sentence[]>([]);
  const [problems, setProblems] = useState<Map<string, Problem>>(new Map());
  const [selected, setSelected] = useState<string | null>(null);
  const [view, setView] = useState<'synthesis' | 'letter'>('synthesis');
  const [error, setError] = useState<string | null>(null);
  const [checked, setChecked] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setChecked(null);
    try {
      const { draft: d } = await draftsApi.create(transcript, patient?.id ?? null);
      setDraft(d);
      setSentences(d.sentences);
      setProblems(new Map(d.problems.map((p) => [p.id, p.problem])));
      setSelected(null);
    } catch (err) {
      setDraft(null);
      setError(err instanceof ApiError ? err.message : t('errors.unexpectedShort'));
    }
  }

  async function check() {
    if (!draft) return;
    const r = await draftsApi.check(draft.transcript, sentences);
    setProblems(new Map(r.problems.map((p) => [p.id, p.problem])));
    setChecked(r.ready ? t('consultationDrafts.ready') : t('consultationDrafts.notReady', { count: r.problems.length }));
  }

  const edit = (id: string, text: string) => setSentences((list) => list.map((s) => (s.id === id ? { ...s, text } : s)));
  const source = sentences.find((s) => s.id === selected)?.source ?? null;

  return (
    <>
      <PageTitle title={t('consultationDrafts.title')}>{t('consultationDrafts.title')}</PageTitle>
      <p className="muted">{t('consultationDrafts.intro')}</p>
      <form className="card cd-form" onSubmit={(e) => void submit(e)}>
        <div className="field">
          <label htmlFor="cd-input">{t('consultationDrafts.transcriptField')}</label>
          <textarea id="cd-input" rows={8} value={transcript} onChange={(e) => setTranscript(e.target.value)} data-testid="cd-input" />
        </div>
        <PatientPicker value={patient} onChange={setPatient} label={t('consultationDrafts.patient')} testId="cd-patient" />
        {error && <Alert tone="error">{error}</Alert>}
        <button type="submit" className="button button-primary" data-testid="cd-make">{t('consultationDrafts.make')}</button>
      </form>
      {draft && (
        <div className="cd-result">
          <p className="cd-label" data-testid="cd-label" role="note">{draft.label[i18n.language === 'en' ? 'en' : 'fr']}</p>
          <div className="button-row" role="group" aria-label={t('consultationDrafts.viewLabel')}>
            {(['synthesis', 'letter'] as const).map((v) => (
              <button key={v} type="button" className="button button-small" aria-pressed={view === v} onClick={() => setView(v)} data-testid={`cd-view-${v}`}>{t(`consultationDrafts.view.${v}`)}</button>
            ))}
          </div>
          <div className="cd-columns">
            <section className="card cd-draft" aria-label={t(`consultationDrafts.view.${view}`)}>
              {view === 'synthesis'
                ? SECTIONS.map((section) => {
                    const list = sentences.filter((s) => s.section === section);
                    if (list.length === 0) return null;
                    return (
                      <div key={section} className="cd-section">
                        <h3>{t(`consultationDrafts.section.${section}`)}</h3>
                        {list.map((s) => (
                          <SentenceRow key={s.id} s={s} problem={problems.get(s.id)} selected={selected === s.id} onSelect={() => setSelected(s.id)} onEdit={(text) => edit(s.id, text)} />
                        ))}
                      </div>
                    );
                  })
                : draft.letter.map((line, i) =>
                    line.template ? (
                      <p key={i} className="cd-template">{line.text}</p>
                    ) : (
                      <p key={i} className={line.sentenceId && problems.has(line.sentenceId) ? 'cd-problem' : undefined}>
                        <button type="button" className={`cd-sentence${selected === line.sentenceId ? ' cd-selected' : ''}`} onClick={() => setSelected(line.sentenceId)} aria-pressed={selected === line.sentenceId}>
                          {sentences.find((s) => s.id === line.sentenceId)?.text ?? line.text}
                        </button>
                        {line.sentenceId && problems.has(line.sentenceId) && <span className="cd-warning"> {t(`consultationDrafts.problem.${problems.get(line.sentenceId)!}`)}</span>}
                      </p>
                    ),
                  )}
              <div className="button-row">
                <button type="button" className="button" onClick={() => void check()} data-testid="cd-check">{t('consultationDrafts.check')}</button>
              </div>
              {checked && <Alert tone={problems.size ? 'error' : 'success'}>{checked}</Alert>}
            </section>
            <TranscriptView transcript={draft.transcript} source={source} />
          </div>
          <ToReport draft={draft} sentences={sentences} patientId={patient?.id ?? null} />
        </div>
      )}
    </>
  );
}

function SentenceRow({ s, problem, selected, onSelect, onEdit }: { s: Sentence; problem: Problem | undefined; selected: boolean; onSelect: () => void; onEdit: (text: string) => void }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  return (
    <div className={`cd-row${problem ? ' cd-problem' : ''}`} data-testid="cd-sentence-row">
      {editing ? (
        <input className="cd-edit" value={s.text} onChange={(e) => onEdit(e.target.value)} onBlur={() => setEditing(false)} onKeyDown={(e) => e.key === 'Enter' && setEditing(false)} aria-label={t('consultationDrafts.editLabel')} autoFocus />
      ) : (
        <button type="button" className={`cd-sentence${selected ? ' cd-selected' : ''}`} onClick={onSelect} aria-pressed={selected} data-testid="cd-sentence" data-start={s.source?.start ?? ''}>
          {s.text}
        </button>
      )}
      <button type="button" className="button button-small" onClick={() => setEditing(true)} aria-label={t('consultationDrafts.editOne', { text: s.text })}>{t('consultationDrafts.edit')}</button>
      {problem && <span className="cd-warning" data-testid="cd-problem">{t(`consultationDrafts.problem.${problem}`)}</span>}
    </div>
  );
}
