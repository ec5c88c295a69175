import { useTranslation } from 'react-i18next';
import { PageTitle } from '../ui/PageTitle';
import { ChangePasswordForm } from './ChangePasswordForm';
import { LogoutEverywhere } from './LogoutEverywhere';
import { TwoFactorSection } from './TwoFactorSection';

export function SecurityPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageTitle title={t('security.title')}>{t('security.title')}</PageTitle>
      <div className="stack-lg">
        <TwoFactorSection />
        <ChangePasswordForm />
        <LogoutEverywhere />
      </div>
    </>
  );
}
