import { describe, expect, it } from 'vitest';
import { addDays, ageOn, accessibilityFlags, rightsAlerts } from './rights.js';
import { amcSchema, amoSchema, accessibilitySchema } from './contract.js';

describe('expired rights', () => {
  const amo = amoSchema.parse({
    regime: 'general',
    caisse: 'CPAM Paris',
    rightsUntil: '2026-05-31',
    ald: [{ label: 'Diabète', until: '2026-06-20' }, { label: 'HTA sévère', until: null }],
    exemptions: [{ kind: 'css', until: '2026-06-01' }, { kind: 'maternite', from: '2026-01-01', until: '2026-12-31' }],
  });
  const amc = amcSchema.parse({ organisme: 'MGEN', validUntil: '2025-12-31', tiersPayant: true });
  it('flags expired and soon-expiring rights; a right is valid through its end date', () => {
    expect(rightsAlerts(amo, amc, '2026-06-01')).toEqual([
      { section: 'amo', label: 'Droits AMO (CPAM Paris)', until: '2026-05-31', state: 'expired' },
      { section: 'ald', label: 'ALD\u00a0: Diabète', until: '2026-06-20', state: 'expiring' },
      { section: 'exemption', label: 'Complémentaire santé solidaire (CSS)', until: '2026-06-01', state: 'expiring' },
      { section: 'amc', label: 'Mutuelle (MGEN)', until: '2025-12-31', state: 'expired' },
    ]);
    expect(rightsAlerts(null, null, '2026-06-01')).toEqual([]);
  });
  it('helpers', () => {
    expect(addDays('2026-02-27', 2)).toBe('2026-03-01');
    expect(ageOn('2008-06-02', '2026-06-01')).toBe(17);
    expect(ageOn('2008-06-01', '2026-06-01')).toBe(18);
    expect(accessibilityFlags(accessibilitySchema.parse({ hearing: true, interpreter: true }))).toEqual(['hearing', 'interpreter']);
  });
});
