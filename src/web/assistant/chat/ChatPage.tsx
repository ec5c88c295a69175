import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api/client';
import type { ChatIntro, Language } from '../../api/types';
import { currentLanguage, setLanguage } from '../../i18n';
import { useRoute } from '../../router';
import '../assistant.css';
import { EmergencyBanner } from './EmergencyBanner';
import { loadToken, saveToken } from './storage';
import { dialogApi } from '../api';
import { clock } from '../../clock';
import { frenchTypography } from '../../ui/typography';
import { LanguageSwitch } from '../../ui/LanguageSwitch';

interface ChatMessage {
  key: string;
  direction: 'in' | 'out';
  text: string;
  at: string;
  emergency?: boolean;
  numbers?: string[];
  /** Booking dialog: answers offered as buttons (only those of the last reply are shown). */
  choices?: string[];
}

// Replies stored before the history carried its emergency flag: a vital reply starts with this sentence (reply.ts).
const EMERGENCY_START = /^(Appelez immédiatement le 15|Call 15 \(SAMU)/;
const MAX_LENGTH = 2000;

/** Message sent by the embedded chat to the page that hosts the widget (assistant-widget.js). */
export const CLOSE_MESSAGE = 'pivot-assistant:close';

/** Public chat with the practice's assistant: #/chat/<slug>, standalone or in the widget's iframe (?embed=1). */
export function ChatPage({ practice }: { practice: string }) {
  const { t, i18n } = useTranslation();
  const { query } = useRoute();
  const embedded = query.get('embed') === '1';
  const inputId = useId();
  const [intro, setIntro] = useState<ChatIntro | null>(null);
  const [introError, setIntroError] = useState<string | null>(null);
  const [messages, setMessages] = useState<ChatMessage[]>([]);
  const [text, setText] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const token = useRef<string | null>(loadToken(practice));
  const logRef = useRef<HTMLDivElement>(null);
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const counter = useRef(0);
  const lang: Language = i18n.language === 'en' ? 'en' : 'fr';
  // The server's replies are plain text (also sent by SMS): French no-break spaces are set where they are shown.
  const typeset = (text: string) => (lang === 'fr' ? frenchTypography(text) : text);

  // ?lang=en from the widget's data-lang.
  useEffect(() => {
    const wanted = query.get('lang');
    if ((wanted === 'fr' || wanted === 'en') && wanted !== currentLanguage()) void setLanguage(wanted);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    let current = true;
    api.chatIntro(practice).then(
      (data) => current && setIntro(data),
      (err: unknown) => current && setIntroError(err instanceof ApiError && err.status === 404 ? t('assistant.chat.unknownPractice') : t('assistant.chat.unavailable')),
    );
    const saved = token.current;
    if (saved) {
      dialogApi.chatHistory({ practice, conversationToken: saved }).then(
        (history) => {
          if (!current) return;
          setMessages(
            history.messages.map((m, i) => ({
              key: `h${i}`,
              direction: m.direction,
              text: m.text,
              at: m.at,
              emergency: m.direction === 'out' && (m.emergency ?? EMERGENCY_START.test(m.text)),
              numbers: [],
            })),
          );
        },
        () => {
          token.current = null;
          saveToken(practice, null);
        },
      );
    }
    return () => {
      current = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [practice]);

  useEffect(() => {
    document.title = intro ? `${t('assistant.chat.title')} — ${intro.practice.name}` : t('assistant.chat.title');
  }, [intro, t, lang]);

  // Embedded: the widget was just opened by the visitor, so the message box takes the focus.
  useEffect(() => {
    if (embedded && intro) inputRef.current?.focus();
  }, [embedded, intro]);

  // Embedded: Escape asks the host page to close the widget (it gives the focus back to its button).
  useEffect(() => {
    if (!embedded || window.parent === window) return;
    const onKey = (event: globalThis.KeyboardEvent) => {
      if (event.key === 'Escape') window.parent.postMessage({ type: CLOSE_MESSAGE }, '*');
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [embedded]);

  // Show the newest message; a vital reply is scrolled to its top so that the banner is what is seen.
  useEffect(() => {
    const log = logRef.current;
    const last = log?.querySelector<HTMLElement>('[data-testid="chat-message"]:last-of-type');
    if (!log || !last) return;
    last.scrollIntoView({ block: last.querySelector('[data-testid="chat-emergency"]') ? 'start' : 'end', behavior: 'auto' });
  }, [messages]);

  async function send(event?: FormEvent, choice?: string) {
    event?.preventDefault();
    const body = (choice ?? text).trim();
    if (!body || sending) return;
    setSending(true);
    setError(null);
    const mine: ChatMessage = { key: `m${counter.current++}`, direction: 'in', text: body, at: clock.now().toISOString() };
    setMessages((list) => [...list, mine]);
    if (!choice) setText('');
    try {
      const res = await dialogApi.chatSend({ practice, text: body, ...(token.current ? { conversationToken: token.current } : {}) });
      token.current = res.conversationToken;
      saveToken(practice, res.conversationToken);
      const { reply } = res;
      setMessages((list) => [
        ...list,
        { key: `m${counter.current++}`, direction: 'out', text: reply.text, at: clock.now().toISOString(), emergency: reply.emergency, numbers: reply.numbers, choices: reply.choices ?? [] },
      ]);
    } catch (err) {
      setMessages((list) => list.filter((m) => m !== mine));
      if (!choice) setText(body);
      const rateLimited = err instanceof ApiError && err.status === 429;
      setError(rateLimited ? t('assistant.chat.rateLimited') : t('assistant.chat.sendFailed'));
    } finally {
      setSending(false);
    }
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void send();
    }
  }

  const name = intro?.practice.name ?? '';
  return (
    <div className={`chat-page${embedded ? ' chat-embedded' : ''}`} data-testid="chat-page">
      <header className="chat-header">
        <div className="chat-heading">
          <span className="chat-avatar" aria-hidden="true">P</span>
          <div>
            <h1 data-testid="chat-practice-name">{name || t('assistant.chat.title')}</h1>
            <p className="chat-subtitle">{t('assistant.chat.subtitle')}</p>
          </div>
        </div>
        <LanguageSwitch className="chat-lang" buttonClassName="chat-lang-button" testIdPrefix="chat-lang-" />
      </header>
      <p className="chat-notice" data-testid="chat-emergency-notice">
        <span aria-hidden="true" className="chat-notice-icon">!</span>
        <span>
          {t('assistant.chat.noticeBefore')} <a href="tel:15">15</a> {t('assistant.chat.noticeOr')} <a href="tel:112">112</a>
          {t('assistant.chat.noticeAfter')} <a href="sms:114">114</a>{t('assistant.chat.noticeEnd')}
        </span>
      </p>
      <main id="main-content" tabIndex={-1} className="chat-main">
        {introError ? (
          <div className="alert alert-error" role="alert" data-testid="chat-error">{introError}</div>
        ) : (
          <>
            <div ref={logRef} className="chat-log" role="log" tabIndex={0} aria-live="polite" aria-relevant="additions" aria-label={t('assistant.chat.logLabel')} data-testid="chat-log">
              {intro && (
                <div className="chat-message chat-out" data-testid="chat-greeting">
                  <p className="chat-author">{t('assistant.chat.assistant')}</p>
                  <p className="chat-text">{typeset(intro.greeting[lang])}</p>
                </div>
              )}
              {messages.map((m, index) => (
                <div key={m.key} className={`chat-message chat-${m.direction}${m.emergency ? ' chat-vital' : ''}`} data-testid="chat-message" data-direction={m.direction}>
                  {m.direction === 'out' && m.emergency ? (
                    <EmergencyBanner text={m.text} numbers={m.numbers ?? []} />
                  ) : (
                    <>
                      <p className="chat-author">{m.direction === 'in' ? t('assistant.chat.you') : t('assistant.chat.assistant')}</p>
                      <p className="chat-text" data-testid={m.direction === 'out' ? 'chat-reply-text' : undefined}>{m.direction === 'out' ? typeset(m.text) : m.text}</p>
                      {m.direction === 'out' && (m.numbers?.length ?? 0) > 0 && <UsefulNumbers numbers={m.numbers ?? []} />}
                      {m.direction === 'out' && index === messages.length - 1 && (m.choices?.length ?? 0) > 0 && (
                        <ul className="chat-choices" aria-label={t('assistant.dialog.choicesLabel')} data-testid="chat-choices">
                          {m.choices!.map((c) => (
                            <li key={c}>
                              <button type="button" className="button chat-choice" disabled={sending} onClick={() => void send(undefined, c)} data-testid="chat-choice">
                                {c}
                              </button>
                            </li>
                          ))}
                        </ul>
                      )}
                    </>
                  )}
                </div>
              ))}
            </div>
            <p className="chat-pending" role="status">{sending ? t('assistant.chat.pending') : ''}</p>
            {error && (
              <div className="alert alert-error" role="alert" data-testid="chat-send-error">
                {error} {t('assistant.chat.emergencyReminder')}
              </div>
            )}
            <form className="chat-form" onSubmit={send}>
              <label htmlFor={inputId} className="chat-label">{t('assistant.chat.inputLabel')}</label>
              <div className="chat-compose">
                <textarea
                  ref={inputRef}
                  id={inputId}
                  value={text}
                  rows={2}
                  maxLength={MAX_LENGTH}
                  onChange={(e) => setText(e.target.value)}
                  onKeyDown={onKeyDown}
                  aria-describedby={`${inputId}-hint`}
                  disabled={!intro}
                  data-testid="chat-input"
                />
                <button type="submit" className="button button-primary chat-send" disabled={sending || !text.trim() || !intro} data-testid="chat-send">
                  {t('assistant.chat.send')}
                </button>
              </div>
              <p id={`${inputId}-hint`} className="field-hint">{t('assistant.chat.inputHint')}</p>
            </form>
            <p className="chat-privacy">{t('assistant.chat.privacy')}</p>
          </>
        )}
      </main>
    </div>
  );
}

function UsefulNumbers({ numbers }: { numbers: string[] }) {
  const { t } = useTranslation();
  return (
    <p className="chat-numbers">
      <span>{t('assistant.chat.usefulNumbers')}</span>{' '}
      {numbers.map((n, i) => (
        <span key={n}>
          {i > 0 && ' · '}
          <a href={`${n === '114' ? 'sms' : 'tel'}:${n.replace(/\s/g, '')}`}>{n}</a>
        </span>
      ))}
    </p>
  );
}
