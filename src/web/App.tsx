import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { AdminOutboxPage } from './admin/OutboxPage';
import { PracticeSettingsPage } from './admin/PracticeSettingsPage';
import { StaffPage } from './admin/StaffPage';
import { ChatPage } from './assistant/chat/ChatPage';
import { BookingPage } from './booking/BookingPage';
import { ManagePage } from './booking/ManagePage';
import { OfferPage } from './booking/OfferPage';
import { PracticeInfoPage } from './assistant/info/PracticeInfoPage';
import { InboxPage } from './assistant/inbox/InboxPage';
import { RequestDetailPage } from './assistant/inbox/RequestDetailPage';
import { TasksPage } from './assistant/tasks/TasksPage';
import { AgendaPage } from './agenda/AgendaPage';
import { AgendaPrintPage } from './agenda/PrintPage';
import { AgendaSettingsPage } from './agenda/admin/AgendaSettingsPage';
import { AuditPage } from './audit/AuditPage';
import { ForgotPasswordPage } from './auth/ForgotPasswordPage';
import { LoginPage } from './auth/LoginPage';
import { MfaEnrolmentPage } from './auth/MfaEnrolmentPage';
import { ResetPasswordPage } from './auth/ResetPasswordPage';
import { SecurityPage } from './auth/SecurityPage';
import { useSession } from './auth/session';
import { PatientsRoute } from './patients/PatientsRoute';
import { navigate, useRoute } from './router';
import { HomePage } from './shell/HomePage';
import { NotFoundPage, ForbiddenPage } from './shell/StatusPages';
import { hasPageRole, isAdmin, pageForPath } from './shell/pages';
import { Shell } from './shell/Shell';
import { PhoneLogPage } from './phone-log/PhoneLogPage';
import { MessagesPage } from './phone-log/MessagesPage';
import { PhoneShortcut } from './phone-log/PhoneShortcut';
import { IncidentsPage } from './incidents/IncidentsPage';
import { PracticeSheetPage } from './practice-sheet/PracticeSheetPage';
import { StatsPage } from './desk-stats/StatsPage';
import { ReceptionPage } from './reception/ReceptionPage';
import { ReceptionSettingsPage } from './reception/ReceptionSettingsPage';
import { BoardPage } from './reception/BoardPage';

const PUBLIC_PATHS = ['/login', '/forgot-password', '/reset-password'];

export function App() {
  const { t } = useTranslation();
  const { state } = useSession();
  const route = useRoute();
  const { path } = route;

  // Reset and invitation links work whatever the session state.
  const isPublic = PUBLIC_PATHS.includes(path);
  const loggedIn = state.status === 'authenticated';
  useEffect(() => {
    if (loggedIn && path === '/login') navigate('/', { replace: true });
  }, [loggedIn, path]);

  // The assistant's chat is public (patients, no account), standalone or in the practice website's widget.
  if (path.startsWith('/chat/')) return <ChatPage key={path} practice={decodeURIComponent(path.slice('/chat/'.length))} />;
  // The patient's online booking, its manage link and waiting-list offers are public too (slug or signed token).
  if (path.startsWith('/rdv/')) return <BookingPage key={path} slug={decodeURIComponent(path.slice('/rdv/'.length))} />;
  if (path.startsWith('/rendez-vous/')) return <ManagePage key={path} token={decodeURIComponent(path.slice('/rendez-vous/'.length))} />;
  // The waiting-room board is a public kiosk page reached by its secret link (no names shown).
  if (path.startsWith('/salle-attente/')) return <BoardPage key={path} token={decodeURIComponent(path.slice('/salle-attente/'.length))} />;
  if (path.startsWith('/liste-attente/')) return <OfferPage key={path} token={decodeURIComponent(path.slice('/liste-attente/'.length))} />;
  if (path === '/reset-password') return <ResetPasswordPage />;
  if (path === '/forgot-password') return <ForgotPasswordPage />;

  if (state.status === 'loading') {
    return (
      <main id="main-content" className="loading-screen" aria-busy="true">
        <p>{t('common.loading')}</p>
      </main>
    );
  }
  if (state.status === 'anonymous') return <LoginPage expired={state.expired} />;
  if (state.status === 'enrolment') return <MfaEnrolmentPage />;
  if (isPublic) return null; // redirecting to home

  const me = state.me;
  // The printable day list is laid out for paper, without the app's frame.
  if (path === '/agenda/print' && hasPageRole(me, pageForPath(path)!)) return <AgendaPrintPage />;
  const page = pageForPath(path);
  let content;
  if (!page) content = <NotFoundPage />;
  else if (page.adminOnly && !isAdmin(me)) content = <ForbiddenPage />;
  else if (!hasPageRole(me, page)) content = <ForbiddenPage />;
  else {
    switch (page.id) {
      case 'home': content = <HomePage />; break;
      case 'patients': content = <PatientsRoute path={path} />; break;
      case 'security': content = <SecurityPage />; break;
      case 'staff': content = <StaffPage />; break;
      case 'practice': content = <PracticeSettingsPage />; break;
      case 'audit': content = <AuditPage />; break;
      case 'outbox': content = <AdminOutboxPage />; break;
      case 'assistant':
        content = path === '/assistant' ? <InboxPage /> : <RequestDetailPage id={decodeURIComponent(path.slice('/assistant/'.length))} />;
        break;
      case 'assistantTasks': content = <TasksPage />; break;
      case 'practiceInfo': content = <PracticeInfoPage />; break;
      case 'agenda': content = <AgendaPage />; break;
      case 'agendaSettings': content = <AgendaSettingsPage />; break;
      case 'phoneLog': content = <PhoneLogPage />; break;
      case 'phoneMessages': content = <MessagesPage />; break;
      case 'incidents': content = <IncidentsPage />; break;
      case 'practiceSheet': content = <PracticeSheetPage />; break;
      case 'deskStats': content = <StatsPage />; break;
      case 'reception': content = <ReceptionPage />; break;
      case 'receptionSettings': content = <ReceptionSettingsPage />; break;
    }
  }
  return (
    <Shell current={page}>
      <PhoneShortcut />
      <div key={path}>{content}</div>
    </Shell>
  );
}
