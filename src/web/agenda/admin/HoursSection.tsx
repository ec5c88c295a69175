import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { Alert } from '../../ui/Alert';
import { useLoad } from '../../ui/useLoad';
import { agendaApi, type Practitioner, type UrgentRange, type WeekParity, type WeeklyRange } from '../api';

import { DateTime } from 'luxon';
import { formatDateTime } from '../../ui/format';

interface Props {
  practitioners: Practitioner[];
  practitioner: Practitioner;
  zone: string;
  onSelect(id: string): void;
  onSaved(message: string): void;
}

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7];
const PARITIES: WeekParity[] = ['all', 'odd', 'even'];

/** Weekly hours (alternate weeks, validity), urgent ranges, and absences / exceptional openings of one practitioner. */
export function HoursSection({ practitioners, practitioner, zone, onSelect, onSaved }: Props) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en-GB' : 'fr-FR';
  const selectId = useId();
  const hours = useLoad(() => agendaApi.hours(practitioner.id), [practitioner.id]);
  const [weekly, setWeekly] = useState<WeeklyRange[]>([]);
  const [urgent, setUrgent] = useState<UrgentRange[]>([]);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (hours.data) { setWeekly(hours.data.weekly); setUrgent(hours.data.urgent); }
  }, [hours.data]);

  async function save() {
    setError(null);
    try {
      const clean = weekly.map((w) => ({ weekday: w.weekday, start: w.start, end: w.end, weekParity: w.weekParity, ...(w.validFrom ? { validFrom: w.validFrom } : {}), validUntil: w.validUntil || null }));
      await agendaApi.saveHours(practitioner.id, { weekly: clean, urgent });
      onSaved(t('agenda.admin.hoursSaved', { name: practitioner.displayName }));
      hours.reload();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    }
  }

  const day = (n: number) => t(`agenda.weekday.${n}`);
  return (
    <section className="card" aria-labelledby="agenda-admin-hours">
      <div className="page-header">
        <h2 id="agenda-admin-hours">{t('agenda.admin.hours')}</h2>
        <div className="agenda-filter">
          <label htmlFor={selectId}>{t('agenda.toolbar.practitioner')}</label>
          <select id={selectId} value={practitioner.id} onChange={(e) => onSelect(e.target.value)} data-testid="hours-practitioner">
            {practitioners.map((p) => <option key={p.id} value={p.id}>{p.displayName}</option>)}
          </select>
        </div>
      </div>
      {hours.error && <Alert tone="error">{hours.error.message}</Alert>}
      <h3>{t('agenda.admin.weekly')}</h3>
      <div className="table-wrap">
      <table className="table table-dense agenda-hours" data-testid="hours-weekly">
        <thead>
          <tr>
            <th scope="col">{t('agenda.admin.weekday')}</th><th scope="col">{t('agenda.admin.from')}</th><th scope="col">{t('agenda.admin.to')}</th>
            <th scope="col">{t('agenda.admin.parity')}</th><th scope="col">{t('agenda.admin.validFrom')}</th><th scope="col">{t('agenda.admin.validUntil')}</th>
            <th scope="col"><span className="visually-hidden">{t('common.actions')}</span></th>
          </tr>
        </thead>
        <tbody>
          {weekly.map((w, i) => {
            const row = (patch: Partial<WeeklyRange>) => setWeekly((list) => list.map((x, j) => (j === i ? { ...x, ...patch } : x)));
            const label = `${day(w.weekday)} ${w.start}–${w.end}`;
            return (
              <tr key={i}>
                <td><select aria-label={`${t('agenda.admin.weekday')} (${label})`} value={w.weekday} onChange={(e) => row({ weekday: Number(e.target.value) })}>
                  {WEEKDAYS.map((d) => <option key={d} value={d}>{day(d)}</option>)}</select></td>
                <td><input type="time" aria-label={`${t('agenda.admin.from')} (${label})`} value={w.start} onChange={(e) => row({ start: e.target.value })} /></td>
                <td><input type="time" aria-label={`${t('agenda.admin.to')} (${label})`} value={w.end} onChange={(e) => row({ end: e.target.value })} /></td>
                <td><select aria-label={`${t('agenda.admin.parity')} (${label})`} value={w.weekParity} onChange={(e) => row({ weekParity: e.target.value as WeekParity })}>
                  {PARITIES.map((p) => <option key={p} value={p}>{t(`agenda.parity.${p}`)}</option>)}</select></td>
                <td><input type="date" aria-label={`${t('agenda.admin.validFrom')} (${label})`} value={w.validFrom ?? ''} onChange={(e) => row({ validFrom: e.target.value || undefined })} /></td>
                <td><input type="date" aria-label={`${t('agenda.admin.validUntil')} (${label})`} value={w.validUntil ?? ''} onChange={(e) => row({ validUntil: e.target.value || null })} /></td>
                <td><button type="button" className="button button-small" onClick={() => setWeekly((l) => l.filter((_, j) => j !== i))} aria-label={t('agenda.admin.removeRange', { range: label })}>{t('agenda.admin.remove')}</button></td>
              </tr>
            );
          })}
        </tbody>
      </table>
      </div>
      <div className="button-row">
        <button type="button" className="button button-small" onClick={() => setWeekly((l) => [...l, { weekday: 1, start: '09:00', end: '12:00', weekParity: 'all' }])}>{t('agenda.admin.addRange')}</button>
      </div>
      <h3>{t('agenda.admin.urgent')}</h3>
      <p className="field-hint">{t('agenda.admin.urgentHint')}</p>
      <ul className="agenda-urgent-list">
        {urgent.map((u, i) => {
          const row = (patch: Partial<UrgentRange>) => setUrgent((list) => list.map((x, j) => (j === i ? { ...x, ...patch } : x)));
          const label = `${day(u.weekday)} ${u.start}–${u.end}`;
          return (
            <li key={i} className="button-row">
              <select aria-label={`${t('agenda.admin.weekday')} (${label})`} value={u.weekday} onChange={(e) => row({ weekday: Number(e.target.value) })}>
                {WEEKDAYS.map((d) => <option key={d} value={d}>{day(d)}</option>)}</select>
              <input type="time" aria-label={`${t('agenda.admin.from')} (${label})`} value={u.start} onChange={(e) => row({ start: e.target.value })} />
              <input type="time" aria-label={`${t('agenda.admin.to')} (${label})`} value={u.end} onChange={(e) => row({ end: e.target.value })} />
              <button type="button" className="button button-small" onClick={() => setUrgent((l) => l.filter((_, j) => j !== i))} aria-label={t('agenda.admin.removeRange', { range: label })}>{t('agenda.admin.remove')}</button>
            </li>
          );
        })}
      </ul>
      <div className="button-row">
        <button type="button" className="button button-small" onClick={() => setUrgent((l) => [...l, { weekday: 1, start: '12:00', end: '12:30' }])}>{t('agenda.admin.addUrgent')}</button>
      </div>
      {error && <Alert tone="error">{error}</Alert>}
      <div className="button-row agenda-save-row">
        <button type="button" className="button button-primary" onClick={() => void save()} data-testid="hours-save">{t('agenda.admin.saveHours')}</button>
      </div>
      <Exceptions practitioner={practitioner} zone={zone} locale={locale} list={hours.data?.exceptions ?? []} onChanged={(m) => { onSaved(m); hours.reload(); }} />
    </section>
  );
}

