import { useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { addDays, instantAt } from '../agenda/time';
import { clock } from '../clock';
import { formatDate, NBSP } from '../ui/format';
import { bookingApi, errorMessage, type Slot } from './api';
import { dayKey, formatTime } from './format';
import { ErrorAlert } from './PublicFrame';
import { gridDays, mondayOf, weekBounds } from './week';

/** Times shown per day before « Voir plus d'horaires » (keeps the grid on one phone screen). */
const FOLDED_ROWS = 5;

interface Props {
  slug: string;
  motifId: string;
  practitionerId: string;
  zone: string;
  onPick(slot: Slot): void;
}

/**
 * Doctolib-like week grid: days as columns, free times as buttons, previous/next week; it opens on the first
 * week with a free slot. « À partir du » jumps to a day's week (slots before that day are not shown).
 */
export function WeekGrid({ slug, motifId, practitionerId, zone, onPick }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'fr';
  const id = useId();
  const thisMonday = mondayOf(clock.now().toISOString(), zone);
  const [monday, setMonday] = useState<string | null>(null);
  const [fromDay, setFromDay] = useState('');
  const [slots, setSlots] = useState<Slot[] | null>(null);
  const [next, setNext] = useState<Slot | null | undefined>(undefined);
  const [none, setNone] = useState(false);
  const [unfolded, setUnfolded] = useState(false);
  const [error, setError] = useState<string | null>(null);

  // The first available week (the next 4 weeks: the server's horizon).
  useEffect(() => {
    let current = true;
    setMonday(null);
    setNone(false);
    bookingApi.slots(slug, motifId, practitionerId, undefined, { limit: 1 }).then(
      ({ slots: [first] }) => {
        if (!current) return;
        // A patient who already picked a day (« À partir du ») while this answer was on its way keeps their week.
        if (first) setMonday((picked) => picked ?? mondayOf(first.start, zone));
        else { setNone(true); setMonday((picked) => picked ?? thisMonday); }
      },
      (err: unknown) => current && setError(errorMessage(err, t('booking.unavailable'))),
    );
    return () => { current = false; };
  }, [slug, motifId, practitionerId, zone, thisMonday, t]);

  // The week's slots; an empty week looks for the next free slot after it.
  useEffect(() => {
    if (!monday) return;
    let current = true;
    setSlots(null);
    setNext(undefined);
    setUnfolded(false);
    const bounds = weekBounds(monday, zone);
    const from = fromDay && fromDay > monday ? instantAt(fromDay, 0, zone).toUTC().toISO()! : bounds.from;
    bookingApi.slots(slug, motifId, practitionerId, from, { to: bounds.to, limit: 400 }).then(async (data) => {
      if (!current) return;
      setSlots(data.slots);
      if (data.slots.length === 0) {
        const after = await bookingApi.slots(slug, motifId, practitionerId, bounds.to, { limit: 1 });
        if (current) setNext(after.slots[0] ?? null);
      }
    }, (err: unknown) => current && setError(errorMessage(err, t('booking.unavailable'))));
    return () => { current = false; };
  }, [slug, motifId, practitionerId, zone, monday, fromDay, t]);

  const days = useMemo(() => (monday && slots ? gridDays(monday, slots, zone) : []), [monday, slots, zone]);
  const rows = Math.max(0, ...days.map((d) => d.slots.length));
  const shownRows = unfolded ? rows : Math.min(rows, FOLDED_ROWS);
  const todayKey = dayKey(clock.now().toISOString(), zone);

  function jump(day: string) {
    setFromDay(day);
    if (day) setMonday(mondayOf(instantAt(day, 12 * 60, zone).toUTC().toISO()!, zone));
  }

  const label = monday ? t('booking.weekOf', { from: formatDate(monday, { style: 'long', noYear: true, lang }), to: formatDate(addDays(monday, 6), { style: 'long', lang }) }) : '';
  return (
    <section className="booking-week" aria-labelledby={`${id}-title`} data-testid="booking-week">
      <h2 id={`${id}-title`} className="visually-hidden">{t('booking.slotsTitle')}</h2>
      <ErrorAlert message={error} />
      {none && <p className="alert alert-info" data-testid="booking-no-slot">{t('booking.noSlot')}</p>}
      <div className="booking-week-nav">
        <button type="button" className="button button-small" onClick={() => { if (monday) { setFromDay(''); setMonday(addDays(monday, -7)); } }} disabled={!monday || monday <= thisMonday}
          aria-label={t('booking.previousWeek')} data-testid="booking-week-previous"><span aria-hidden="true">‹</span></button>
        <p className="booking-week-label" aria-live="polite" data-testid="booking-week-label">{label}</p>
        <button type="button" className="button button-small" onClick={() => monday && setMonday(addDays(monday, 7))} disabled={!monday}
          aria-label={t('booking.nextWeek')} data-testid="booking-week-next"><span aria-hidden="true">›</span></button>
      </div>
      {monday && slots === null && <p role="status" className="field-hint">{t('common.loading')}</p>}
      {slots && slots.length === 0 && !none && (
        <p className="booking-week-empty" data-testid="booking-week-empty">
          {t('booking.weekEmpty')}{' '}
          {next && (
            <button type="button" className="button-link" onClick={() => setMonday(mondayOf(next.start, zone))} data-testid="booking-next-available">
              {t('booking.nextAvailable', { date: formatDate(next.start, { style: 'weekday', zone, lang }) })}
            </button>
          )}
        </p>
      )}
      {slots && slots.length > 0 && (
        <table className="booking-grid" data-testid="booking-slots">
          <caption className="visually-hidden">{label}</caption>
          <thead>
            <tr>
              {days.map((d) => {
                // « lun. 7 déc. »: the weekday above, the day and month below (narrow columns on a phone).
                const [weekday, ...rest] = formatDate(d.date, { style: 'short', lang }).split(NBSP);
                return (
                  <th key={d.date} scope="col" className={d.date === todayKey ? 'booking-grid-today' : undefined}>
                    <span className="visually-hidden">{formatDate(d.date, { style: 'weekday', noYear: true, lang })}</span>
                    <span className="booking-grid-weekday" aria-hidden="true">{weekday}</span>
                    <span className="booking-grid-date" aria-hidden="true">{rest.join(NBSP)}</span>
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {Array.from({ length: Math.max(shownRows, 1) }, (_, row) => (
              <tr key={row}>
                {days.map((d) => {
                  const s = d.slots[row];
                  return (
                    <td key={d.date}>
                      {s ? (
                        <button type="button" className="booking-grid-slot" onClick={() => onPick(s)} data-testid="booking-slot" data-start={s.start}
                          aria-label={`${formatDate(s.start, { style: 'weekday', zone, lang })}, ${formatTime(s.start, zone, lang)}`}>
                          {formatTime(s.start, zone, lang)}
                        </button>
                      ) : row === 0 ? <span className="booking-grid-none" aria-label={t('booking.dayEmpty')}>—</span> : null}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {rows > FOLDED_ROWS && (
        <button type="button" className="button booking-week-more" aria-expanded={unfolded} onClick={() => setUnfolded(!unfolded)} data-testid="booking-more-times">
          {unfolded ? t('booking.lessTimes') : t('booking.moreTimes')}
        </button>
      )}
      <details className="booking-week-jump" open={!!fromDay || undefined}>
        <summary>{t('booking.jumpTo')}</summary>
        <div className="field field-narrow">
          <label htmlFor={`${id}-from`}>{t('booking.fromLabel')}</label>
          <input id={`${id}-from`} type="date" min={todayKey} value={fromDay} onChange={(e) => jump(e.target.value)} data-testid="booking-from" />
        </div>
      </details>
    </section>
  );
}
