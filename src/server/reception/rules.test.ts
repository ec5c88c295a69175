import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildChecklist, missingItems, type ChecklistInput } from './checklist.js';
import { renderDelayMessage } from './messages.js';
import { averageWaitMinutes, boardLabel, compareQueue, dueAt, expectedDelay, expectedState, initials, nextPatient, nextStateChange, sortQueue, type QueueEntry } from './rules.js';
import { proposeFromCard } from './vitale/proposals.js';
import { addYears, CarteVitaleSimulator, nirFor } from './vitale/simulator.js';
import { readNir } from '../patients/identity/nir.js';

const T0 = new Date('2026-03-10T09:00:00Z');
const min = (n: number) => new Date(T0.getTime() + n * 60_000);
const grace = { lateGraceMinutes: 10, noShowGraceMinutes: 30 };

describe('lateness and no-show', () => {
  it('flags late at the grace period and suggests a no-show at the second one (inclusive)', () => {
    expect(expectedState(T0, min(-20), grace)).toBe('expected');
    expect(expectedState(T0, min(9.99), grace)).toBe('expected');
    expect(expectedState(T0, min(10), grace)).toBe('late');
    expect(expectedState(T0, min(29), grace)).toBe('late');
    expect(expectedState(T0, min(30), grace)).toBe('no_show_suggested');
    expect(nextStateChange(T0, min(0), grace)).toEqual(min(10));
    expect(nextStateChange(T0, min(12), grace)).toEqual(min(30));
    expect(nextStateChange(T0, min(31), grace)).toBeNull();
  });

  it('is monotonic in time: once late, never expected again; once no-show suggested, stays so', () => {
    const rank = { expected: 0, late: 1, no_show_suggested: 2 } as const;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 1, max: 120 }), fc.integer({ min: -600, max: 600 }), fc.integer({ min: 0, max: 600 }), (late, extra, a, step) => {
        const g = { lateGraceMinutes: late, noShowGraceMinutes: late + extra };
        return rank[expectedState(T0, min(a), g)] <= rank[expectedState(T0, min(a + step), g)];
      }),
    );
  });
});

describe('the waiting queue', () => {
  const e = (id: string, o: Partial<QueueEntry>): QueueEntry => ({ id, urgent: false, arrivedAt: T0, scheduledStart: null, ticketNumber: 1, ...o });

  it('calls urgent first, then by appointment time (early arrivals wait for their time), late arrivals after those on time', () => {
    const onTime = e('on-time', { arrivedAt: min(-5), scheduledStart: min(0), ticketNumber: 2 });
    const early = e('early', { arrivedAt: min(-30), scheduledStart: min(20), ticketNumber: 1 });
    const late = e('late', { arrivedAt: min(15), scheduledStart: min(-20), ticketNumber: 4 });
    const walkIn = e('walk-in', { arrivedAt: min(5), ticketNumber: 3 });
    const urgent = e('urgent', { arrivedAt: min(16), urgent: true, ticketNumber: 5 });
    expect(sortQueue([early, late, walkIn, onTime, urgent]).map((x) => x.id)).toEqual(['urgent', 'on-time', 'walk-in', 'late', 'early']);
    expect(nextPatient([early, late, walkIn, onTime])?.id).toBe('on-time');
    expect(nextPatient([])).toBeUndefined();
    expect(dueAt(late)).toBe(min(15).getTime());
  });

  const entry = fc.record({
    id: fc.uuid(),
    urgent: fc.boolean(),
    arrivedAt: fc.integer({ min: -300, max: 300 }).map(min),
    scheduledStart: fc.option(fc.integer({ min: -300, max: 300 }).map(min), { nil: null }),
    ticketNumber: fc.integer({ min: 1, max: 999 }),
  });

  it('property: the order is total and consistent; no urgent patient comes after a non-urgent one; nextPatient is the head', () => {
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 30 }), (entries) => {
        const sorted = sortQueue(entries);
        for (let i = 1; i < sorted.length; i++) {
          if (compareQueue(sorted[i - 1]!, sorted[i]!) > 0) return false;
          if (!sorted[i - 1]!.urgent && sorted[i]!.urgent) return false;
        }
        const next = nextPatient(entries);
        return entries.length === 0 ? next === undefined : compareQueue(next!, sorted[0]!) === 0;
      }),
    );
  });
});

