import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldAccents, withKey } from '../../patients/index.js';
import { extractIdentity, isReservedWord, searchKeys } from './extract.js';
import { pagesFromText } from './tokens.js';

const read = (...lines: string[]) => extractIdentity(pagesFromText(lines), 2026);
const digits = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((a) => a.join(''));
/** NIR bodies with a numeric département (Corsica has its own test). */
const nirBody = fc
  .tuple(fc.constantFrom('1', '2'), digits(2), fc.integer({ min: 1, max: 12 }).map((m) => String(m).padStart(2, '0')), fc.integer({ min: 1, max: 95 }).map((d) => String(d).padStart(2, '0')), digits(3), digits(3))
  .map((p) => p.join(''));
/** How a NIR is written: grouped as on the carte Vitale, in one block, or in pairs. */
const layoutNir = (n: string, style: number) =>
  style === 0 ? [n[0], n.slice(1, 3), n.slice(3, 5), n.slice(5, 7), n.slice(7, 10), n.slice(10, 13), n.slice(13)].join(' ') : style === 1 ? n : n.replace(/(..)/g, '$1 ').trim();
/** OCR confusions a reader must undo: 0 read as O, 1 read as l. */
const ocrNoise = (s: string, mask: number) => s.replace(/[01]/g, (c, i: number) => (((mask & 0x5555) >> (i % 16)) & 1 ? (c === '0' ? 'O' : 'l') : c));

describe('NIR and INS in a letter', () => {
  it('property: a NIR with its right key is read whatever its grouping and 0/O, 1/l confusions', () => {
    fc.assert(
      fc.property(nirBody, fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 0xffff }), fc.boolean(), (body, style, mask, ins) => {
        const nir = withKey(body);
        const x = read('Dossier suivi', `${ins ? 'Matricule INS' : 'N° SS'} : ${ocrNoise(layoutNir(nir, style), mask)} - merci`);
        expect(x.identifiers).toEqual([expect.objectContaining({ kind: ins ? 'ins' : 'nir', value: nir, keyChecked: true })]);
        expect(searchKeys(x).identifiers).toEqual([nir]);
      }),
    );
  });

  it('property: one digit read wrong (body or key) and no checked NIR is read: the key catches it', () => {
    fc.assert(
      fc.property(nirBody, fc.integer({ min: 0, max: 14 }), fc.integer({ min: 1, max: 9 }), (body, pos, delta) => {
        const nir = withKey(body);
        const wrong = nir.slice(0, pos) + String((Number(nir[pos]) + delta) % 10) + nir.slice(pos + 1);
        expect(read(`NIR : ${layoutNir(wrong, 0)}`).identifiers.filter((i) => i.keyChecked)).toEqual([]);
      }),
    );
  });

  it('reads Corsican NIRs (2A/2B) and a NIR written without its key as an unchecked body', () => {
    const corsica = withKey('290072A004123');
    expect(read(`NIR ${layoutNir(corsica, 0)}`).identifiers[0]).toMatchObject({ value: corsica, keyChecked: true });
    expect(read('NIR : 2 85 03 75 112 345').identifiers[0]).toMatchObject({ value: '2850375112345', keyChecked: false });
    expect(read('Tél. 06 12 34 56 78 - 02.40.12.34.56').identifiers).toEqual([]);
  });
});

