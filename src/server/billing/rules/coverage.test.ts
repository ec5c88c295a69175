import { describe, expect, it } from 'vitest';
import { resolveCoverage } from './coverage.js';

describe('coverage from the administrative file', () => {
  const amo = {
    ald: [{ label: 'Diabète', until: '2026-06-30' }],
    exemptions: [
      { kind: 'css', from: '2026-01-01', until: '2026-12-31' },
      { kind: 'maternite', from: '2027-01-01', until: null },
    ],
  };
  it('reads ALD, CSS, AME, maternity in force on the care date', () => {
    expect(resolveCoverage(amo, null, '2026-03-01').patient).toEqual({ ald: true, css: true, ame: false, maternity: false });
    expect(resolveCoverage(amo, null, '2026-07-01').patient).toEqual({ ald: false, css: true, ame: false, maternity: false });
    expect(resolveCoverage(amo, null, '2027-02-01').patient).toEqual({ ald: false, css: false, ame: false, maternity: true });
  });
  it('the desk’s statement wins over the file', () => {
    expect(resolveCoverage(amo, null, '2026-03-01', { css: false, ald: false }).patient).toMatchObject({ ald: false, css: false });
  });
  it('a mutuelle in force without its guarantees: contrat responsable 100 % BR assumed, and said', () => {
    const r = resolveCoverage(null, { organisme: 'MGEN', validFrom: null, validUntil: '2026-12-31' }, '2026-03-01');
    expect(r.mutuelle).toEqual({ present: true, responsible: true, coversTicketModerateur: true, coveragePercentOfBR: 100 });
    expect(r.notes.join(' ')).toMatch(/MGEN.*100 % BR/);
    expect(resolveCoverage(null, { organisme: 'MGEN', validFrom: null, validUntil: '2025-12-31' }, '2026-03-01').mutuelle).toEqual({ present: false });
    const given = { present: true, responsible: false, coversTicketModerateur: true, coveragePercentOfBR: 150 };
    expect(resolveCoverage(null, { organisme: 'X', validFrom: null, validUntil: null }, '2026-03-01', { mutuelle: given }).mutuelle).toEqual(given);
  });
});

describe('compulsory tiers payant reminders', async () => {
  const { tiersPayantReminder } = await import('./coverage.js');
  const none = { css: false, ame: false, maternity: false, ald: false };
  const care = { aldRelated: false, atmp: false };
  it('reminds CSS/AME on both shares, ALD-related care, maternity and AT/MP on the AMO share', () => {
    expect(tiersPayantReminder({ ...none, css: true }, care, 'amo')).toMatch(/CSS/);
    expect(tiersPayantReminder({ ...none, css: true }, care, 'amo_amc')).toBeNull();
    expect(tiersPayantReminder({ ...none, ald: true }, { ...care, aldRelated: true }, 'none')).toMatch(/ALD/);
    expect(tiersPayantReminder({ ...none, ald: true }, care, 'none')).toBeNull();
    expect(tiersPayantReminder(none, { ...care, atmp: true }, 'amo')).toBeNull();
    expect(tiersPayantReminder(none, care, 'none')).toBeNull();
  });
});
