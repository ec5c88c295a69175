import { useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { bookingApi, errorMessage, manageHref, proposalsOf, type BookingInfo, type ConfirmResult, type Slot, type StartResult } from './api';
import { DEFAULT_ZONE, formatDateTime } from './format';
import { ErrorAlert, PublicFrame, SlotList, StepHeading } from './PublicFrame';
import { PublicPracticeInfo } from '../practice-sheet/PublicPracticeInfo';

type Step = 'choose' | 'identity' | 'code' | 'done';

interface Identity { birthName: string; firstName: string; birthDate: string; sex: '' | 'F' | 'M' | 'U'; contact: 'email' | 'sms'; phone: string; email: string; consent: boolean }
const EMPTY: Identity = { birthName: '', firstName: '', birthDate: '', sex: '', contact: 'email', phone: '', email: '', consent: false };

/** The patient's online booking: #/rdv/<practiceSlug>. */
export function BookingPage({ slug }: { slug: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'fr';
  const id = useId();
  const [info, setInfo] = useState<BookingInfo | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [step, setStep] = useState<Step>('choose');
  const [motifId, setMotifId] = useState('');
  const [practitionerId, setPractitionerId] = useState('');
  const [fromDay, setFromDay] = useState('');
  const [slots, setSlots] = useState<Slot[] | null>(null);
  const [slotsBusy, setSlotsBusy] = useState(false);
  const [slot, setSlot] = useState<Slot | null>(null);
  const [identity, setIdentity] = useState<Identity>(EMPTY);
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
  const practitioners = useMemo(() => {
    if (!info) return [];
    if (!motif) return info.practitioners;
    return info.practitioners.filter((p) => motif.practitionerId === null || motif.practitionerId === p.id);
  }, [info, motif]);
  const nameOf = (pid: string) => info?.practitioners.find((p) => p.id === pid)?.displayName ?? '';

  // The next free slots of the chosen motif (and practitioner, if any).
  useEffect(() => {
    if (!motifId) {
      setSlots(null);
      return;
    }
    let current = true;
    setSlotsBusy(true);
    setError(null);
    bookingApi.slots(slug, motifId, practitionerId || undefined, fromDay ? new Date(`${fromDay}T00:00:00`).toISOString() : undefined).then(
      (data) => current && setSlots(data.slots),
      (err: unknown) => current && setError(errorMessage(err, t('booking.unavailable'))),
    ).finally(() => current && setSlotsBusy(false));
    return () => {
      current = false;
    };
  }, [slug, motifId, practitionerId, fromDay, t]);

  async function moreSlots() {
    if (!slots?.length) return;
    setSlotsBusy(true);
    try {
      const last = slots[slots.length - 1]!;
      const data = await bookingApi.slots(slug, motifId, practitionerId || undefined, new Date(new Date(last.start).getTime() + 60_000).toISOString());
      setSlots([...slots, ...data.slots.filter((s) => !slots.some((o) => o.start === s.start && o.practitionerId === s.practitionerId))]);
    } catch (err) {
      setError(errorMessage(err, t('booking.unavailable')));
    } finally {
      setSlotsBusy(false);
    }
  }

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
  const set = <K extends keyof Identity>(key: K, value: Identity[K]) => setIdentity((v) => ({ ...v, [key]: value }));

  let body;
  if (loadError) body = <><h1 className="booking-step-title">{t('booking.title')}</h1><ErrorAlert message={loadError} /></>;
  else if (!info) body = <p aria-busy="true">{t('common.loading')}</p>;
  else if (!info.onlineBookingEnabled) body = <><h1 className="booking-step-title">{t('booking.title')}</h1><p className="alert alert-info" data-testid="booking-closed">{t('booking.closed')}</p></>;
  else if (step === 'choose') {
    body = (
      <>
        <StepHeading testId="booking-step-choose">{t('booking.chooseTitle')}</StepHeading>
        <fieldset className="booking-fieldset">
          <legend>{t('booking.motifLegend')}</legend>
          {info.motifs.length === 0 && <p>{t('booking.noMotif')}</p>}
          <div className="booking-choices">
            {info.motifs.map((m) => (
              <label key={m.id} className="booking-choice">
                <input type="radio" name={`${id}-motif`} value={m.id} checked={motifId === m.id} onChange={() => { setMotifId(m.id); setPractitionerId(''); }} data-testid="booking-motif" />
                <span>
                  <span className="booking-choice-name">{m.name}</span>{' '}
                  <span className="booking-choice-meta">
                    {t('booking.minutes', { count: m.durationMinutes })}
                    {m.practitionerId ? ` · ${nameOf(m.practitionerId)}` : ''}
                    {m.teleconsultation ? ` · ${t('booking.teleconsultation')}` : ''}
                    {!m.newPatientsAllowed ? ` · ${t('booking.knownPatientsOnly')}` : ''}
                  </span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>
        {motif && (
          <div className="field">
            <label htmlFor={`${id}-prac`}>{t('booking.practitionerLabel')}</label>
            <select id={`${id}-prac`} value={practitionerId} onChange={(e) => setPractitionerId(e.target.value)} data-testid="booking-practitioner">
              <option value="">{t('booking.anyPractitioner')}</option>
              {practitioners.map((p) => (
                <option key={p.id} value={p.id}>{p.displayName}{p.specialty ? ` — ${p.specialty}` : ''}</option>
              ))}
            </select>
          </div>
        )}
        {motif && (
          <div className="field field-narrow">
            <label htmlFor={`${id}-from`}>{t('booking.fromLabel')}</label>
            <input id={`${id}-from`} type="date" value={fromDay} onChange={(e) => setFromDay(e.target.value)} data-testid="booking-from" />
          </div>
        )}
        <ErrorAlert message={error} />
        {motif && (
          <section aria-labelledby={`${id}-slots`} className="booking-slots-section">
            <h2 id={`${id}-slots`}>{t('booking.slotsTitle')}</h2>
            <p role="status" className="field-hint">{slotsBusy ? t('common.loading') : slots && slots.length === 0 ? t('booking.noSlot') : ''}</p>
            {slots && slots.length > 0 && (
              <>
                <SlotList slots={slots} timeZone={zone} onPick={pick} label={practitionerId ? undefined : (s) => nameOf(s.practitionerId)} />
                <button type="button" className="button" onClick={() => void moreSlots()} disabled={slotsBusy}>{t('booking.moreSlots')}</button>
              </>
            )}
          </section>
        )}
      </>
    );
  } else if (step === 'identity' && slot) {
    body = (
      <>
        <StepHeading testId="booking-step-identity">{t('booking.identityTitle')}</StepHeading>
        <Summary slotStart={slot.start} zone={zone} motifName={motif?.name ?? ''} practitioner={nameOf(slot.practitionerId)} onChange={() => setStep('choose')} />
        <form className="booking-form" onSubmit={sendCode} noValidate={false}>
          <fieldset className="booking-fieldset">
            <legend>{t('booking.identityLegend')}</legend>
            <div className="field">
              <label htmlFor={`${id}-bn`}>{t('booking.birthName')}</label>
              <input id={`${id}-bn`} required autoComplete="family-name" value={identity.birthName} onChange={(e) => set('birthName', e.target.value)} data-testid="booking-birth-name" />
            </div>
            <div className="field">
              <label htmlFor={`${id}-fn`}>{t('booking.firstName')}</label>
              <input id={`${id}-fn`} required autoComplete="given-name" value={identity.firstName} onChange={(e) => set('firstName', e.target.value)} data-testid="booking-first-name" />
            </div>
            <div className="field">
              <label htmlFor={`${id}-bd`}>{t('booking.birthDate')}</label>
              <input id={`${id}-bd`} type="date" required autoComplete="bday" value={identity.birthDate} onChange={(e) => set('birthDate', e.target.value)} data-testid="booking-birth-date" />
            </div>
            <div className="field">
              <label htmlFor={`${id}-sex`}>{t('booking.sex')}</label>
              <select id={`${id}-sex`} value={identity.sex} onChange={(e) => set('sex', e.target.value as Identity['sex'])} data-testid="booking-sex">
                <option value="">{t('booking.sexUnspecified')}</option>
                <option value="F">{t('booking.sexF')}</option>
                <option value="M">{t('booking.sexM')}</option>
                <option value="U">{t('booking.sexU')}</option>
              </select>
            </div>
          </fieldset>
          <fieldset className="booking-fieldset">
            <legend>{t('booking.contactLegend')}</legend>
            <p className="field-hint">{t('booking.contactHint')}</p>
            <div className="booking-choices booking-choices-inline">
              <label className="booking-choice"><input type="radio" name={`${id}-contact`} checked={identity.contact === 'email'} onChange={() => set('contact', 'email')} data-testid="booking-contact-email" /> {t('booking.byEmail')}</label>
              <label className="booking-choice"><input type="radio" name={`${id}-contact`} checked={identity.contact === 'sms'} onChange={() => set('contact', 'sms')} data-testid="booking-contact-sms" /> {t('booking.bySms')}</label>
            </div>
            {identity.contact === 'email' ? (
              <div className="field">
                <label htmlFor={`${id}-em`}>{t('booking.email')}</label>
                <input id={`${id}-em`} type="email" required autoComplete="email" value={identity.email} onChange={(e) => set('email', e.target.value)} data-testid="booking-email" />
              </div>
            ) : (
              <div className="field">
                <label htmlFor={`${id}-ph`}>{t('booking.phone')}</label>
                <input id={`${id}-ph`} type="tel" required autoComplete="tel" value={identity.phone} onChange={(e) => set('phone', e.target.value)} aria-describedby={`${id}-ph-hint`} data-testid="booking-phone" />
                <p id={`${id}-ph-hint`} className="field-hint">{t('booking.phoneHint')}</p>
              </div>
            )}
            <label className="booking-check">
              <input type="checkbox" checked={identity.consent} onChange={(e) => set('consent', e.target.checked)} data-testid="booking-consent" />
              <span>{t('booking.consent')}</span>
            </label>
          </fieldset>
          <ErrorAlert message={error} />
          <div className="button-row">
            <button type="button" className="button" onClick={() => setStep('choose')}>{t('booking.back')}</button>
            <button type="submit" className="button button-primary" disabled={busy} data-testid="booking-send-code">{busy ? t('booking.sending') : t('booking.sendCode')}</button>
          </div>
        </form>
      </>
    );
  } else if (step === 'code' && started) {
    body = (
      <>
        <StepHeading testId="booking-step-code">{t('booking.codeTitle')}</StepHeading>
        {slot && <Summary slotStart={slot.start} zone={zone} motifName={motif?.name ?? ''} practitioner={nameOf(slot.practitionerId)} onChange={() => setStep('choose')} />}
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
              <SlotList slots={proposals} timeZone={zone} onPick={(s) => void confirm(s)} label={(s) => nameOf(s.practitionerId)} disabled={busy || code.length !== 6} />
            </section>
          )}
          <div className="button-row">
            <button type="button" className="button" onClick={() => setStep('identity')}>{t('booking.newCode')}</button>
            {slot ? (
              <button type="submit" className="button button-primary" disabled={busy || code.length !== 6} data-testid="booking-confirm">{busy ? t('booking.sending') : t('booking.confirm')}</button>
            ) : (
              <button type="button" className="button" onClick={() => setStep('choose')}>{t('booking.otherSlot')}</button>
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
