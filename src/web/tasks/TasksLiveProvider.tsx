import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useEventStream } from '../api/useEventStream';
import { tasksApi, type Counts, type Preview } from './api';
import './tasks.css';

/**
 * The signed-in member's unread counts, kept live by /api/tasks/events: a new item arrives with a preview (sender
 * and a fixed phrase, never its text or patient), anything else only makes the counts refetch.
 */
interface TasksLive { counts: Counts | null; preview: Preview | null; version: number; refresh(): void; dismiss(): void }
const Context = createContext<TasksLive | null>(null);
export const useTasksLive = () => useContext(Context);

export function TasksLiveProvider({ children }: { children: ReactNode }) {
  const [counts, setCounts] = useState<Counts | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [version, setVersion] = useState(0);
  const refresh = useCallback(() => {
    tasksApi.counts().then(setCounts, () => undefined);
    setVersion((v) => v + 1);
  }, []);
  useEffect(refresh, [refresh]);
  useEventStream(
    '/api/tasks/events',
    {
      'tasks.new': (data) => {
        setPreview(JSON.parse(data) as Preview);
        refresh();
      },
      'tasks.changed': () => refresh(),
    },
    refresh,
  );
  return <Context.Provider value={{ counts, preview, version, refresh, dismiss: () => setPreview(null) }}>{children}</Context.Provider>;
}

/** Sidebar badge: unread messages + new tasks. */
export function TasksNavBadge() {
  const { t } = useTranslation();
  const total = useTasksLive()?.counts?.total ?? 0;
  if (total === 0) return null;
  return (
    <span className="nav-badge" data-testid="nav-tasks-badge">
      <span aria-hidden="true">{total}</span>
      <span className="visually-hidden">{t('tasks.nav.badge', { count: total })}</span>
    </span>
  );
}

/** The notification: « Karim Accueil — Nouveau message », announced politely, dismissable. */
export function TasksToast() {
  const { t } = useTranslation();
  const live = useTasksLive();
  const preview = live?.preview;
  useEffect(() => {
    if (!preview) return;
    const timer = window.setTimeout(() => live?.dismiss(), 15_000);
    return () => window.clearTimeout(timer);
  }, [preview, live]);
  return (
    <div role="status" aria-live="polite" className="tasks-toast-region">
      {preview && (
        <div className="tasks-toast card" data-testid="tasks-toast">
          <a href="#/messages-taches">
            <strong>{preview.from}</strong> — {t(preview.summaryKey)}
          </a>
          <button type="button" className="button button-small" onClick={() => live?.dismiss()} aria-label={t('tasks.toast.dismiss')}>×</button>
        </div>
      )}
    </div>
  );
}