function Exceptions({ practitioner, zone, locale, list, onChanged }: { practitioner: Practitioner; zone: string; locale: string; list: { id: string; kind: 'absence' | 'opening'; reason: string | null; start: string; end: string }[]; onChanged(m: string): void }) {
  const { t } = useTranslation();
  const id = { kind: useId(), start: useId(), end: useId(), reason: useId() };
  const [kind, setKind] = useState<'absence' | 'opening'>('absence');
  const [start, setStart] = useState('');
  const [end, setEnd] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);

  async function add(e: FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      const iso = (v: string) => DateTime.fromISO(v, { zone }).toISO()!;
      await agendaApi.addException(practitioner.id, { kind, start: iso(start), end: iso(end), ...(reason.trim() ? { reason: reason.trim() } : {}) });
      setStart(''); setEnd(''); setReason('');
      onChanged(t('agenda.admin.exceptionAdded'));
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    }
  }

  return (
    <>
      <h3>{t('agenda.admin.exceptions')}</h3>
      {list.length === 0 ? <p className="empty">{t('agenda.admin.noExceptions')}</p> : (
        <ul className="agenda-exceptions">
          {list.map((x) => (
            <li key={x.id}>
              <span className="badge badge-neutral">{t(`agenda.exceptionKind.${x.kind}`)}</span>{' '}
              {formatDateTime(x.start, { zone, style: 'weekday' })} → {formatDateTime(x.end, { zone, style: 'weekday' })}{x.reason ? ` · ${x.reason}` : ''}{' '}
              <button type="button" className="button button-small" onClick={async () => { await agendaApi.removeException(x.id); onChanged(t('agenda.admin.exceptionRemoved')); }}>
                {t('agenda.admin.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form className="agenda-form-row" onSubmit={(e) => void add(e)}>
        <div className="field"><label htmlFor={id.kind}>{t('agenda.admin.kind')}</label>
          <select id={id.kind} value={kind} onChange={(e) => setKind(e.target.value as 'absence' | 'opening')}>
            <option value="absence">{t('agenda.exceptionKind.absence')}</option>
            <option value="opening">{t('agenda.exceptionKind.opening')}</option>
          </select></div>
        <div className="field"><label htmlFor={id.start}>{t('agenda.admin.from')}</label>
          <input id={id.start} type="datetime-local" required value={start} onChange={(e) => setStart(e.target.value)} /></div>
        <div className="field"><label htmlFor={id.end}>{t('agenda.admin.to')}</label>
          <input id={id.end} type="datetime-local" required value={end} onChange={(e) => setEnd(e.target.value)} /></div>
        <div className="field"><label htmlFor={id.reason}>{t('agenda.admin.reason')}</label>
          <input id={id.reason} maxLength={200} value={reason} onChange={(e) => setReason(e.target.value)} /></div>
        <div className="field agenda-form-submit"><button type="submit" className="button">{t('agenda.admin.addException')}</button></div>
      </form>
      {error && <Alert tone="error">{error}</Alert>}
    </>
  );
}
