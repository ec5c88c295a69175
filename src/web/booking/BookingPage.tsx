import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { bookingApi, errorMessage, manageHref, proposalsOf, type BookingInfo, type ConfirmResult, type Slot, type StartResult } from './api';
import { DEFAULT_ZONE, formatDateTime } from './format';
import { ErrorAlert, PublicFrame, SlotList, StepHeading } from './PublicFrame';
import { PublicPracticeInfo } from '../practice-sheet/PublicPracticeInfo';
import { MotifStep, PatientKindStep, Recap } from './ChooseSteps';
import { EMPTY_IDENTITY, IdentityForm, type Identity } from './IdentityForm';
import { WeekGrid } from './WeekGrid';
import type { PatientKind } from './week';

/** The steps, as Doctolib: known or new patient, motif (grouped by practitioner), week grid, identity, code. */
type Step = 'kind' | 'motif' | 'slot' | 'identity' | 'code' | 'done';

/** The patient's online booking: #/rdv/<practiceSlug>. */
export function BookingPage({ slug }: { slug: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'fr';
  const id = useId();
  const [info, setInfo] = useState<BookingInfo | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [step, setStep] = useState<Step>('kind');
  const [kind, setKind] = useState<PatientKind | null>(null);
  const [motifId, setMotifId] = useState('');
  const [practitionerId, setPractitionerId] = useState('');
  const [slot, setSlot] = useState<Slot | null>(null);
  const [identity, setIdentity] = useState<Identity>(EMPTY_IDENTITY);
  const [started, setStarted] = useState<StartResult | null>(null);
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [proposals, setProposals] = useState<Slot[]>([]);
  const [done, setDone] = useState<ConfirmResult | null>(null);

  useEffect(() => {
    let current = true;
    bookingApi.info(slug).then(
      (data) => current && setInfo(data),
      (err: unknown) => current && setLoadError(errorMessage(err, t('booking.unavailable'))),
    );
    return () => {
      current = false;
    };
  }, [slug, t]);

  const zone = info?.practice.timeZone || DEFAULT_ZONE;
  const motif = info?.motifs.find((m) => m.id === motifId) ?? null;
  const practitioner = info?.practitioners.find((p) => p.id === practitionerId) ?? null;
  const nameOf = (pid: string) => info?.practitioners.find((p) => p.id === pid)?.displayName ?? '';

  function pick(s: Slot) {
    setSlot(s);
    setError(null);
    setProposals([]);
    setStep(started ? 'code' : 'identity');
  }

  async function sendCode(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const res = await bookingApi.start(slug, {
        birthName: identity.birthName.trim(),
        firstName: identity.firstName.trim(),
        birthDate: identity.birthDate,
        ...(identity.sex ? { sex: identity.sex } : {}),
        ...(identity.contact === 'sms' ? { phone: identity.phone.trim(), channel: 'sms' as const } : { email: identity.email.trim(), channel: 'email' as const }),
        language: lang,
      });
      setStarted(res);
      setCode('');
      setStep('code');
    } catch (err) {
      setError(errorMessage(err, t('booking.failed')));
    } finally {
      setBusy(false);
    }
  }

  async function confirm(chosen: Slot | null = slot, event?: FormEvent) {
    event?.preventDefault();
    if (busy || !started || !chosen || !motifId) return;
    setBusy(true);
    setError(null);
    setProposals([]);
    try {
      const res = await bookingApi.confirm(slug, {
        verificationId: started.verificationId, code: code.trim(), practitionerId: chosen.practitionerId, motifId, start: chosen.start, consentReminders: identity.consent,
      });
      setSlot(chosen);
      setDone(res);
      setStep('done');
    } catch (err) {
      setError(errorMessage(err, t('booking.failed')));
      if (err instanceof ApiError && err.status === 409) {
        setSlot(null);
        setProposals(proposalsOf(err));
      }
    } finally {
      setBusy(false);
    }
  }

  const title = info?.practice.name ?? t('booking.title');

  let body;
  if (loadError) body = <><h1 className="booking-step-title">{t('booking.title')}</h1><ErrorAlert message={loadError} /></>;
  else if (!info) body = <p aria-busy="true">{t('common.loading')}</p>;
  else if (!info.onlineBookingEnabled) body = <><h1 className="booking-step-title">{t('booking.title')}</h1><p className="alert alert-info" data-testid="booking-closed">{t('booking.closed')}</p></>;
  else if (step === 'kind' || !kind) body = <PatientKindStep onChoose={(k) => { setKind(k); setStep('motif'); }} />;
  else if (step === 'motif') {
    body = (
      <>
        <Recap items={[{ label: t(kind === 'known' ? 'booking.recapKnown' : 'booking.recapNew'), onChange: () => setStep('kind'), testId: 'booking-change-kind' }]} />
        <MotifStep practitioners={info.practitioners} motifs={info.motifs} kind={kind} onChoose={(pid, mid) => { setPractitionerId(pid); setMotifId(mid); setSlot(null); setStep('slot'); }} />
      </>
    );
  } else if (step === 'slot' && motif && practitioner) {
    body = (
      <>
        <StepHeading testId="booking-step-slot">{t('booking.slotTitle')}</StepHeading>
        <div className="booking-practitioner-header" data-testid="booking-practitioner-header">
          <p className="booking-practitioner-name">{practitioner.displayName}</p>
          {practitioner.specialty && <p className="booking-choice-meta">{practitioner.specialty}</p>}
          <p>
            {motif.name} · {t('booking.minutes', { count: motif.durationMinutes })}{motif.teleconsultation ? ` · ${t('booking.teleconsultation')}` : ''}{' '}
            <button type="button" className="button-link" onClick={() => setStep('motif')} data-testid="booking-change-motif">{t('booking.modify')}</button>
          </p>
        </div>
        <WeekGrid slug={slug} motifId={motif.id} practitionerId={practitioner.id} zone={zone} onPick={pick} />
      </>
    );
  } else if (step === 'identity' && slot) {
    body = (
      <>
        <StepHeading testId="booking-step-identity">{t('booking.identityTitle')}</StepHeading>
        <Summary slotStart={slot.start} zone={zone} motifName={motif?.name ?? ''} practitioner={nameOf(slot.practitionerId)} onChange={() => setStep('slot')} />
        <IdentityForm identity={identity} onChange={setIdentity} onSubmit={sendCode} onBack={() => setStep('slot')} busy={busy} error={error} />
      </>
    );
  } else if (step === 'code' && started) {
    body = (
      <>
        <StepHeading testId="booking-step-code">{t('booking.codeTitle')}</StepHeading>
        {slot && <Summary slotStart={slot.start} zone={zone} motifName={motif?.name ?? ''} practitioner={nameOf(slot.practitionerId)} onChange={() => setStep('slot')} />}
        <p data-testid="booking-destination">{t(started.channel === 'sms' ? 'booking.codeSentSms' : 'booking.codeSentEmail', { destination: started.destination })}</p>
        <form className="booking-form" onSubmit={(e) => void confirm(slot, e)}>
          <div className="field field-narrow">
            <label htmlFor={`${id}-code`}>{t('booking.codeLabel')}</label>
            <input id={`${id}-code`} inputMode="numeric" autoComplete="one-time-code" pattern="\d{6}" maxLength={6} required value={code} onChange={(e) => setCode(e.target.value.replace(/\D/g, ''))} aria-describedby={`${id}-code-hint`} data-testid="booking-code" />
            <p id={`${id}-code-hint`} className="field-hint">{t('booking.codeHint')}</p>
          </div>
          <ErrorAlert message={error} />
          {proposals.length > 0 && (
            <section className="booking-proposals" aria-labelledby={`${id}-prop`} data-testid="booking-proposals">
              <h2 id={`${id}-prop`}>{t('booking.proposalsTitle')}</h2>
              <SlotList slots={proposals} timeZone={zone} onPick={(s) => void confirm(s)} label={(s) => (s.practitionerId === practitionerId ? null : nameOf(s.practitionerId))} disabled={busy || code.length !== 6} />
            </section>
          )}
          <div className="button-row">
            <button type="button" className="button" onClick={() => setStep('identity')}>{t('booking.newCode')}</button>
            {slot ? (
              <button type="submit" className="button button-primary" disabled={busy || code.length !== 6} data-testid="booking-confirm">{busy ? t('booking.sending') : t('booking.confirm')}</button>
            ) : (
              <button type="button" className="button" onClick={() => setStep('slot')}>{t('booking.otherSlot')}</button>
            )}
          </div>
        </form>
      </>
    );
  } else if (step === 'done' && done) {
    body = <Confirmed result={done} zone={zone} />;
  }

  return (
    <PublicFrame title={title}>
      {body}
      <PublicPracticeInfo slug={slug} />
    </PublicFrame>
  );
}

