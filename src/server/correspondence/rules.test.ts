import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { withLuhnKey } from '../platform/luhn.js';
import { parseCsv } from '../platform/csv.js';
import { ITEM_STATUSES } from './contract.js';
import { readCorrespondentsCsv } from './csv-import.js';
import { ADDRESS_MAX_CHARS, ADDRESS_MAX_LINES, IN_TRANSITIONS, addressLines, canMove, checkRpps, cityKey, findDuplicates, isMssanteAddress, nameKey, renderTemplate } from './rules.js';

describe('status rule', () => {
  it('walks an incoming item to filed only through read, and filed is final', () => {
    expect(canMove('in', 'to_match', 'to_read')).toBe(true);
    expect(canMove('in', 'to_match', 'filed')).toBe(false);
    expect(canMove('in', 'to_read', 'filed')).toBe(false);
    expect(canMove('in', 'read', 'filed')).toBe(true);
    for (const to of ITEM_STATUSES) expect(canMove('in', 'filed', to)).toBe(false);
    expect(canMove('out', 'draft', 'sent')).toBe(true);
    expect(canMove('out', 'sent', 'draft')).toBe(false);
  });

  it('reaches filed from to_match along every allowed path, never skipping confirmation or reading (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...ITEM_STATUSES), { maxLength: 30 }), (steps) => {
        let status: string = 'to_match';
        const seen = new Set<string>([status]);
        for (const to of steps) {
          if (canMove('in', status as never, to)) {
            status = to;
            seen.add(to);
          }
        }
        if (status === 'filed') expect(seen.has('to_read') && seen.has('read')).toBe(true);
        expect(Object.keys(IN_TRANSITIONS)).toContain(status);
      }),
    );
  });
});

describe('address book rules', () => {
  it('checks the RPPS Luhn key', () => {
    const good = withLuhnKey('1000345678');
    expect(checkRpps(good)).toEqual({ ok: true, rpps: good });
    expect(checkRpps(good.slice(0, 3) + ' ' + good.slice(3))).toEqual({ ok: true, rpps: good });
    expect(checkRpps('')).toEqual({ ok: true, rpps: null });
    const wrong = good.slice(0, 10) + String((Number(good[10]) + 1) % 10);
    expect(checkRpps(wrong).ok).toBe(false);
    expect(checkRpps('123').ok).toBe(false);
  });

  it('recognises MSSanté addresses', () => {
    expect(isMssanteAddress('jean.durand@medecin.mssante.fr')).toBe(true);
    expect(isMssanteAddress('cardio@ch-xyz.mssante.fr')).toBe(true);
    expect(isMssanteAddress('jean@gmail.com')).toBe(false);
    expect(isMssanteAddress('jean@mssante.fr.evil.com')).toBe(false);
  });

  it('meets names written differently, and cities with Saint abbreviated', () => {
    expect(nameKey('Dr Jean-Marie DURAND')).toBe(nameKey('Durand', 'Jean Marie'));
    expect(nameKey('Hélène Lefèvre')).toBe(nameKey('LEFEVRE', 'Helene'));
    expect(cityKey('St-Denis')).toBe(cityKey('Saint Denis'));
    expect(cityKey('Ste Foy')).toBe(cityKey('SAINTE-FOY'));
  });

  it('finds duplicates symmetrically: same RPPS, or same name in the same city (property)', () => {
    const entry = fc.record({
      id: fc.uuid(),
      rpps: fc.option(fc.constantFrom(withLuhnKey('1000000001'), withLuhnKey('1000000002')), { nil: null }),
      name: fc.constantFrom('Durand', 'DURAND', 'Martin', 'Petit'),
      firstName: fc.option(fc.constantFrom('Anne', 'anne', 'Paul'), { nil: null }),
      city: fc.option(fc.constantFrom('Paris', 'PARIS', 'Lyon'), { nil: null }),
    });
    fc.assert(
      fc.property(fc.uniqueArray(entry, { selector: (e) => e.id, maxLength: 8 }), (list) => {
        const d = findDuplicates(list);
        for (const a of list) {
          for (const b of list) {
            if (a.id === b.id) continue;
            const expected = (a.rpps !== null && a.rpps === b.rpps) || (nameKey(a.name, a.firstName) === nameKey(b.name, b.firstName) && !!a.city && cityKey(a.city) === cityKey(b.city));
            expect(d.get(a.id)!.includes(b.id)).toBe(expected);
          }
        }
      }),
    );
  });
});

describe('postal address and merge fields', () => {
  it('writes at most 6 lines of 38 characters, the city in capitals without accents (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), fc.string({ minLength: 1, maxLength: 80 }), fc.option(fc.string({ maxLength: 80 }), { nil: null }), fc.string({ minLength: 1, maxLength: 60 }), (who, line1, line2, city) => {
        const lines = addressLines(who, { line1, line2, postalCode: '75012', city });
        expect(lines.length).toBeLessThanOrEqual(ADDRESS_MAX_LINES);
        for (const l of lines) expect(l.length).toBeLessThanOrEqual(ADDRESS_MAX_CHARS);
        expect(lines.at(-1)).toMatch(/^75012( [A-Z0-9 ]*)?$/);
      }),
    );
    expect(addressLines('Dr Hélène Garnier', { line1: '8 rue des Acacias', postalCode: '69003', city: 'Lyon 3e Arrondissement' })).toEqual(['Dr Hélène Garnier', '8 rue des Acacias', '69003 LYON 3E ARRONDISSEMENT']);
  });

  it('fills known fields and reports unknown ones rather than printing braces', () => {
    expect(renderTemplate('Bonjour {{patient.nom}}, {{ date.jour }}', { 'patient.nom': 'DURAND Anne', 'date.jour': '6 décembre 2026' })).toEqual({ text: 'Bonjour DURAND Anne, 6 décembre 2026', unknown: [] });
    const r = renderTemplate('{{patient.age}}', {});
    expect(r.unknown).toEqual(['patient.age']);
    expect(r.text).not.toMatch(/\{\{/);
  });
});

describe('CSV import', () => {
  it('reads ; or , files with French headers, and reports each refused line', () => {
    const rpps = withLuhnKey('1000345678');
    const csv = `Nom,Prénom,RPPS,Code postal,Ville,Adresse\r\nDurand,Anne,${rpps},75012,Paris,1 rue X\r\nPetit,Léa,123,75012,Paris,2 rue Y\r\n`;
    const r = readCorrespondentsCsv(csv);
    expect(r.rows.map((x) => x.input.name)).toEqual(['Durand']);
    expect(r.rows[0]!.input.kind).toBe('practitioner');
    expect(r.problems).toEqual([{ line: 3, messages: [expect.stringMatching(/RPPS/)] }]);
    expect(readCorrespondentsCsv('Prénom;Ville\nAnne;Paris').problems[0]!.messages[0]).toMatch(/nom/);
  });

  it('reads back quoted cells with delimiters, quotes and line breaks (property)', () => {
    const cell = fc.string({ maxLength: 12 });
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 5 }), fc.constantFrom(';', ','), (rows, sep) => {
        const text = [['a', 'b', 'c'], ...rows].map((r) => r.map((c) => `"${c.replace(/"/g, '""')}"`).join(sep)).join('\r\n');
        expect(parseCsv(text, sep as ';' | ',')).toEqual([['a', 'b', 'c'], ...rows]);
      }),
    );
  });
});
