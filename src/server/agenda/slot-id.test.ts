import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSlotId, slotId } from './slot-id.js';

describe('FHIR Slot ids', () => {
  it('round-trip practitioner, start and end, and fit FHIR id rules', () => {
    fc.assert(
      fc.property(fc.uuid(), fc.integer({ min: 0, max: 40_000_000 }), fc.integer({ min: 5, max: 480 }), (p, minutes, duration) => {
        const start = new Date(minutes * 60_000);
        const end = new Date((minutes + duration) * 60_000);
        const id = slotId(p, start, end);
        expect(id).toMatch(/^[A-Za-z0-9\-.]{1,64}$/);
        expect(parseSlotId(id)).toEqual({ practitionerId: p.toLowerCase(), start, end });
      }),
    );
  });
  it('rejects garbage', () => {
    for (const bad of ['', 'x', '123', `${'0'.repeat(8)}-0000-0000-0000-${'0'.repeat(12)}-1-1`, 'a-b-c']) expect(parseSlotId(bad)).toBeUndefined();
  });
});
