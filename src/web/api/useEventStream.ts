import { useEffect, useRef, useState } from 'react';

export type LiveState = 'connecting' | 'live' | 'reconnecting';

/** Handlers by event name; each receives the event's raw `data`. */
export type EventHandlers = Record<string, (data: string) => void>;

/**
 * A server-sent event stream of the app (same-origin session cookie) and its state for the UI. The server
 * sends `ready` once it listens. EventSource reconnects by itself after a network error; when it gives up
 * (e.g. the server answered an error), we open a new one with a growing delay (2 s doubled up to 1 min).
 * After every REconnection `onReconnected` runs: events may have been missed meanwhile.
 * The event names are read when the stream opens; the handlers themselves may change on every render.
 */
export function useEventStream(url: string | null, handlers: EventHandlers, onReconnected: () => void): LiveState {
  const [state, setState] = useState<LiveState>('connecting');
  const current = useRef({ handlers, onReconnected });
  current.current = { handlers, onReconnected };

  useEffect(() => {
    if (!url || typeof EventSource === 'undefined') return;
    let source: EventSource | undefined;
    let timer: number | undefined;
    let delay = 2000;
    let connectedOnce = false;
    let stopped = false;
    const open = () => {
      source = new EventSource(url, { withCredentials: true });
      source.addEventListener('ready', () => {
        setState('live');
        delay = 2000;
        if (connectedOnce) current.current.onReconnected();
        connectedOnce = true;
      });
      for (const event of Object.keys(current.current.handlers)) {
        source.addEventListener(event, (e) => current.current.handlers[event]?.((e as MessageEvent<string>).data));
      }
      source.onerror = () => {
        if (stopped) return;
        setState('reconnecting');
        if (source?.readyState === EventSource.CLOSED) {
          source.close();
          timer = window.setTimeout(open, delay);
          delay = Math.min(delay * 2, 60_000);
        }
      };
    };
    open();
    return () => {
      stopped = true;
      window.clearTimeout(timer);
      source?.close();
    };
  }, [url]);

  return state;
}
