import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { Alert } from '../ui/Alert';
import { formatDateTime, COMPACT, phoneHref, formatPhone } from '../ui/format';
import { PageTitle } from '../ui/PageTitle';
import { useLoad } from '../ui/useLoad';
import { phoneApi, type Call } from './api';
import { callerLabel } from './format';
import './phone-log.css';

/** #/messages — a practitioner's messages left by the desk from phone calls: unread first. */
export function MessagesPage() {
  const { t } = useTranslation();
  const [show, setShow] = useState<'unread' | 'all'>('all');
  const [error, setError] = useState<string | null>(null);
  const result = useLoad(() => phoneApi.messages(show), [show]);
  const messages = result.data?.messages ?? [];

  async function toggle(m: Call) {
    setError(null);
    try {
      await phoneApi.setRead(m.id, !m.messageReadAt);
      result.reload();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t('errors.unexpectedShort'));
    }
  }

  return (
    <>
      <PageTitle title={t('phoneLog.messages.title')}>
        {t('phoneLog.messages.title')}{' '}
        {(result.data?.unread ?? 0) > 0 && <span className="badge badge-accent" data-testid="messages-unread">{t('phoneLog.messages.unreadCount', { count: result.data!.unread })}</span>}
      </PageTitle>
      <p className="muted">{t('phoneLog.messages.intro')}</p>
      <div className="button-row" role="group" aria-label={t('phoneLog.messages.filter')}>
        {(['all', 'unread'] as const).map((s) => (
          <button key={s} type="button" className="button button-small" aria-pressed={show === s} onClick={() => setShow(s)} data-testid={`messages-show-${s}`}>{t(`phoneLog.messages.show.${s}`)}</button>
        ))}
      </div>
      {(result.error || error) && <Alert tone="error">{error ?? result.error?.message}</Alert>}
      <p role="status" className="muted result-count">{result.loading ? t('common.loading') : t('phoneLog.messages.count', { count: messages.length })}</p>
      <ul className="pl-messages" data-testid="messages-list">
        {messages.map((m) => (
          <li key={m.id} className={`card pl-message${m.messageReadAt ? '' : ' pl-message-unread'}`} data-testid="message-item" data-read={m.messageReadAt ? 'true' : 'false'}>
            <div className="pl-message-head">
              <h2 className="pl-message-title">
                {!m.messageReadAt && <span className="badge badge-accent">{t('phoneLog.messages.unread')}</span>}{' '}
                {callerLabel(m)}
              </h2>
              <span className="muted">{formatDateTime(m.occurredAt, COMPACT)}</span>
            </div>
            <p className="pl-cb-meta muted">
              {t(`phoneLog.reason.${m.reason}`)}
              {m.patient && m.callerName && <> · {t('phoneLog.messages.caller', { name: m.callerName })}</>}
              {m.callerPhone && <> · <a href={phoneHref(m.callerPhone)}>{formatPhone(m.callerPhone)}</a></>}
              {' · '}{t('phoneLog.messages.takenBy', { name: m.takenBy.name })}
            </p>
            <p className="pl-message-text" data-testid="message-text">{m.note}</p>
            <button type="button" className="button button-small" onClick={() => void toggle(m)} data-testid="message-toggle">
              {m.messageReadAt ? t('phoneLog.messages.markUnread') : t('phoneLog.messages.markRead')}
            </button>
          </li>
        ))}
      </ul>
    </>
  );
}
