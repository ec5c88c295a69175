import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { boardEventsUrl, DESK_EVENTS_URL, receptionApi, type Board } from './api';
import { useLiveEvents } from './useLiveEvents';
import './reception.css';
import { clock } from '../clock';
import { formatTime } from '../ui/format';

/**
 * The waiting-room board (#/salle-attente/<secret>): a kiosk page, large type on a dark background, readable
 * across the room. It shows calls (« Ticket 12 — Cabinet 2 ») with a chime (Web Audio API) and the waiting
 * tickets — never a name: ticket numbers or initials, as the practice chose. Live by SSE.
 * Without a token it is the desk's own copy (#/reception/salle-attente), read with the secretary's session.
 */
export function BoardPage({ token }: { token?: string }) {
  const { t } = useTranslation();
  const [board, setBoard] = useState<Board | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [soundOn, setSoundOn] = useState(false);
  const [chimes, setChimes] = useState(0);
  const [time, setTime] = useState(() => clock.now());
  const audio = useRef<AudioContext | null>(null);
  const seen = useRef<Map<string, number> | null>(null);

  const chime = useCallback(() => {
    setChimes((n) => n + 1);
    const ctx = audio.current;
    if (!ctx || ctx.state !== 'running') return;
    // Two soft tones (ding-dong), loud enough across a room, short enough not to startle.
    [880, 660].forEach((freq, i) => {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.frequency.value = freq;
      osc.type = 'sine';
      const at = ctx.currentTime + i * 0.45;
      gain.gain.setValueAtTime(0.0001, at);
      gain.gain.exponentialRampToValueAtTime(0.4, at + 0.03);
      gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.9);
      osc.connect(gain).connect(ctx.destination);
      osc.start(at);
      osc.stop(at + 0.95);
    });
  }, []);

  const load = useCallback(() => {
    (token === undefined ? receptionApi.deskBoard() : receptionApi.board(token)).then(
      (b) => {
        setError(null);
        setBoard(b);
        const previous = seen.current;
        const now = new Map(b.calls.map((c) => [c.id, c.count]));
        // A new call, or a patient called again: chime (not on the first load).
        if (previous && b.calls.some((c) => (previous.get(c.id) ?? 0) < c.count)) chime();
        seen.current = now;
      },
      (err: unknown) => setError(err instanceof ApiError && err.status === 404 ? t('reception.board.unknown') : t('reception.board.offline')),
    );
  }, [token, chime, t]);

  useEffect(load, [load]);
  const live = useLiveEvents(token === undefined ? DESK_EVENTS_URL : boardEventsUrl(token), load);
  useEffect(() => {
    const timer = window.setInterval(() => setTime(clock.now()), 15_000);
    // Fallback poll in case the stream is cut by a proxy.
    const poll = window.setInterval(load, 60_000);
    return () => {
      window.clearInterval(timer);
      window.clearInterval(poll);
    };
  }, [load]);
  useEffect(() => {
    document.title = board ? `${t('reception.board.title')} — ${board.practiceName}` : t('reception.board.title');
  }, [board, t]);

  function enableSound() {
    const Ctor = window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
    if (!Ctor) return;
    audio.current ??= new Ctor();
    void audio.current.resume().then(() => {
      setSoundOn(true);
      chime();
    });
  }

  const [latest, ...older] = board?.calls ?? [];
  return (
    <main id="main-content" className="board" data-testid="board-page" data-live={live} data-chimes={chimes}>
      <header className="board-header">
        <h1>{board?.practiceName ?? t('reception.board.title')}</h1>
        <p className="board-clock" aria-label={t('reception.board.time')}>{formatTime(time)}</p>
        {!soundOn && (
          <button type="button" className="board-sound" onClick={enableSound} data-testid="board-sound">{t('reception.board.enableSound')}</button>
        )}
      </header>
      {error && <p className="board-error" role="alert">{error}</p>}
      {board && (
        <div className="board-grid">
          <section className="board-calls" aria-labelledby="board-calls-title" aria-live="assertive">
            <h2 id="board-calls-title">{t('reception.board.calls')}</h2>
            {latest ? (
              <p className="board-call board-call-latest" data-testid="board-call">
                <span className="board-label">{latest.label}</span> <span className="board-to"><span aria-hidden="true">— </span>{latest.to}</span>
              </p>
            ) : <p className="board-empty">{t('reception.board.noCall')}</p>}
            <ul className="board-older">
              {older.map((c) => (
                <li key={c.id} className="board-call" data-testid="board-call">
                  <span className="board-label">{c.label}</span> <span className="board-to"><span aria-hidden="true">— </span>{c.to}</span>
                </li>
              ))}
            </ul>
          </section>
          <section className="board-waiting" aria-labelledby="board-waiting-title">
            <h2 id="board-waiting-title">{t('reception.board.waiting', { count: board.waiting.length })}</h2>
            <ol className="board-tickets">
              {board.waiting.map((w) => <li key={w.label} data-testid="board-waiting">{w.label}</li>)}
            </ol>
            {board.averageWaitMinutes !== null && (
              <p className="board-average" data-testid="board-average">{t('reception.board.average', { minutes: board.averageWaitMinutes })}</p>
            )}
          </section>
        </div>
      )}
      <footer className="board-footer">{t('reception.board.footer')}</footer>
    </main>
  );
}
