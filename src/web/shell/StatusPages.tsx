import { useTranslation } from 'react-i18next';
import { href } from '../router';
import { PageTitle } from '../ui/PageTitle';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageTitle title={t('status.notFound')}>{t('status.notFound')}</PageTitle>
      <p>
        <a href={href('/')}>{t('status.backHome')}</a>
      </p>
    </>
  );
}

export function ForbiddenPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageTitle title={t('status.forbidden')}>{t('status.forbidden')}</PageTitle>
      <p>{t('status.forbiddenText')}</p>
      <p>
        <a href={href('/')}>{t('status.backHome')}</a>
      </p>
    </>
  );
}
