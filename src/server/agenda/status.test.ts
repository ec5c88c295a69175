import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AppointmentStatus } from './schema.js';
import { ACTIVE_STATUSES, checkTransition, fromFhirStatus, isActive, nextStatuses, reclaimsTime, STATUSES, toFhirStatus } from './status.js';

const now = new Date('2026-03-10T10:00:00Z');
const past = new Date('2026-03-10T09:00:00Z');
const future = new Date('2026-03-10T11:00:00Z');

describe('appointment status machine', () => {
  it('follows the day of a patient: booked → confirmed → arrived → in consultation → done', () => {
    const path: AppointmentStatus[] = ['booked', 'confirmed', 'arrived', 'in_consultation', 'done'];
    for (let i = 1; i < path.length; i++) expect(checkTransition(path[i - 1]!, path[i]!, { now, startsAt: past })).toEqual({ ok: true });
  });

  it('refuses a no-show or a consultation done without being started before the start, allows an early arrival and an early patient seen', () => {
    expect(checkTransition('booked', 'no_show', { now, startsAt: future })).toEqual({ ok: false, why: 'too_early' });
    expect(checkTransition('arrived', 'done', { now, startsAt: future })).toEqual({ ok: false, why: 'too_early' });
    expect(checkTransition('in_consultation', 'done', { now, startsAt: future })).toEqual({ ok: true });
    expect(checkTransition('booked', 'arrived', { now, startsAt: future })).toEqual({ ok: true });
  });

  it('needs a reason to cancel, and a cancellation is final', () => {
    expect(checkTransition('booked', 'cancelled_by_patient', { now, startsAt: future })).toEqual({ ok: false, why: 'reason_required' });
    expect(checkTransition('booked', 'cancelled_by_patient', { now, startsAt: future, reason: '  ' })).toEqual({ ok: false, why: 'reason_required' });
    expect(checkTransition('confirmed', 'cancelled_by_practice', { now, startsAt: future, reason: 'Médecin absent' })).toEqual({ ok: true });
    for (const c of ['cancelled_by_patient', 'cancelled_by_practice'] as const) expect(nextStatuses(c)).toEqual([]);
  });

  it('cannot cancel a consultation in progress or done, nor mark a no-show after arrival', () => {
    expect(checkTransition('in_consultation', 'cancelled_by_practice', { now, startsAt: past, reason: 'x' }).ok).toBe(false);
    expect(checkTransition('done', 'cancelled_by_patient', { now, startsAt: past, reason: 'x' }).ok).toBe(false);
    expect(checkTransition('arrived', 'no_show', { now, startsAt: past }).ok).toBe(false);
  });

  it('lets a mistaken no-show be corrected, which takes the time back', () => {
    expect(checkTransition('no_show', 'arrived', { now, startsAt: past })).toEqual({ ok: true });
    expect(reclaimsTime('no_show', 'arrived')).toBe(true);
    expect(reclaimsTime('booked', 'arrived')).toBe(false);
  });

  it('property: a refused same-status change, and no transition leaves a final status', () => {
    const status = fc.constantFrom(...STATUSES);
    fc.assert(
      fc.property(status, status, fc.date({ noInvalidDate: true }), fc.date({ noInvalidDate: true }), fc.option(fc.string()), (from, to, n, s, reason) => {
        const r = checkTransition(from, to, { now: n, startsAt: s, reason });
        if (from === to) return !r.ok;
        if (from.startsWith('cancelled')) return !r.ok;
        if (r.ok && (to === 'no_show' || (to === 'done' && from !== 'in_consultation'))) return n.getTime() >= s.getTime();
        return true;
      }),
    );
  });

  it('maps every status to a FHIR R4 status and back', () => {
    const fhir = new Set(['proposed', 'pending', 'booked', 'arrived', 'fulfilled', 'cancelled', 'noshow', 'entered-in-error', 'checked-in', 'waitlist']);
    for (const s of STATUSES) {
      expect(fhir.has(toFhirStatus(s))).toBe(true);
      const back = fromFhirStatus(toFhirStatus(s), s, s === 'cancelled_by_patient' ? 'patient' : 'practice');
      expect(back).toBe(s);
    }
    expect(toFhirStatus('in_consultation')).toBe('checked-in');
    expect(fromFhirStatus('proposed', 'booked', 'practice')).toBeUndefined();
    expect(ACTIVE_STATUSES.every(isActive)).toBe(true);
  });
});
