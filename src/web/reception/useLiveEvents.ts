import { useEffect, useRef, useState } from 'react';

export type LiveState = 'connecting' | 'live' | 'reconnecting';

/**
 * Server-sent events of the desk or the board (`reception.changed`, no patient data). EventSource reconnects
 * by itself; when it gives up we reopen with a growing delay. After every reconnection `onChange` runs too:
 * changes may have been missed meanwhile.
 */
export function useLiveEvents(url: string | null, onChange: () => void): LiveState {
  const [state, setState] = useState<LiveState>('connecting');
  const handler = useRef(onChange);
  handler.current = onChange;
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
        if (connectedOnce) handler.current();
        connectedOnce = true;
      });
      source.addEventListener('reception.changed', () => handler.current());
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
