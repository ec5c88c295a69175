import { useTranslation } from 'react-i18next';
import { useSession } from '../auth/session';
import { href } from '../router';
import { Alert } from '../ui/Alert';
import { formatDateTime, COMPACT } from '../ui/format';
import { PageTitle } from '../ui/PageTitle';
import { useLoad } from '../ui/useLoad';
import { isEmptySheet, sheetApi } from './api';
import { PracticeSheetView } from './PracticeSheetView';

/** #/infos-cabinet — the practice information sheet at the desk, printable on one A4 page. */
export function PracticeSheetPage() {
  const { t } = useTranslation();
  const { state } = useSession();
  const admin = state.status === 'authenticated' && state.me.practice.roles.includes('admin');
  const sheet = useLoad(() => sheetApi.current(), []);
  return (
    <div className="ps-page">
      <PageTitle
        title={t('practiceSheet.title')}
        actions={
          <div className="button-row no-print">
            {admin && <a className="button" href={href('/admin/practice-info')}>{t('practiceSheet.edit')}</a>}
            <button type="button" className="button button-primary" onClick={() => window.print()} data-testid="practice-sheet-print">{t('practiceSheet.print')}</button>
          </div>
        }
      >
        {t('practiceSheet.title')}
      </PageTitle>
      {sheet.error && <Alert tone="error">{sheet.error.message}</Alert>}
      {sheet.data && (
        <>
          <p className="ps-practice">{sheet.data.practice.name}</p>
          {isEmptySheet(sheet.data) && <Alert tone="info">{admin ? t('practiceSheet.emptyAdmin') : t('practiceSheet.empty')}</Alert>}
          <div className="card ps-card">
            <PracticeSheetView sheet={sheet.data} />
          </div>
          {sheet.data.updatedAt && <p className="muted ps-updated">{t('practiceSheet.updatedAt', { date: formatDateTime(sheet.data.updatedAt, COMPACT) })}</p>}
        </>
      )}
      {sheet.loading && <p className="muted">{t('common.loading')}</p>}
    </div>
  );
}
