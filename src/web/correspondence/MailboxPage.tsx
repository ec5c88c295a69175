import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { Alert } from '../ui/Alert';
import { Field } from '../ui/Field';
import { formatDateTime } from '../ui/format';
import { PageTitle } from '../ui/PageTitle';
import { useLoad } from '../ui/useLoad';
import { corrApi, type Mailbox, type MailboxInput, type MailboxTest } from './api';
import './correspondence.css';

/**
 * #/admin/boite-aux-lettres — the practice mailbox read into the register over IMAP (administrator). The password is
 * write-only: the server never returns it; left empty, the saved one is kept (and used by « Tester la connexion »).
 */
export function MailboxPage() {
  const { t } = useTranslation();
  const box = useLoad(() => corrApi.mailbox(), []);
  return (
    <>
      <PageTitle title={t('correspondence.mailbox.title')}>{t('correspondence.mailbox.title')}</PageTitle>
      <p className="muted">{t('correspondence.mailbox.intro')}</p>
      {box.error && <Alert tone="error">{box.error.message}</Alert>}
      {box.data ? <MailboxForm initial={box.data.mailbox} onSaved={box.reload} /> : !box.error && <p className="muted">{t('common.loading')}</p>}
    </>
  );
}

function MailboxForm({ initial, onSaved }: { initial: Mailbox | null; onSaved: () => void }) {
  const { t } = useTranslation();
  const [host, setHost] = useState(initial?.host ?? '');
  const [port, setPort] = useState(String(initial?.port ?? 993));
  const [secure, setSecure] = useState(initial?.secure ?? true);
  const [username, setUsername] = useState(initial?.username ?? '');
  const [password, setPassword] = useState('');
  const [mailbox, setMailbox] = useState(initial?.mailbox ?? 'INBOX');
  const [pollMinutes, setPollMinutes] = useState(String(initial?.pollMinutes ?? 5));
  const [enabled, setEnabled] = useState(initial?.enabled ?? true);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [test, setTest] = useState<MailboxTest | null>(null);
  const [busy, setBusy] = useState<'save' | 'test' | null>(null);

  const input = (): MailboxInput => ({
    host: host.trim(), port: Number(port), secure, username: username.trim(), mailbox: mailbox.trim() || 'INBOX', pollMinutes: Number(pollMinutes), enabled,
    ...(password ? { password } : {}),
  });

  async function run(kind: 'save' | 'test') {
    setError(null);
    setSaved(false);
    setTest(null);
    setBusy(kind);
    try {
      if (kind === 'save') {
        await corrApi.saveMailbox(input());
        setPassword('');
        setSaved(true);
        onSaved();
      } else {
        setTest(await corrApi.testMailbox(input()));
      }
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t('errors.unexpectedShort'));
    } finally {
      setBusy(null);
    }
  }

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run('save');
  };

  return (
    <form onSubmit={submit} noValidate className="card form form-narrow" data-testid="mailbox-form">
      <Field label={t('correspondence.mailbox.host')} required value={host} onChange={(e) => setHost(e.target.value)} testId="mailbox-host" autoComplete="off" />
      <Field label={t('correspondence.mailbox.port')} required type="number" min={1} max={65535} value={port} onChange={(e) => setPort(e.target.value)} testId="mailbox-port" />
      <div className="checkbox">
        <input type="checkbox" id="mailbox-secure" checked={secure} onChange={(e) => setSecure(e.target.checked)} data-testid="mailbox-secure" />
        <label htmlFor="mailbox-secure">{t('correspondence.mailbox.secure')}</label>
      </div>
      <Field label={t('correspondence.mailbox.username')} required value={username} onChange={(e) => setUsername(e.target.value)} testId="mailbox-username" autoComplete="off" />
      <Field
        label={t('correspondence.mailbox.password')} type="password" value={password} onChange={(e) => setPassword(e.target.value)} testId="mailbox-password" autoComplete="new-password"
        hint={initial ? t('correspondence.mailbox.passwordKept') : t('correspondence.mailbox.passwordNew')}
      />
      <Field label={t('correspondence.mailbox.folder')} value={mailbox} onChange={(e) => setMailbox(e.target.value)} testId="mailbox-folder" />
      <div className="checkbox">
        <input type="checkbox" id="mailbox-enabled" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} data-testid="mailbox-enabled" />
        <label htmlFor="mailbox-enabled">{t('correspondence.mailbox.enabled')}</label>
      </div>
      <Field label={t('correspondence.mailbox.every')} type="number" min={1} max={1440} value={pollMinutes} onChange={(e) => setPollMinutes(e.target.value)} testId="mailbox-every" disabled={!enabled} />
      {error && <Alert tone="error">{error}</Alert>}
      {saved && <Alert tone="success">{t(enabled ? 'correspondence.mailbox.saved' : 'correspondence.mailbox.savedOff')}</Alert>}
      {test && (
        <div data-testid="mailbox-test-result">
          {test.ok ? (
            <Alert tone="success">{t('correspondence.mailbox.testOk', { count: test.messages ?? 0, folder: mailbox || 'INBOX' })}</Alert>
          ) : (
            <Alert tone="error">{t(`correspondence.mailbox.reason.${test.reason ?? 'other'}`)}{test.detail ? ` (${test.detail})` : ''}</Alert>
          )}
        </div>
      )}
      <div className="button-row">
        <button type="button" className="button" disabled={busy !== null} onClick={() => void run('test')} data-testid="mailbox-test" aria-busy={busy === 'test'}>
          {busy === 'test' ? t('correspondence.mailbox.testing') : t('correspondence.mailbox.test')}
        </button>
        <button type="submit" className="button button-primary" disabled={busy !== null} data-testid="mailbox-save">{t('common.save')}</button>
      </div>
      {initial && (
        <p className="muted" data-testid="mailbox-last" role="status">
          {initial.lastPolledAt
            ? initial.lastError
              ? t('correspondence.mailbox.lastError', { at: formatDateTime(initial.lastPolledAt), error: initial.lastError })
              : t('correspondence.mailbox.lastOk', { at: formatDateTime(initial.lastPolledAt), count: initial.lastReceived })
            : t('correspondence.mailbox.neverRead')}
        </p>
      )}
    </form>
  );
}
