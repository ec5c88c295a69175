import { useTranslation } from 'react-i18next';
import { useOptionalAssistant } from './AssistantProvider';

/** Sidebar badge: open vital + same-day requests. */
export function InboxNavBadge() {
  const { t } = useTranslation();
  const counts = useOptionalAssistant()?.counts;
  const urgent = counts ? counts.vital + counts.sameDay : 0;
  if (!counts || urgent === 0) return null;
  return (
    <span className={`nav-badge${counts.vital > 0 ? ' nav-badge-vital' : ''}`} data-testid="nav-assistant-badge">
      <span aria-hidden="true">{urgent}</span>
      <span className="visually-hidden">{t('assistant.nav.badge', { count: urgent })}</span>
    </span>
  );
}
