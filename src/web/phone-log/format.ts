import type { Call } from './api';
import { formatTime, formatPhone, practiceToday } from '../ui/format';

/** Who called: the patient when known, else the name, else the number. */
export function callerLabel(c: Call): string {
  return c.patient?.name ?? c.callerName ?? (c.callerPhone ? formatPhone(c.callerPhone) : '—');
}

/** The time of a call, by the one rule of ui/format.ts (« 14 h 05 »). */
export const timeOf = (iso: string): string => formatTime(iso);

/** Today's date as "2026-03-10" in the browser's time zone. */
/** Today at the practice (the shared rule: Paris, not the browser's zone). */
export function todayIso(): string {
  return practiceToday();
}