describe('expected delay', () => {
  it('uses the declared delay first', () => {
    expect(expectedDelay({ now: T0, started: [], upcoming: [min(10)], declaredMinutes: 25 })).toEqual({ minutes: 25, source: 'declared' });
  });
  it('computes it from the consultation in progress against the next scheduled start, rounded up to 5 minutes', () => {
    // 09:00 appointment of 20 min started at 09:18 → free at 09:38; next at 09:20 → 18 min → 20.
    const d = expectedDelay({ now: min(25), started: [{ scheduledStart: min(0), scheduledEnd: min(20), startedAt: min(18), endedAt: null }], upcoming: [min(20), min(40)] });
    expect(d).toEqual({ minutes: 20, source: 'computed' });
  });
  it('an idle practitioner with the next patient not due yet has no delay; past due, the delay runs from it', () => {
    expect(expectedDelay({ now: T0, started: [], upcoming: [min(15)] })).toEqual({ minutes: 0, source: 'none' });
    expect(expectedDelay({ now: min(12), started: [{ scheduledStart: min(-20), scheduledEnd: min(0), startedAt: min(-15), endedAt: min(2) }], upcoming: [min(0)] })).toEqual({ minutes: 15, source: 'computed' });
    expect(expectedDelay({ now: T0, started: [], upcoming: [] })).toEqual({ minutes: 0, source: 'none' });
  });
  it('property: never negative, a multiple of 5 when computed, and never less when the consultation started later', () => {
    fc.assert(
      fc.property(fc.integer({ min: -60, max: 60 }), fc.integer({ min: 0, max: 120 }), fc.integer({ min: 5, max: 60 }), fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 30 }), (start, lateness, length, nextOffset, extra) => {
        const mk = (late: number) => expectedDelay({ now: min(start + lateness + 1), started: [{ scheduledStart: min(start), scheduledEnd: min(start + length), startedAt: min(start + late), endedAt: null }], upcoming: [min(start + length + nextOffset)] });
        const a = mk(lateness);
        const b = mk(lateness + extra);
        return a.minutes >= 0 && a.minutes % 5 === 0 && b.minutes >= a.minutes;
      }),
    );
  });
});

describe('the board', () => {
  it('shows ticket numbers by default, initials when chosen, never the name', () => {
    expect(boardLabel('ticket', 12, 'Élodie', 'Dupont-Lefèvre')).toBe('Ticket 12');
    expect(boardLabel('initials', 12, 'Élodie', 'Dupont-Lefèvre')).toBe('E. D. (12)');
    expect(initials('', '')).toBe('?');
  });
  it('property: the label is a ticket number or at most two initials, whatever the names', () => {
    fc.assert(
      fc.property(fc.constantFrom('ticket' as const, 'initials' as const), fc.integer({ min: 1, max: 9999 }), fc.string(), fc.string(), (mode, n, first, last) => {
        const label = boardLabel(mode, n, first, last);
        return mode === 'ticket' ? label === `Ticket ${n}` : new RegExp(`^(([A-Z]\\.)( [A-Z]\\.)?|\\?) \\(${n}\\)$`).test(label);
      }),
    );
  });
  it('averages the wait from arrival to call (or start)', () => {
    expect(averageWaitMinutes([])).toBeNull();
    expect(averageWaitMinutes([{ arrivedAt: min(0), calledAt: min(10), startedAt: null }, { arrivedAt: min(0), calledAt: null, startedAt: min(20) }, { arrivedAt: min(0), calledAt: null, startedAt: null }])).toBe(15);
  });
});

