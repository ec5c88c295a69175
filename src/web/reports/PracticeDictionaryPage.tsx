import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { currentLanguage } from '../i18n';
import { Alert, LiveMessage } from '../ui/Alert';
import { PageTitle } from '../ui/PageTitle';
import { useLoad } from '../ui/useLoad';
import { reportsApi, type PracticeWord } from './api';
import './reports.css';

/** The sentence to show for a refused change: the detail naming the rule when there is one. */
export function spellErrorText(err: unknown): string {
  if (!(err instanceof ApiError)) return String(err);
  const detail = Array.isArray(err.details) ? (err.details as { message?: string }[])[0]?.message : undefined;
  return detail ?? err.message;
}

/**
 * #/dictionnaire-cabinet — the practice dictionary: the words the spell-check accepts in this practice only.
 * Secretaries and practitioners add words (here or from a spell mark in the editor); admins remove them.
 */
export function PracticeDictionaryPage({ canAdd, canRemove }: { canAdd: boolean; canRemove: boolean }) {
  const { t } = useTranslation();
  const list = useLoad(() => reportsApi.practiceWords(), []);
  const [word, setWord] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const inputId = useId();
  const date = (iso: string) => new Date(iso).toLocaleDateString(currentLanguage() === 'fr' ? 'fr-FR' : 'en-GB');

  async function add(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setDone(null);
    try {
      const added = await reportsApi.addPracticeWord(word);
      setWord('');
      setDone(t('reports.dictionary.added', { word: added.word.word }));
      list.reload();
    } catch (err) {
      setError(spellErrorText(err));
    }
  }

  async function remove(w: PracticeWord) {
    setError(null);
    setDone(null);
    try {
      await reportsApi.removePracticeWord(w.id);
      setDone(t('reports.dictionary.removed', { word: w.word }));
      list.reload();
    } catch (err) {
      setError(spellErrorText(err));
    }
  }

  return (
    <>
      <PageTitle title={t('reports.dictionary.title')}>{t('reports.dictionary.title')}</PageTitle>
      <p>{t('reports.dictionary.intro')}</p>
      {canAdd && (
        <form onSubmit={add} className="dictionary-add" data-testid="dictionary-add">
          <label htmlFor={inputId}>{t('reports.dictionary.word')}</label>
          <input id={inputId} value={word} onChange={(e) => setWord(e.target.value)} maxLength={60} autoComplete="off" spellCheck={false} data-testid="dictionary-word" />
          <button type="submit" className="button button-primary">{t('reports.dictionary.add')}</button>
        </form>
      )}
      {error && <Alert tone="error" testId="dictionary-error">{error}</Alert>}
      <LiveMessage message={done} />
      {list.error && <Alert tone="error">{list.error.message}</Alert>}
      {list.data && list.data.words.length === 0 && <p data-testid="dictionary-empty">{t('reports.dictionary.empty')}</p>}
      {list.data && list.data.words.length > 0 && (
        <table className="table" data-testid="dictionary-table">
          <caption className="visually-hidden">{t('reports.dictionary.caption', { count: list.data.words.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('reports.dictionary.word')}</th><th scope="col">{t('reports.dictionary.addedBy')}</th><th scope="col">{t('reports.dictionary.addedOn')}</th>
              {canRemove && <th scope="col"><span className="visually-hidden">{t('reports.dictionary.actions')}</span></th>}
            </tr>
          </thead>
          <tbody>
            {list.data.words.map((w) => (
              <tr key={w.id} data-testid="dictionary-row">
                <td lang="fr">{w.word}</td>
                <td>{w.addedBy.name}</td>
                <td>{date(w.createdAt)}</td>
                {canRemove && (
                  <td>
                    <button type="button" className="button button-small" onClick={() => void remove(w)} aria-label={t('reports.dictionary.remove', { word: w.word })} data-testid="dictionary-remove">
                      {t('reports.dictionary.removeShort')}
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
