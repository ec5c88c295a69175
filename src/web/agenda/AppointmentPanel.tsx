import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { Alert } from '../ui/Alert';
import { Dialog } from '../ui/Dialog';
import { formatDate, COMPACT, formatDateTime, formatTime } from '../ui/format';
import { useLoad } from '../ui/useLoad';
import { agendaApi, type Appointment, type AppointmentStatus, type HistoryEntry } from './api';
import { NEXT_STATUSES, canCancel, canMove, statusLabel, patientNameOf } from './labels';


interface Props {
  id: string;
  zone: string;
  onClose(): void;
  onChanged(message: string): void;
  onMove(a: Appointment): void;
}

/** One appointment: details, status changes (arrivé, en consultation, terminé, absent), move, cancel, history. */
export function AppointmentPanel({ id, zone, onClose, onChanged, onMove }: Props) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en-GB' : 'fr-FR';
  const loaded = useLoad(() => agendaApi.appointment(id), [id]);
  const [error, setError] = useState<string | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const [by, setBy] = useState<'patient' | 'practice'>('patient');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const reasonId = useId();
  const a = loaded.data?.appointment;

  async function run(action: () => Promise<{ appointment: Appointment }>, message: (a: Appointment) => string) {
    setBusy(true);
    setError(null);
    try {
      const { appointment } = await action();
      onChanged(message(appointment));
      loaded.reload();
      setCancelling(false);
    } catch (err) {
      setError(err instanceof ApiError || err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }

  function cancel(e: FormEvent) {
    e.preventDefault();
    if (!a) return;
    void run(() => agendaApi.cancel(a.id, { by, reason: reason.trim(), version: a.version }), (x) => t('agenda.panel.cancelled', { patient: patientNameOf(x) }));
  }

  const title = a ? t('agenda.panel.title', { patient: patientNameOf(a) }) : t('agenda.panel.loading');
  return (
    <Dialog open title={title} onClose={onClose} testId="appointment-panel">
      {loaded.error && <Alert tone="error">{loaded.error.message}</Alert>}
      {!a ? (
        <p className="muted">{t('common.loading')}</p>
      ) : (
        <>
          <dl className="details-grid">
            <dt>{t('agenda.panel.when')}</dt>
            <dd>{formatDateTime(a.start, { zone, style: 'weekday' })}–{formatTime(a.end, { zone })}</dd>
            <dt>{t('agenda.panel.practitioner')}</dt>
            <dd>{a.practitionerName}</dd>
            <dt>{t('agenda.panel.patient')}</dt>
            <dd>
              <a href={`#/patients/${encodeURIComponent(a.patientId)}`}>{patientNameOf(a)}</a>{' '}
              <span className="muted">({formatDate(a.patientBirthDate, COMPACT)})</span>
            </dd>
            <dt>{t('agenda.panel.motif')}</dt>
            <dd>
              <span className="agenda-swatch" style={{ background: a.colour ?? '#888' }} aria-hidden="true" /> {a.motifName ?? t('agenda.noMotif')}
            </dd>
            <dt>{t('agenda.panel.status')}</dt>
            <dd><span className={`badge agenda-status status-${a.status}`} data-testid="appointment-status">{statusLabel(t, a.status)}</span></dd>
            {a.note && <><dt>{t('agenda.panel.note')}</dt><dd>{a.note}</dd></>}
            {a.overrideReason && <><dt>{t('agenda.panel.override')}</dt><dd>{a.overrideReason}</dd></>}
            {a.cancellationReason && <><dt>{t('agenda.panel.cancellationReason')}</dt><dd>{a.cancellationReason}</dd></>}
          </dl>
          {error && <Alert tone="error" testId="panel-error">{error}</Alert>}
          {NEXT_STATUSES[a.status].length > 0 && (
            <div className="button-row" role="group" aria-label={t('agenda.panel.statusActions')}>
              {NEXT_STATUSES[a.status].map((s: AppointmentStatus) => (
                <button
                  key={s}
                  type="button"
                  className="button button-small"
                  disabled={busy}
                  data-testid={`status-${s}`}
                  onClick={() => void run(() => agendaApi.setStatus(a.id, { status: s, version: a.version }), (x) => t('agenda.panel.statusChanged', { patient: patientNameOf(x), status: statusLabel(t, x.status) }))}
                >
                  {t(`agenda.panel.to.${s}`)}
                </button>
              ))}
            </div>
          )}
          <div className="button-row">
            {canMove(a) && (
              <button type="button" className="button" onClick={() => onMove(a)} data-testid="appointment-move">{t('agenda.panel.move')}</button>
            )}
            {canCancel(a) && !cancelling && (
              <button type="button" className="button button-danger" onClick={() => setCancelling(true)} data-testid="appointment-cancel">
                {t('agenda.panel.cancel')}
              </button>
            )}
          </div>
          {cancelling && (
            <form className="form agenda-cancel" onSubmit={cancel}>
              <fieldset className="fieldset">
                <legend>{t('agenda.panel.cancelBy')}</legend>
                {(['patient', 'practice'] as const).map((v) => (
                  <label key={v} className="checkbox">
                    <input type="radio" name="cancel-by" value={v} checked={by === v} onChange={() => setBy(v)} disabled={v === 'practice' && a.status === 'arrived'} />
                    {t(`agenda.panel.by.${v}`)}
                  </label>
                ))}
              </fieldset>
              <div className="field">
                <label htmlFor={reasonId}>{t('agenda.panel.reason')}</label>
                <input id={reasonId} type="text" required maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="cancel-reason" />
              </div>
              <div className="button-row">
                <button type="submit" className="button button-danger" disabled={busy || !reason.trim()} data-testid="cancel-confirm">{t('agenda.panel.confirmCancel')}</button>
                <button type="button" className="button" onClick={() => setCancelling(false)}>{t('agenda.panel.keep')}</button>
              </div>
            </form>
          )}
          <History entries={loaded.data!.history} zone={zone} locale={locale} />
        </>
      )}
    </Dialog>
  );
}

function History({ entries, zone, locale }: { entries: HistoryEntry[]; zone: string; locale: string }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="appointment-history-title">
      <h3 id="appointment-history-title">{t('agenda.panel.history')}</h3>
      <ol className="agenda-history" data-testid="appointment-history">
        {entries.map((e, i) => (
          <li key={i}>
            <span className="muted">{formatDateTime(e.at, { zone, style: 'weekday' })}</span>{' — '}
            {e.kind === 'created' && t('agenda.history.created', { when: e.toStart ? formatDateTime(e.toStart, { zone, style: 'weekday' }) : '' })}
            {e.kind === 'moved' && t('agenda.history.moved', {
              from: e.fromStart ? formatDateTime(e.fromStart, { zone, style: 'weekday' }) : '', to: e.toStart ? formatDateTime(e.toStart, { zone, style: 'weekday' }) : '',
            })}
            {e.kind === 'status' && t('agenda.history.status', { from: statusLabel(t, e.fromStatus ?? ''), to: statusLabel(t, e.toStatus ?? '') })}
            {e.kind === 'updated' && t('agenda.history.updated')}
            {!['created', 'moved', 'status', 'updated'].includes(e.kind) && t('agenda.history.other')}
            {e.by && <> · {e.by}</>}
            {e.channel !== 'desk' && <> · {t(`agenda.channel.${e.channel}`, { defaultValue: t('agenda.history.other') })}</>}
            {e.reason && <> · « {e.reason} »</>}
          </li>
        ))}
      </ol>
    </section>
  );
}