describe('the check-in checklist', () => {
  const base: ChecklistInput = {
    today: '2026-03-10', identityStatus: 'qualifiee', birthDate: '1980-05-05',
    amo: { regime: 'general', caisse: 'CPAM 751', insuredNir: null, rightsFrom: '2026-01-01', rightsUntil: '2026-12-31', ald: [], exemptions: [] },
    amc: { organisme: 'MGEN', organismeNumber: null, memberNumber: null, validFrom: null, validUntil: '2026-12-31', tiersPayant: true },
    gp: { inPractice: true, accountId: null, name: 'Dr Martin', rpps: null, city: null, phone: null, declaredOn: null },
    motifDocuments: null, ticks: {},
  };
  const state = (input: ChecklistInput, key: string) => buildChecklist(input).find((i) => i.key === key);

  it('for a complete file asks only for the card read and the contact details', () => {
    expect(missingItems(buildChecklist(base)).map((i) => i.key)).toEqual(['vitale', 'contact']);
  });
  it('flags an expired mutuelle and expired AMO rights (valid through their last day)', () => {
    expect(state({ ...base, amc: { ...base.amc!, validUntil: '2026-03-09' } }, 'mutuelle')).toMatchObject({ state: 'warning', reason: 'expired', params: { until: '2026-03-09' } });
    expect(state({ ...base, amc: { ...base.amc!, validUntil: '2026-03-10' } }, 'mutuelle')?.state).toBe('ok');
    expect(state({ ...base, amo: { ...base.amo!, rightsUntil: '2025-12-31' } }, 'amo_rights')).toMatchObject({ state: 'warning', reason: 'expired' });
    expect(state({ ...base, amc: null }, 'mutuelle')).toMatchObject({ state: 'todo', reason: 'none' });
  });
  it('asks for an ID document only while the identity is not validated; the motif documents; the médecin traitant from 16', () => {
    expect(state({ ...base, identityStatus: 'provisoire' }, 'id_document')?.state).toBe('todo');
    expect(state({ ...base, identityStatus: 'recuperee' }, 'id_document')?.state).toBe('todo');
    expect(state({ ...base, identityStatus: 'validee' }, 'id_document')).toBeUndefined();
    expect(state({ ...base, motifDocuments: 'Ordonnance, courrier' }, 'motif_documents')).toMatchObject({ state: 'todo', params: { documents: 'Ordonnance, courrier' } });
    expect(state({ ...base, gp: null }, 'gp')?.state).toBe('todo');
    expect(state({ ...base, gp: null, birthDate: '2012-01-01' }, 'gp')).toBeUndefined();
  });
  it('a ticked item is done and no longer missing', () => {
    const items = buildChecklist({ ...base, amc: { ...base.amc!, validUntil: '2025-01-01' }, ticks: { vitale: { at: 'x', by: null }, mutuelle: { at: 'x', by: null } } });
    expect(items.find((i) => i.key === 'mutuelle')?.state).toBe('done');
    expect(missingItems(items).map((i) => i.key)).toEqual(['contact']);
  });
  it('property: ticking every item leaves nothing missing; the card and contact items are always present', () => {
    const date = fc.integer({ min: 0, max: 3000 }).map((d) => new Date(Date.UTC(2020, 0, 1) + d * 86_400_000).toISOString().slice(0, 10));
    fc.assert(
      fc.property(date, date, fc.constantFrom('provisoire' as const, 'recuperee' as const, 'validee' as const, 'qualifiee' as const), fc.boolean(), fc.boolean(), (until, today, status, hasAmc, hasGp) => {
        const input: ChecklistInput = { ...base, today, identityStatus: status, amc: hasAmc ? { ...base.amc!, validUntil: until } : null, gp: hasGp ? base.gp : null, amo: { ...base.amo!, rightsUntil: until } };
        const items = buildChecklist(input);
        const all = Object.fromEntries(items.map((i) => [i.key, { at: 'x', by: null }]));
        return items.some((i) => i.key === 'vitale') && items.some((i) => i.key === 'contact') && missingItems(buildChecklist({ ...input, ticks: all })).length === 0;
      }),
    );
  });
});

