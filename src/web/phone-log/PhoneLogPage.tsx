import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { useSession } from '../auth/session';
import { useRoute } from '../router';
import { Alert, LiveMessage } from '../ui/Alert';
import { formatDateTime, COMPACT, phoneHref, formatPhone } from '../ui/format';
import { PageTitle } from '../ui/PageTitle';
import { useLoad } from '../ui/useLoad';
import { phoneApi, type Call } from './api';
import { CallForm, type CallFormHandle } from './CallForm';
import { callerLabel, timeOf, todayIso } from './format';
import './phone-log.css';
import { clock } from '../clock';
import { DataTable } from '../ui/DataTable';

/** #/telephone — the desk's phone log: log a call in seconds, callbacks to do, the calls of the day. */
export function PhoneLogPage() {
  const { t } = useTranslation();
  const { state } = useSession();
  const me = state.status === 'authenticated' ? state.me.account.id : '';
  const route = useRoute();
  const id = useId();
  const form = useRef<CallFormHandle>(null);
  const [day, setDay] = useState(todayIso());
  const [show, setShow] = useState<'todo' | 'all'>('todo');
  const [saved, setSaved] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const staff = useLoad(() => phoneApi.staff(), []);
  const calls = useLoad(() => phoneApi.calls(day, day), [day]);
  const callbacks = useLoad(() => phoneApi.callbacks(show), [show]);


  function onSaved(call: Call) {
    setSaved(t('phoneLog.saved', { caller: callerLabel(call), time: timeOf(call.occurredAt) }));
    if (day === todayIso()) calls.reload();
    if (call.callback) callbacks.reload();
  }

  async function toggleDone(call: Call) {
    setError(null);
    // Optimistic: the box follows the click at once; the list is reloaded from the server just after.
    const done = !call.callback?.doneAt;
    if (callbacks.data) {
      callbacks.setData({
        ...callbacks.data,
        callbacks: callbacks.data.callbacks.map((c) => (c.id === call.id ? { ...c, callback: { ...c.callback!, doneAt: done ? clock.now().toISOString() : null, overdue: false } } : c)),
      });
    }
    try {
      await phoneApi.setCallbackDone(call.id, done);
      callbacks.reload();
      calls.reload();
    } catch (err) {
      callbacks.reload();
      setError(err instanceof ApiError ? err.message : t('errors.unexpectedShort'));
    }
  }

  const cbs = callbacks.data?.callbacks ?? [];
  return (
    <>
      <PageTitle title={t('phoneLog.title')}>{t('phoneLog.title')}</PageTitle>
      <p className="muted">{t('phoneLog.intro')}</p>
      <LiveMessage message={saved} />
      <div className="pl-layout">
        <div>
          {staff.data ? <CallForm ref={form} staff={staff.data.staff} me={me} onSaved={onSaved} focusToken={route.query.get('new')} /> : <p className="muted">{t('common.loading')}</p>}
        </div>
        <section className="card pl-callbacks" aria-labelledby={`${id}-cb`} data-testid="callbacks">
          <div className="pl-section-head">
            <h2 id={`${id}-cb`}>
              {t('phoneLog.callbacks.title')}{' '}
              {(callbacks.data?.overdue ?? 0) > 0 && <span className="badge pl-badge-overdue" data-testid="callbacks-overdue-count">{t('phoneLog.callbacks.overdueCount', { count: callbacks.data!.overdue })}</span>}
            </h2>
            <div className="field field-inline">
              <label htmlFor={`${id}-show`}>{t('phoneLog.callbacks.show')}</label>
              <select id={`${id}-show`} value={show} onChange={(e) => setShow(e.target.value as 'todo' | 'all')} data-testid="callbacks-filter">
                <option value="todo">{t('phoneLog.callbacks.todo')}</option>
                <option value="all">{t('phoneLog.callbacks.all')}</option>
              </select>
            </div>
          </div>
          {(callbacks.error || error) && <Alert tone="error">{error ?? callbacks.error?.message}</Alert>}
          {!callbacks.loading && cbs.length === 0 && <p className="muted">{t('phoneLog.callbacks.none')}</p>}
          <ul className="pl-cb-list">
            {cbs.map((c) => {
              const cb = c.callback!;
              return (
                <li key={c.id} className={`pl-cb${cb.overdue ? ' pl-cb-overdue' : ''}${cb.doneAt ? ' pl-cb-done' : ''}`} data-testid="callback-item" data-overdue={cb.overdue ? 'true' : 'false'}>
                  <div className="checkbox">
                    <input type="checkbox" id={`${id}-cb-${c.id}`} checked={!!cb.doneAt} onChange={() => void toggleDone(c)} data-testid="callback-done" />
                    <label htmlFor={`${id}-cb-${c.id}`}>
                      <strong>{callerLabel(c)}</strong>
                      {c.callerPhone && <> · <a href={phoneHref(c.callerPhone)}>{formatPhone(c.callerPhone)}</a></>}
                      <span className="visually-hidden"> — {cb.doneAt ? t('phoneLog.callbacks.markTodo') : t('phoneLog.callbacks.markDone')}</span>
                    </label>
                  </div>
                  <p className="pl-cb-meta">
                    {cb.overdue && <span className="badge pl-badge-overdue">{t('phoneLog.callbacks.overdue')}</span>}{' '}
                    {t('phoneLog.callbacks.due', { date: formatDateTime(cb.dueAt, COMPACT) })}
                    {cb.assignee && <> · {t('phoneLog.callbacks.by', { name: cb.assignee.name })}</>}
                    {' · '}{t(`phoneLog.reason.${c.reason}`)}
                  </p>
                  {c.note && <p className="pl-note">{c.note}</p>}
                  {cb.doneAt && <p className="muted pl-cb-meta">{t('phoneLog.callbacks.doneAt', { date: formatDateTime(cb.doneAt, COMPACT), name: cb.doneBy?.name ?? '' })}</p>}
                </li>
              );
            })}
          </ul>
        </section>
      </div>

      <section className="pl-day" aria-labelledby={`${id}-day`}>
        <div className="pl-section-head">
          <h2 id={`${id}-day`}>{t('phoneLog.day.title')}</h2>
          <div className="field field-inline">
            <label htmlFor={`${id}-date`}>{t('phoneLog.day.date')}</label>
            <input id={`${id}-date`} type="date" value={day} max={todayIso()} onChange={(e) => e.target.value && setDay(e.target.value)} data-testid="calls-date" />
          </div>
        </div>
        {calls.error && <Alert tone="error">{calls.error.message}</Alert>}
        <p role="status" className="muted result-count">{calls.loading ? t('common.loading') : t('phoneLog.day.count', { count: calls.data?.calls.length ?? 0 })}</p>
        {(calls.data?.calls.length ?? 0) > 0 && (
          <DataTable className="table table-dense" testId="calls-table" columns={[t('phoneLog.day.time'), t('phoneLog.day.caller'), t('phoneLog.form.reason'), t('phoneLog.form.outcome'), t('phoneLog.form.note'), t('phoneLog.day.takenBy')]}>
            {calls.data!.calls.map((c) => (
              <tr key={c.id} data-testid="call-row">
                <td className="pl-nowrap">
                  <span aria-hidden="true">{c.direction === 'in' ? '↙' : '↗'}</span> {timeOf(c.occurredAt)}
                  <span className="visually-hidden"> {t(`phoneLog.direction.${c.direction}`)}</span>
                </td>
                <th scope="row">
                  {callerLabel(c)}
                  {c.patient && c.callerName && <span className="muted"> ({c.callerName})</span>}
                  {c.callerPhone && <div className="muted">{formatPhone(c.callerPhone)}</div>}
                </th>
                <td>{t(`phoneLog.reason.${c.reason}`)}</td>
                <td>
                  <span className={`badge ${c.outcome === 'advised_15' ? 'pl-badge-15' : c.outcome === 'callback' ? 'badge-warning' : 'badge-neutral'}`}>{t(`phoneLog.outcome.${c.outcome}`)}</span>
                  {c.messageTo && <div className="muted">→ {c.messageTo.name}{c.messageReadAt ? ` (${t('phoneLog.messages.readShort')})` : ''}</div>}
                </td>
                <td className="pl-note-cell">{c.note}</td>
                <td>{c.takenBy.name}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </section>
    </>
  );
}
