import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { SmtpWarning } from '../shell/SmtpBanner';
import { Alert } from '../ui/Alert';
import { formatDateTime, COMPACT } from '../ui/format';
import { PageTitle } from '../ui/PageTitle';
import { useLoad } from '../ui/useLoad';

export function AdminOutboxPage() {
  const { t } = useTranslation();
  const outbox = useLoad(() => api.outbox(), []);
  const messages = outbox.data?.messages ?? [];
  return (
    <>
      <PageTitle
        title={t('outbox.title')}
        actions={
          <button type="button" className="button" onClick={outbox.reload} data-testid="outbox-refresh">
            {t('common.refresh')}
          </button>
        }
      >
        {t('outbox.title')}
      </PageTitle>
      {outbox.data && !outbox.data.smtpConfigured && <SmtpWarning />}
      {outbox.data?.smtpConfigured && <Alert tone="info">{t('outbox.smtpConfigured')}</Alert>}
      <p className="muted">{t('outbox.intro')}</p>
      {outbox.error && <Alert tone="error">{outbox.error.message}</Alert>}
      {outbox.loading && !outbox.data && <p className="muted">{t('common.loading')}</p>}
      {outbox.data && messages.length === 0 && <p className="empty">{t('outbox.empty')}</p>}
      <ul className="message-list" data-testid="outbox-list">
        {messages.map((message) => (
          <li key={message.id} className="card message">
            <details>
              <summary>
                <span className="message-subject">{message.subject}</span>
                <span className="muted">
                  {t('outbox.to')} {message.to} · <time dateTime={message.createdAt}>{formatDateTime(message.createdAt, COMPACT)}</time>
                </span>
              </summary>
              <pre className="message-text">{linkify(message.text)}</pre>
            </details>
          </li>
        ))}
      </ul>
    </>
  );
}

/** Makes the links in a plain-text e-mail clickable (handy to follow invitation links in a demo). */
function linkify(text: string) {
  return text.split(/(https?:\/\/[^\s<>"]+)/g).map((part, index) =>
    index % 2 === 1 ? (
      <a key={index} href={part}>{part}</a>
    ) : (
      <Fragment key={index}>{part}</Fragment>
    ),
  );
}
