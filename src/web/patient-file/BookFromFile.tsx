import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PatientSummary } from '../api/types';
import { agendaApi, type Appointment, type FreeSlot, type Motif, type Practitioner } from '../agenda/api';
import { BookingDialog, MotifSelect } from '../agenda/BookingDialog';
import { localParts } from '../agenda/time';
import { href } from '../router';
import { Alert } from '../ui/Alert';
import { Dialog } from '../ui/Dialog';
import { formatDate, formatIdentity, formatTime } from '../ui/format';

interface Props {
  patient: PatientSummary;
  zone: string;
  /** The practitioner the patient saw last (or will see next): chosen first. */
  usualPractitionerId: string | null;
  onClose(): void;
  onBooked(a: Appointment): void;
}

/**
 * « Prendre rendez-vous » inside the patient file (issue 12): practitioner, motif, the next free slots; a slot
 * opens the agenda's own booking dialog with the patient and the motif chosen (same checks, same 409 proposals,
 * same override), so the secretary never leaves the file. « Choisir dans l'agenda » is still there for the week view.
 */
export function BookFromFile({ patient, zone, usualPractitionerId, onClose, onBooked }: Props) {
  const { t } = useTranslation();
  const ids = { practitioner: useId(), motif: useId(), slots: useId() };
  const [practitioners, setPractitioners] = useState<Practitioner[] | null>(null);
  const [motifs, setMotifs] = useState<Motif[]>([]);
  const [practitionerId, setPractitionerId] = useState('');
  const [motifId, setMotifId] = useState('');
  const [slots, setSlots] = useState<FreeSlot[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [picked, setPicked] = useState<FreeSlot | null>(null);

  useEffect(() => {
    let current = true;
    Promise.all([agendaApi.practitioners(), agendaApi.motifs()]).then(([p, m]) => {
      if (!current) return;
      const active = p.practitioners.filter((x) => x.active);
      const list = m.motifs.filter((x) => x.active);
      setPractitioners(active);
      setMotifs(list);
      choose(active.find((x) => x.id === usualPractitionerId)?.id ?? active[0]?.id ?? '', list);
    }, (err: unknown) => current && setError(err instanceof Error ? err.message : String(err)));
    return () => { current = false; };
  }, [usualPractitionerId]); // eslint-disable-line react-hooks/exhaustive-deps

  const ownOf = (id: string, list: Motif[]) => list.filter((m) => m.practitionerId === null || m.practitionerId === id);
  const own = ownOf(practitionerId, motifs);
  /** The practitioner and, with them, a motif they offer (the current one if it is shared, else their first: the agenda's rule). */
  function choose(id: string, list = motifs) {
    const offered = ownOf(id, list);
    setPractitionerId(id);
    setMotifId((current) => (offered.some((m) => m.id === current) ? current : offered[0]?.id ?? ''));
  }

  // Only the last request's answer is shown (a change of practitioner or motif may overtake an earlier one).
  const latest = useRef(0);
  async function load(from?: string) {
    if (!practitionerId) return;
    const mine = ++latest.current;
    setError(null);
    try {
      const r = await agendaApi.freeSlots({ practitionerId, motifId: motifId || null, limit: 30, ...(from ? { from } : {}) });
      if (mine !== latest.current) return;
      setSlots((prev) => (from && prev ? [...prev, ...r.slots.filter((s) => !prev.some((p) => p.start === s.start))] : r.slots));
    } catch (err) {
      if (mine === latest.current) setError(err instanceof Error ? err.message : String(err));
    }
  }
  useEffect(() => {
    setSlots(null);
    void load();
  }, [practitionerId, motifId]); // eslint-disable-line react-hooks/exhaustive-deps

  const practitioner = practitioners?.find((p) => p.id === practitionerId);
  if (picked && practitioner) {
    const local = localParts(picked.start, zone);
    return (
      <BookingDialog column={{ practitioner, date: local.date }} minute={local.minutes} zone={zone} motifs={motifs}
        initialPatient={patient} initialMotifId={motifId} onClose={() => setPicked(null)} onBooked={onBooked} />
    );
  }

  // The slots by day: « mardi 8 décembre » then the times.
  const days: { date: string; slots: FreeSlot[] }[] = [];
  for (const s of slots ?? []) {
    const date = localParts(s.start, zone).date;
    const last = days[days.length - 1];
    if (last?.date === date) last.slots.push(s);
    else days.push({ date, slots: [s] });
  }
  return (
    <Dialog open title={t('patientFile.bookTitle', { name: formatIdentity(patient) })} onClose={onClose} testId="file-booking-dialog">
      <div className="form">
        <div className="file-booking-row">
          <div className="field">
            <label htmlFor={ids.practitioner}>{t('patientFile.practitioner')}</label>
            <select id={ids.practitioner} value={practitionerId} onChange={(e) => choose(e.target.value)} data-testid="file-booking-practitioner">
              {(practitioners ?? []).map((p) => <option key={p.id} value={p.id}>{p.displayName}{p.specialty ? ` — ${p.specialty}` : ''}</option>)}
            </select>
          </div>
          <MotifSelect id={ids.motif} label={t('patientFile.motif')} motifs={own} value={motifId} onChange={setMotifId} testId="file-booking-motif" />
        </div>
        {error && <Alert tone="error">{error}</Alert>}
        <section aria-labelledby={ids.slots}>
          <h3 id={ids.slots} className="file-booking-title">{t('patientFile.nextSlots')}</h3>
          {slots === null && !error && <p className="muted" role="status">{t('common.loading')}</p>}
          {slots?.length === 0 && <p className="muted" role="status">{t('patientFile.noSlot')}</p>}
          <div className="file-booking-days" data-testid="file-booking-slots">
            {days.map((d) => (
              <div key={d.date} className="file-booking-day">
                <p className="file-booking-day-title">{formatDate(d.date, { style: 'weekday', noYear: true })}</p>
                <ul className="file-booking-times" aria-label={formatDate(d.date, { style: 'weekday' })}>
                  {d.slots.map((s) => (
                    <li key={s.start}>
                      <button type="button" className="button button-small" onClick={() => setPicked(s)} data-testid="file-booking-slot" data-start={s.start}>
                        {formatTime(s.start, { zone })}
                      </button>
                    </li>
                  ))}
                </ul>
              </div>
            ))}
          </div>
          {slots && slots.length > 0 && (
            <button type="button" className="button button-small" onClick={() => void load(new Date(Date.parse(slots[slots.length - 1]!.start) + 60_000).toISOString())} data-testid="file-booking-more">
              {t('patientFile.moreSlots')}
            </button>
          )}
        </section>
        <div className="button-row">
          <a className="button" href={href(`/agenda?patient=${encodeURIComponent(patient.id)}`)} data-testid="file-booking-agenda">{t('patientFile.inAgenda')}</a>
          <button type="button" className="button" onClick={onClose}>{t('common.cancel')}</button>
        </div>
      </div>
    </Dialog>
  );
}
