import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccessibilityNeed } from '../api/types';
import { useSession } from '../auth/session';
import { href } from '../router';
import { AccessibilityNeeds } from '../patients/AccessibilityIcons';
import { LiveMessage, Alert } from '../ui/Alert';
import { PageTitle } from '../ui/PageTitle';
import { useLoad } from '../ui/useLoad';
import { DESK_EVENTS_URL, receptionApi, type DayView, type DeskRow, type PractitionerDay } from './api';
import { CheckInDialog } from './CheckInDialog';
import { UrgentDialog } from './UrgentDialog';
import { WalkInDialog } from './WalkInDialog';
import { DeskTools } from './DeskTools';
import { useLiveEvents } from './useLiveEvents';
import './reception.css';
import { NBSP, formatTime, formatDate, PRACTICE_ZONE, formatIdentity } from '../ui/format';
import { DataTable } from '../ui/DataTable';

/**
 * The desk's day (#/reception): every expected patient per practitioner with their state, live for every
 * desk and practitioner (SSE). Check-in in three actions: the patient's row → the checklist → « Arrivé ».
 * Late and « absent ? » come from the practice's grace periods; recording the no-show stays a click.
 */
export function ReceptionPage() {
  const { t, i18n } = useTranslation();
  const { state } = useSession();
  const me = state.status === 'authenticated' ? state.me : null;
  const day = useLoad(() => receptionApi.today(), []);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState<DeskRow | null>(null);
  const [walkIn, setWalkIn] = useState(false);
  const [filter, setFilter] = useState<string>('');
  const [, setTick] = useState(0);

  const reload = day.reload;
  const live = useLiveEvents(DESK_EVENTS_URL, reload);
  // Lateness moves with the clock: refresh every 30 s (the server decides late / absent from the grace periods).
  useEffect(() => {
    const timer = window.setInterval(() => {
      setTick((x) => x + 1);
      reload();
    }, 30_000);
    return () => window.clearInterval(timer);
  }, [reload]);

  // A practitioner sees their own queue first.
  const mine = day.data?.practitioners.find((p) => p.accountId && p.accountId === me?.account.id);
  useEffect(() => {
    if (mine && filter === '') setFilter(mine.id);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [mine?.id]);

  const act = useCallback(async (what: () => Promise<unknown>, done: string) => {
    setError(null);
    try {
      await what();
      setMessage(done);
      reload();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  }, [reload]);

  const data = day.data;
  const time = useMemo(() => (iso: string | null) => formatTime(iso, { zone: data?.timeZone ?? PRACTICE_ZONE }), [data?.timeZone, i18n.language]);

  const practitioners = data?.practitioners.filter((p) => !filter || p.id === filter) ?? [];
  const unassigned = data?.rows.filter((r) => r.practitionerId === null) ?? [];
  const counts = data ? {
    expected: data.rows.filter((r) => ['expected', 'late', 'no_show_suggested'].includes(r.state)).length,
    waiting: data.rows.filter((r) => r.state === 'waiting' || r.state === 'called').length,
    consulting: data.rows.filter((r) => r.state === 'in_consultation').length,
    done: data.rows.filter((r) => r.state === 'done').length,
  } : null;

  return (
    <div className="page reception" data-testid="reception-page">
      <PageTitle
        title={t('reception.title')}
        actions={
          <>
            <span className={`badge ${live === 'live' ? 'badge-success' : 'badge-warning'}`} data-testid="reception-live" data-state={live}>
              {t(`reception.live.${live}`)}
            </span>
            {/* A new window for a second screen; the board shows tickets or initials, never a name. */}
            <a className="button" href="#/reception/salle-attente" target="_blank" rel="noopener" data-testid="reception-board-open">{t('reception.openBoard')}</a>
            <button type="button" className="button button-primary" onClick={() => setWalkIn(true)} data-testid="reception-walkin">
              {t('reception.walkIn.open')}
            </button>
          </>
        }
      >
        {t('reception.title')}
      </PageTitle>
      <LiveMessage message={message} />
      {error && <Alert tone="error" testId="reception-error">{error}</Alert>}
      {day.error && <Alert tone="error">{day.error.message}</Alert>}
      {data && counts && (
        <div className="reception-summary">
          <p className="lead">
            {t('reception.summary', { date: formatDate(data.now, { style: 'weekday', zone: data.timeZone }), ...counts })}
          </p>
          <label className="reception-filter">
            {t('reception.filter')}{' '}
            <select value={filter} onChange={(e) => setFilter(e.target.value)} data-testid="reception-filter">
              <option value="">{t('reception.allPractitioners')}</option>
              {data.practitioners.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
            </select>
          </label>
        </div>
      )}
      {data && data.practitioners.length > 0 && <DeskTools practitioners={data.practitioners} selected={filter} act={act} />}
      {data && unassigned.length > 0 && !filter && (
        <section className="card reception-group" aria-labelledby="reception-first-free" data-testid="reception-first-free">
          <h2 id="reception-first-free">{t('reception.firstFree')}</h2>
          <RowsTable rows={unassigned} time={time} data={data} onOpen={setOpen} act={act} />
        </section>
      )}
      {data && practitioners.map((p) => (
        <PractitionerSection key={p.id} p={p} data={data} rows={data.rows.filter((r) => r.practitionerId === p.id || (filter && r.practitionerId === null))} time={time} onOpen={setOpen} act={act} />
      ))}
      {open && data && (
        <CheckInDialog
          row={open}
          timeZone={data.timeZone}
          onClose={() => setOpen(null)}
          onDone={(text) => {
            setOpen(null);
            setMessage(text);
            reload();
          }}
        />
      )}
      {walkIn && data && (
        <WalkInDialog
          practitioners={data.practitioners}
          onClose={() => setWalkIn(false)}
          onDone={(text) => {
            setWalkIn(false);
            setMessage(text);
            reload();
          }}
        />
      )}
    </div>
  );
}

export type Act = (what: () => Promise<unknown>, done: string) => Promise<void>;

function PractitionerSection({ p, data, rows, time, onOpen, act }: { p: PractitionerDay; data: DayView; rows: DeskRow[]; time: (iso: string | null) => string; onOpen: (r: DeskRow) => void; act: Act }) {
  const { t } = useTranslation();
  // Only this practitioner's own queue: a walk-in for « the first free practitioner » is counted in its own section.
  const waitingHere = rows.filter((r) => r.practitionerId === p.id && r.visitId && r.state === 'waiting').length;
  const headingId = `reception-p-${p.id}`;
  return (
    <section className="card reception-group" aria-labelledby={headingId} data-testid="reception-practitioner" data-id={p.id}>
      <div className="reception-group-head">
        <h2 id={headingId}>{p.name}</h2>
        <span className={`badge ${p.delay.minutes > 0 ? 'badge-warning' : 'badge-neutral'}`} data-testid="reception-delay" data-minutes={p.delay.minutes}>
          {p.delay.minutes > 0 ? t(`reception.delay.${p.delay.source === 'declared' ? 'declared' : 'computed'}`, { minutes: p.delay.minutes }) : t('reception.delay.none')}
        </span>
        <span className="muted" data-testid="reception-waiting-count" data-count={waitingHere}>{t('reception.waitingCount', { count: waitingHere })}</span>
      </div>
      {rows.length === 0 ? <p className="muted">{t('reception.empty')}</p> : <RowsTable rows={rows} time={time} data={data} onOpen={onOpen} act={act} />}
    </section>
  );
}

function RowsTable({ rows, time, data, onOpen, act }: { rows: DeskRow[]; time: (iso: string | null) => string; data: DayView; onOpen: (r: DeskRow) => void; act: Act }) {
  const { t } = useTranslation();
  return (
    <DataTable className="table table-dense reception-table" columns={[t('reception.col.time'), t('reception.col.patient'), t('reception.col.state'), t('reception.col.ticket'), t('reception.col.actions')]}>
      {rows.map((r) => (
        <Row key={r.key} r={r} time={time} data={data} onOpen={onOpen} act={act} />
      ))}
    </DataTable>
  );
}

function Row({ r, time, data, onOpen, act }: { r: DeskRow; time: (iso: string | null) => string; data: DayView; onOpen: (r: DeskRow) => void; act: Act }) {
  const { t } = useTranslation();
  const name = formatIdentity(r.patient);
  const canCheckIn = !r.visitId && ['expected', 'late', 'no_show_suggested'].includes(r.state);
  const active = r.visitId && ['waiting', 'called', 'in_consultation'].includes(r.state);
  const urgentRow = r.urgent && active;
  const [askUrgent, setAskUrgent] = useState(false);
  return (
    <tr className={`reception-row state-${r.state} ${urgentRow ? 'is-urgent' : ''}`} data-testid="reception-row" data-key={r.key} data-state={r.state} data-appointment={r.appointmentId ?? ''} data-visit={r.visitId ?? ''} data-patient={r.patient.id}>
      <td className="nowrap">
        {r.scheduledStart ? time(r.scheduledStart) : <span className="badge badge-neutral">{t('reception.walkInTag')}</span>}
      </td>
      <td>
        <button type="button" className="button-link reception-name" onClick={() => onOpen(r)} data-testid="reception-open">
          {name}
        </button>
        {urgentRow && <span className="badge reception-urgent" data-testid="reception-urgent-badge">{t('reception.urgent')}{r.urgentReason ? `${NBSP}: ${r.urgentReason}` : ''}</span>}
        <div className="reception-meta">
          {r.motifName && <span>{r.motifName}</span>}
          {r.patient.preferredLanguage !== 'fr' && <span className="badge badge-accent" title={t('reception.language')}>{t('reception.languageShort', { lang: r.patient.preferredLanguage.toUpperCase() })}</span>}
          <AccessibilityNeeds needs={r.patient.accessibilityNeeds as AccessibilityNeed[]} compact interpreterLanguage={r.patient.interpreterLanguage} />
          {r.visitId && r.missing.length > 0 && (
            <span className="badge badge-warning" data-testid="reception-missing" data-items={r.missing.join(' ')} title={r.missing.map((k) => t(`reception.item.${k}`)).join(', ')}>
              {t('reception.missing', { count: r.missing.length })}
            </span>
          )}
        </div>
      </td>
      <td>
        <span className={`reception-state state-${r.state}`}>{t(`reception.state.${r.state}`)}</span>
        {r.waitingMinutes !== null && (r.state === 'waiting' || r.state === 'called') && <span className="muted"> · {t('reception.waitingFor', { minutes: r.waitingMinutes })}</span>}
        {r.state === 'called' && r.calledTo && <span className="muted"> · {r.calledTo}</span>}
        {r.state === 'waiting' && r.queueRank !== null && <span className="muted"> · {t('reception.rank', { rank: r.queueRank })}</span>}
      </td>
      <td>{r.ticketNumber ?? ''}</td>
      <td>
        <div className="reception-actions">
        {canCheckIn && (
          <button type="button" className="button button-small button-primary" onClick={() => onOpen(r)} aria-label={t('reception.checkInFor', { name })}>{t('reception.checkIn')}</button>
        )}
        {!r.visitId && (r.state === 'no_show_suggested' || r.state === 'late') && (
          <button type="button" className="button button-small" data-testid="reception-noshow" aria-label={t('reception.noShowFor', { name })}
            onClick={() => void act(() => receptionApi.noShow(r.appointmentId!), t('reception.noShowDone', { name }))}>
            {t('reception.noShow')}
          </button>
        )}
        {r.visitId && (r.state === 'waiting' || r.state === 'called') && (
          <>
            <button type="button" className="button button-small" data-testid="reception-call" aria-label={t('reception.callFor', { name })}
              onClick={() => void act(() => receptionApi.call(r.visitId!, { practitionerId: r.practitionerId ?? data.practitioners[0]?.id, calledTo: r.practitionerId ? localStorage.getItem(`pivot.reception.room.${r.practitionerId}`) : null }), t('reception.calledPatient', { name }))}>
              {r.state === 'called' ? t('reception.recall') : t('reception.call')}
            </button>
            <button type="button" className="button button-small" data-testid="reception-start" aria-label={t('reception.startFor', { name })} disabled={!r.practitionerId}
              onClick={() => void act(() => receptionApi.start(r.visitId!), t('reception.started', { name }))}>
              {t('reception.start')}
            </button>
            <button type="button" className="button button-small" data-testid="reception-urgent" data-urgent={r.urgent ? 'true' : 'false'}
              aria-label={r.urgent ? t('reception.notUrgentFor', { name }) : t('reception.urgentFor', { name })}
              onClick={() => {
                if (r.urgent) void act(() => receptionApi.urgent(r.visitId!, false, null), t('reception.urgentOff', { name }));
                else setAskUrgent(true);
              }}>
              {r.urgent ? t('reception.notUrgent') : t('reception.markUrgent')}
            </button>
            {askUrgent && (
              <UrgentDialog name={name} onClose={() => setAskUrgent(false)}
                onConfirm={(reason) => {
                  setAskUrgent(false);
                  void act(() => receptionApi.urgent(r.visitId!, true, reason), t('reception.urgentOn', { name }));
                }} />
            )}
            <button type="button" className="button button-small button-danger" data-testid="reception-left" aria-label={t('reception.leftFor', { name })}
              onClick={() => void act(() => receptionApi.left(r.visitId!), t('reception.leftDone', { name }))}>
              {t('reception.left')}
            </button>
          </>
        )}
        {r.visitId && r.state === 'in_consultation' && (
          <button type="button" className="button button-small" data-testid="reception-end" aria-label={t('reception.endFor', { name })}
            onClick={() => void act(() => receptionApi.end(r.visitId!), t('reception.ended', { name }))}>
            {t('reception.end')}
          </button>
        )}
        {(r.state === 'in_consultation' || r.state === 'done') && r.practitionerId && (
          // « Fin de consultation » then « Encaisser »: the billing desk opens this consultation's collection.
          <a className={`button button-small ${r.state === 'done' ? 'button-primary' : ''}`} data-testid="reception-collect" aria-label={t('reception.collectFor', { name })}
            href={href(r.appointmentId ? `/facturation?rdv=${r.appointmentId}` : `/facturation?patient=${r.patient.id}&praticien=${r.practitionerId}`)}>
            {t('reception.collect')}
          </a>
        )}
        </div>
      </td>
    </tr>
  );
}
