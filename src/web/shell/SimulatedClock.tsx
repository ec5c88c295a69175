import { useTranslation } from 'react-i18next';
import { clock, simulatedClock } from '../clock';

/**
 * On every page, in the top bar, when the server runs on a simulated clock (PIVOT_NOW, demos and tests): the
 * day shown is never to be mistaken for the real one. Compact, so that it takes no room from the page.
 */
export function SimulatedClockBadge() {
  const { t, i18n } = useTranslation();
  if (!simulatedClock()) return null;
  const locale = i18n.language === 'en' ? 'en-GB' : 'fr-FR';
  const short = clock.now().toLocaleString(locale, { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Paris' });
  const full = clock.now().toLocaleString(locale, { dateStyle: 'full', timeStyle: 'short', timeZone: 'Europe/Paris' });
  return (
    <span className="clock-badge" data-testid="simulated-clock" role="status" title={t('clock.simulated', { date: full })}>
      {t('clock.badge', { date: short })}
      <span className="visually-hidden"> — {t('clock.simulated', { date: full })}</span>
    </span>
  );
}
