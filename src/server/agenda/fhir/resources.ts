import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppointmentDto } from '../appointments.js';
import { slotId } from '../slot-id.js';
import { isCancelled, toFhirStatus } from '../status.js';

/** How the agenda is served as FHIR R4: Practitioner, Schedule, Appointment, searchset bundles and version headers. */

const RPPS_SYSTEM = 'urn:oid:1.2.250.1.71.4.2.1'; // IDNPS: '8' + RPPS
export const MOTIF_SYSTEM = 'urn:pivot:motif';
const CANCEL_SYSTEM = 'http://terminology.hl7.org/CodeSystem/appointment-cancellation-reason';

export const base = (req: FastifyRequest) => `${req.protocol}://${req.headers.host ?? 'localhost'}/fhir/R4`;

export function searchset(req: FastifyRequest, type: string, resources: object[], total?: number) {
  const b = base(req);
  return {
    resourceType: 'Bundle' as const,
    type: 'searchset',
    total: total ?? resources.length,
    link: [{ relation: 'self', url: `${b}${req.url.replace(/^\/fhir\/R4/, '')}` }],
    entry: resources.map((r) => ({ fullUrl: `${b}/${type}/${(r as { id: string }).id}`, resource: r, search: { mode: 'match' } })),
  };
}

export type PractitionerRow = { id: string; display_name: string; rpps: string | null; specialty: string; active: boolean; updated_at: Date | string };

export function fhirPractitioner(p: PractitionerRow) {
  return {
    resourceType: 'Practitioner' as const,
    id: p.id,
    meta: { lastUpdated: new Date(p.updated_at).toISOString() },
    active: p.active,
    ...(p.rpps ? { identifier: [{ system: RPPS_SYSTEM, value: `8${p.rpps}` }] } : {}),
    name: [{ text: p.display_name }],
    qualification: [{ code: { text: p.specialty } }],
  };
}

export function fhirSchedule(p: PractitionerRow, timeZone: string) {
  return {
    resourceType: 'Schedule' as const,
    id: p.id,
    meta: { lastUpdated: new Date(p.updated_at).toISOString() },
    active: p.active,
    actor: [{ reference: `Practitioner/${p.id}`, display: p.display_name }],
    comment: `Agenda de ${p.display_name} (${timeZone})`,
  };
}

export function motifConcept(m: { id: string; name: string } | undefined) {
  return m ? [{ coding: [{ system: MOTIF_SYSTEM, code: m.id, display: m.name }], text: m.name }] : undefined;
}

export function fhirAppointment(a: AppointmentDto) {
  const cancelled = isCancelled(a.status);
  return {
    resourceType: 'Appointment' as const,
    id: a.id,
    meta: { versionId: String(a.version), lastUpdated: a.updatedAt },
    status: toFhirStatus(a.status),
    ...(cancelled
      ? {
          cancelationReason: {
            coding: [{ system: CANCEL_SYSTEM, code: a.status === 'cancelled_by_patient' ? 'pat' : 'prov' }],
            ...(a.cancellationReason ? { text: a.cancellationReason } : {}),
          },
        }
      : {}),
    ...(a.motifId ? { serviceType: motifConcept({ id: a.motifId, name: a.motifName ?? 'Motif' }) } : {}),
    ...(a.motifName ? { description: a.motifName } : {}),
    start: a.start,
    end: a.end,
    minutesDuration: Math.round((Date.parse(a.end) - Date.parse(a.start)) / 60_000),
    slot: [{ reference: `Slot/${slotId(a.practitionerId, new Date(a.start), new Date(a.end))}` }],
    created: a.createdAt,
    ...(a.note ? { comment: a.note } : {}),
    participant: [
      { actor: { reference: `Patient/${a.patientId}`, display: a.patientName }, required: 'required', status: 'accepted' },
      { actor: { reference: `Practitioner/${a.practitionerId}`, display: a.practitionerName }, required: 'required', status: 'accepted' },
    ],
  };
}

export function setVersionHeaders(reply: FastifyReply, req: FastifyRequest, a: AppointmentDto, created = false) {
  reply.header('etag', `W/"${a.version}"`);
  reply.header('last-modified', new Date(a.updatedAt).toUTCString());
  if (created) reply.header('location', `${base(req)}/Appointment/${a.id}/_history/${a.version}`);
}

export function ifMatch(req: FastifyRequest): number | undefined {
  const h = req.headers['if-match'];
  const m = typeof h === 'string' ? /^(?:W\/)?"(\d+)"$/.exec(h.trim()) : null;
  return m ? Number(m[1]) : undefined;
}
