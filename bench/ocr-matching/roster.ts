/**
 * The demo roster of the development set: a practice's patients with the look-alikes that make matching hard —
 * same name and first name born on other dates (father and son, homonyms), twins (same birth name and date),
 * married women known by their used name, a used name that is another patient's birth name, particles,
 * hyphens, accents. In the spec format of README.md (roster entries).
 */
import { withKey } from '../../src/server/patients/index.js';

export interface RosterEntry {
  key: string;
  birthName: string;
  usedName?: string | null;
  firstNames: string;
  birthDate: string;
  sex: 'F' | 'M' | 'U';
  nir?: string;
  ins?: string;
}

type Row = [key: string, birthName: string, usedName: string | null, firstNames: string, birthDate: string, sex: 'F' | 'M', dept: string, withIns: boolean];

const ROWS: Row[] = [
  ['P01', 'DURAND', 'MARTIN', 'Hélène Marie', '1985-03-12', 'F', '44', true],
  ['P02', 'DURAND', null, 'Hélène', '1991-07-23', 'F', '44', false], // same names, other birth date
  ['P03', 'MARTIN', null, 'Hélène Jeanne', '1962-11-02', 'F', '75', true], // birth name = P01's used name
  ['P04', 'DUPONT', null, 'Jean Pierre', '1950-06-04', 'M', '49', true], // father
  ['P05', 'DUPONT', null, 'Jean Louis', '1978-09-15', 'M', '49', false], // son, same first name
  ['P06', 'GARNIER', null, 'Léo Paul', '2019-02-02', 'M', '44', true], // twins
  ['P07', 'GARNIER', null, 'Léa Alice', '2019-02-02', 'F', '44', true],
  ['P08', 'LEFÈVRE', 'ROUSSEAU', 'Élise Anne', '1974-05-30', 'F', '35', true],
  ['P09', 'LEFEBVRE', null, 'Élise', '1974-05-03', 'F', '35', false], // near homonym, date digits swapped
  ['P10', 'DE LA FONTAINE', null, 'Bertrand Jacques', '1947-12-25', 'M', '75', true],
  ['P11', 'MARTIN-DUBOIS', null, 'Camille', '1999-01-17', 'F', '69', false],
  ['P12', 'NGUYEN', null, 'Thi Lan', '1968-08-08', 'F', '99', true],
  ['P13', 'NGUYEN', null, 'Van Minh', '1966-04-19', 'M', '99', false],
  ['P14', 'BERNARD', null, 'Lucas', '2008-10-10', 'M', '44', true], // twins, both boys
  ['P15', 'BERNARD', null, 'Louis', '2008-10-10', 'M', '44', true],
  ['P16', 'PETIT', 'MOREAU', 'Sophie Claire', '1980-02-29', 'F', '13', true],
  ['P17', 'MOREAU', null, 'Sophie', '1958-06-14', 'F', '13', false], // used name of P16 as birth name, same first name
  ['P18', 'ROBERT', null, 'Michel', '1945-03-01', 'M', '59', true],
  ['P19', 'ROBERT', null, 'Michèle', '1947-07-07', 'F', '59', false], // Michel / Michèle
  ['P20', "D'ALMEIDA", null, 'João Manuel', '1971-11-11', 'M', '99', true],
  ['P21', 'LE GOFF', null, 'Yann', '1983-04-04', 'M', '29', true],
  ['P22', 'LEGOFF', null, 'Yannick', '1983-04-14', 'M', '29', false],
  ['P23', 'FONTAINE', null, 'Marc', '1990-12-01', 'M', '44', false], // core of P10's name
  ['P24', 'BENALI', 'LAMBERT', 'Nadia', '1988-09-09', 'F', '93', true],
  ['P25', 'LAMBERT', null, 'Nadia', '1988-09-19', 'F', '93', false],
  ['P26', 'GIRARD', null, 'Chloé', '2015-06-30', 'F', '44', true],
  ['P27', 'BONNET', null, 'André', '1939-01-21', 'M', '44', true],
  ['P28', 'FRANÇOIS', null, 'Marie-Laure', '1977-03-08', 'F', '85', false],
  ['P29', 'MARIE', null, 'François', '1976-08-03', 'M', '85', false], // first name / surname swapped with P28
  ['P30', 'ÉTIENNE', 'GAUTHIER', 'Inès', '1993-10-05', 'F', '44', true],
  ['P31', 'GAUTIER', null, 'Ines', '1993-05-10', 'F', '44', false],
  ['P32', 'ROUX', null, 'Théo', '2021-11-30', 'M', '44', true],
  ['P33', 'LEROY', null, 'Paul', '1955-02-14', 'M', '44', false], // also the name of a correspondent (Dr LEROY)
  ['P34', 'MERCIER', null, 'Anne-Sophie', '1986-12-12', 'F', '2A', true],
  ['P35', 'CHEVALIER', null, 'Emma', '2012-04-01', 'F', '44', false],
  ['P36', 'CHEVALIER', null, 'Emma', '2012-04-01', 'F', '44', false], // a true homonym born the same day
];

function nirOf(i: number, sex: 'F' | 'M', birthDate: string, dept: string): string {
  const body = `${sex === 'M' ? 1 : 2}${birthDate.slice(2, 4)}${birthDate.slice(5, 7)}${dept.padStart(2, '0').slice(0, 2)}${String(100 + ((i * 37) % 800)).padStart(3, '0')}${String(1 + ((i * 53) % 900)).padStart(3, '0')}`;
  return withKey(body);
}

export function demoRoster(): RosterEntry[] {
  return ROWS.map(([key, birthName, usedName, firstNames, birthDate, sex, dept, withIns], i) => {
    const nir = nirOf(i + 1, sex, birthDate, dept);
    return { key, birthName, usedName, firstNames, birthDate, sex, nir, ...(withIns ? { ins: nir } : {}) };
  });
}
