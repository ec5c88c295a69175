import { useTranslation } from 'react-i18next';
import type { Channel, ConversationMessage } from '../../api/types';
import { formatDateTime, COMPACT } from '../../ui/format';
import { channelLabel } from '../labels';

/** The exchange with the patient, oldest first: messages received and the assistant's replies. */
export function Conversation({ messages, channel }: { messages: ConversationMessage[]; channel: Channel }) {
  const { t } = useTranslation();
  if (messages.length === 0) return <p className="empty">{t('assistant.detail.noMessages')}</p>;
  return (
    <ol className="conversation" data-testid="conversation">
      {messages.map((m) => (
        <li key={m.id} className={`conv-message conv-${m.direction}`} data-testid="conversation-message" data-direction={m.direction}>
          <p className="conv-meta">
            <strong>{m.direction === 'in' ? t('assistant.detail.fromPatient') : t('assistant.detail.fromAssistant')}</strong>
            {' · '}
            <time dateTime={m.at}>{formatDateTime(m.at, COMPACT)}</time>
            {' · '}
            {channelLabel(t, channel)}
          </p>
          <p className="conv-text">{m.text}</p>
        </li>
      ))}
    </ol>
  );
}