describe('carte Vitale simulator and proposals', () => {
  const reader = new CarteVitaleSimulator();
  const patient = { nir: null, birthName: 'Dupont', usedName: null, firstName: 'Anne', birthDate: '1970-04-02', sex: 'F' as const, birthPlaceCode: '69123', amo: null, gpName: null, parentName: null };

  it('builds a card with a valid NIR for the patient, and proposes rights and the missing NIR', async () => {
    const r = await reader.read({ support: 'card', scenario: 'patient', patient, today: '2026-03-10' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const b = r.card.beneficiaries[0]!;
    expect(readNir(b.nir!)).not.toBeNull();
    const p = proposeFromCard(b, { nir: null, amo: null, birthName: 'Dupont', firstName: 'Anne', birthDate: '1970-04-02' }, '2026-03-10');
    expect(p).toMatchObject({ amoChanges: ['amo'], nir: b.nir, traitDifferences: [], rightsExpired: false });
  });
  it('carries a child as ayant droit on a parent card; flags expired rights; the appli carte Vitale and read errors', async () => {
    const child = await reader.read({ support: 'card', scenario: 'patient', patient: { ...patient, birthDate: '2018-01-01', parentName: 'Marie Dupont' }, today: '2026-03-10' });
    expect(child.ok && child.card.beneficiaries.map((b) => b.quality)).toEqual(['assure', 'ayant_droit']);
    const expired = await reader.read({ support: 'card', scenario: 'expired_rights', patient, today: '2026-03-10' });
    expect(expired.ok && proposeFromCard(expired.card.beneficiaries[0]!, { nir: null, amo: null, birthName: 'Dupont', firstName: 'Anne', birthDate: '1970-04-02' }, '2026-03-10').rightsExpired).toBe(true);
    const apcv = await reader.read({ support: 'apcv', scenario: 'family', today: '2026-03-10' });
    expect(apcv.ok && apcv.card.support).toBe('apcv');
    expect(apcv.ok && apcv.card.beneficiaries.length).toBe(3);
    const err = await reader.read({ support: 'card', scenario: 'read_error', today: '2026-03-10' });
    expect(err.ok).toBe(false);
  });
  it('never proposes a NIR when a strict trait differs (the card is not an identity document)', async () => {
    const r = await reader.read({ support: 'card', scenario: 'patient', patient, today: '2026-03-10' });
    if (!r.ok) throw new Error('read');
    const p = proposeFromCard(r.card.beneficiaries[0]!, { nir: null, amo: null, birthName: 'Durand', firstName: 'Anne', birthDate: '1970-04-02' }, '2026-03-10');
    expect(p.nir).toBeNull();
    expect(p.traitDifferences.map((d) => d.field)).toEqual(['birthName']);
  });
  it('fills the birth place from the card (the NIR\'s INSEE code and the commune\'s name), only when the file has none', async () => {
    const r = await reader.read({ support: 'card', scenario: 'patient', patient, today: '2026-03-10' });
    if (!r.ok) throw new Error('read');
    const b = r.card.beneficiaries[0]!;
    expect(b.birthPlace).toEqual({ code: '69123', name: 'Lyon' });
    const file = { nir: null, amo: null, birthName: 'Dupont', firstName: 'Anne', birthDate: '1970-04-02' };
    expect(proposeFromCard(b, { ...file, birthPlaceCode: null }, '2026-03-10').birthPlace).toEqual({ code: '69123', name: 'Lyon' });
    expect(proposeFromCard(b, { ...file, birthPlaceCode: '69123' }, '2026-03-10')).toMatchObject({ birthPlace: null, traitDifferences: [] });
    // A different place on file is only shown (a strict trait is corrected with a reason), never proposed.
    const other = proposeFromCard(b, { ...file, birthPlaceCode: '33063' }, '2026-03-10');
    expect(other.birthPlace).toBeNull();
    expect(other.traitDifferences).toEqual([{ field: 'birthPlace', file: '33063', card: '69123 (Lyon)' }]);
    // Not the same person (name differs): nothing proposed.
    expect(proposeFromCard(b, { ...file, birthName: 'Durand', birthPlaceCode: null }, '2026-03-10').birthPlace).toBeNull();
    // Born abroad: 99 + the country; a child on a parent's card carries no place of its own.
    const abroad = await reader.read({ support: 'card', scenario: 'patient', patient: { ...patient, birthPlaceCode: '99350' }, today: '2026-03-10' });
    expect(abroad.ok && abroad.card.beneficiaries[0]!.birthPlace).toEqual({ code: '99350', name: 'Maroc' });
    const child = await reader.read({ support: 'card', scenario: 'patient', patient: { ...patient, birthDate: '2018-01-01', parentName: 'Marie Dupont' }, today: '2026-03-10' });
    expect(child.ok && child.card.beneficiaries[1]!.birthPlace).toBeNull();
  });
  it('property: the birth place on the card is the one its NIR carries', async () => {
    await fc.assert(fc.asyncProperty(fc.constantFrom('75056', '33063', '2A004', '97411', '13055', '99139'), fc.constantFrom('F' as const, 'M' as const), async (code, sex) => {
      const r = await reader.read({ support: 'card', scenario: 'patient', patient: { ...patient, sex, birthPlaceCode: code }, today: '2026-03-10' });
      const b = r.ok ? r.card.beneficiaries[0]! : null;
      expect(b?.birthPlace?.code).toBe(readNir(b!.nir)!.birthPlaceCode);
      expect(b?.birthPlace?.code).toBe(code);
      expect(b?.birthPlace?.name).toBeTruthy();
    }));
  });
  it('property: generated NIRs always have a valid key and match sex and birth year', () => {
    fc.assert(
      fc.property(fc.constantFrom('F' as const, 'M' as const), fc.integer({ min: 1930, max: 2024 }), fc.integer({ min: 1, max: 12 }), fc.string(), (sex, y, m, seed) => {
        const nir = nirFor({ sex, birthDate: `${y}-${String(m).padStart(2, '0')}-15`, birthPlaceCode: '75056' }, seed);
        const parsed = readNir(nir);
        return !!parsed && parsed.sex === sex && parsed.yearTwoDigits === y % 100;
      }),
    );
  });
});

describe('carte Vitale simulator dates', () => {
  it('adds years to any calendar date and always gives a real date (29 February → 28 February)', () => {
    expect(addYears('2028-02-29', 1)).toBe('2029-02-28');
    expect(addYears('2028-02-29', 4)).toBe('2032-02-29');
    expect(addYears('2026-12-31', -1)).toBe('2025-12-31');
    fc.assert(
      fc.property(fc.date({ min: new Date('1950-01-01T00:00:00Z'), max: new Date('2090-12-31T00:00:00Z'), noInvalidDate: true }), fc.integer({ min: -5, max: 5 }), (d, years) => {
        const iso = d.toISOString().slice(0, 10);
        const out = addYears(iso, years);
        expect(out).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(new Date(`${out}T00:00:00Z`).toISOString().slice(0, 10)).toBe(out); // a date that exists
        expect(Number(out.slice(0, 4))).toBe(Number(iso.slice(0, 4)) + years);
      }),
    );
  });
});

describe('the delay message', () => {
  it('says the delay and the expected time in the patient language', () => {
    const fr = renderDelayMessage({ lang: 'fr', practiceName: 'MSP', timeZone: 'Europe/Paris', start: new Date('2026-03-10T09:40:00Z'), minutes: 20, practitionerName: 'Dr Martin' });
    expect(fr.sms).toBe('MSP : Dr Martin a environ 20 min de retard. Votre rendez-vous de 10 h 40 devrait commencer vers 11 h 00. Merci de votre compréhension.');
    const en = renderDelayMessage({ lang: 'en', practiceName: 'MSP', timeZone: 'Europe/Paris', start: new Date('2026-03-10T09:40:00Z'), minutes: 20, practitionerName: 'Dr Martin' });
    expect(en.sms).toContain('running about 20 min late');
    expect(en.subject).toContain('running late');
  });
});
