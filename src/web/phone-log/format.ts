import type { Call } from './api';
import { clock } from '../clock';

/** Who called: the patient when known, else the name, else the number. */
export function callerLabel(c: Call): string {
  return c.patient?.name ?? c.callerName ?? c.callerPhone ?? '—';
}

/** "14:05" in the browser's time zone. */
export function timeOf(iso: string): string {
  return new Intl.DateTimeFormat('fr-FR', { hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
}

/** Today's date as "2026-03-10" in the browser's time zone. */
export function todayIso(): string {
  const d = clock.now();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
