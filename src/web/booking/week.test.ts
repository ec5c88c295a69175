import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { gridDays, groupMotifs, mondayOf, weekBounds } from './week';
import type { PublicMotif, PublicPractitioner } from './api';

const zone = 'Europe/Paris';
const prac = (id: string, specialty: string): PublicPractitioner => ({ id, displayName: `Dr ${id}`, specialty, colour: '#2563eb' });
const motif = (id: string, practitionerId: string | null, newPatientsAllowed = true): PublicMotif => ({
  id, practitionerId, name: id, durationMinutes: 20, teleconsultation: false, newPatientsAllowed, preparationInstructions: null, documentsToBring: null,
});

describe('week grid', () => {
  it('bounds a week at Monday midnight, practice time (winter and summer)', () => {
    expect(weekBounds('2026-12-07', zone)).toEqual({ from: '2026-12-06T23:00:00.000Z', to: '2026-12-13T23:00:00.000Z' });
    expect(weekBounds('2027-03-22', zone)).toEqual({ from: '2027-03-21T23:00:00.000Z', to: '2027-03-28T22:00:00.000Z' });
  });

  it('puts an instant in the week of its practice day, not its UTC day', () => {
    // Monday 00:30 in Paris is still Sunday in UTC.
    expect(mondayOf('2026-12-06T23:30:00.000Z', zone)).toBe('2026-12-07');
    expect(mondayOf('2026-12-06T22:30:00.000Z', zone)).toBe('2026-11-30');
    expect(mondayOf('2026-12-06T22:30:00.000Z', 'America/Cayenne')).toBe('2026-11-30');
  });

  it('every slot of the week lands in the column of its day, in order; Sunday only when it has slots', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 7 * 24 * 4 - 1 }), { maxLength: 60 }), (quarters) => {
      const { from } = weekBounds('2026-12-07', zone);
      const slots = [...new Set(quarters)].sort((a, b) => a - b).map((q) => {
        const start = new Date(Date.parse(from) + q * 15 * 60_000).toISOString();
        return { practitionerId: 'p', start, end: start };
      });
      const days = gridDays('2026-12-07', slots, zone);
      expect(days.flatMap((d) => d.slots)).toEqual(slots);
      expect(days.length).toBe(slots.some((s) => Date.parse(s.start) >= Date.parse(from) + 6 * 86_400_000) ? 7 : 6);
      days.forEach((d, i) => expect(d.date).toBe(`2026-12-${String(7 + i).padStart(2, '0')}`));
    }));
  });
});

describe('motifs offered', () => {
  const practitioners = [prac('a', 'Médecine générale'), prac('b', 'Pédiatrie'), prac('c', 'Médecine générale')];
  const motifs = [motif('a1', 'a'), motif('a2', 'a', false), motif('b1', 'b', false), motif('shared', null), motif('c1', 'c')];

  it('groups by specialty then practitioner; a shared motif appears under each practitioner', () => {
    const groups = groupMotifs(practitioners, motifs, 'known');
    expect(groups.map((g) => [g.specialty, g.practitioners.map((p) => [p.practitioner.id, p.motifs.map((m) => m.id)])])).toEqual([
      ['Médecine générale', [['a', ['a1', 'a2', 'shared']], ['c', ['shared', 'c1']]]],
      ['Pédiatrie', [['b', ['b1', 'shared']]]],
    ]);
  });

  it('never offers a motif closed to new patients to a new patient', () => {
    fc.assert(fc.property(fc.array(fc.tuple(fc.constantFrom('a', 'b', 'c', null), fc.boolean()), { maxLength: 12 }), (specs) => {
      const list = specs.map(([p, open], i) => motif(`m${i}`, p, open));
      for (const g of groupMotifs(practitioners, list, 'new')) for (const p of g.practitioners) {
        expect(p.motifs.length).toBeGreaterThan(0);
        expect(p.motifs.every((m) => m.newPatientsAllowed)).toBe(true);
      }
      const offered = groupMotifs(practitioners, list, 'known').flatMap((g) => g.practitioners.flatMap((p) => p.motifs.map((m) => m.id)));
      expect(new Set(offered)).toEqual(new Set(list.map((m) => m.id)));
    }));
  });
});