function Summary({ slotStart, zone, motifName, practitioner, onChange }: { slotStart: string; zone: string; motifName: string; practitioner: string; onChange: () => void }) {
  const { t, i18n } = useTranslation();
  return (
    <div className="booking-summary" data-testid="booking-summary">
      <p><strong>{formatDateTime(slotStart, zone, i18n.language === 'en' ? 'en' : 'fr')}</strong></p>
      <p>{motifName}{practitioner ? ` · ${practitioner}` : ''}</p>
      <button type="button" className="button-link" onClick={onChange}>{t('booking.changeSlot')}</button>
    </div>
  );
}

export function AppointmentDetails({ appointment, zone }: { appointment: ConfirmResult['appointment']; zone: string }) {
  const { t, i18n } = useTranslation();
  return (
    <dl className="booking-details" data-testid="booking-appointment">
      <dt>{t('booking.when')}</dt>
      <dd data-testid="booking-when">{formatDateTime(appointment.start, zone, i18n.language === 'en' ? 'en' : 'fr')}</dd>
      <dt>{t('booking.with')}</dt>
      <dd>{appointment.practitionerName}</dd>
      <dt>{t('booking.motif')}</dt>
      <dd>{appointment.motifName}{appointment.teleconsultation ? ` (${t('booking.teleconsultation')})` : ''}</dd>
      {appointment.preparationInstructions && (<><dt>{t('booking.preparation')}</dt><dd data-testid="booking-preparation">{appointment.preparationInstructions}</dd></>)}
      {appointment.documentsToBring && (<><dt>{t('booking.documents')}</dt><dd>{appointment.documentsToBring}</dd></>)}
    </dl>
  );
}

function Confirmed({ result, zone }: { result: ConfirmResult; zone: string }) {
  const { t, i18n } = useTranslation();
  return (
    <>
      <StepHeading testId="booking-step-done">{t('booking.doneTitle')}</StepHeading>
      <p className="alert alert-success">{t('booking.doneText')}</p>
      <AppointmentDetails appointment={result.appointment} zone={zone} />
      {result.manageToken ? (
        <p>
          <a href={manageHref(result.manageToken)} data-testid="booking-manage-link">{t('booking.manageLink')}</a>
          {result.manageDeadline && <> — {t('booking.until', { date: formatDateTime(result.manageDeadline, zone, i18n.language === 'en' ? 'en' : 'fr') })}</>}
        </p>
      ) : (
        <p>{t('booking.callToChange')}</p>
      )}
    </>
  );
}
