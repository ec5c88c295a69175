import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { dialogApi, type BookingOptions } from '../api';
import { formatDateTime } from '../../ui/format';

const when = (iso: string, zone: string, lang: string) => formatDateTime(iso, { zone, style: 'weekday', lang: lang === 'en' ? 'en' : 'fr', noYear: true });

/**
 * The desk's booking dialog inside a request: pre-filled with the patient matched and the wanted time read in the
 * message; proposes free slots from the agenda's slot engine; books through the agenda (convert → appointment).
 */
export function AppointmentConvert({ requestId, busy, onBook }: { requestId: string; busy: boolean; onBook: (payload: { practitionerId: string; start: string; motifId: string | null }, label: string) => void }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [options, setOptions] = useState<BookingOptions | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [practitionerId, setPractitionerId] = useState('');
  const [motifId, setMotifId] = useState('');
  const [date, setDate] = useState('');
  const [slot, setSlot] = useState('');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    setLoadError(null);
    dialogApi.bookingOptions(requestId, { practitionerId: practitionerId || undefined, motifId: motifId || undefined, date: date || undefined }).then(
      (o) => {
        if (!current) return;
        setOptions(o);
        setSlot('');
      },
      (err: unknown) => current && setLoadError(err instanceof ApiError ? err.message : t('errors.unexpectedShort')),
    );
    return () => {
      current = false;
    };
  }, [requestId, practitionerId, motifId, date, t]);

  const motifs = options?.motifs.filter((m) => !practitionerId || m.practitionerId === null || m.practitionerId === practitionerId) ?? [];

  function submit(event: FormEvent) {
    event.preventDefault();
    const chosen = options?.slots.find((s) => `${s.practitionerId}|${s.start}` === slot);
    if (!chosen || !options) {
      setError(t('assistant.dialog.chooseSlot'));
      return;
    }
    setError(null);
    onBook({ practitionerId: chosen.practitionerId, start: chosen.start, motifId: motifId || null }, `${when(chosen.start, options.timeZone, i18n.language)} — ${chosen.practitionerName}`);
  }

  if (loadError) return <p className="field-error" role="alert">{loadError}</p>;
  if (!options) return <p className="muted" role="status">{t('assistant.dialog.loading')}</p>;
  return (
    <form className="form convert-form" onSubmit={submit} noValidate data-testid="convert-appointment-form">
      <p data-testid="convert-appointment-patient">
        {options.patient ? (
          <>
            {t('assistant.dialog.for')} <strong>{options.patient.name}</strong>
          </>
        ) : (
          <span className="field-error">{t('assistant.dialog.matchFirst')}</span>
        )}
      </p>
      {options.preferences.text && (
        <p className="muted" data-testid="convert-appointment-wish">
          {t('assistant.dialog.wish')} « {options.preferences.text} »
        </p>
      )}
      <div className="field">
        <label htmlFor={`${id}-practitioner`}>{t('assistant.dialog.practitioner')}</label>
        <select id={`${id}-practitioner`} value={practitionerId} onChange={(e) => { setPractitionerId(e.target.value); setMotifId(''); }} data-testid="convert-appointment-practitioner">
          <option value="">{t('assistant.dialog.anyPractitioner')}</option>
          {options.practitioners.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-motif`}>{t('assistant.dialog.motif')}</label>
        <select id={`${id}-motif`} value={motifId} onChange={(e) => setMotifId(e.target.value)} data-testid="convert-appointment-motif">
          <option value="">{t('assistant.dialog.noMotif')}</option>
          {motifs.map((m) => <option key={m.id} value={m.id}>{m.name} ({m.durationMinutes} min)</option>)}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-date`}>{t('assistant.dialog.from')}</label>
        <input id={`${id}-date`} type="date" value={date} onChange={(e) => setDate(e.target.value)} data-testid="convert-appointment-date" />
      </div>
      <fieldset className="fieldset">
        <legend>{options.urgency === 'routine' ? t('assistant.dialog.slots') : t('assistant.dialog.slotsToday')}</legend>
        {options.slots.length === 0 && <p className="muted">{t('assistant.dialog.noSlots')}</p>}
        {options.slots.map((s) => {
          const value = `${s.practitionerId}|${s.start}`;
          return (
            <div key={value} className="checkbox">
              <input type="radio" id={`${id}-${value}`} name={`${id}-slot`} value={value} checked={slot === value} onChange={() => setSlot(value)} data-testid="convert-appointment-slot" data-start={s.start} />
              <label htmlFor={`${id}-${value}`}>{when(s.start, options.timeZone, i18n.language)} — {s.practitionerName}</label>
            </div>
          );
        })}
        {error && <p className="field-error" role="alert">{error}</p>}
      </fieldset>
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={busy || !options.patient} data-testid="convert-appointment-submit">
          {t('assistant.dialog.book')}
        </button>
      </div>
    </form>
  );
}
