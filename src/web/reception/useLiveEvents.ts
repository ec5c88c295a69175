import { useEventStream, type LiveState } from '../api/useEventStream';

export type { LiveState };

/**
 * Server-sent events of the desk or the board (`reception.changed`, no patient data). After every
 * reconnection `onChange` runs too: changes may have been missed meanwhile.
 */
export function useLiveEvents(url: string | null, onChange: () => void): LiveState {
  return useEventStream(url, { 'reception.changed': () => onChange() }, onChange);
}
