import { useTranslation } from 'react-i18next';

// The emergency numbers the server may quote, in the order they are shown, with the link to use.
const NUMBERS: { number: string; scheme: 'tel' | 'sms' }[] = [
  { number: '15', scheme: 'tel' },
  { number: '112', scheme: 'tel' },
  { number: '114', scheme: 'sms' },
  { number: '3114', scheme: 'tel' },
];

/**
 * A vital reply: the emergency instruction comes first, large and red, with the numbers as links that call
 * (or text, for the 114) directly from a phone. 15 and 112 are always shown, whatever the server sent.
 */
export function EmergencyBanner({ text, numbers }: { text: string; numbers: string[] }) {
  const { t } = useTranslation();
  const shown = NUMBERS.filter((n) => n.number === '15' || n.number === '112' || numbers.includes(n.number));
  return (
    <div className="emergency-banner" role="alert" data-testid="chat-emergency">
      <p className="emergency-title">
        <span aria-hidden="true" className="emergency-icon">!</span>
        {t('assistant.chat.emergencyTitle')}
      </p>
      <p className="emergency-text">{text}</p>
      <ul className="emergency-numbers">
        {shown.map((n) => (
          <li key={n.number}>
            <a className={`emergency-call emergency-call-${n.number}`} href={`${n.scheme}:${n.number}`} data-testid={`chat-call-${n.number}`}>
              <span className="emergency-number">{n.number}</span>
              <span className="emergency-number-label">{t(`assistant.chat.number${n.number}`)}</span>
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
