import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { Assignee, ConversionKind, RequestDetail, RequestStatus } from '../../api/types';
import { useMe } from '../../auth/session';
import { href } from '../../router';
import { Alert, LiveMessage } from '../../ui/Alert';
import { formatDateTime, COMPACT, formatPhone } from '../../ui/format';
import { PageTitle } from '../../ui/PageTitle';
import { useLoad } from '../../ui/useLoad';
import { useAssistant } from '../alerts/AssistantProvider';
import '../assistant.css';
import { categoryLabel, channelLabel, isPhone, statusLabel } from '../labels';
import { UrgencyBadge } from '../UrgencyBadge';
import { Conversation } from './Conversation';
import { ConvertForm } from './ConvertForm';
import { MatchPatient } from './MatchPatient';
import { RequestDetails, TriageReasons } from './RequestFacts';
import { dialogApi } from '../api';
import { useFormAction } from '../../ui/useFormAction';

export function RequestDetailPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const detail = useLoad(() => api.inboxRequest(id), [id]);
  const assignees = useLoad(() => api.assignees(), []);
  return (
    <>
      <p className="breadcrumb">
        <a href={href('/assistant')} data-testid="back-to-inbox">← {t('assistant.inbox.title')}</a>
      </p>
      {detail.error && (
        <>
          <PageTitle title={t('assistant.detail.title')}>{t('assistant.detail.title')}</PageTitle>
          <Alert tone="error">{detail.error.status === 404 ? t('assistant.detail.notFound') : detail.error.message}</Alert>
        </>
      )}
      {!detail.data && !detail.error && <p className="muted">{t('common.loading')}</p>}
      {detail.data && (
        <RequestView data={detail.data} assignees={assignees.data?.assignees ?? []} onChanged={detail.reload} />
      )}
    </>
  );
}

