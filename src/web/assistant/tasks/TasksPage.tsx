import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api/client';
import type { AssistantTask } from '../../api/types';
import { href } from '../../router';
import { Alert } from '../../ui/Alert';
import { formatDateTime, COMPACT } from '../../ui/format';
import { PageTitle } from '../../ui/PageTitle';
import { useLoad } from '../../ui/useLoad';
import '../assistant.css';

type Show = 'todo' | 'done' | 'all';

/** My tasks and practitioner messages created from patients' requests. */
export function TasksPage() {
  const { t } = useTranslation();
  const id = useId();
  const [show, setShow] = useState<Show>('todo');
  const result = useLoad(() => api.tasks({ assignee: 'me', ...(show === 'all' ? {} : { done: show === 'done' }) }), [show]);
  const [error, setError] = useState<string | null>(null);
  const tasks = result.data?.tasks ?? [];

  // Optimistic: the box follows the click at once, and goes back if the server refuses.
  function replace(task: AssistantTask) {
    if (result.data) result.setData({ tasks: result.data.tasks.map((x) => (x.id === task.id ? task : x)) });
  }

  async function toggle(task: AssistantTask) {
    setError(null);
    replace({ ...task, done: !task.done });
    try {
      replace((await api.setTaskDone(task.id, !task.done)).task);
    } catch (err) {
      replace(task);
      setError(err instanceof ApiError ? err.message : t('errors.unexpectedShort'));
    }
  }

  return (
    <>
      <p className="breadcrumb"><a href={href('/assistant')}>← {t('assistant.inbox.title')}</a></p>
      <PageTitle title={t('assistant.tasks.title')}>{t('assistant.tasks.title')}</PageTitle>
      <p className="muted">{t('assistant.tasks.intro')}</p>
      <div className="field field-inline">
        <label htmlFor={`${id}-show`}>{t('assistant.tasks.show')}</label>
        <select id={`${id}-show`} value={show} onChange={(e) => setShow(e.target.value as Show)} data-testid="tasks-filter">
          <option value="todo">{t('assistant.tasks.showTodo')}</option>
          <option value="done">{t('assistant.tasks.showDone')}</option>
          <option value="all">{t('assistant.tasks.showAll')}</option>
        </select>
      </div>
      {(result.error || error) && <Alert tone="error">{error ?? result.error?.message}</Alert>}
      <p role="status" className="muted result-count">{result.loading ? t('common.loading') : t('assistant.tasks.count', { count: tasks.length })}</p>
      {tasks.length > 0 && (
        <ul className="task-list" data-testid="task-list">
          {tasks.map((task) => (
            <li key={task.id} className={`card task${task.done ? ' task-done' : ''}`} data-testid="task-item">
              <div className="checkbox task-check">
                <input type="checkbox" id={`${id}-${task.id}`} checked={task.done} onChange={() => void toggle(task)} data-testid="task-done" />
                <label htmlFor={`${id}-${task.id}`}>
                  <span className="badge badge-accent">{t(`assistant.tasks.kind.${task.kind}`)}</span>{' '}
                  {task.done ? t('assistant.tasks.markTodo') : t('assistant.tasks.markDone')}
                </label>
              </div>
              <p className="task-text">{task.text}</p>
              <p className="task-meta muted">
                {task.dueAt && <>{t('assistant.tasks.due', { date: formatDateTime(task.dueAt, COMPACT) })} · </>}
                {t('assistant.tasks.created', { date: formatDateTime(task.createdAt, COMPACT) })}
                {task.requestId && (
                  <> · <a href={href(`/assistant/${task.requestId}`)}>{t('assistant.tasks.openRequest')}</a></>
                )}
              </p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
