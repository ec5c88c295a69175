import { useEffect, useRef, useState } from 'react';
import { EVENTS_URL } from './api';

export interface AgendaChangeEvent {
  appointmentId: string;
  practitionerId: string;
  start: string;
  day: string | null;
  op: 'insert' | 'update' | 'delete';
  previousPractitionerId: string | null;
  previousStart: string | null;
  previousDay: string | null;
}

export type LiveState = 'connecting' | 'live' | 'reconnecting';

/**
 * Live agenda changes (server-sent events, same-origin session cookie). EventSource reconnects by itself
 * after a network error; when it gives up (e.g. the server answered an error), we open a new one with a
 * growing delay. After every (re)connection `onResync` runs: changes may have been missed meanwhile.
 */
export function useAgendaEvents(onChange: (e: AgendaChangeEvent) => void, onResync: () => void): LiveState {
  const [state, setState] = useState<LiveState>('connecting');
  const handlers = useRef({ onChange, onResync });
  handlers.current = { onChange, onResync };

  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    let source: EventSource | undefined;
    let timer: number | undefined;
    let delay = 2000;
    let everConnected = false;
    let stopped = false;
    const open = () => {
      source = new EventSource(EVENTS_URL, { withCredentials: true });
      source.addEventListener('ready', () => {
        setState('live');
        delay = 2000;
        if (everConnected) handlers.current.onResync();
        everConnected = true;
      });
      source.addEventListener('resync', () => handlers.current.onResync());
      source.addEventListener('appointment.changed', (e) => {
        try {
          handlers.current.onChange(JSON.parse((e as MessageEvent<string>).data) as AgendaChangeEvent);
        } catch {
          /* malformed event: ignore */
        }
      });
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
  }, []);

  return state;
}