function RequestView({ data, assignees, onChanged }: { data: RequestDetail; assignees: Assignee[]; onChanged: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const { acknowledge, refreshCounts } = useAssistant();
  const { request, conversation, alerts, tasks } = data;
  const { error, busy, run } = useFormAction();
  const [done, setDone] = useState<string | null>(null);
  const [assignTo, setAssignTo] = useState('');

  async function act(action: () => Promise<unknown>, message: string) {
    setDone(null);
    await run(async () => {
      await action();
      setDone(message);
      refreshCounts();
      onChanged();
    });
  }

  const assign = (assigneeId: string | null, name: string) =>
    act(() => api.assignRequest(request.id, assigneeId), assigneeId ? t('assistant.detail.assignedTo', { name }) : t('assistant.detail.unassigned'));
  const setStatus = (status: RequestStatus) =>
    act(() => api.setRequestStatus(request.id, status), t('assistant.detail.statusChanged', { status: statusLabel(t, status) }));
  const match = (patientId: string | null) =>
    act(() => api.matchRequest(request.id, patientId), patientId ? t('assistant.detail.matched') : t('assistant.detail.unmatched'));
  const convert = (input: { kind: ConversionKind; assigneeId: string; text: string }) =>
    act(
      () => api.convertRequest(request.id, { kind: input.kind, assigneeId: input.assigneeId, ...(input.text ? { text: input.text } : {}) }),
      t(input.kind === 'practitioner_message' ? 'assistant.convert.doneMessage' : 'assistant.convert.doneTask', {
        name: assignees.find((a) => a.id === input.assigneeId)?.name ?? '',
      }),
    );

  const book = (payload: { practitionerId: string; start: string; motifId: string | null }, label: string) =>
    act(() => dialogApi.convertToAppointment(request.id, payload), t('assistant.dialog.booked', { when: label }));
  const outcome = (request.outcome ?? null) as { kind?: string; id?: string; action?: string; by?: string } | null;

  const pending = alerts.filter((a) => !a.acknowledgedAt);
  const title = categoryLabel(t, request.category);
  const mine = request.assignee?.id === me.account.id;
  const contact = conversation.address;

  return (
    <div data-testid="request-detail" data-urgency={request.urgency} data-status={request.status}>
      <PageTitle title={`${title} — ${t('assistant.detail.title')}`}>
        <span className="detail-title">
          <UrgencyBadge urgency={request.urgency} large /> {title}
        </span>
      </PageTitle>
      <LiveMessage message={done} />
      {error && <Alert tone="error" testId="detail-error">{error}</Alert>}
      {pending.length > 0 && (
        <div className="alert alert-error detail-alert" data-testid="detail-pending-alert">
          <strong>{t('assistant.detail.pendingAlert')}</strong>{' '}
          <button type="button" className="button button-small" disabled={busy} onClick={() => void act(async () => { for (const a of pending) await acknowledge(a.id); }, t('assistant.alerts.acknowledged'))} data-testid="detail-ack">
            {t('assistant.alerts.acknowledge')}
          </button>
        </div>
      )}

      <div className="detail-layout">
        <div className="detail-main stack-lg">
          <section className="card" aria-labelledby="req-summary">
            <h2 id="req-summary">{t('assistant.detail.summary')}</h2>
            <p className="detail-summary" data-testid="request-summary">{request.summary}</p>
            <dl className="details-grid">
              <div className="details-row"><dt>{t('assistant.inbox.colStatus')}</dt><dd><span className={`status status-${request.status}`} data-testid="request-status">{statusLabel(t, request.status)}</span></dd></div>
              <div className="details-row"><dt>{t('assistant.detail.received')}</dt><dd>{formatDateTime(request.createdAt, COMPACT)}</dd></div>
              <div className="details-row">
                <dt>{t('assistant.inbox.colDue')}</dt>
                <dd className={request.overdue ? 'inbox-overdue' : ''}>
                  {formatDateTime(request.dueAt, COMPACT)}
                  {request.overdue && <span className="badge badge-overdue">{t('assistant.inbox.overdue')}</span>}
                </dd>
              </div>
              <div className="details-row"><dt>{t('assistant.inbox.colChannel')}</dt><dd>{channelLabel(t, conversation.channel)}</dd></div>
              {contact && (
                <div className="details-row">
                  <dt>{t('assistant.detail.contact')}</dt>
                  <dd>{isPhone(contact) ? <a href={`tel:${contact}`}>{formatPhone(contact)}</a> : <a href={`mailto:${contact}`}>{contact}</a>}</dd>
                </div>
              )}
              <div className="details-row"><dt>{t('assistant.inbox.colAssignee')}</dt><dd data-testid="request-assignee">{request.assignee?.name ?? t('assistant.inbox.nobody')}</dd></div>
              {request.handledBy && (
                <div className="details-row"><dt>{t('assistant.detail.handledBy')}</dt><dd>{request.handledBy.name} — {formatDateTime(request.handledAt, COMPACT)}</dd></div>
              )}
            </dl>
          </section>

          <section className="card" aria-labelledby="req-reasons">
            <h2 id="req-reasons">{t('assistant.detail.reasons')}</h2>
            <TriageReasons reasons={request.reasons} />
          </section>

          <section className="card" aria-labelledby="req-details">
            <h2 id="req-details">{t('assistant.detail.details')}</h2>
            <RequestDetails details={request.details} contact={contact} />
          </section>

          <section className="card" aria-labelledby="req-conversation">
            <h2 id="req-conversation">{t('assistant.detail.conversation')}</h2>
            <Conversation messages={conversation.messages} channel={conversation.channel} />
          </section>
        </div>

        <aside className="detail-side stack-lg" aria-label={t('assistant.detail.actions')}>
          <section className="card" aria-labelledby="req-assign">
            <h2 id="req-assign">{t('assistant.detail.assignment')}</h2>
            <div className="stack">
              <div className="button-row">
                {!mine && (
                  <button type="button" className="button button-primary" disabled={busy} onClick={() => void assign(me.account.id, me.account.displayName)} data-testid="assign-me">
                    {t('assistant.detail.assignMe')}
                  </button>
                )}
                {request.assignee && (
                  <button type="button" className="button" disabled={busy} onClick={() => void assign(null, '')} data-testid="unassign">
                    {t('assistant.detail.unassign')}
                  </button>
                )}
              </div>
              <form className="assign-form" onSubmit={(e) => { e.preventDefault(); const a = assignees.find((x) => x.id === assignTo); if (a) void assign(a.id, a.name); }}>
                <div className="field">
                  <label htmlFor="assign-to">{t('assistant.detail.assignTo')}</label>
                  <div className="inline-field">
                    <select id="assign-to" value={assignTo} onChange={(e) => setAssignTo(e.target.value)} data-testid="assign-select">
                      <option value="">{t('assistant.convert.choose')}</option>
                      {assignees.map((a) => <option key={a.id} value={a.id}>{a.name}</option>)}
                    </select>
                    <button type="submit" className="button" disabled={busy || !assignTo} data-testid="assign-submit">{t('assistant.detail.assign')}</button>
                  </div>
                </div>
              </form>
            </div>
          </section>

          <section className="card" aria-labelledby="req-status">
            <h2 id="req-status">{t('assistant.detail.statusTitle')}</h2>
            <ol className="status-steps" aria-label={t('assistant.detail.statusSteps')}>
              {(['new', 'in_progress', 'done'] as const).map((s) => (
                <li key={s} className={request.status === s ? 'status-step-current' : ''} aria-current={request.status === s ? 'step' : undefined}>{statusLabel(t, s)}</li>
              ))}
            </ol>
            <div className="button-row">
              {request.status === 'new' && (
                <button type="button" className="button" disabled={busy} onClick={() => void setStatus('in_progress')} data-testid="status-in_progress">{t('assistant.detail.start')}</button>
              )}
              {request.status !== 'done' && (
                <button type="button" className="button button-primary" disabled={busy} onClick={() => void setStatus('done')} data-testid="status-done">{t('assistant.detail.markDone')}</button>
              )}
              {request.status === 'done' && (
                <button type="button" className="button" disabled={busy} onClick={() => void setStatus('in_progress')} data-testid="status-reopen">{t('assistant.detail.reopen')}</button>
              )}
            </div>
          </section>

          <section className="card" aria-labelledby="req-patient">
            <h2 id="req-patient">{t('assistant.detail.patient')}</h2>
            <MatchPatient patient={request.patient} candidates={request.candidates} busy={busy} onMatch={(pid) => void match(pid)} />
          </section>

          <section className="card" aria-labelledby="req-convert">
            <h2 id="req-convert">{t('assistant.detail.convert')}</h2>
            {tasks.length > 0 && (
              <ul className="plain-list task-links" data-testid="request-tasks">
                {tasks.map((task) => (
                  <li key={task.id}>
                    <span className="badge badge-accent">{t(`assistant.tasks.kind.${task.kind}`)}</span>{' '}
                    {t('assistant.detail.taskFor', { name: task.assignee.name })}
                    {task.done && <> — {t('assistant.tasks.done')}</>}
                  </li>
                ))}
              </ul>
            )}
            {outcome?.kind === 'appointment' && (
              <p data-testid="request-appointment">
                {t(outcome.by === 'assistant' ? `assistant.dialog.outcome.${outcome.action ?? 'booked'}` : 'assistant.dialog.outcome.desk')}{' '}
                <a href="#/agenda">{t('assistant.dialog.openAgenda')}</a>
              </p>
            )}
            {request.status === 'done' ? (
              <p className="muted">{t('assistant.convert.alreadyDone')}</p>
            ) : (
              <ConvertForm
                requestId={request.id}
                initialKind={request.category === 'book' || request.category === 'reschedule' ? 'appointment' : undefined}
                assignees={assignees}
                defaultText={request.summary}
                busy={busy}
                onConvert={(input) => void convert(input)}
                onBook={(payload, label) => void book(payload, label)}
              />
            )}
          </section>
        </aside>
      </div>
    </div>
  );
}
