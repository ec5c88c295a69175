/** Fictitious French identities for the demo practice: common surnames, compound names, accents. */
export const SURNAMES = [
  'MARTIN', 'BERNARD', 'THOMAS', 'PETIT', 'ROBERT', 'RICHARD', 'DURAND', 'DUBOIS', 'MOREAU', 'LAURENT',
  'SIMON', 'MICHEL', 'LEFÈVRE', 'LEROY', 'ROUX', 'DAVID', 'BERTRAND', 'MOREL', 'FOURNIER', 'GIRARD',
  'BONNET', 'DUPONT', 'LAMBERT', 'FONTAINE', 'ROUSSEAU', 'VINCENT', 'MÜLLER', 'LEFEBVRE', 'FAURE', 'ANDRÉ',
  'MERCIER', 'BLANC', 'GUÉRIN', 'BOYER', 'GARNIER', 'CHEVALIER', 'FRANÇOIS', 'LEGRAND', 'GAUTHIER', 'GARCIA',
  'PERRIN', 'ROBIN', 'CLÉMENT', 'MORIN', 'NICOLAS', 'HENRY', 'ROUSSEL', 'MATHIEU', 'GAUTIER', 'MASSON',
  'MARCHAND', 'DUVAL', 'DENIS', 'DUMAS', 'MARIE', 'LEMAIRE', 'NOËL', 'MEYER', 'DUFOUR', 'MEUNIER',
  'BRUN', 'BLANCHARD', 'GIRAUD', 'JOLY', 'RIVIÈRE', 'LUCAS', 'BRUNET', 'GAILLARD', 'BARBIER', 'ARNAUD',
  'MARTINEZ', 'GÉRARD', 'ROCHE', 'RENARD', 'SCHMITT', 'ROY', 'LEROUX', 'COLIN', 'VIDAL', 'CARON',
  'PICARD', 'ROGER', 'FABRE', 'AUBERT', 'LEMOINE', 'RENAUD', 'DUMONT', 'LACROIX', 'OLIVIER', 'PHILIPPE',
  'DUPONT-LEFÈVRE', 'LE GALL', 'DE LA FONTAINE', "N'DIAYE", 'NGUYEN', 'BEN SAÏD', 'KOWALSKI', 'DA SILVA', 'LE BRIS', 'SAINT-JUST',
  'HOARAU', 'PAYET', 'GRONDIN', 'LE ROUX', 'MARTIN-DUPUIS', 'D’ALMEIDA', 'ÉTIENNE', 'ÉVRARD', 'BŒUF', 'CÔTÉ',
];

export const FEMALE_FIRST = [
  'Marie', 'Jeanne', 'Françoise', 'Monique', 'Catherine', 'Nathalie', 'Isabelle', 'Sylvie', 'Christine', 'Valérie',
  'Sophie', 'Céline', 'Émilie', 'Julie', 'Camille', 'Léa', 'Manon', 'Chloé', 'Inès', 'Zoé',
  'Anne-Sophie', 'Marie-Claude', 'Hélène', 'Gaëlle', 'Noémie', 'Agnès', 'Béatrice', 'Maëlys', 'Anaïs', 'Yasmine',
];

export const MALE_FIRST = [
  'Jean', 'Pierre', 'Michel', 'André', 'Philippe', 'Alain', 'Bernard', 'Jacques', 'Daniel', 'Patrick',
  'Nicolas', 'Christophe', 'Stéphane', 'Sébastien', 'Julien', 'Thomas', 'Lucas', 'Hugo', 'Léo', 'Gabriel',
  'Jean-Pierre', 'Jean-François', 'François', 'Jérôme', 'Raphaël', 'Noé', 'Maël', 'Anaël', 'Mohamed', 'Loïc',
];

/** Small deterministic PRNG (mulberry32): the demo practice is the same at every start. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface DemoIdentity {
  birthName: string;
  usedName: string | null;
  firstName: string;
  sex: 'F' | 'M';
  birthDate: string;
  phone: string;
  email: string | null;
  identityStatus: 'provisoire' | 'recuperee' | 'validee' | 'qualifiee';
}

const plain = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-zA-Z]/g, '').toLowerCase();

export function demoIdentities(count: number, seed: number): DemoIdentity[] {
  const rnd = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const people: DemoIdentity[] = [];
  for (let i = 0; i < count; i++) {
    const sex = rnd() < 0.52 ? 'F' : 'M';
    const firstName = sex === 'F' ? pick(FEMALE_FIRST) : pick(MALE_FIRST);
    const birthName = pick(SURNAMES);
    const ageYears = Math.floor(rnd() * 92);
    const birth = new Date(Date.UTC(2026 - ageYears, Math.floor(rnd() * 12), 1 + Math.floor(rnd() * 28)));
    // About a third of adult women use a spouse's name: the birth name stays the strict trait.
    const usedName = sex === 'F' && ageYears >= 22 && rnd() < 0.35 ? pick(SURNAMES) : null;
    const phone = `0${rnd() < 0.8 ? (rnd() < 0.5 ? 6 : 7) : 1 + Math.floor(rnd() * 5)}${String(Math.floor(rnd() * 1e8)).padStart(8, '0')}`;
    const statusRoll = rnd();
    people.push({
      birthName,
      usedName: usedName === birthName ? null : usedName,
      firstName,
      sex,
      birthDate: birth.toISOString().slice(0, 10),
      phone,
      email: rnd() < 0.6 ? `${plain(firstName)}.${plain(usedName ?? birthName)}${i}@example.fr` : null,
      identityStatus: statusRoll < 0.45 ? 'qualifiee' : statusRoll < 0.7 ? 'validee' : statusRoll < 0.8 ? 'recuperee' : 'provisoire',
    });
  }
  return people;
}
