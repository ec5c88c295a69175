import { useEventStream, type LiveState } from '../api/useEventStream';
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

export type { LiveState };

/**
 * Live agenda changes (server-sent events). `onResync` runs after every reconnection and when the server
 * asks for it (its LISTEN connection was lost): changes may have been missed meanwhile.
 */
export function useAgendaEvents(onChange: (e: AgendaChangeEvent) => void, onResync: () => void): LiveState {
  return useEventStream(
    EVENTS_URL,
    {
      resync: () => onResync(),
      'appointment.changed': (data) => {
        try {
          onChange(JSON.parse(data) as AgendaChangeEvent);
        } catch {
          /* malformed event: ignore */
        }
      },
    },
    onResync,
  );
}
