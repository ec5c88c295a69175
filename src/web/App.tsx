import { lazy, Suspense, useEffect, type ComponentType, type LazyExoticComponent, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { LoginPage } from './auth/LoginPage';
import { useSession } from './auth/session';
import { navigate, useRoute } from './router';
import { HomePage } from './shell/HomePage';
import { NotFoundPage, ForbiddenPage } from './shell/StatusPages';
import { hasPageRole, isAdmin, pageForPath } from './shell/pages';
import { Shell } from './shell/Shell';
import { PhoneShortcut } from './phone-log/PhoneShortcut';

// Pages load on demand: the login screen and a patient's chat or booking page stay light.
// `any`: each page keeps its own props through M[K].
function page<M extends Record<K, ComponentType<any>>, K extends keyof M>(load: () => Promise<M>, name: K): LazyExoticComponent<M[K]> {
  return lazy(async () => ({ default: (await load())[name] }));
}
const AdminOutboxPage = page(() => import('./admin/OutboxPage'), 'AdminOutboxPage');
const PracticeSettingsPage = page(() => import('./admin/PracticeSettingsPage'), 'PracticeSettingsPage');
const StaffPage = page(() => import('./admin/StaffPage'), 'StaffPage');
const ChatPage = page(() => import('./assistant/chat/ChatPage'), 'ChatPage');
const BookingPage = page(() => import('./booking/BookingPage'), 'BookingPage');
const ManagePage = page(() => import('./booking/ManagePage'), 'ManagePage');
const OfferPage = page(() => import('./booking/OfferPage'), 'OfferPage');
const PracticeInfoPage = page(() => import('./assistant/info/PracticeInfoPage'), 'PracticeInfoPage');
const InboxPage = page(() => import('./assistant/inbox/InboxPage'), 'InboxPage');
const RequestDetailPage = page(() => import('./assistant/inbox/RequestDetailPage'), 'RequestDetailPage');
const TasksPage = page(() => import('./assistant/tasks/TasksPage'), 'TasksPage');
const AgendaPage = page(() => import('./agenda/AgendaPage'), 'AgendaPage');
const AgendaPrintPage = page(() => import('./agenda/PrintPage'), 'AgendaPrintPage');
const AgendaSettingsPage = page(() => import('./agenda/admin/AgendaSettingsPage'), 'AgendaSettingsPage');
const AuditPage = page(() => import('./audit/AuditPage'), 'AuditPage');
const ForgotPasswordPage = page(() => import('./auth/ForgotPasswordPage'), 'ForgotPasswordPage');
const MfaEnrolmentPage = page(() => import('./auth/MfaEnrolmentPage'), 'MfaEnrolmentPage');
const ResetPasswordPage = page(() => import('./auth/ResetPasswordPage'), 'ResetPasswordPage');
const SecurityPage = page(() => import('./auth/SecurityPage'), 'SecurityPage');
const PatientsRoute = page(() => import('./patients/PatientsRoute'), 'PatientsRoute');
const PhoneLogPage = page(() => import('./phone-log/PhoneLogPage'), 'PhoneLogPage');
const MessagesPage = page(() => import('./phone-log/MessagesPage'), 'MessagesPage');
const StaffTasksPage = page(() => import('./tasks/TasksPage'), 'TasksPage');
const DraftPage = page(() => import('./consultation-drafts/DraftPage'), 'DraftPage');
const IncidentsPage = page(() => import('./incidents/IncidentsPage'), 'IncidentsPage');
const PracticeSheetPage = page(() => import('./practice-sheet/PracticeSheetPage'), 'PracticeSheetPage');
const StatsPage = page(() => import('./desk-stats/StatsPage'), 'StatsPage');
const ReceptionPage = page(() => import('./reception/ReceptionPage'), 'ReceptionPage');
const ReceptionSettingsPage = page(() => import('./reception/ReceptionSettingsPage'), 'ReceptionSettingsPage');
const RegisterPage = page(() => import('./correspondence/RegisterPage'), 'RegisterPage');
const CorrespondenceItemPage = page(() => import('./correspondence/ItemPage'), 'ItemPage');
const LetterPage = page(() => import('./correspondence/LetterPage'), 'LetterPage');
const ReportsPage = page(() => import('./reports/ReportsPage'), 'ReportsPage');
const NewReportPage = page(() => import('./reports/ReportsPage'), 'NewReportPage');
const ReportPage = page(() => import('./reports/ReportPage'), 'ReportPage');
const PracticeDictionaryPage = page(() => import('./reports/PracticeDictionaryPage'), 'PracticeDictionaryPage');
const AddressBookPage = page(() => import('./correspondence/AddressBookPage'), 'AddressBookPage');
const MailboxPage = page(() => import('./correspondence/MailboxPage'), 'MailboxPage');
const BoardPage = page(() => import('./reception/BoardPage'), 'BoardPage');
const BillingDeskPage = page(() => import('./billing/BillingDeskPage'), 'BillingDeskPage');
const InvoicePage = page(() => import('./billing/InvoicePage'), 'InvoicePage');
const BooksPage = page(() => import('./billing/BooksPage'), 'BooksPage');
const DayBookPage = page(() => import('./billing/DayBookPage'), 'DayBookPage');
const DepositsPage = page(() => import('./billing/DepositsPage'), 'DepositsPage');
const ExpensesPage = page(() => import('./billing/ExpensesPage'), 'ExpensesPage');
const BooksExportsPage = page(() => import('./billing/ExportsPage'), 'ExportsPage');
const BooksChartsPage = page(() => import('./billing/ChartsPage'), 'ChartsPage');
const DentalQuotesPage = page(() => import('./billing/DentalQuotesPage'), 'DentalQuotesPage');
const BillingProfilesPage = page(() => import('./billing/ProfilesPage'), 'ProfilesPage');

const PUBLIC_PATHS = ['/login', '/forgot-password', '/reset-password'];

export function App() {
  return (
    <Suspense fallback={<Loading />}>
      <AppRoutes />
    </Suspense>
  );
}

function Loading() {
  const { t } = useTranslation();
  return (
    <main id="main-content" className="loading-screen" aria-busy="true">
      <p>{t('common.loading')}</p>
    </main>
  );
}

function AppRoutes() {
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

  if (state.status === 'loading') return <Loading />;
  if (state.status === 'anonymous') return <LoginPage expired={state.expired} />;
  if (state.status === 'enrolment') return <MfaEnrolmentPage />;
  if (isPublic) return null; // redirecting to home

  const me = state.me;
  // The printable day list is laid out for paper, without the app's frame.
  if (path === '/agenda/print' && hasPageRole(me, pageForPath(path)!)) return <AgendaPrintPage />;
  // The desk's copy of the waiting-room board (full screen, for a second screen): no admin-made link needed.
  if (path === '/reception/salle-attente' && hasPageRole(me, pageForPath(path)!)) return <BoardPage />;
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
      case 'tasks': content = <StaffTasksPage />; break;
      case 'consultationDraft': content = <DraftPage />; break;
      case 'incidents': content = <IncidentsPage />; break;
      case 'practiceSheet': content = <PracticeSheetPage />; break;
      case 'deskStats': content = <StatsPage />; break;
      case 'reception': content = <ReceptionPage />; break;
      case 'receptionSettings': content = <ReceptionSettingsPage />; break;
      case 'billing':
        content = path.startsWith('/facturation/factures/') ? <InvoicePage id={decodeURIComponent(path.slice('/facturation/factures/'.length))} /> : path === '/facturation' ? <BillingDeskPage /> : <NotFoundPage />;
        break;
      case 'billingBooks': {
        const books: Record<string, ReactElement> = {
          '/facturation/livres': <DayBookPage />, '/facturation/livres/factures': <BooksPage />, '/facturation/livres/depenses': <ExpensesPage />,
          '/facturation/livres/export': <BooksExportsPage />, '/facturation/livres/graphiques': <BooksChartsPage />,
        };
        content = books[path] ?? <NotFoundPage />;
        break;
      }
      case 'billingDeposits': content = path === '/facturation/remises' ? <DepositsPage /> : <NotFoundPage />; break;
      case 'billingQuotes': content = <DentalQuotesPage />; break;
      case 'billingProfiles': content = <BillingProfilesPage />; break;
      case 'correspondence':
        content = path === '/courrier' ? <RegisterPage /> : path === '/courrier/nouveau' ? <LetterPage /> : <CorrespondenceItemPage id={decodeURIComponent(path.slice('/courrier/'.length))} />;
        break;
      case 'reports':
        content = path === '/comptes-rendus' ? <ReportsPage practitioner={me.practice.roles.includes('practitioner')} /> : path === '/comptes-rendus/nouveau' ? <NewReportPage /> : <ReportPage id={decodeURIComponent(path.slice('/comptes-rendus/'.length))} />;
        break;
      case 'spellDictionary':
        content = <PracticeDictionaryPage canAdd={me.practice.roles.some((r) => r === 'secretary' || r === 'practitioner')} canRemove={isAdmin(me)} />;
        break;
      case 'mailbox': content = <MailboxPage />; break;
      case 'correspondents': content = <AddressBookPage canEdit={me.practice.roles.some((r) => r === 'secretary' || r === 'admin')} />; break;
    }
  }
  return (
    <Shell current={page}>
      <PhoneShortcut />
      <div key={path}>
        <Suspense fallback={<p aria-busy="true">{t('common.loading')}</p>}>{content}</Suspense>
      </div>
    </Shell>
  );
}
