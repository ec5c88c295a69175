import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { useMe } from '../auth/session';
import type { PatientSummary } from '../api/types';
import { PatientPicker } from '../phone-log/PatientPicker';
import { Alert } from '../ui/Alert';
import { formatDateTime, COMPACT } from '../ui/format';
import { useLoad } from '../ui/useLoad';
import { tasksApi, type InboxItem, type Person, type Role } from './api';
import { useTasksLive } from './TasksLiveProvider';
import { useSubmit } from './useSubmit';

/** The one list (staff and phone messages) and the form to write to a colleague or a role. */
export function MessagesPanel({ members }: { members: (Person & { roles: Role[] })[] }) {
  const { t } = useTranslation();
  const live = useTasksLive();
  const [show, setShow] = useState<'all' | 'unread'>('all');
  const [error, setError] = useState<string | null>(null);
  const result = useLoad(() => tasksApi.inbox(show), [show, live?.version ?? 0]);
  const items = result.data?.items ?? [];

  async function toggle(item: InboxItem) {
    setError(null);
    try {
      await tasksApi.setRead(item, !item.read);
      live?.refresh();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t('errors.unexpectedShort'));
    }
  }

  return (
    <section aria-labelledby="tasks-messages-title" className="tasks-panel">
      <h2 id="tasks-messages-title">{t('tasks.messages.title')}</h2>
      <MessageForm members={members} onSent={() => live?.refresh()} />
      <div className="button-row" role="group" aria-label={t('tasks.messages.filter')}>
        {(['all', 'unread'] as const).map((s) => (
          <button key={s} type="button" className="button button-small" aria-pressed={show === s} onClick={() => setShow(s)}>{t(`tasks.messages.show.${s}`)}</button>
        ))}
      </div>
      {(error || result.error) && <Alert tone="error">{error ?? result.error?.message}</Alert>}
      <ul className="tasks-list" data-testid="inbox-list">
        {items.map((m) => (
          <li key={`${m.kind}-${m.id}`} className={`card tasks-item${m.read ? '' : ' tasks-item-unread'}`} data-testid="inbox-item" data-read={String(m.read)}>
            <div className="tasks-item-head">
              <strong>
                {!m.read && <span className="badge badge-accent">{t('tasks.messages.unread')}</span>}{' '}
                {m.mine ? t('tasks.messages.to', { name: m.to?.name ?? t(`tasks.roles.${m.toRole}`) }) : m.from.name}
              </strong>
              <span className="muted">{m.kind === 'phone' ? t('tasks.messages.phone', { caller: m.caller ?? '' }) : ''} {formatDateTime(m.createdAt, COMPACT)}</span>
            </div>
            {m.patient && <p className="muted" data-testid="inbox-patient">{t('tasks.patient', { name: m.patient.name })}</p>}
            <p className="tasks-body">{m.body}</p>
            {!m.mine && (
              <button type="button" className="button button-small" onClick={() => void toggle(m)} data-testid="inbox-toggle">
                {m.read ? t('tasks.messages.markUnread') : t('tasks.messages.markRead')}
              </button>
            )}
          </li>
        ))}
        {!result.loading && items.length === 0 && <li className="muted">{t('tasks.messages.empty')}</li>}
      </ul>
    </section>
  );
}

function MessageForm({ members, onSent }: { members: (Person & { roles: Role[] })[]; onSent: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const [to, setTo] = useState('');
  const [body, setBody] = useState('');
  const [patient, setPatient] = useState<PatientSummary | null>(null);
  const { status, setStatus, submit } = useSubmit(async () => {
    const [kind, value] = to.split(':');
    await tasksApi.send({ recipientId: kind === 'member' ? value : null, recipientRole: kind === 'role' ? (value as Role) : null, body, patientId: patient?.id ?? null });
    setBody('');
    setPatient(null);
    onSent();
    return t('tasks.messages.sent');
  });
  useEffect(() => setStatus(null), [to]);

  return (
    <form className="card tasks-form" onSubmit={(e) => void submit(e)} data-testid="message-form">
      <div className="field">
        <label htmlFor="message-to">{t('tasks.messages.recipient')}</label>
        <select id="message-to" value={to} onChange={(e) => setTo(e.target.value)} required data-testid="message-to">
          <option value="">{t('tasks.messages.choose')}</option>
          <optgroup label={t('tasks.messages.people')}>
            {members.filter((m) => m.id !== me.account.id).map((m) => <option key={m.id} value={`member:${m.id}`}>{m.name}</option>)}
          </optgroup>
          <optgroup label={t('tasks.messages.rolesGroup')}>
            {(['practitioner', 'secretary', 'admin'] as const).map((r) => <option key={r} value={`role:${r}`}>{t(`tasks.roles.${r}`)}</option>)}
          </optgroup>
        </select>
      </div>
      <div className="field">
        <label htmlFor="message-body">{t('tasks.messages.body')}</label>
        <textarea id="message-body" value={body} onChange={(e) => setBody(e.target.value)} required maxLength={4000} rows={3} data-testid="message-body" />
      </div>
      <PatientPicker value={patient} onChange={setPatient} label={t('tasks.patientOptional')} testId="message-patient" />
      {status && <Alert tone={status.tone}>{status.text}</Alert>}
      <button type="submit" className="button button-primary" data-testid="message-send">{t('tasks.messages.send')}</button>
    </form>
  );
}
