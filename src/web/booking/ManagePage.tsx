import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { bookingApi, errorMessage, proposalsOf, type ManageView, type Slot } from './api';
import { AppointmentDetails } from './BookingPage';
import { DEFAULT_ZONE, formatDateTime } from './format';
import { ErrorAlert, PublicFrame, SlotList, StepHeading } from './PublicFrame';
import { clock } from '../clock';

/** The patient's link to see, move or cancel an appointment: #/rendez-vous/<token>. */
export function ManagePage({ token: initialToken }: { token: string }) {
  const { t, i18n } = useTranslation();
  // A move returns a new link (its deadline follows the new time): later actions use it.
  const [token, setToken] = useState(initialToken);
  const lang = i18n.language === 'en' ? 'en' : 'fr';
  const id = useId();
  const [view, setView] = useState<ManageView | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [mode, setMode] = useState<'view' | 'move' | 'cancel'>('view');
  const [slots, setSlots] = useState<Slot[] | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<'cancelled' | 'moved' | null>(null);

  const load = useCallback(() => {
    bookingApi.manage(token).then(setView, (err: unknown) => setLoadError(errorMessage(err, t('booking.unavailable'))));
  }, [token, t]);
  useEffect(load, [load]);

  const zone = view?.practice.timeZone || DEFAULT_ZONE;

  async function openMove() {
    setMode('move');
    setError(null);
    setSlots(null);
    try {
      setSlots((await bookingApi.manageSlots(token)).slots);
    } catch (err) {
      setError(errorMessage(err, t('booking.unavailable')));
    }
  }

  async function move(slot: Slot) {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const res = await bookingApi.move(token, slot.start);
      setDone('moved');
      setMode('view');
      // The deadline follows the new time; past it (a move to a close slot), the page offers no more changes.
      const deadline = res.manageDeadline;
      setView((v) => (v ? { ...v, appointment: res.appointment, deadline: deadline ?? v.deadline, canChange: !!res.manageToken && !!deadline && new Date(deadline) > clock.now() } : v));
      if (res.manageToken) {
        // The address bar shows the new link (without reloading the page, so the confirmation stays).
        setToken(res.manageToken);
        window.history.replaceState(null, '', `#/rendez-vous/${encodeURIComponent(res.manageToken)}`);
      }
    } catch (err) {
      setError(errorMessage(err, t('booking.failed')));
      if (err instanceof ApiError && err.status === 409) {
        const proposals = proposalsOf(err);
        if (proposals.length) setSlots(proposals);
      }
    } finally {
      setBusy(false);
    }
  }

  async function cancel(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const res = await bookingApi.cancel(token, reason.trim() || undefined);
      setView((v) => (v ? { ...v, appointment: res.appointment, canChange: false } : v));
      setDone('cancelled');
      setMode('view');
    } catch (err) {
      setError(errorMessage(err, t('booking.failed')));
    } finally {
      setBusy(false);
    }
  }

  const title = view?.practice.name ?? t('booking.manageTitle');
  let body;
  if (loadError) body = <><h1 className="booking-step-title">{t('booking.manageTitle')}</h1><ErrorAlert message={loadError} /></>;
  else if (!view) body = <p aria-busy="true">{t('common.loading')}</p>;
  else {
    const cancelled = view.appointment.status.startsWith('cancelled');
    body = (
      <>
        <StepHeading key={`${mode}-${done ?? ''}`} testId="manage-title">
          {mode === 'move' ? t('booking.moveTitle') : mode === 'cancel' ? t('booking.cancelTitle') : done === 'cancelled' ? t('booking.cancelledTitle') : t('booking.manageTitle')}
        </StepHeading>
        {done === 'cancelled' && <p className="alert alert-success" data-testid="manage-cancelled">{t('booking.cancelledText')}</p>}
        {done === 'moved' && <p className="alert alert-success" data-testid="manage-moved">{t('booking.movedText')}</p>}
        {cancelled && !done && <p className="alert alert-info" data-testid="manage-status">{t('booking.alreadyCancelled')}</p>}
        <AppointmentDetails appointment={view.appointment} zone={zone} />
        {!cancelled && (
          <p className="field-hint" data-testid="manage-deadline">
            {view.canChange
              ? t('booking.deadline', { date: formatDateTime(view.deadline, zone, lang) })
              : t('booking.deadlinePassed', { date: formatDateTime(view.deadline, zone, lang) })}
          </p>
        )}
        <ErrorAlert message={error} />
        {view.canChange && !cancelled && mode === 'view' && (
          <div className="button-row">
            <button type="button" className="button" onClick={() => void openMove()} data-testid="manage-move">{t('booking.move')}</button>
            <button type="button" className="button button-danger" onClick={() => { setMode('cancel'); setError(null); }} data-testid="manage-cancel">{t('booking.cancel')}</button>
          </div>
        )}
        {mode === 'move' && (
          <section aria-labelledby={`${id}-slots`}>
            <h2 id={`${id}-slots`}>{t('booking.slotsTitle')}</h2>
            <p role="status" className="field-hint">{slots === null ? t('common.loading') : slots.length === 0 ? t('booking.noSlot') : ''}</p>
            {slots && slots.length > 0 && <SlotList slots={slots} timeZone={zone} onPick={(s) => void move(s)} disabled={busy} />}
            <button type="button" className="button" onClick={() => setMode('view')}>{t('booking.back')}</button>
          </section>
        )}
        {mode === 'cancel' && (
          <form onSubmit={cancel} className="booking-form">
            <div className="field">
              <label htmlFor={`${id}-reason`}>{t('booking.reasonLabel')}</label>
              <textarea id={`${id}-reason`} rows={2} maxLength={300} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="manage-reason" />
            </div>
            <div className="button-row">
              <button type="button" className="button" onClick={() => setMode('view')}>{t('booking.back')}</button>
              <button type="submit" className="button button-danger" disabled={busy} data-testid="manage-cancel-confirm">{t('booking.cancelConfirm')}</button>
            </div>
          </form>
        )}
      </>
    );
  }
  return <PublicFrame title={title}>{body}</PublicFrame>;
}
