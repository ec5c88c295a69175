import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, LiveMessage } from '../ui/Alert';
import { CopyButton } from '../ui/CopyButton';
import { PageTitle } from '../ui/PageTitle';
import { useLoad } from '../ui/useLoad';
import { receptionApi, type BoardDisplay } from './api';
import './reception.css';
import { formatDate } from '../ui/format';

/** Admin: grace periods (late, no-show), what the waiting-room board shows, and its secret link. */
export function ReceptionSettingsPage() {
  const { t } = useTranslation();
  const settings = useLoad(() => receptionApi.settings(), []);
  const [late, setLate] = useState(10);
  const [noShow, setNoShow] = useState(30);
  const [display, setDisplay] = useState<BoardDisplay>('ticket');
  const [average, setAverage] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [link, setLink] = useState<string | null>(null);
  useEffect(() => {
    const s = settings.data;
    if (!s) return;
    setLate(s.lateGraceMinutes);
    setNoShow(s.noShowGraceMinutes);
    setDisplay(s.boardDisplay);
    setAverage(s.boardShowAverageWait);
  }, [settings.data]);

  async function save(e: React.FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      settings.setData(await receptionApi.saveSettings({ lateGraceMinutes: late, noShowGraceMinutes: noShow, boardDisplay: display, boardShowAverageWait: average }));
      setMessage(t('reception.settings.saved'));
    } catch (err) {
      setError((err as Error).message);
    }
  }
  async function createLink() {
    setError(null);
    try {
      const r = await receptionApi.createBoardLink();
      setLink(`${window.location.origin}${r.path}`);
      settings.reload();
    } catch (err) {
      setError((err as Error).message);
    }
  }
  async function revoke() {
    await receptionApi.revokeBoardLink().catch((err: Error) => setError(err.message));
    setLink(null);
    settings.reload();
  }

  return (
    <div className="page" data-testid="reception-settings">
      <PageTitle title={t('reception.settings.title')}>{t('reception.settings.title')}</PageTitle>
      <LiveMessage message={message} />
      {error && <Alert tone="error">{error}</Alert>}
      <form className="card form stack" onSubmit={(e) => void save(e)}>
        <div className="field field-narrow">
          <label htmlFor="rs-late">{t('reception.settings.late')}</label>
          <input id="rs-late" type="number" min={0} max={120} value={late} onChange={(e) => setLate(Number(e.target.value))} data-testid="settings-late" />
        </div>
        <div className="field field-narrow">
          <label htmlFor="rs-noshow">{t('reception.settings.noShow')}</label>
          <input id="rs-noshow" type="number" min={1} max={480} value={noShow} onChange={(e) => setNoShow(Number(e.target.value))} data-testid="settings-noshow" />
        </div>
        <div className="field field-narrow">
          <label htmlFor="rs-display">{t('reception.settings.display')}</label>
          <select id="rs-display" value={display} onChange={(e) => setDisplay(e.target.value as BoardDisplay)} data-testid="settings-display">
            <option value="ticket">{t('reception.settings.displayTicket')}</option>
            <option value="initials">{t('reception.settings.displayInitials')}</option>
          </select>
          <p className="field-hint">{t('reception.settings.secrecy')}</p>
        </div>
        <label className="checkbox">
          <input type="checkbox" checked={average} onChange={(e) => setAverage(e.target.checked)} data-testid="settings-average" />
          {t('reception.settings.average')}
        </label>
        <div className="button-row"><button type="submit" className="button button-primary" data-testid="settings-save">{t('common.save')}</button></div>
      </form>
      <section className="card stack" aria-labelledby="rs-board">
        <h2 id="rs-board">{t('reception.settings.boardTitle')}</h2>
        <p>{t('reception.settings.boardHelp')}</p>
        <p>{settings.data?.boardLinkActive ? t('reception.settings.boardActive', { date: formatDate(settings.data.boardLinkCreatedAt) }) : t('reception.settings.boardNone')}</p>
        {link && (
          <p className="stack-tight">
            <a href={link} target="_blank" rel="noreferrer" data-testid="board-link">{link}</a>
            <CopyButton text={link} label={t('reception.settings.copy')} />
          </p>
        )}
        <div className="button-row">
          <button type="button" className="button" onClick={() => void createLink()} data-testid="board-link-create">{t(settings.data?.boardLinkActive ? 'reception.settings.boardRenew' : 'reception.settings.boardCreate')}</button>
          {settings.data?.boardLinkActive && <button type="button" className="button button-danger" onClick={() => void revoke()}>{t('reception.settings.boardRevoke')}</button>}
        </div>
      </section>
    </div>
  );
}
