import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../api/client';
import { href } from '../router';
import { navigate, useRoute } from '../router';
import { Alert, LiveMessage } from '../ui/Alert';
import { PageTitle } from '../ui/PageTitle';
import { useLoad } from '../ui/useLoad';
import { agendaApi, type Appointment, type Hours, type Proposal } from './api';
import { AgendaGrid } from './AgendaGrid';
import { AgendaToolbar, type AgendaView } from './AgendaToolbar';
import { AppointmentPanel } from './AppointmentPanel';
import { BookingDialog } from './BookingDialog';
import type { Column } from './layout';
import { MoveDialog } from './MoveDialog';
import { NoShowPanel } from './NoShowPanel';
import { addDays, dayPlan, instantAt, isIsoDate, today, weekDays } from './time';
import { useAgendaEvents } from './useAgendaEvents';
import './agenda.css';
import { formatDate, formatDateTime, formatIdentity } from '../ui/format';
import { patientNameOf } from './labels';

type DialogState =
  | { kind: 'book'; column: Column; minute: number }
  | { kind: 'detail'; id: string }
  | { kind: 'move'; appointment: Appointment; message?: string; proposals?: Proposal[] }
  | null;

/**
 * #/agenda?view=practice|day|week&date=YYYY-MM-DD&practitioner=<id>; `&patient=<id>` (from the patient file's
 * « Prendre rendez-vous »): booking mode, a free slot opens the booking dialog with that patient already chosen;
 * `&appointment=<id>` opens that appointment.
 */
