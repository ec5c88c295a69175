import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Practitioner } from './api';
import { addDays, today } from './time';
import type { LiveState } from './useAgendaEvents';

export type AgendaView = 'practice' | 'day' | 'week';

interface Props {
  view: AgendaView;
  date: string;
  zone: string;
  practitioners: Practitioner[];
  practitionerId: string;
  live: LiveState;
  printHref: string;
  onView(view: AgendaView): void;
  onDate(date: string): void;
  onPractitioner(id: string): void;
}

/** View switch, date navigation (today, previous, next, picker), practitioner filter, print, live status. */
export function AgendaToolbar({ view, date, zone, practitioners, practitionerId, live, printHref, onView, onDate, onPractitioner }: Props) {
  const { t } = useTranslation();
  const dateId = useId();
  const practitionerSelectId = useId();
  const step = view === 'week' ? 7 : 1;
  const views: AgendaView[] = ['practice', 'day', 'week'];
  return (
    <div className="agenda-toolbar no-print">
      <div className="agenda-views" role="group" aria-label={t('agenda.toolbar.view')}>
        {views.map((v) => (
          <button
            key={v}
            type="button"
            className={`button button-small${view === v ? ' is-selected' : ''}`}
            aria-pressed={view === v}
            onClick={() => onView(v)}
            data-testid={`agenda-view-${v}`}
          >
            {t(`agenda.toolbar.views.${v}`)}
          </button>
        ))}
      </div>
      <div className="agenda-dates" role="group" aria-label={t('agenda.toolbar.dates')}>
        <button type="button" className="button button-small" onClick={() => onDate(addDays(date, -step))} data-testid="agenda-prev">
          <span aria-hidden="true">‹</span> {t(view === 'week' ? 'agenda.toolbar.prevWeek' : 'agenda.toolbar.prevDay')}
        </button>
        <button type="button" className="button button-small" onClick={() => onDate(today(zone))} data-testid="agenda-today">
          {t('agenda.toolbar.today')}
        </button>
        <button type="button" className="button button-small" onClick={() => onDate(addDays(date, step))} data-testid="agenda-next">
          {t(view === 'week' ? 'agenda.toolbar.nextWeek' : 'agenda.toolbar.nextDay')} <span aria-hidden="true">›</span>
        </button>
        <label htmlFor={dateId} className="visually-hidden">{t('agenda.toolbar.date')}</label>
        <input id={dateId} type="date" value={date} onChange={(e) => e.target.value && onDate(e.target.value)} data-testid="agenda-date" />
      </div>
      {view !== 'practice' && (
        <div className="agenda-filter">
          <label htmlFor={practitionerSelectId}>{t('agenda.toolbar.practitioner')}</label>
          <select id={practitionerSelectId} value={practitionerId} onChange={(e) => onPractitioner(e.target.value)} data-testid="agenda-practitioner">
            {practitioners.map((p) => <option key={p.id} value={p.id}>{p.displayName}</option>)}
          </select>
        </div>
      )}
      <a className="button button-small" href={printHref} data-testid="agenda-print-link">{t('agenda.toolbar.print')}</a>
      <span className={`agenda-live is-${live}`} role="status" data-testid="agenda-live" data-state={live}>
        <span aria-hidden="true" className="agenda-live-dot" /> {t(`agenda.live.${live}`)}
      </span>
    </div>
  );
}
