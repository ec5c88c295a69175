import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { bookingApi, errorMessage, manageHref, type Offer, type OfferResult } from './api';
import { AppointmentDetails } from './BookingPage';
import { DEFAULT_ZONE, formatDateTime } from './format';
import { ErrorAlert, PublicFrame, StepHeading } from './PublicFrame';

/** A waiting-list offer: #/liste-attente/<token>. */
export function OfferPage({ token }: { token: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'fr';
  const [offer, setOffer] = useState<Offer | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<OfferResult | null>(null);

  useEffect(() => {
    bookingApi.offer(token).then((d) => setOffer(d.offer), (err: unknown) => setLoadError(errorMessage(err, t('booking.unavailable'))));
  }, [token, t]);

  async function answer(action: 'accept' | 'decline') {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      setResult(await bookingApi.answerOffer(token, action));
    } catch (err) {
      setError(errorMessage(err, t('booking.failed')));
      bookingApi.offer(token).then((d) => setOffer(d.offer), () => undefined);
    } finally {
      setBusy(false);
    }
  }

  const zone = offer?.timeZone || DEFAULT_ZONE;
  let body;
  if (loadError) body = <><h1 className="booking-step-title">{t('booking.offerTitle')}</h1><ErrorAlert message={loadError} /></>;
  else if (!offer) body = <p aria-busy="true">{t('common.loading')}</p>;
  else if (result?.status === 'accepted' && result.appointment) {
    body = (
      <>
        <StepHeading testId="offer-accepted">{t('booking.doneTitle')}</StepHeading>
        <AppointmentDetails appointment={result.appointment} zone={zone} />
        {result.manageToken && <p><a href={manageHref(result.manageToken)}>{t('booking.manageLink')}</a></p>}
      </>
    );
  } else if (result?.status === 'declined') {
    body = <><StepHeading testId="offer-declined">{t('booking.offerDeclinedTitle')}</StepHeading><p>{t('booking.offerDeclinedText')}</p></>;
  } else {
    body = (
      <>
        <StepHeading testId="offer-title">{t('booking.offerTitle')}</StepHeading>
        <dl className="booking-details">
          <dt>{t('booking.when')}</dt>
          <dd>{formatDateTime(offer.start, zone, lang)}</dd>
          <dt>{t('booking.with')}</dt>
          <dd>{offer.practitionerName}</dd>
          <dt>{t('booking.motif')}</dt>
          <dd>{offer.motifName ?? '—'}</dd>
        </dl>
        {offer.status === 'pending' ? (
          <>
            <p className="field-hint">{t('booking.offerExpires', { date: formatDateTime(offer.expiresAt, zone, lang) })}</p>
            <ErrorAlert message={error} />
            <div className="button-row">
              <button type="button" className="button button-primary" disabled={busy} onClick={() => void answer('accept')} data-testid="offer-accept">{t('booking.offerAccept')}</button>
              <button type="button" className="button" disabled={busy} onClick={() => void answer('decline')} data-testid="offer-decline">{t('booking.offerDecline')}</button>
            </div>
          </>
        ) : (
          <>
            <ErrorAlert message={error} />
            <p className="alert alert-info" data-testid="offer-status">{t(`booking.offerStatus.${offer.status}`)}</p>
          </>
        )}
      </>
    );
  }
  return <PublicFrame title={offer?.practiceName ?? t('booking.offerTitle')}>{body}</PublicFrame>;
}
