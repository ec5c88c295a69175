import { useTranslation } from 'react-i18next';
import { useSession } from '../auth/session';
import { href } from '../router';
import { clock, simulatedClock } from '../clock';

/** Warns administrators that e-mails are kept in the demo outbox because no SMTP server is configured. */
export function SmtpBanner() {
  // From /api/me: reading the outbox itself is an audited act, not something to do on every page.
  const { state } = useSession();
  if (state.status !== 'authenticated' || state.me.smtpConfigured) return null;
  return <SmtpWarning link />;
}

export function SmtpWarning({ link }: { link?: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="banner banner-warning" data-testid="smtp-warning">
      <span>{t('smtp.warning')}</span>
      {link && (
        <a href={href('/admin/outbox')} className="banner-link">
          {t('smtp.openOutbox')}
        </a>
      )}
    </div>
  );
}

/** Says so on every page when the server runs on a simulated clock (PIVOT_NOW): never to be mistaken for the real day. */
export function SimulatedClockBanner() {
  const { t, i18n } = useTranslation();
  if (!simulatedClock()) return null;
  const date = clock.now().toLocaleString(i18n.language === 'en' ? 'en-GB' : 'fr-FR', { dateStyle: 'full', timeStyle: 'short', timeZone: 'Europe/Paris' });
  return (
    <div className="banner banner-warning" data-testid="simulated-clock" role="status">
      <span>{t('clock.simulated', { date })}</span>
    </div>
  );
}
