import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateTime } from 'luxon';
import { ApiError } from '../../api/client';
import { Alert } from '../../ui/Alert';
import { useLoad } from '../../ui/useLoad';
import { agendaApi, type JobStatus, type OutboxMessage, type QueuedJob } from '../api';
import { DataTable } from '../../ui/DataTable';

const JOB_STATUSES: JobStatus[] = ['failed', 'queued', 'running', 'done', 'cancelled'];

/**
 * Admin: what Pivot sends to patients. The outgoing messages (with the simulated outbox when no SMTP / SMS
 * provider is configured) and the durable job queue behind them, filtered by status, with « Relancer » for a
 * dead-lettered job and « Annuler » for a waiting or failed one. Every read and action is audited server-side.
 */
export function DeliverySection({ zone, onSaved }: { zone: string; onSaved(message: string): void }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<JobStatus>('failed');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const outbox = useLoad(() => agendaApi.outbox(50), []);
  const jobs = useLoad(() => agendaApi.jobs(status), [status]);
  const when = (iso: string | null) => (iso ? DateTime.fromISO(iso).setZone(zone).setLocale('fr').toFormat('dd/MM/yyyy HH:mm') : '—');

  async function act(job: QueuedJob, action: 'retry' | 'cancel') {
    setBusy(job.id);
    setError(null);
    try {
      await (action === 'retry' ? agendaApi.retryJob(job.id) : agendaApi.cancelJob(job.id));
      onSaved(t(action === 'retry' ? 'agenda.delivery.retried' : 'agenda.delivery.cancelled'));
      jobs.reload();
      outbox.reload();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(null);
    }
  }

  const what = (j: QueuedJob) =>
    [t(`agenda.delivery.kind.${j.kind}`, { defaultValue: j.kind }), j.event ? t(`agenda.delivery.event.${j.event}`, { defaultValue: j.event }) : null,
      j.messageKind ? t(`agenda.delivery.event.${j.messageKind}`, { defaultValue: j.messageKind }) : null, j.channel ? t(`agenda.delivery.channel.${j.channel}`, { defaultValue: j.channel }) : null]
      .filter(Boolean).join(' · ');

  return (
    <section className="card" aria-labelledby="agenda-admin-delivery" data-testid="agenda-delivery">
      <h2 id="agenda-admin-delivery">{t('agenda.delivery.title')}</h2>
      <p className="muted">{t('agenda.delivery.intro')}</p>
      {error && <Alert tone="error">{error}</Alert>}

      <h3 id="agenda-admin-jobs">{t('agenda.delivery.jobs')}</h3>
      <div className="field field-inline">
        <label htmlFor="agenda-jobs-status">{t('agenda.delivery.statusFilter')}</label>
        <select id="agenda-jobs-status" value={status} onChange={(e) => setStatus(e.target.value as JobStatus)} data-testid="jobs-status">
          {JOB_STATUSES.map((s) => <option key={s} value={s}>{t(`agenda.delivery.jobStatus.${s}`)}</option>)}
        </select>
      </div>
      {jobs.error && <Alert tone="error">{jobs.error.message}</Alert>}
      {jobs.data && jobs.data.jobs.length === 0 ? (
        <p className="muted" data-testid="jobs-empty">{t('agenda.delivery.noJobs')}</p>
      ) : (
        <DataTable className="table table-dense" testId="jobs-table" aria-labelledby="agenda-admin-jobs" columns={[t('agenda.delivery.what'), t('agenda.delivery.state'), t('agenda.delivery.attempts'), t('agenda.delivery.lastError'), t('agenda.delivery.nextRun'), { label: t('common.actions'), hidden: true }]}>
          {(jobs.data?.jobs ?? []).map((j) => (
            <tr key={j.id} data-testid="job-row" data-job-id={j.id}>
              <th scope="row">{what(j)}</th>
              <td>{t(`agenda.delivery.jobStatus.${j.status}`, { defaultValue: j.status })}</td>
              <td>{j.attempts} / {j.maxAttempts}</td>
              <td className="delivery-error">{j.lastError ?? '—'}</td>
              <td>{j.status === 'queued' || j.status === 'running' ? when(j.runAt) : '—'}</td>
              <td className="button-row">
                {j.status === 'failed' && (
                  <button type="button" className="button button-small" disabled={busy === j.id} onClick={() => void act(j, 'retry')} data-testid="job-retry"
                    aria-label={t('agenda.delivery.retryLabel', { what: what(j) })}>{t('agenda.delivery.retry')}</button>
                )}
                {(j.status === 'failed' || j.status === 'queued') && (
                  <button type="button" className="button button-small button-danger" disabled={busy === j.id} onClick={() => void act(j, 'cancel')} data-testid="job-cancel"
                    aria-label={t('agenda.delivery.cancelLabel', { what: what(j) })}>{t('agenda.delivery.cancel')}</button>
                )}
              </td>
            </tr>
          ))}
        </DataTable>
      )}

      <h3 id="agenda-admin-outbox">{t('agenda.delivery.messages')}</h3>
      {outbox.data?.simulatedEmail && <Alert tone="info">{t('agenda.delivery.simulated')}</Alert>}
      {outbox.error && <Alert tone="error">{outbox.error.message}</Alert>}
      {outbox.data && outbox.data.messages.length === 0 ? (
        <p className="muted">{t('agenda.delivery.noMessages')}</p>
      ) : (
        <DataTable className="table table-dense" testId="outbox-table" aria-labelledby="agenda-admin-outbox" columns={[t('agenda.delivery.created'), t('agenda.delivery.what'), t('agenda.delivery.recipient'), t('agenda.delivery.state'), t('agenda.delivery.attempts'), t('agenda.delivery.lastError')]}>
          {(outbox.data?.messages ?? []).map((m: OutboxMessage) => (
            <tr key={m.id} data-testid="outbox-row">
              <td>{when(m.createdAt)}</td>
              <th scope="row">
                {t(`agenda.delivery.event.${m.kind}`, { defaultValue: m.kind })} · {t(`agenda.delivery.channel.${m.channel}`)}
                {m.subject && <div className="muted">{m.subject}</div>}
                {/* Simulated sends (no SMTP server, SMS simulator) went nowhere: their text is here, so that a
                    demonstration can follow a one-time code or a reminder to the end. */}
                {m.status === 'simulated' && m.body && (
                  <details className="outbox-text" data-testid="outbox-text">
                    <summary>{t('agenda.delivery.showText')}</summary>
                    <pre>{m.body}</pre>
                  </details>
                )}
              </th>
              <td className="mono">{m.recipient}</td>
              <td>{t(`agenda.delivery.messageStatus.${m.status}`, { defaultValue: m.status })}</td>
              <td>{m.attempts}</td>
              <td className="delivery-error">{m.error ?? '—'}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}
