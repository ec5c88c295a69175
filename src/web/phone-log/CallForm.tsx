import { forwardRef, useEffect, useId, useImperativeHandle, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import type { PatientSummary } from '../api/types';
import { Alert } from '../ui/Alert';
import { OUTCOMES, phoneApi, REASONS, type Call, type Outcome, type Person, type Reason } from './api';
import { PatientPicker } from './PatientPicker';
import { clock } from '../clock';
import { formatPhone } from '../ui/format';

/** "2026-03-10T14:05" in the browser's time zone, `minutes` from now (rounded to 5 minutes). */
function localInput(minutes: number): string {
  const d = new Date(clock.nowMs() + minutes * 60_000);
  d.setMinutes(Math.ceil(d.getMinutes() / 5) * 5, 0, 0);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

interface Draft {
  direction: 'in' | 'out';
  callerName: string;
  callerPhone: string;
  patient: PatientSummary | null;
  reason: Reason | '';
  outcome: Outcome | '';
  note: string;
  messageToId: string;
  callbackDue: string;
  callbackAssigneeId: string;
}
const empty = (me: string): Draft => ({ direction: 'in', callerName: '', callerPhone: '', patient: null, reason: '', outcome: '', note: '', messageToId: '', callbackDue: localInput(60), callbackAssigneeId: me });

export interface CallFormHandle { focus(): void }

/** Logging a call in seconds: who, why, what was done; a message or a callback when needed. Ctrl+Entrée saves. */
export const CallForm = forwardRef<CallFormHandle, { staff: (Person & { practitioner: boolean })[]; me: string; onSaved: (call: Call) => void; focusToken?: string | null }>(function CallForm({ staff, me, onSaved, focusToken }, ref) {
  const { t } = useTranslation();
  const id = useId();
  const [d, setD] = useState<Draft>(() => empty(me));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const first = useRef<HTMLInputElement>(null);
  useImperativeHandle(ref, () => ({ focus: () => first.current?.focus() }), []);
  // Reached by the shortcut (Alt+T, `?new=…`): the caller's name takes the focus at once.
  useEffect(() => {
    if (focusToken) first.current?.focus();
  }, [focusToken]);
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setD((x) => ({ ...x, [k]: v }));
  const practitioners = staff.filter((s) => s.practitioner);
  // The number comes from the patient's file when the caller is chosen; a number typed by hand is never replaced.
  const [phoneFromFile, setPhoneFromFile] = useState(false);
  function pickPatient(patient: Draft['patient']) {
    const typed = d.callerPhone.trim() !== '' && !phoneFromFile;
    const fromFile = !typed && !!patient?.phone;
    setD((x) => ({ ...x, patient, callerPhone: typed ? x.callerPhone : fromFile ? formatPhone(patient!.phone) : '' }));
    setPhoneFromFile(fromFile);
  }

  async function submit(event?: FormEvent) {
    event?.preventDefault();
    if (busy) return;
    const errs: Record<string, string> = {};
    if (!d.reason) errs.reason = t('phoneLog.form.reasonRequired');
    if (!d.outcome) errs.outcome = t('phoneLog.form.outcomeRequired');
    if (!d.callerName.trim() && !d.callerPhone.trim() && !d.patient) errs.callerName = t('phoneLog.form.callerRequired');
    if (d.outcome === 'message' && !d.messageToId) errs.messageToId = t('phoneLog.form.messageToRequired');
    if (d.outcome === 'message' && !d.note.trim()) errs.note = t('phoneLog.form.messageTextRequired');
    if (d.outcome === 'callback' && !d.callbackDue) errs.callbackDue = t('phoneLog.form.dueRequired');
    setFieldErrors(errs);
    if (Object.keys(errs).length) {
      setError(t('phoneLog.form.fix'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const { call } = await phoneApi.create({
        direction: d.direction,
        callerName: d.callerName.trim() || null,
        callerPhone: d.callerPhone.trim() || null,
        patientId: d.patient?.id ?? null,
        reason: d.reason as Reason,
        outcome: d.outcome as Outcome,
        note: d.note.trim() || null,
        messageToId: d.outcome === 'message' ? d.messageToId : null,
        callbackDueAt: d.outcome === 'callback' ? new Date(d.callbackDue).toISOString() : null,
        callbackAssigneeId: d.outcome === 'callback' ? d.callbackAssigneeId || null : null,
      });
      setD(empty(me));
      setPhoneFromFile(false);
      setFieldErrors({});
      onSaved(call);
      first.current?.focus();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t('errors.unexpectedShort'));
      if (err instanceof ApiError && Array.isArray(err.details)) {
        setFieldErrors(Object.fromEntries((err.details as { field?: string; message?: string }[]).filter((x) => x.field).map((x) => [x.field === 'callbackDueAt' ? 'callbackDue' : x.field!, x.message ?? ''])));
      }
    } finally {
      setBusy(false);
    }
  }

  function onKeyDown(event: KeyboardEvent) {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void submit();
    }
  }

  const err = (k: string) => (fieldErrors[k] ? <p id={`${id}-${k}-err`} className="field-error">{fieldErrors[k]}</p> : null);
  const describedBy = (k: string) => (fieldErrors[k] ? `${id}-${k}-err` : undefined);

  return (
    <form className="card form pl-form" onSubmit={(e) => void submit(e)} onKeyDown={onKeyDown} noValidate aria-labelledby={`${id}-title`} data-testid="call-form">
      <h2 id={`${id}-title`}>{t('phoneLog.form.title')}</h2>
      <fieldset className="pl-chips pl-direction">
        <legend>{t('phoneLog.form.direction')}</legend>
        {(['in', 'out'] as const).map((dir) => (
          <label key={dir} className="pl-chip">
            <input type="radio" name={`${id}-dir`} value={dir} checked={d.direction === dir} onChange={() => set('direction', dir)} data-testid={`call-direction-${dir}`} />
            <span>{t(`phoneLog.direction.${dir}`)}</span>
          </label>
        ))}
      </fieldset>
      <div className="pl-row">
        <div className="field">
          <label htmlFor={`${id}-name`}>{t('phoneLog.form.callerName')}</label>
          <input id={`${id}-name`} ref={first} value={d.callerName} onChange={(e) => set('callerName', e.target.value)} maxLength={200} autoComplete="off" aria-describedby={describedBy('callerName')} aria-invalid={fieldErrors.callerName ? true : undefined} data-testid="call-caller-name" />
          {err('callerName')}
        </div>
        <div className="field">
          <label htmlFor={`${id}-phone`}>{t('phoneLog.form.callerPhone')}</label>
          <input id={`${id}-phone`} type="tel" value={d.callerPhone} onChange={(e) => { set('callerPhone', e.target.value); setPhoneFromFile(false); }} maxLength={30} autoComplete="off" aria-describedby={describedBy('callerPhone')} data-testid="call-caller-phone" />
          {err('callerPhone')}
        </div>
      </div>
      <PatientPicker value={d.patient} onChange={pickPatient} label={t('phoneLog.form.patient')} testId="call-patient" />
      <fieldset className="pl-chips" aria-describedby={describedBy('reason')}>
        <legend>{t('phoneLog.form.reason')}</legend>
        {REASONS.map((r) => (
          <label key={r} className="pl-chip">
            <input type="radio" name={`${id}-reason`} value={r} checked={d.reason === r} onChange={() => set('reason', r)} data-testid={`call-reason-${r}`} />
            <span>{t(`phoneLog.reason.${r}`)}</span>
          </label>
        ))}
        {err('reason')}
      </fieldset>
      <fieldset className="pl-chips" aria-describedby={describedBy('outcome')}>
        <legend>{t('phoneLog.form.outcome')}</legend>
        {OUTCOMES.map((o) => (
          <label key={o} className={`pl-chip${o === 'advised_15' ? ' pl-chip-15' : ''}`}>
            <input type="radio" name={`${id}-outcome`} value={o} checked={d.outcome === o} onChange={() => set('outcome', o)} data-testid={`call-outcome-${o}`} />
            <span>{t(`phoneLog.outcome.${o}`)}</span>
          </label>
        ))}
        {err('outcome')}
      </fieldset>
      {d.outcome === 'advised_15' && <p className="alert alert-warning pl-15">{t('phoneLog.form.advised15Hint')}</p>}
      {d.outcome === 'message' && (
        <div className="field">
          <label htmlFor={`${id}-to`}>{t('phoneLog.form.messageTo')}</label>
          <select id={`${id}-to`} value={d.messageToId} onChange={(e) => set('messageToId', e.target.value)} aria-describedby={describedBy('messageToId')} data-testid="call-message-to">
            <option value="">{t('phoneLog.form.choose')}</option>
            {practitioners.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
          </select>
          {err('messageToId')}
        </div>
      )}
      {d.outcome === 'callback' && (
        <div className="pl-row">
          <div className="field">
            <label htmlFor={`${id}-due`}>{t('phoneLog.form.callbackDue')}</label>
            <input id={`${id}-due`} type="datetime-local" value={d.callbackDue} onChange={(e) => set('callbackDue', e.target.value)} aria-describedby={describedBy('callbackDue')} data-testid="call-callback-due" />
            {err('callbackDue')}
          </div>
          <div className="field">
            <label htmlFor={`${id}-who`}>{t('phoneLog.form.callbackWho')}</label>
            <select id={`${id}-who`} value={d.callbackAssigneeId} onChange={(e) => set('callbackAssigneeId', e.target.value)} data-testid="call-callback-who">
              <option value="">{t('phoneLog.form.anyone')}</option>
              {staff.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
            </select>
          </div>
        </div>
      )}
      <div className="field">
        <label htmlFor={`${id}-note`}>{d.outcome === 'message' ? t('phoneLog.form.messageText') : t('phoneLog.form.note')}</label>
        <textarea id={`${id}-note`} rows={2} maxLength={4000} value={d.note} onChange={(e) => set('note', e.target.value)} aria-describedby={describedBy('note')} data-testid="call-note" />
        {err('note')}
      </div>
      {error && <Alert tone="error" testId="call-error">{error}</Alert>}
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={busy} data-testid="call-submit">{busy ? t('phoneLog.form.saving') : t('phoneLog.form.save')}</button>
        <span className="muted pl-kbd">{t('phoneLog.form.shortcut')}</span>
      </div>
    </form>
  );
});
