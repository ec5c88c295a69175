import { useTranslation } from 'react-i18next';
import { clock, simulatedClock } from '../clock';
import { formatDate, formatTime, formatDateTime } from '../ui/format';

/**
 * On every page, in the top bar, when the server runs on a simulated clock (PIVOT_NOW, demos and tests): the
 * day shown is never to be mistaken for the real one. Compact, so that it takes no room from the page.
 */
export function SimulatedClockBadge() {
  const { t, i18n } = useTranslation();
  if (!simulatedClock()) return null;
  const lang = i18n.language === 'en' ? 'en' : 'fr';
  const short = `${formatDate(clock.now(), { style: 'short', lang })} ${formatTime(clock.now(), { lang })}`;
  const full = formatDateTime(clock.now(), { style: 'weekday', lang });
  return (
    <span className="clock-badge" data-testid="simulated-clock" role="status" title={t('clock.simulated', { date: full })}>
      {t('clock.badge', { date: short })}
      <span className="visually-hidden"> — {t('clock.simulated', { date: full })}</span>
    </span>
  );
}