export function AgendaPage() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en-GB' : 'fr-FR';
  const { query } = useRoute();
  const base = useLoad(async () => {
    const [settings, { practitioners }, { motifs }] = await Promise.all([agendaApi.settings(), agendaApi.practitioners(), agendaApi.motifs()]);
    const hours = new Map<string, Hours>();
    await Promise.all(practitioners.map(async (p) => hours.set(p.id, await agendaApi.hours(p.id))));
    return { settings, practitioners, motifs, hours };
  }, []);
  const zone = base.data?.settings.timeZone ?? 'Europe/Paris';
  const practitioners = base.data?.practitioners ?? [];

  const viewParam = query.get('view');
  const view: AgendaView = viewParam === 'day' || viewParam === 'week' ? viewParam : 'practice';
  const date = isIsoDate(query.get('date')) ? query.get('date')! : today(zone);
  const practitionerId = practitioners.find((p) => p.id === query.get('practitioner'))?.id ?? practitioners[0]?.id ?? '';

  const setQuery = useCallback((patch: Record<string, string | null>) => {
    const next = new URLSearchParams(query);
    for (const [k, v] of Object.entries(patch)) {
      if (v === null) next.delete(k);
      else next.set(k, v);
    }
    navigate(`/agenda?${next.toString()}`, { replace: true });
  }, [query]);

  const days = useMemo(() => (view === 'week' ? weekDays(date) : [date]), [view, date]);
  // Public holidays of the visible days (practice's region: metropole, Alsace-Moselle, overseas), from the server.
  const holidays = useLoad(
    async () => (days[0] ? new Map((await agendaApi.holidays(days[0], days.at(-1)!)).holidays.map((h) => [h.date, h.name])) : new Map<string, string>()),
    [days[0], days.length],
  );
  const columns: Column[] = useMemo(() => {
    if (!base.data) return [];
    const { hours } = base.data;
    if (view === 'practice') {
      return practitioners.map((p, index) => ({
        key: p.id, index, practitioner: p, date, label: p.displayName,
        fullLabel: `${p.displayName}, ${formatDate(date, { style: 'weekday' })}`, plan: dayPlan(hours.get(p.id), date, zone, holidays.data?.get(date)),
      }));
    }
    const p = practitioners.find((x) => x.id === practitionerId);
    if (!p) return [];
    return days.map((d, index) => ({
      key: `${p.id}|${d}`, index, practitioner: p, date: d, label: formatDate(d, { style: view === 'week' ? 'short' : 'weekday' }),
      fullLabel: `${p.displayName}, ${formatDate(d, { style: 'weekday' })}`, plan: dayPlan(hours.get(p.id), d, zone, holidays.data?.get(d)),
    }));
  }, [base.data, view, practitioners, practitionerId, date, days, zone, locale, holidays.data]);

  // Appointments of the visible range. Reloads keep the grid on screen (no flash) and record the render time.
  const [appointments, setAppointments] = useState<Appointment[] | null>(null);
  const [renderStartedAt, setRenderStartedAt] = useState<number | undefined>();
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const rangeKey = `${view}|${days[0]}|${days.length}|${view === 'practice' ? '' : practitionerId}`;
  const requestSeq = useRef(0);
  const reload = useCallback(async () => {
    if (!base.data || !days[0]) return;
    const seq = ++requestSeq.current;
    try {
      const from = instantAt(days[0], 0, zone).toISO()!;
      const to = instantAt(addDays(days.at(-1)!, 1), 0, zone).toISO()!;
      const res = await agendaApi.appointments(from, to, view === 'practice' ? undefined : [practitionerId]);
      if (seq !== requestSeq.current) return;
      setRenderStartedAt(performance.now());
      setAppointments(res.appointments);
      setLoadError(null);
    } catch (err) {
      if (seq === requestSeq.current) setLoadError(err instanceof ApiError ? err : new ApiError(0, 'unexpected', String(err)));
    }
  // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [base.data, rangeKey, zone]);
  useEffect(() => {
    setAppointments(null);
    void reload();
  }, [reload]);

  // Live updates from the other desks: refetch when a change touches a visible day (debounced).
  const refetchTimer = useRef<number | undefined>(undefined);
  const scheduleReload = useCallback(() => {
    window.clearTimeout(refetchTimer.current);
    refetchTimer.current = window.setTimeout(() => void reload(), 150);
  }, [reload]);
  useEffect(() => () => window.clearTimeout(refetchTimer.current), []);
  const live = useAgendaEvents((e) => {
    const visibleDay = (d: string | null) => !!d && days.includes(d);
    const visiblePractitioner = (p: string | null) => view === 'practice' || p === practitionerId;
    if ((visibleDay(e.day) && visiblePractitioner(e.practitionerId)) || (visibleDay(e.previousDay) && visiblePractitioner(e.previousPractitionerId ?? e.practitionerId))) {
      scheduleReload();
    }
  }, scheduleReload);

  const [dialog, setDialog] = useState<DialogState>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const forPatientId = query.get('patient');
  const forPatient = useLoad(async () => (forPatientId ? (await api.patient(forPatientId)).patient : null), [forPatientId]);
  const openId = query.get('appointment');
  useEffect(() => {
    if (openId) setDialog({ kind: 'detail', id: openId });
  }, [openId]);

  async function drop(a: Appointment, column: Column, minute: number) {
    const start = instantAt(column.date, minute, zone);
    if (start.toMillis() === new Date(a.start).getTime() && column.practitioner.id === a.practitionerId) return;
    setNotice(null);
    try {
      const { appointment } = await agendaApi.move(a.id, { start: start.toISO()!, practitionerId: column.practitioner.id, version: a.version });
      setNotice(t('agenda.moved', { patient: patientNameOf(appointment), when: formatDateTime(appointment.start, { zone, style: 'weekday' }), practitioner: appointment.practitionerName }));
      void reload();
    } catch (err) {
      const e = err instanceof ApiError ? err : new ApiError(0, 'unexpected', String(err));
      setDialog({ kind: 'move', appointment: a, message: e.message, proposals: e.status === 409 && Array.isArray(e.details) ? (e.details as Proposal[]) : undefined });
    }
  }

  const title = t('agenda.title');
  const gridLabel = view === 'practice'
    ? t('agenda.grid.labelPractice', { date: formatDate(date, { style: 'weekday' }) })
    : t(view === 'week' ? 'agenda.grid.labelWeek' : 'agenda.grid.labelDay', {
      name: practitioners.find((p) => p.id === practitionerId)?.displayName ?? '', date: formatDate(days[0] ?? date, { style: 'weekday' }),
    });

  return (
    <div className="agenda-page">
      <PageTitle title={title}>{title}</PageTitle>
      <AgendaToolbar
        view={view}
        date={date}
        zone={zone}
        practitioners={practitioners}
        practitionerId={practitionerId}
        live={live}
        onView={(v) => setQuery({ view: v, ...(v !== 'practice' && practitionerId ? { practitioner: practitionerId } : {}) })}
        onDate={(d) => setQuery({ date: d })}
        onPractitioner={(id) => setQuery({ practitioner: id })}
        printHref={`#/agenda/print?date=${date}${view === 'practice' ? '' : `&practitioner=${practitionerId}`}`}
      />
      <LiveMessage message={notice} />
      {forPatient.data && (
        <Alert tone="info" testId="agenda-booking-for">
          {t('agenda.bookFor.banner', { name: formatIdentity(forPatient.data) })}{' '}
          <a href={href(`/patients/${encodeURIComponent(forPatient.data.id)}`)}>{t('agenda.bookFor.backToFile')}</a>{' · '}
          <button type="button" className="button-link" onClick={() => setQuery({ patient: null })} data-testid="agenda-booking-for-cancel">{t('agenda.bookFor.cancel')}</button>
        </Alert>
      )}
      {forPatient.error && <Alert tone="error">{forPatient.error.message}</Alert>}
      {base.error && <Alert tone="error">{base.error.message}</Alert>}
      {loadError && <Alert tone="error">{loadError.message}</Alert>}
      {!base.data || !appointments ? (
        <p className="muted" aria-busy="true">{t('common.loading')}</p>
      ) : columns.length === 0 ? (
        <p className="empty">{t('agenda.noPractitioner')}</p>
      ) : (
        <>
          <p className="visually-hidden" id="agenda-grid-help">{t('agenda.grid.help')}</p>
          <AgendaGrid
            columns={columns}
            appointments={appointments}
            zone={zone}
            label={gridLabel}
            renderStartedAt={renderStartedAt}
            onBook={(column, minute) => { setNotice(null); setDialog({ kind: 'book', column, minute }); }}
            onOpen={(a) => { setNotice(null); setDialog({ kind: 'detail', id: a.id }); }}
            onDrop={(a, column, minute) => void drop(a, column, minute)}
          />
          <p className="muted agenda-legend">{t('agenda.grid.legend')}</p>
          <NoShowPanel />
        </>
      )}
      {base.data && dialog?.kind === 'book' && (
        <BookingDialog
          column={dialog.column}
          minute={dialog.minute}
          zone={zone}
          motifs={base.data.motifs}
          initialPatient={forPatient.data ?? null}
          onClose={() => setDialog(null)}
          onBooked={(a) => {
            setDialog(null);
            setNotice(t('agenda.booked', { patient: patientNameOf(a), when: formatDateTime(a.start, { zone, style: 'weekday' }), practitioner: a.practitionerName }));
            if (forPatientId) setQuery({ patient: null });
            void reload();
          }}
        />
      )}
      {dialog?.kind === 'detail' && (
        <AppointmentPanel
          id={dialog.id}
          zone={zone}
          onClose={() => { setDialog(null); if (openId) setQuery({ appointment: null }); }}
          onChanged={(message) => { setNotice(message); void reload(); }}
          onMove={(a) => setDialog({ kind: 'move', appointment: a })}
        />
      )}
      {base.data && dialog?.kind === 'move' && (
        <MoveDialog
          appointment={dialog.appointment}
          practitioners={practitioners}
          motifs={base.data.motifs}
          zone={zone}
          initialMessage={dialog.message}
          initialProposals={dialog.proposals}
          onClose={() => setDialog(null)}
          onMoved={(a) => {
            setDialog(null);
            setNotice(t('agenda.moved', { patient: patientNameOf(a), when: formatDateTime(a.start, { zone, style: 'weekday' }), practitioner: a.practitionerName }));
            void reload();
          }}
        />
      )}
    </div>
  );
}
