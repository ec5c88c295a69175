// The week grid of the online booking page (pure): weeks start on Monday in the practice's zone, not the browser's.
import { addDays, instantAt, weekStart } from '../agenda/time';
import type { PublicMotif, PublicPractitioner, Slot } from './api';
import { dayKey } from './format';

export type PatientKind = 'known' | 'new';

/** The instants that bound a week (Monday 00:00 to the next Monday 00:00, practice time). */
export function weekBounds(monday: string, zone: string): { from: string; to: string } {
  return { from: instantAt(monday, 0, zone).toUTC().toISO()!, to: instantAt(addDays(monday, 7), 0, zone).toUTC().toISO()! };
}

/** The Monday of the week holding an instant (practice time). */
export function mondayOf(iso: string, zone: string): string {
  return weekStart(dayKey(iso, zone));
}

export interface GridDay { date: string; slots: Slot[] }

/**
 * The columns of a week: Monday to Saturday always (a closed day shows as empty, so the week keeps its shape),
 * Sunday only when it has a slot. Slots keep their order (the server's: by time).
 */
export function gridDays(monday: string, slots: Slot[], zone: string): GridDay[] {
  const days: GridDay[] = Array.from({ length: 7 }, (_, i) => ({ date: addDays(monday, i), slots: [] }));
  const byDate = new Map(days.map((d) => [d.date, d]));
  for (const s of slots) byDate.get(dayKey(s.start, zone))?.slots.push(s);
  return days[6]!.slots.length > 0 ? days : days.slice(0, 6);
}

/** Motifs open online to this kind of patient (a motif closed to new patients is never offered to them). */
export function motifsFor(motifs: PublicMotif[], kind: PatientKind): PublicMotif[] {
  return kind === 'new' ? motifs.filter((m) => m.newPatientsAllowed) : motifs;
}

export interface MotifGroup { specialty: string; practitioners: { practitioner: PublicPractitioner; motifs: PublicMotif[] }[] }

/**
 * Motifs grouped by specialty, then by practitioner (a motif shared by the practice appears under each
 * practitioner); a practitioner with no motif for this kind of patient is left out. Order: the server's.
 */
export function groupMotifs(practitioners: PublicPractitioner[], motifs: PublicMotif[], kind: PatientKind): MotifGroup[] {
  const open = motifsFor(motifs, kind);
  const groups: MotifGroup[] = [];
  for (const practitioner of practitioners) {
    const own = open.filter((m) => m.practitionerId === null || m.practitionerId === practitioner.id);
    if (own.length === 0) continue;
    const specialty = practitioner.specialty ?? '';
    let group = groups.find((g) => g.specialty === specialty);
    if (!group) groups.push((group = { specialty, practitioners: [] }));
    group.practitioners.push({ practitioner, motifs: own });
  }
  return groups;
}
