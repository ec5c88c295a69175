import { useTranslation } from 'react-i18next';
import type { Urgency } from '../api/types';
import { urgencyLabel } from './labels';

// A shape as well as a colour, and always the word: urgency is never told by colour alone.
const ICON: Record<Urgency, string> = { vital: '▲', same_day: '◆', routine: '●' };

export function UrgencyBadge({ urgency, large }: { urgency: Urgency; large?: boolean }) {
  const { t } = useTranslation();
  return (
    <span className={`urgency urgency-${urgency}${large ? ' urgency-large' : ''}`} data-testid="urgency-badge" data-urgency={urgency}>
      <span aria-hidden="true" className="urgency-icon">{ICON[urgency] ?? '●'}</span>
      {urgencyLabel(t, urgency)}
    </span>
  );
}
