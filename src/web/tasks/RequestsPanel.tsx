import { useTranslation } from 'react-i18next';
import { UrgencyBadge } from '../assistant/UrgencyBadge';
import { categoryLabel } from '../assistant/labels';
import { href } from '../router';
import { Alert } from '../ui/Alert';
import { formatDateTime, COMPACT } from '../ui/format';
import { useLoad } from '../ui/useLoad';
import { tasksApi } from './api';
import { useTasksLive } from './TasksLiveProvider';

/**
 * The patient requests the intake assistant sorted, as the desk's to-do: counts, the requests assigned to me and the
 * urgent unassigned ones, each a link to the request in the assistant's inbox (where it is handled: nothing is
 * copied here, so handling it there takes it off this list).
 */
export function RequestsPanel() {
  const { t } = useTranslation();
  const live = useTasksLive();
  const result = useLoad(() => tasksApi.patientRequests(), [live?.version ?? 0]);
  const c = result.data?.counts;
  const requests = result.data?.requests ?? [];
  return (
    <section aria-labelledby="tasks-requests-title" className="tasks-panel tasks-requests" data-testid="tasks-requests">
      <h2 id="tasks-requests-title">{t('tasks.requests.title')}</h2>
      {result.error && <Alert tone="error">{result.error.message}</Alert>}
      {c && (
        <p data-testid="tasks-requests-counts">
          {t('tasks.requests.open', { count: c.open })}
          {c.urgent > 0 && <> · <strong>{t('tasks.requests.urgent', { count: c.urgent })}</strong></>}
          {c.overdue > 0 && <> · <span className="tasks-overdue">{t('tasks.requests.overdue', { count: c.overdue })}</span></>}
          {' · '}{t('tasks.requests.mine', { count: c.mine })}
          {c.myTasks > 0 && <> · <a href={href('/assistant/tasks')} data-testid="tasks-requests-desk-tasks">{t('tasks.requests.myTasks', { count: c.myTasks })}</a></>}
        </p>
      )}
      {result.data && requests.length === 0 && <p className="muted" data-testid="tasks-requests-empty">{t('tasks.requests.none')}</p>}
      <ul className="tasks-list">
        {requests.map((r) => (
          <li key={r.id} className="card tasks-item" data-testid="tasks-request" data-urgency={r.urgency}>
            <div className="tasks-item-head">
              <a href={href(`/assistant/${r.id}`)} data-testid="tasks-request-link">
                {categoryLabel(t, r.category)}{r.patient ? ` — ${r.patient.name}` : ` — ${t('tasks.requests.noPatient')}`}
              </a>
              <UrgencyBadge urgency={r.urgency} />
            </div>
            <p className="muted">
              {r.assignedToMe ? t('tasks.requests.assignedToMe') : t('tasks.requests.unassigned')}
              {' · '}
              <span className={r.overdue ? 'tasks-overdue' : undefined}>{t(r.overdue ? 'tasks.tasks.overdue' : 'tasks.tasks.due', { when: formatDateTime(r.dueAt, COMPACT) })}</span>
              {r.pendingAlert && <> · <strong>{t('tasks.requests.alert')}</strong></>}
            </p>
          </li>
        ))}
      </ul>
      <p><a href={href('/assistant')} data-testid="tasks-requests-inbox">{t('tasks.requests.all')}</a></p>
    </section>
  );
}
