import { useTranslation } from 'react-i18next';
import { TranscriptView } from '../consultation-drafts/TranscriptView';
import { Alert } from '../ui/Alert';
import type { ReportSources } from './api';
import '../consultation-drafts/consultation-drafts.css';

/**
 * Beside a report drafted from a consultation: the transcript, the source of the sentence under the caret (or
 * chosen in the list) highlighted; the sentences without a source listed, « à reformuler » while they still read
 * as drafted (validation refuses them), « reformulée » once a person changed them.
 */
export function SourcesPanel({ sources, selected, onSelect }: { sources: ReportSources; selected: string | null; onSelect: (ref: string) => void }) {
  const { t } = useTranslation();
  const current = sources.sentences.find((s) => s.id === selected) ?? null;
  const unsourced = sources.sentences.filter((s) => s.unsourced);
  const blocking = unsourced.filter((s) => s.blocking).length;
  return (
    <aside className="report-sources stack" aria-label={t('reports.sources.title')} data-testid="report-sources">
      {blocking > 0 && <Alert tone="error" testId="report-sources-blocking">{t('reports.sources.blocking', { count: blocking })}</Alert>}
      <p className="field-hint">{t('reports.sources.hint')}</p>
      {current && (
        <p data-testid="report-source-of" role="status">
          {!current.unsourced ? t('reports.sources.sourceOf', { sentence: current.text }) : current.source ? t('reports.sources.notBacked') : t('reports.sources.noSource')}
        </p>
      )}
      {unsourced.length > 0 && (
        <section aria-labelledby="report-unsourced-title">
          <h3 id="report-unsourced-title">{t('reports.sources.unsourced')}</h3>
          <ul className="report-unsourced">
            {unsourced.map((s) => (
              <li key={s.id} data-testid="report-unsourced" data-blocking={s.blocking}>
                <button type="button" className="cd-sentence" onClick={() => onSelect(s.id)}>{s.text}</button>{' '}
                <span className={s.blocking ? 'cd-warning' : 'muted'}>{s.blocking ? t('reports.sources.toReword') : t('reports.sources.reworded')}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      <TranscriptView transcript={sources.transcript} source={current?.source ?? null} />
    </aside>
  );
}
