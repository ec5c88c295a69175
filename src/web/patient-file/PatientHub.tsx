import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { PatientSummary } from '../api/types';
import { localParts } from '../agenda/time';
import { href } from '../router';
import { Alert, LiveMessage } from '../ui/Alert';
import { formatDate, formatDateTime, COMPACT, PRACTICE_ZONE } from '../ui/format';
import { useLoad } from '../ui/useLoad';
import { patientFileApi, type FileAppointment, type PatientFile } from './api';
import { BookFromFile } from './BookFromFile';
import './patient-file.css';


/**
 * The top of the patient file (issue 12, item 5): « Prendre rendez-vous » (a dialog inside the file: practitioner,
 * motif, next free slots), the next appointment and the no-shows, always in sight whatever the tab; the full
 * timeline is the « Rendez-vous et échanges » tab (PatientTimeline). Dates in the practice's zone.
 */
export function PatientHubStrip({ patient, file, onBooked }: { patient: PatientSummary; file: PatientFile | null; onBooked(): void }) {
  const { t } = useTranslation();
  const [booking, setBooking] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const zone = file?.timeZone ?? PRACTICE_ZONE;
  const next = file?.upcoming.find((a) => !a.status.startsWith('cancelled'));
  const usual = next?.practitionerId ?? file?.past[0]?.practitionerId ?? null;
  return (
    <div className="patient-hub-strip card" data-testid="patient-hub">
      <button type="button" className="button button-primary" onClick={() => { setNotice(null); setBooking(true); }} disabled={!file} data-testid="patient-book">{t('patientFile.book')}</button>
      <p className="patient-hub-next" data-testid="patient-next">
        <span className="muted">{t('patientFile.next')} </span>
        {file ? (next ? <strong>{formatDateTime(next.start, { style: 'weekday', zone })}</strong> : t('patientFile.noNext')) : '…'}
        {next && <> — {next.practitionerName}{next.motifName ? `, ${next.motifName}` : ''}</>}
      </p>
      {file && (
        <p className={file.noShows > 0 ? 'badge badge-warning' : 'muted'} data-testid="patient-no-shows" data-count={file.noShows}>
          {t('patientFile.noShows', { count: file.noShows })}
        </p>
      )}
      <LiveMessage message={notice} tone="success" />
      {booking && (
        <BookFromFile patient={patient} zone={zone} usualPractitionerId={usual} onClose={() => setBooking(false)}
          onBooked={(a) => {
            setBooking(false);
            setNotice(t('patientFile.booked', { when: formatDateTime(a.start, { style: 'weekday', zone }), practitioner: a.practitionerName }));
            onBooked();
          }} />
      )}
    </div>
  );
}

export function usePatientFile(patientId: string, enabled: boolean) {
  return useLoad(async () => (enabled ? patientFileApi.get(patientId) : null), [patientId, enabled]);
}

/** One card of the timeline: a heading with the count, the list or « Rien pour l’instant ». */
function Card<T extends { id: string }>({ id, title, items, testId, children, render, itemAttributes }: {
  id: string; title: string; items: T[]; testId: string; children?: ReactNode; render: (item: T) => ReactNode;
  itemAttributes?: (item: T) => Record<string, string>;
}) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby={id}>
      <h2 id={id}>{title} ({items.length})</h2>
      {items.length === 0 ? <p className="muted">{t('patientFile.none')}</p> : (
        <ul className="patient-timeline-list" data-testid={testId}>
          {items.map((item) => <li key={item.id} {...itemAttributes?.(item)}>{render(item)}</li>)}
        </ul>
      )}
      {children}
    </section>
  );
}

/** The « Rendez-vous et échanges » tab: appointments, requests, calls, documents — each as a short list. */
export function PatientTimeline({ patientId, file, error }: { patientId: string; file: PatientFile | null; error: string | null }) {
  const { t } = useTranslation();
  if (error) return <Alert tone="error">{error}</Alert>;
  if (!file) return <p className="muted">{t('common.loading')}</p>;
  const zone = file.timeZone;
  const appointment = (a: FileAppointment) => (
    <>
      <a href={href(`/agenda?date=${localParts(a.start, zone).date}&appointment=${encodeURIComponent(a.id)}`)}>{formatDateTime(a.start, { style: 'weekday', zone })}</a>
      {' '}— {a.practitionerName}{a.motifName ? `, ${a.motifName}` : ''}{' '}
      <span className={`badge ${a.status === 'no_show' ? 'badge-warning' : 'badge-neutral'}`}>{t(`agenda.status.${a.status}`)}</span>
    </>
  );
  const status = (a: FileAppointment) => ({ 'data-testid': 'patient-appointment', 'data-status': a.status });
  return (
    <div className="patient-timeline" data-testid="patient-timeline">
      <Card id="pf-upcoming" title={t('patientFile.upcoming')} items={file.upcoming} testId="patient-upcoming" render={appointment} itemAttributes={status} />
      <Card id="pf-past" title={t('patientFile.past')} items={file.past} testId="patient-past" render={appointment} itemAttributes={status} />
      <Card id="pf-requests" title={t('patientFile.requests')} items={file.requests} testId="patient-requests" render={(r) => (
        <>
          <a href={href(`/assistant/${encodeURIComponent(r.id)}`)}>{formatDate(r.createdAt, { ...COMPACT, zone })}</a> — {t(`assistant.category.${r.category}`)}{' '}
          <span className="badge badge-neutral">{t(`assistant.status.${r.status}`)}</span>
          <div className="muted">{r.summary}</div>
        </>
      )} />
      <Card id="pf-calls" title={t('patientFile.calls')} items={file.calls} testId="patient-calls" render={(c) => (
        <>
          {formatDateTime(c.occurredAt, { zone })} — {t(`phoneLog.reason.${c.reason}`)}, {t(`phoneLog.outcome.${c.outcome}`)}{' '}
          <span className="muted">({t('patientFile.takenBy', { name: c.takenBy })})</span>
          {c.note && <div className="muted">{c.note}</div>}
        </>
      )} />
      <Card id="pf-documents" title={t('patientFile.documents')} items={file.documents} testId="patient-documents" render={(d) => (
        <>{formatDate(d.uploadedAt, { ...COMPACT, zone })} — {d.title} <span className="muted">({t(`documents.types.${d.type}`)})</span></>
      )}>
        <p><a href={href(`/patients/${encodeURIComponent(patientId)}?tab=documents`)}>{t('patientFile.all')}</a></p>
      </Card>
    </div>
  );
}