const ABBREVIATED = ['janv.', 'févr.', 'mars', 'avr.', 'mai', 'juin', 'juil.', 'août', 'sept.', 'oct.', 'nov.', 'déc.'];
const MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];
const isoDate = fc.date({ min: new Date('1905-01-01T00:00:00Z'), max: new Date('2025-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
function written(iso: string, style: number): string {
  const [y, m, d] = iso.split('-') as [string, string, string];
  const month = MONTHS[Number(m) - 1]!;
  return [`${d}/${m}/${y}`, `${d}.${m}.${y.slice(2)}`, `${Number(d) === 1 ? '1er' : Number(d)} ${month} ${y}`, `${d}-${m}-${y}`, `${Number(d)} ${foldAccents(month).toUpperCase()} ${y}`, `${Number(d)} ${ABBREVIATED[Number(m) - 1]} ${y}`, iso][style]!;
}
const LABELS = ['née le', 'né le', 'Né(e) le', 'Date de naissance :', 'DDN :', 'né(e) le'];

describe('birth dates', () => {
  it('property: a birth date in any French format after a birth label is read, labelled, with the right ISO date', () => {
    fc.assert(
      fc.property(isoDate, fc.integer({ min: 0, max: 6 }), fc.constantFrom(...LABELS), (iso, style, label) => {
        const w = written(iso, style);
        const dates = read(`Mme DUPONT Marie, ${label} ${w}, vue ce jour`).dates;
        expect(dates).toEqual([expect.objectContaining({ labelled: true })]);
        expect(dates[0]!.iso).toContain(iso);
      }),
    );
  });

  it('property: a date after other words is read but not labelled (the letter date, an exam date)', () => {
    fc.assert(
      fc.property(isoDate, fc.integer({ min: 0, max: 4 }), fc.constantFrom('Nantes, le', 'Examen du', 'Prélevé le', 'Séjour du'), (iso, style, before) => {
        const dates = read(`${before} ${written(iso, style)}`).dates;
        expect(dates).toHaveLength(1);
        expect(dates[0]).toMatchObject({ labelled: false });
        expect(dates[0]!.iso).toContain(iso);
      }),
    );
  });

  it('reads OCR look-alikes in dates, refuses impossible dates and phone numbers, and gives both centuries only when both are past', () => {
    expect(read('née le l2/O3/l985').dates[0]).toMatchObject({ iso: ['1985-03-12'], labelled: true });
    expect(read('née le 31/02/1985').dates).toEqual([]);
    expect(read('Tél. 06.12.34.56.78').dates).toEqual([]);
    expect(read('né le 03.04.21').dates[0]!.iso).toEqual(['1921-04-03', '2021-04-03']);
    expect(read('né le 03.04.85').dates[0]!.iso).toEqual(['1985-04-03']);
  });
});

// Not a word the reader takes for a label, a title or a stop (its OCR variants « NOIN », « MIME » included).
const nameWord = fc.stringMatching(/^[A-Z][A-Z]{3,9}$/).filter((w) => !isReservedWord(w));

describe('names after a title or a label', () => {
  it('property: the words after Mme / Monsieur / Patient(e) : / Enfant, up to the comma, are the labelled name', () => {
    fc.assert(
      fc.property(fc.constantFrom('Mme', 'Madame', 'M.', 'Monsieur', 'Patiente :', 'Enfant', 'Nom :'), nameWord, nameWord, (title, surname, first) => {
        const firstCap = first[0] + first.slice(1).toLowerCase();
        const x = read(`Nous avons reçu ${title} ${surname} ${firstCap}, pour un bilan.`);
        const span = x.names.find((n) => n.tokens.length > 0)!;
        expect(span.tokens.map((i) => x.tokens[i]!.alpha)).toEqual([surname, first]);
      }),
    );
  });

  it('tells the birth name from the used name, and never takes a practitioner for the patient', () => {
    const x = read('Dr LEROY Paul, cardiologue', 'Mme MARTIN née DURAND Hélène, née le 12/03/1985', "Nom d'usage : BONNET   Nom de naissance : FAURE");
    const spans = x.names.map((n) => [n.label, n.tokens.map((i) => x.tokens[i]!.alpha).join(' ')]);
    expect(spans).toEqual([['title', 'MARTIN'], ['birthName', 'DURAND HELENE'], ['usedName', 'BONNET'], ['birthName', 'FAURE']]);
    expect(x.practitionerTokens.map((i) => x.tokens[i]!.alpha)).toEqual(['LEROY', 'PAUL']);
  });

  it('reads what noisy OCR glues or bends (seen on the bench scans)', () => {
    const names = (x: ReturnType<typeof read>) => x.names.map((n) => [n.label, n.tokens.map((i) => x.tokens[i]!.alpha).join(' ')]);
    expect(names(read('“ Nom:ROUX* Prénom:Théo'))).toEqual([['name', 'ROUX'], ['firstName', 'THEO']]);
    expect(names(read('Nous avons reçu Monsieur LE GOFF.Yann pour le suivi'))).toEqual([['title', 'LE GOFF YANN']]);
    expect(names(read('Accompagnée de sa mère, Mime MARTIN Nathalie.'))).toEqual([['title', 'MARTIN NATHALIE']]);
    expect(read('DDN: 30/0571974').dates[0]).toMatchObject({ iso: ['1974-05-30'], labelled: true });
    expect(read('Référence 30/0571974').dates).toEqual([]);
    expect(read('(- Néle)le:12.03.85  Sexe:F.').dates[0]).toMatchObject({ iso: ['1985-03-12'], labelled: true });
  });

  it('property: extraction never throws on any text, and every token it points at exists', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 80 }), { maxLength: 12 }), (lines) => {
        const x = read(...lines);
        const n = x.tokens.length;
        for (const i of [...x.names.flatMap((s) => s.tokens), ...x.dates.flatMap((d) => d.tokens), ...x.identifiers.flatMap((d) => d.tokens)]) expect(i).toBeLessThan(n);
      }),
    );
  });
});
