/**
 * FHIR Slot ids are not stored: a free slot is computed. Its id says everything needed to book it back:
 * `<scheduleId>-<epochMinutes>-<durationMinutes>`, the Schedule id being the practitioner's id (a UUID).
 */
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const SLOT_ID = new RegExp(`^(${UUID})-(\\d{1,10})-(\\d{1,3})$`);

export function slotId(practitionerId: string, start: Date, end: Date): string {
  return `${practitionerId}-${Math.floor(start.getTime() / 60_000)}-${Math.round((end.getTime() - start.getTime()) / 60_000)}`;
}

export function parseSlotId(id: string): { practitionerId: string; start: Date; end: Date } | undefined {
  const m = SLOT_ID.exec(id.toLowerCase());
  if (!m) return undefined;
  const minutes = Number(m[2]);
  const duration = Number(m[3]);
  if (duration < 5 || duration > 480) return undefined;
  return { practitionerId: m[1]!, start: new Date(minutes * 60_000), end: new Date((minutes + duration) * 60_000) };
}
