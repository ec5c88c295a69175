import { useTranslation } from 'react-i18next';
import { useSession } from '../auth/session';
import { href } from '../router';

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

