import { useTranslation } from 'react-i18next';
import { href } from '../router';
import { Alert } from '../ui/Alert';
import { formatDate, formatDateTime, COMPACT } from '../ui/format';
import { useLoad } from '../ui/useLoad';
import { patientFileApi, type FileAppointment, type PatientFile } from './api';
import './patient-file.css';

/** The agenda in booking mode for this patient: a free slot opens the booking dialog with the patient chosen. */
export const bookingHref = (patientId: string) => href(`/agenda?patient=${encodeURIComponent(patientId)}`);

/**
 * The top of the patient file (issue 12, item 5): « Prendre rendez-vous », the next appointment and the no-shows,
 * always in sight whatever the tab; the full timeline is the « Rendez-vous et échanges » tab (PatientTimeline).
 */
export function PatientHubStrip({ patientId, file }: { patientId: string; file: PatientFile | null }) {
  const { t } = useTranslation();
  const next = file?.upcoming.find((a) => !a.status.startsWith('cancelled'));
  return (
    <div className="patient-hub-strip card" data-testid="patient-hub">
      <a className="button button-primary" href={bookingHref(patientId)} data-testid="patient-book">{t('patientFile.book')}</a>
      <p className="patient-hub-next" data-testid="patient-next">
        <span className="muted">{t('patientFile.next')} </span>
        {file ? (next ? <strong>{formatDateTime(next.start, { style: 'weekday' })}</strong> : t('patientFile.noNext')) : '…'}
        {next && <> — {next.practitionerName}{next.motifName ? `, ${next.motifName}` : ''}</>}
      </p>
      {file && (
        <p className={file.noShows > 0 ? 'badge badge-warning' : 'muted'} data-testid="patient-no-shows" data-count={file.noShows}>
          {t('patientFile.noShows', { count: file.noShows })}
        </p>
      )}
    </div>
  );
}

export function usePatientFile(patientId: string, enabled: boolean) {
  return useLoad(async () => (enabled ? patientFileApi.get(patientId) : null), [patientId, enabled]);
}

function AppointmentList({ items, testId }: { items: FileAppointment[]; testId: string }) {
  const { t } = useTranslation();
  if (items.length === 0) return <p className="muted">{t('patientFile.none')}</p>;
  return (
    <ul className="patient-timeline-list" data-testid={testId}>
      {items.map((a) => (
        <li key={a.id} data-testid="patient-appointment" data-status={a.status}>
          <a href={href(`/agenda?date=${a.start.slice(0, 10)}&appointment=${encodeURIComponent(a.id)}`)}>{formatDateTime(a.start, { style: 'weekday' })}</a>
          {' '}— {a.practitionerName}{a.motifName ? `, ${a.motifName}` : ''}{' '}
          <span className={`badge ${a.status === 'no_show' ? 'badge-warning' : 'badge-neutral'}`}>{t(`agenda.status.${a.status}`)}</span>
        </li>
      ))}
    </ul>
  );
}

/** The « Rendez-vous et échanges » tab: appointments, requests, calls, documents — each as a short list. */
export function PatientTimeline({ patientId, file, error }: { patientId: string; file: PatientFile | null; error: string | null }) {
  const { t } = useTranslation();
  if (error) return <Alert tone="error">{error}</Alert>;
  if (!file) return <p className="muted">{t('common.loading')}</p>;
  return (
    <div className="patient-timeline" data-testid="patient-timeline">
      <section className="card" aria-labelledby="pf-upcoming">
        <h2 id="pf-upcoming">{t('patientFile.upcoming')} ({file.upcoming.length})</h2>
        <AppointmentList items={file.upcoming} testId="patient-upcoming" />
      </section>
      <section className="card" aria-labelledby="pf-past">
        <h2 id="pf-past">{t('patientFile.past')} ({file.past.length})</h2>
        <AppointmentList items={file.past} testId="patient-past" />
      </section>
      <section className="card" aria-labelledby="pf-requests">
        <h2 id="pf-requests">{t('patientFile.requests')} ({file.requests.length})</h2>
        {file.requests.length === 0 ? <p className="muted">{t('patientFile.none')}</p> : (
          <ul className="patient-timeline-list" data-testid="patient-requests">
            {file.requests.map((r) => (
              <li key={r.id}>
                <a href={href(`/assistant/${encodeURIComponent(r.id)}`)}>{formatDate(r.createdAt, COMPACT)}</a> — {t(`assistant.category.${r.category}`)}{' '}
                <span className="badge badge-neutral">{t(`assistant.status.${r.status}`)}</span>
                <div className="muted">{r.summary}</div>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="card" aria-labelledby="pf-calls">
        <h2 id="pf-calls">{t('patientFile.calls')} ({file.calls.length})</h2>
        {file.calls.length === 0 ? <p className="muted">{t('patientFile.none')}</p> : (
          <ul className="patient-timeline-list" data-testid="patient-calls">
            {file.calls.map((c) => (
              <li key={c.id}>
                {formatDateTime(c.occurredAt)} — {t(`phoneLog.reason.${c.reason}`)}, {t(`phoneLog.outcome.${c.outcome}`)}{' '}
                <span className="muted">({t('patientFile.takenBy', { name: c.takenBy })})</span>
                {c.note && <div className="muted">{c.note}</div>}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="card" aria-labelledby="pf-documents">
        <h2 id="pf-documents">{t('patientFile.documents')} ({file.documents.length})</h2>
        {file.documents.length === 0 ? <p className="muted">{t('patientFile.none')}</p> : (
          <ul className="patient-timeline-list" data-testid="patient-documents">
            {file.documents.map((d) => (
              <li key={d.id}>{formatDate(d.uploadedAt, COMPACT)} — {d.title} <span className="muted">({t(`documents.types.${d.type}`)})</span></li>
            ))}
          </ul>
        )}
        <p><a href={href(`/patients/${encodeURIComponent(patientId)}?tab=documents`)}>{t('patientFile.all')}</a></p>
      </section>
    </div>
  );
}
