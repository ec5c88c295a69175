import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../api/types';
import { AssistantProvider } from '../assistant/alerts/AssistantProvider';
import { VitalAlertBanner } from '../assistant/alerts/VitalAlertBanner';
import { useMe, useSession } from '../auth/session';
import { navigate } from '../router';
import { LiveMessage } from '../ui/Alert';
import { useTransientMessage } from '../ui/useTransientMessage';
import { isAdmin, type PageDef } from './pages';
import { Sidebar } from './Sidebar';
import { SkipLink } from './SkipLink';
import { SmtpBanner } from './SmtpBanner';
import { TopBar } from './TopBar';
import { TasksLiveProvider, TasksToast } from '../tasks/TasksLiveProvider';

/** Authenticated layout: top bar, left navigation, main content. */
export function Shell({ current, children }: { current: PageDef | undefined; children: ReactNode }) {
  const { t } = useTranslation();
  const me = useMe();
  const { practiceVersion } = useSession();
  const [switched, setSwitched] = useTransientMessage(8000);
  const admin = isAdmin(me);

  function onPracticeSwitched(next: Me) {
    setSwitched(t('practice.switched', { name: next.practice.name }));
    // Stay on the current page if it is still allowed in the new practice.
    if (current?.adminOnly && !isAdmin(next)) navigate('/');
  }

  return (
    <AssistantProvider>
    <TasksLiveProvider>
    <div className="shell">
      <SkipLink />
      <TopBar onPracticeSwitched={onPracticeSwitched} />
      <div className="shell-body">
        <Sidebar current={current} />
        <main id="main-content" tabIndex={-1} className="main">
          <VitalAlertBanner />
          <LiveMessage message={switched} tone="info" />
          {admin && current?.id !== 'outbox' && <SmtpBanner key={`smtp-${practiceVersion}`} />}
          {/* Remount the page when the practice changes so it reloads its data. */}
          <div key={practiceVersion} className="page">
            {children}
          </div>
        </main>
      </div>
      <TasksToast />
    </div>
    </TasksLiveProvider>
    </AssistantProvider>
  );
}
