import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { AdminOutboxPage } from './admin/OutboxPage';
import { PracticeSettingsPage } from './admin/PracticeSettingsPage';
import { StaffPage } from './admin/StaffPage';
import { AuditPage } from './audit/AuditPage';
import { ForgotPasswordPage } from './auth/ForgotPasswordPage';
import { LoginPage } from './auth/LoginPage';
import { MfaEnrolmentPage } from './auth/MfaEnrolmentPage';
import { ResetPasswordPage } from './auth/ResetPasswordPage';
import { SecurityPage } from './auth/SecurityPage';
import { useSession } from './auth/session';
import { PatientDetailPage } from './patients/PatientDetailPage';
import { PatientsPage } from './patients/PatientsPage';
import { navigate, useRoute } from './router';
import { HomePage } from './shell/HomePage';
import { NotFoundPage, ForbiddenPage } from './shell/StatusPages';
import { isAdmin, pageForPath } from './shell/pages';
import { Shell } from './shell/Shell';

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
  const page = pageForPath(path);
  let content;
  if (!page) content = <NotFoundPage />;
  else if (page.adminOnly && !isAdmin(me)) content = <ForbiddenPage />;
  else {
    switch (page.id) {
      case 'home': content = <HomePage />; break;
      case 'patients':
        content = path === '/patients' ? <PatientsPage /> : <PatientDetailPage id={decodeURIComponent(path.slice('/patients/'.length))} />;
        break;
      case 'security': content = <SecurityPage />; break;
      case 'staff': content = <StaffPage />; break;
      case 'practice': content = <PracticeSettingsPage />; break;
      case 'audit': content = <AuditPage />; break;
      case 'outbox': content = <AdminOutboxPage />; break;
    }
  }
  return (
    <Shell current={page}>
      <div key={path}>{content}</div>
    </Shell>
  );
}
