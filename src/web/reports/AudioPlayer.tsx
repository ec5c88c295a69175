import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The dictation player, driven from the keyboard anywhere on the page (also while typing in the editor) and by
 * USB foot pedals, which send keys: F9 play/pause, F7 back 3 seconds, F8 next speed (0.75 → 1 → 1.25 → 1.5).
 * The recording is fetched once as a blob, so that going back works whatever the server's range support.
 */
export const SPEEDS = [0.75, 1, 1.25, 1.5] as const;
export const PEDAL_KEYS = { playPause: 'F9', rewind: 'F7', speed: 'F8' } as const;
const REWIND_SECONDS = 3;

export function AudioPlayer({ src, version }: { src: string; version: string }) {
  const { t } = useTranslation();
  const audio = useRef<HTMLAudioElement>(null);
  const [url, setUrl] = useState<string | null>(null);
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState(1);
  const [time, setTime] = useState(0);
  const [duration, setDuration] = useState(0);
  const [error, setError] = useState(false);

  useEffect(() => {
    let objectUrl: string | null = null;
    let current = true;
    fetch(src, { credentials: 'same-origin' })
      .then((r) => (r.ok ? r.blob() : Promise.reject(new Error(String(r.status)))))
      .then((blob) => {
        if (!current) return;
        objectUrl = URL.createObjectURL(blob);
        setUrl(objectUrl);
      })
      .catch(() => current && setError(true));
    return () => {
      current = false;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [src, version]);

  const toggle = () => {
    const a = audio.current;
    if (!a) return;
    if (a.paused) void a.play();
    else a.pause();
  };
  const rewind = () => {
    const a = audio.current;
    if (a) a.currentTime = Math.max(0, a.currentTime - REWIND_SECONDS);
  };
  const nextSpeed = () => {
    const i = SPEEDS.indexOf(speed as (typeof SPEEDS)[number]);
    setSpeed(SPEEDS[(i + 1) % SPEEDS.length]!);
  };

  useEffect(() => {
    if (audio.current) audio.current.playbackRate = speed;
  }, [speed, url]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.altKey || e.metaKey || e.shiftKey) return;
      const act = e.key === PEDAL_KEYS.playPause ? toggle : e.key === PEDAL_KEYS.rewind ? rewind : e.key === PEDAL_KEYS.speed ? nextSpeed : null;
      if (!act) return;
      e.preventDefault();
      e.stopPropagation();
      act();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  });

  const fmt = (s: number) => `${Math.floor(s / 60)}:${String(Math.floor(s % 60)).padStart(2, '0')}`;
  if (error) return <p role="alert">{t('reports.audio.unavailable')}</p>;
  return (
    <div className="audio-player" role="group" aria-label={t('reports.audio.player')} data-testid="audio-player" data-playing={playing} data-speed={speed} data-time={time.toFixed(2)}>
      {url && (
        <audio
          ref={audio}
          src={url}
          preload="auto"
          onPlay={() => setPlaying(true)}
          onPause={() => setPlaying(false)}
          onEnded={() => setPlaying(false)}
          onTimeUpdate={(e) => setTime(e.currentTarget.currentTime)}
          onSeeked={(e) => setTime(e.currentTarget.currentTime)}
          onLoadedMetadata={(e) => setDuration(e.currentTarget.duration)}
          data-testid="audio-element"
        />
      )}
      <button type="button" className="button" onClick={toggle} disabled={!url} aria-keyshortcuts={PEDAL_KEYS.playPause} data-testid="audio-toggle">
        {playing ? t('reports.audio.pause') : t('reports.audio.play')} <kbd>{PEDAL_KEYS.playPause}</kbd>
      </button>
      <button type="button" className="button" onClick={rewind} disabled={!url} aria-keyshortcuts={PEDAL_KEYS.rewind} data-testid="audio-rewind">
        {t('reports.audio.rewind')} <kbd>{PEDAL_KEYS.rewind}</kbd>
      </button>
      <button type="button" className="button" onClick={nextSpeed} disabled={!url} aria-keyshortcuts={PEDAL_KEYS.speed} data-testid="audio-speed">
        {t('reports.audio.speed', { speed: speed.toLocaleString('fr-FR') })} <kbd>{PEDAL_KEYS.speed}</kbd>
      </button>
      <span className="audio-time" aria-live="off" data-testid="audio-time">{fmt(time)} / {fmt(duration || 0)}</span>
    </div>
  );
}

/** Records the dictation in the browser (MediaRecorder: WebM/Opus in Chromium and Firefox, MP4 in Safari). */
export function Recorder({ onDone }: { onDone: (blob: Blob, fileName: string) => void }) {
  const { t } = useTranslation();
  const recorder = useRef<MediaRecorder | null>(null);
  const [recording, setRecording] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (typeof MediaRecorder === 'undefined' || !navigator.mediaDevices) return null;
  async function start() {
    setError(null);
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
      const r = new MediaRecorder(stream);
      const chunks: Blob[] = [];
      r.ondataavailable = (e) => chunks.push(e.data);
      r.onstop = () => {
        stream.getTracks().forEach((tr) => tr.stop());
        const type = r.mimeType || 'audio/webm';
        onDone(new Blob(chunks, { type }), `dictee.${type.includes('mp4') ? 'm4a' : type.includes('ogg') ? 'ogg' : 'webm'}`);
      };
      r.start();
      recorder.current = r;
      setRecording(true);
    } catch {
      setError(t('reports.audio.micRefused'));
    }
  }
  function stop() {
    recorder.current?.stop();
    setRecording(false);
  }
  return (
    <>
      <button type="button" className={`button${recording ? ' button-danger' : ''}`} onClick={() => void (recording ? stop() : start())} aria-pressed={recording} data-testid="audio-record">
        {recording ? t('reports.audio.stop') : t('reports.audio.record')}
      </button>
      {error && <span role="alert">{error}</span>}
    </>
  );
}
