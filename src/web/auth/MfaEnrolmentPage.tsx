import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '../ui/PageTitle';
import { PublicLayout } from './PublicLayout';
import { RecoveryCodes } from './RecoveryCodes';
import { TotpEnrolment } from './TotpEnrolment';
import { useSession } from './session';

/** The only screen available while the practice requires 2FA and the user has not enrolled yet. */
export function MfaEnrolmentPage() {
  const { t } = useTranslation();
  const { state, logout, refresh } = useSession();
  const [codes, setCodes] = useState<string[] | null>(null);
  const practiceName = state.status === 'enrolment' ? state.me?.practice.name : undefined;

  return (
    <PublicLayout
      actions={
        <button type="button" className="button button-small" onClick={() => void logout()} data-testid="logout">
          {t('user.logout')}
        </button>
      }
    >
      <PageTitle title={t('mfaRequired.title')}>{t('mfaRequired.title')}</PageTitle>
      {codes ? (
        <RecoveryCodes codes={codes} onDone={() => void refresh()} />
      ) : (
        <>
          <p>
            {practiceName
              ? t('mfaRequired.introNamed', { practice: practiceName })
              : t('mfaRequired.intro')}
          </p>
          <TotpEnrolment autoStart onEnabled={setCodes} />
        </>
      )}
    </PublicLayout>
  );
}
