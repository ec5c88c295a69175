import { useId, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { SelectField } from '../ui/SelectField';
import { ErrorAlert } from './PublicFrame';

export interface Identity { birthName: string; firstName: string; birthDate: string; sex: '' | 'F' | 'M' | 'U'; contact: 'email' | 'sms'; phone: string; email: string; consent: boolean }
export const EMPTY_IDENTITY: Identity = { birthName: '', firstName: '', birthDate: '', sex: '', contact: 'email', phone: '', email: '', consent: false };

/** The patient's identity and where to send the one-time code (the booking page's third step). */
export function IdentityForm({ identity, onChange, onSubmit, onBack, busy, error }: {
  identity: Identity; onChange(next: Identity): void; onSubmit(event: FormEvent): void; onBack(): void; busy: boolean; error: string | null;
}) {
  const { t } = useTranslation();
  const id = useId();
  const set = <K extends keyof Identity>(key: K, value: Identity[K]) => onChange({ ...identity, [key]: value });
  return (
    <form className="booking-form" onSubmit={onSubmit} noValidate={false}>
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
        <SelectField label={t('booking.sex')} value={identity.sex} onChange={(v) => set('sex', v)} testId="booking-sex" options={[
          { value: '', label: t('booking.sexUnspecified') },
          { value: 'F', label: t('booking.sexF') },
          { value: 'M', label: t('booking.sexM') },
          { value: 'U', label: t('booking.sexU') },
        ]} />
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
        <button type="button" className="button" onClick={onBack}>{t('booking.back')}</button>
        <button type="submit" className="button button-primary" disabled={busy} data-testid="booking-send-code">{busy ? t('booking.sending') : t('booking.sendCode')}</button>
      </div>
    </form>
  );
}
