import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import type { PatientSummary } from '../api/types';
import { PatientPicker } from '../phone-log/PatientPicker';
import { Alert } from '../ui/Alert';
import { DateTime } from 'luxon';
import { formatDateTime, COMPACT, PRACTICE_ZONE } from '../ui/format';
import { useLoad } from '../ui/useLoad';
import { tasksApi, type Person, type Task } from './api';
import { useTasksLive } from './TasksLiveProvider';
import { useSubmit } from './useSubmit';

/** Tasks: mine (new ones marked until seen), those I gave; a form to give one with a due time and a patient. */
export function TasksPanel({ members }: { members: Person[] }) {
  const { t } = useTranslation();
  const live = useTasksLive();
  const [scope, setScope] = useState<'mine' | 'given'>('mine');
  const [error, setError] = useState<string | null>(null);
  const result = useLoad(() => tasksApi.tasks(scope, 'any'), [scope, live?.version ?? 0]);

  async function update(task: Task, body: { status?: Task['status']; seen?: boolean }) {
    setError(null);
    try {
      await tasksApi.updateTask(task.id, body);
      live?.refresh();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t('errors.unexpectedShort'));
    }
  }

  return (
    <section aria-labelledby="tasks-tasks-title" className="tasks-panel">
      <h2 id="tasks-tasks-title">{t('tasks.tasks.title')}</h2>
      <TaskForm members={members} onCreated={() => live?.refresh()} />
      <div className="button-row" role="group" aria-label={t('tasks.tasks.filter')}>
        {(['mine', 'given'] as const).map((s) => (
          <button key={s} type="button" className="button button-small" aria-pressed={scope === s} onClick={() => setScope(s)} data-testid={`tasks-scope-${s}`}>{t(`tasks.tasks.scope.${s}`)}</button>
        ))}
      </div>
      {(error || result.error) && <Alert tone="error">{error ?? result.error?.message}</Alert>}
      <ul className="tasks-list" data-testid="task-list">
        {(result.data?.tasks ?? []).map((task) => (
          <li key={task.id} className={`card tasks-item${task.status === 'open' && !task.seen && scope === 'mine' ? ' tasks-item-unread' : ''}`} data-testid="task-item" data-status={task.status}>
            <div className="tasks-item-head">
              <strong>{task.status !== 'open' ? <s>{task.title}</s> : task.title}</strong>
              <span className={task.overdue ? 'tasks-overdue' : 'muted'} data-testid="task-due">
                {task.dueAt ? t(task.overdue ? 'tasks.tasks.overdue' : 'tasks.tasks.due', { when: formatDateTime(task.dueAt, COMPACT) }) : t('tasks.tasks.noDue')}
              </span>
            </div>
            <p className="muted">
              {scope === 'mine' ? t('tasks.tasks.from', { name: task.createdBy.name }) : t('tasks.tasks.for', { name: task.assignee.name })} · {t(`tasks.tasks.status.${task.status}`)}
              {task.patient && <> · {t('tasks.patient', { name: task.patient.name })}</>}
            </p>
            {task.details && <p className="tasks-body">{task.details}</p>}
            <div className="button-row">
              {scope === 'mine' && task.status === 'open' && !task.seen && <button type="button" className="button button-small" onClick={() => void update(task, { seen: true })}>{t('tasks.tasks.markSeen')}</button>}
              {task.status === 'open' ? (
                <button type="button" className="button button-small" onClick={() => void update(task, { status: 'done' })} data-testid="task-done">{t('tasks.tasks.done')}</button>
              ) : (
                <button type="button" className="button button-small" onClick={() => void update(task, { status: 'open' })}>{t('tasks.tasks.reopen')}</button>
              )}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

function TaskForm({ members, onCreated }: { members: Person[]; onCreated: () => void }) {
  const { t } = useTranslation();
  const [title, setTitle] = useState('');
  const [assignee, setAssignee] = useState('');
  const [due, setDue] = useState('');
  const [patient, setPatient] = useState<PatientSummary | null>(null);
  const { status, submit } = useSubmit(async () => {
    // The due time is typed in the practice's time, like every time the app shows.
    await tasksApi.createTask({ title, assigneeId: assignee, dueAt: due ? DateTime.fromISO(due, { zone: PRACTICE_ZONE }).toUTC().toISO() : null, patientId: patient?.id ?? null });
    setTitle('');
    setDue('');
    setPatient(null);
    onCreated();
    return t('tasks.tasks.created');
  });

  return (
    <form className="card tasks-form" onSubmit={(e) => void submit(e)} data-testid="task-form">
      <div className="field">
        <label htmlFor="task-title">{t('tasks.tasks.titleField')}</label>
        <input id="task-title" value={title} onChange={(e) => setTitle(e.target.value)} required maxLength={300} data-testid="task-title" />
      </div>
      <div className="tasks-form-row">
        <div className="field">
          <label htmlFor="task-assignee">{t('tasks.tasks.assignee')}</label>
          <select id="task-assignee" value={assignee} onChange={(e) => setAssignee(e.target.value)} required data-testid="task-assignee">
            <option value="">{t('tasks.messages.choose')}</option>
            {members.map((m) => <option key={m.id} value={m.id}>{m.name}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="task-due">{t('tasks.tasks.dueField')}</label>
          <input id="task-due" type="datetime-local" value={due} onChange={(e) => setDue(e.target.value)} data-testid="task-due-input" />
        </div>
      </div>
      <PatientPicker value={patient} onChange={setPatient} label={t('tasks.patientOptional')} testId="task-patient" />
      {status && <Alert tone={status.tone}>{status.text}</Alert>}
      <button type="submit" className="button button-primary" data-testid="task-create">{t('tasks.tasks.create')}</button>
    </form>
  );
}
