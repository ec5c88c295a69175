import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import type { PatientSummary } from '../api/types';
import { Alert } from '../ui/Alert';
import { Dialog } from '../ui/Dialog';
import { formatDate, COMPACT, formatDateTime, sexContext, formatIdentity } from '../ui/format';
import { agendaApi, type Appointment, type Motif, type Proposal } from './api';
import type { Column } from './layout';
import { hhmm, instantAt } from './time';
import { draftFromSearch, NewPatientFields, type NewPatientDraft } from './NewPatientFields';

interface Props {
  /** The practitioner and the day (a column of the agenda, or a free slot chosen in the patient file). */
  column: Pick<Column, 'practitioner' | 'date'>;
  minute: number;
  zone: string;
  motifs: Motif[];
  /** Booking from the patient file: the patient is already chosen. */
  initialPatient?: PatientSummary | null;
  /** The motif already chosen (the patient file's dialog looked for slots of this motif). */
  initialMotifId?: string;
  onClose(): void;
  onBooked(a: Appointment): void;
}


/** Quick booking from a free cell: find the patient, choose the motif, book. A 409 offers the next free slots. */
export function BookingDialog({ column, minute, zone, motifs, initialPatient = null, initialMotifId, onClose, onBooked }: Props) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en-GB' : 'fr-FR';
  const ids = { search: useId(), motif: useId(), time: useId(), note: useId(), override: useId(), results: useId() };
  const own = motifs.filter((m) => m.active && (m.practitionerId === null || m.practitionerId === column.practitioner.id));
  const [q, setQ] = useState('');
  const [results, setResults] = useState<PatientSummary[] | null>(null);
  const [patient, setPatient] = useState<PatientSummary | null>(initialPatient);
  const [motifId, setMotifId] = useState(own.find((m) => m.id === initialMotifId)?.id ?? own[0]?.id ?? '');
  const [time, setTime] = useState(hhmm(minute));
  const [note, setNote] = useState('');
  const [override, setOverride] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  // The search found nobody: the patient is created here, with the duplicate check, then booked (one request).
  const [creating, setCreating] = useState<NewPatientDraft | null>(null);
  const [confirmed, setConfirmed] = useState(false);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const query = q.trim();
    if (query.length < 2) { setResults(null); return; }
    let current = true;
    const timer = window.setTimeout(() => {
      agendaApi.searchPatients(query).then((r) => current && setResults(r.patients), () => current && setResults([]));
    }, 250);
    return () => { current = false; window.clearTimeout(timer); };
  }, [q]);

  async function book(startIso: string, practitionerId = column.practitioner.id) {
    if (!patient && !creating) return;
    setBusy(true);
    setError(null);
    try {
      if (creating) {
        const d = creating;
        const { appointmentId } = await agendaApi.bookNewPatient({
          patient: { birthName: d.birthName.trim(), givenNames: d.givenNames.trim(), birthDate: d.birthDate.trim(), sex: d.sex || 'U', ...(d.phone.trim() ? { phone: d.phone.trim() } : {}), ...(confirmed ? { confirmNotDuplicate: true } : {}) },
          practitionerId, motifId: motifId || null, start: startIso,
          ...(note.trim() ? { note: note.trim() } : {}), ...(override.trim() ? { overrideReason: override.trim() } : {}),
        });
        onBooked((await agendaApi.appointment(appointmentId)).appointment);
        return;
      }
      const { appointment } = await agendaApi.book({
        practitionerId, patientId: patient!.id, motifId: motifId || null, start: startIso,
        ...(note.trim() ? { note: note.trim() } : {}), ...(override.trim() ? { overrideReason: override.trim() } : {}),
      });
      onBooked(appointment);
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, 'unexpected', String(err)));
    } finally {
      setBusy(false);
    }
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    const [h, m] = time.split(':').map(Number);
    void book(instantAt(column.date, (h ?? 0) * 60 + (m ?? 0), zone).toISO()!);
  }

  const proposals = error?.status === 409 && Array.isArray(error.details) ? (error.details as Proposal[]) : [];
  const ruleBroken = error?.status === 422;
  return (
    <Dialog open title={t('agenda.book.title')} onClose={onClose} testId="booking-dialog">
      <form className="form" onSubmit={submit}>
        <p className="agenda-dialog-context">
          <strong>{column.practitioner.displayName}</strong> — {formatDate(column.date, { style: 'weekday' })}
        </p>
        <div className="field">
          <label htmlFor={ids.search}>{t('agenda.book.patient')}</label>
          {patient ? (
            <div className="agenda-picked" data-testid="booking-patient-picked">
              <span>{formatIdentity(patient)} <span className="muted">({formatDate(patient.birthDate, COMPACT)})</span></span>
              <button type="button" className="button button-small" onClick={() => { setPatient(null); setResults(null); }}>
                {t('agenda.book.changePatient')}
              </button>
            </div>
          ) : (
            <>
              <input
                id={ids.search}
                type="search"
                value={q}
                onChange={(e) => setQ(e.target.value)}
                placeholder={t('agenda.book.searchPlaceholder')}
                aria-describedby={ids.results}
                autoComplete="off"
                data-testid="booking-patient-search"
              />
              <div id={ids.results} role="status" className="field-hint">
                {results === null ? t('agenda.book.searchHint') : t('agenda.book.results', { count: results.length })}
              </div>
              {results !== null && !creating && (
                <button type="button" className="button button-small" onClick={() => { setCreating(draftFromSearch(q)); setConfirmed(false); }} data-testid="booking-create-patient">
                  {results.length === 0 ? t('agenda.book.newPatient.createNobody') : t('agenda.book.newPatient.create')}
                </button>
              )}
              {creating && (
                <>
                  <NewPatientFields draft={creating} onChange={(patch) => { setCreating((c) => (c ? { ...c, ...patch } : c)); setConfirmed(false); }}
                    confirmed={confirmed} onConfirm={setConfirmed} confirmError={error?.status === 409 && !Array.isArray(error.details) ? error.message : null} />
                  <button type="button" className="button button-small" onClick={() => setCreating(null)}>{t('agenda.book.newPatient.back')}</button>
                </>
              )}
              {results && results.length > 0 && !creating && (
                <ul className="agenda-results" aria-label={t('agenda.book.resultsLabel')}>
                  {results.map((p) => (
                    <li key={p.id}>
                      <button type="button" className="agenda-result" onClick={() => setPatient(p)} data-testid="booking-patient-result">
                        <strong>{formatIdentity(p)}</strong> <span className="muted">{t('agenda.book.born', { date: formatDate(p.birthDate, COMPACT), context: sexContext(p.sex) })}</span>
                      </button>
                    </li>
                  ))}
                </ul>
              )}
            </>
          )}
        </div>
        <div className="agenda-form-row">
          <MotifSelect id={ids.motif} label={t('agenda.book.motif')} motifs={own} value={motifId} onChange={setMotifId} testId="booking-motif" />
          <div className="field">
            <label htmlFor={ids.time}>{t('agenda.book.start')}</label>
            <input id={ids.time} type="time" step={300} value={time} onChange={(e) => setTime(e.target.value)} required data-testid="booking-time" />
          </div>
        </div>
        <div className="field">
          <label htmlFor={ids.note}>{t('agenda.book.note')}</label>
          <input id={ids.note} type="text" maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} />
        </div>
        {error && (
          <Alert tone="error" testId="booking-error">
            <p>{error.message}</p>
            {proposals.length > 0 && (
              <ul className="agenda-proposals" aria-label={t('agenda.book.proposals')}>
                {proposals.map((p) => (
                  <li key={`${p.practitionerId}-${p.start}`}>
                    <button type="button" className="button button-small" disabled={busy} onClick={() => void book(p.start, p.practitionerId)} data-testid="booking-proposal">
                      {t('agenda.book.bookAt', { when: formatDateTime(p.start, { zone, style: 'weekday' }) })}
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </Alert>
        )}
        {ruleBroken && (
          <div className="field">
            <label htmlFor={ids.override}>{t('agenda.book.override')}</label>
            <input id={ids.override} type="text" minLength={3} maxLength={500} value={override} onChange={(e) => setOverride(e.target.value)} data-testid="booking-override" />
          </div>
        )}
        <div className="button-row">
          <button type="submit" className="button button-primary" disabled={(!patient && !creating) || busy} data-testid="booking-submit">
            {creating ? t('agenda.book.newPatient.submit') : t('agenda.book.submit')}
          </button>
          <button type="button" className="button" onClick={onClose}>{t('common.cancel')}</button>
        </div>
      </form>
    </Dialog>
  );
}

/** The motif field of a booking: name and duration (the agenda's dialog and the patient file's). */
export function MotifSelect({ id, label, motifs, value, onChange, testId }: { id: string; label: string; motifs: Motif[]; value: string; onChange(id: string): void; testId: string }) {
  const { t } = useTranslation();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId}>
        {motifs.map((m) => <option key={m.id} value={m.id}>{m.name} ({t('agenda.minutes', { count: m.durationMinutes })})</option>)}
      </select>
    </div>
  );
}
