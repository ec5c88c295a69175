import { seededRandom } from '../platform/seeded-random.js';
import { clock } from '../platform/clock.js';

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

export { seededRandom };

export interface DemoIdentity {
  birthName: string;
  usedName: string | null;
  firstName: string;
  /** All birth given names (the first one is `firstName`). */
  givenNames: string;
  sex: 'F' | 'M';
  birthDate: string;
  birthPlaceCode: string;
  /** Valid NIR (key computed), or null when the desk has not recorded it yet. */
  nir: string | null;
  phone: string;
  phones: { number: string; kind: 'mobile' | 'home' | 'work' }[];
  email: string | null;
  identityStatus: 'provisoire' | 'recuperee' | 'validee' | 'qualifiee';
  homonym: boolean;
  address: { lines: string[]; postalCode: string; city: string; country: string };
  smsConsent: boolean;
  emailConsent: boolean;
  preferredLanguage: string;
  accessibility: { hearing: boolean; sight: boolean; mobility: boolean; cognitive: boolean; interpreter: boolean; interpreterLanguage: string | null; notes: string | null } | null;
  /** Minors: one or two parents. */
  legalRepresentatives: { relationship: 'mother' | 'father'; name: string; phone: string }[];
  emergencyContact: { name: string; relationship: string; phone: string } | null;
  amo: Record<string, unknown> | null;
  amc: Record<string, unknown> | null;
  gpName: string | null;
}

const plain = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-zA-Z]/g, '').toLowerCase();

/** Birth places (INSEE COG codes) with the address city used for people living nearby. */
const PLACES: { code: string; city: string; postalCode: string }[] = [
  { code: '75112', city: 'Paris', postalCode: '75012' },
  { code: '75115', city: 'Paris', postalCode: '75015' },
  { code: '69123', city: 'Lyon', postalCode: '69003' },
  { code: '13055', city: 'Marseille', postalCode: '13005' },
  { code: '33063', city: 'Bordeaux', postalCode: '33000' },
  { code: '31555', city: 'Toulouse', postalCode: '31000' },
  { code: '59350', city: 'Lille', postalCode: '59000' },
  { code: '44109', city: 'Nantes', postalCode: '44000' },
  { code: '67482', city: 'Strasbourg', postalCode: '67000' },
  { code: '35238', city: 'Rennes', postalCode: '35000' },
  { code: '2A004', city: 'Ajaccio', postalCode: '20000' },
  { code: '97411', city: 'Saint-Denis', postalCode: '97400' },
  { code: '99350', city: 'Casablanca', postalCode: '' },
  { code: '99352', city: 'Alger', postalCode: '' },
  { code: '99139', city: 'Lisbonne', postalCode: '' },
];
const STREETS = ['rue des Tilleuls', 'avenue Jean Jaurès', 'rue de la République', 'boulevard Victor Hugo', 'place de la Mairie', 'chemin des Vignes', 'rue Pasteur', 'allée des Acacias'];
const MUTUELLES = ['MGEN', 'Harmonie Mutuelle', 'MAAF Santé', 'Malakoff Humanis', 'AG2R La Mondiale', 'Mutuelle Générale'];
const GPS = ['Dr Claire Martin', 'Dr Paul Lefèvre', 'Dr Amina Benali', 'Dr Jacques Moreau (hors cabinet, Lyon)'];

function nirKey13(body: string): string {
  const n = BigInt(body.slice(0, 5) + body.slice(5, 7).replace('2A', '19').replace('2B', '18') + body.slice(7));
  return String(97n - (n % 97n)).padStart(2, '0');
}

function iso(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/**
 * The demo people. The first draws keep the identities of earlier versions (names, dates); the
 * administrative file comes from a second generator so that adding fields does not reshuffle people.
 */
export function demoIdentities(count: number, seed: number, today = clock.now()): DemoIdentity[] {
  const rnd = seededRandom(seed);
  const extra = seededRandom(seed + 7919);
  const pick = <T>(list: readonly T[], r = rnd): T => list[Math.floor(r() * list.length)]!;
  const phoneNumber = (r: () => number, mobile: boolean) => `0${mobile ? (r() < 0.5 ? 6 : 7) : 1 + Math.floor(r() * 5)}${String(Math.floor(r() * 1e8)).padStart(8, '0')}`;
  const people: DemoIdentity[] = [];
  for (let i = 0; i < count; i++) {
    const sex = rnd() < 0.52 ? 'F' : 'M';
    const firstName = sex === 'F' ? pick(FEMALE_FIRST) : pick(MALE_FIRST);
    const birthName = pick(SURNAMES).replace(/’/g, "'");
    const ageYears = Math.floor(rnd() * 92);
    let birth = new Date(Date.UTC(2026 - ageYears, Math.floor(rnd() * 12), 1 + Math.floor(rnd() * 28)));
    if (birth > today) birth = new Date(today.getTime() - (30 + i) * 86_400_000);
    // About a third of adult women use a spouse's name: the birth name stays the strict trait.
    const usedName = sex === 'F' && ageYears >= 22 && rnd() < 0.35 ? pick(SURNAMES).replace(/’/g, "'") : null;
    const phone = `0${rnd() < 0.8 ? (rnd() < 0.5 ? 6 : 7) : 1 + Math.floor(rnd() * 5)}${String(Math.floor(rnd() * 1e8)).padStart(8, '0')}`;
    const statusRoll = rnd();
    const email = rnd() < 0.6 ? `${plain(firstName)}.${plain(usedName ?? birthName)}${i}@example.fr` : null;
    let identityStatus: DemoIdentity['identityStatus'] = statusRoll < 0.45 ? 'qualifiee' : statusRoll < 0.7 ? 'validee' : statusRoll < 0.8 ? 'recuperee' : 'provisoire';

    // Administrative file (second generator).
    const place = pick(PLACES, extra);
    const second = extra() < 0.4 ? (sex === 'F' ? pick(FEMALE_FIRST, extra) : pick(MALE_FIRST, extra)) : null;
    const givenNames = second && second !== firstName ? `${firstName} ${second}` : firstName;
    const body = `${sex === 'M' ? 1 : 2}${iso(birth).slice(2, 4)}${iso(birth).slice(5, 7)}${place.code}${String(1 + Math.floor(extra() * 998)).padStart(3, '0')}`;
    const hasNir = identityStatus === 'qualifiee' || identityStatus === 'recuperee' || extra() < 0.5;
    const nir = hasNir ? body + nirKey13(body) : null;
    if (!nir && (identityStatus === 'qualifiee' || identityStatus === 'recuperee')) identityStatus = 'validee';
    const minor = ageYears < 18;
    const home = place.postalCode ? place : PLACES[0]!;
    const phones: DemoIdentity['phones'] = [{ number: phone, kind: phone.startsWith('06') || phone.startsWith('07') ? 'mobile' : 'home' }];
    if (extra() < 0.25) phones.push({ number: phoneNumber(extra, false), kind: extra() < 0.5 ? 'home' : 'work' });
    const accRoll = extra();
    const accessibility =
      accRoll < 0.12
        ? {
            hearing: accRoll < 0.03,
            sight: accRoll >= 0.03 && accRoll < 0.05,
            mobility: ageYears > 70 || (accRoll >= 0.05 && accRoll < 0.08),
            cognitive: ageYears > 80 && accRoll < 0.1,
            interpreter: place.code.startsWith('99') && accRoll >= 0.08,
            interpreterLanguage: place.code.startsWith('99') && accRoll >= 0.08 ? (place.code === '99139' ? 'pt' : 'ar') : null,
            notes: null,
          }
        : null;
    const family = usedName ?? birthName;
    const legalRepresentatives: DemoIdentity['legalRepresentatives'] = minor
      ? [
          { relationship: 'mother', name: `${pick(FEMALE_FIRST, extra)} ${family}`, phone: phoneNumber(extra, true) },
          ...(extra() < 0.6 ? [{ relationship: 'father' as const, name: `${pick(MALE_FIRST, extra)} ${family}`, phone: phoneNumber(extra, true) }] : []),
        ]
      : [];
    const expired = extra() < 0.15;
    const rightsUntil = expired ? iso(new Date(today.getTime() - (10 + Math.floor(extra() * 200)) * 86_400_000)) : iso(new Date(today.getTime() + (30 + Math.floor(extra() * 700)) * 86_400_000));
    const aldRoll = extra();
    const exemptionRoll = extra();
    const amo = {
      regime: extra() < 0.9 ? 'general' : 'agricole',
      caisse: place.postalCode ? `CPAM ${place.city}` : 'CPAM Paris',
      insuredNir: null,
      rightsFrom: null,
      rightsUntil,
      ald: ageYears > 50 && aldRoll < 0.2 ? [{ label: aldRoll < 0.1 ? 'Diabète de type 2' : 'Insuffisance cardiaque', until: iso(new Date(today.getTime() + (aldRoll < 0.05 ? -40 : 400) * 86_400_000)) }] : [],
      exemptions:
        exemptionRoll < 0.06
          ? [{ kind: 'css', label: null, from: null, until: iso(new Date(today.getTime() + (exemptionRoll < 0.02 ? -20 : 200) * 86_400_000)) }]
          : exemptionRoll < 0.08
            ? [{ kind: 'ame', label: null, from: null, until: iso(new Date(today.getTime() + 120 * 86_400_000)) }]
            : [],
    };
    const amc =
      extra() < 0.75
        ? {
            organisme: pick(MUTUELLES, extra),
            organismeNumber: String(10000000 + Math.floor(extra() * 89999999)),
            memberNumber: String(Math.floor(extra() * 1e9)).padStart(9, '0'),
            validFrom: null,
            validUntil: extra() < 0.1 ? iso(new Date(today.getTime() - 15 * 86_400_000)) : iso(new Date(Date.UTC(today.getUTCFullYear(), 11, 31))),
            tiersPayant: extra() < 0.7,
          }
        : null;
    people.push({
      birthName,
      usedName: usedName === birthName ? null : usedName,
      firstName,
      givenNames,
      sex,
      birthDate: iso(birth),
      birthPlaceCode: place.code,
      nir,
      phone,
      phones,
      email,
      identityStatus,
      homonym: false,
      address: { lines: [`${1 + Math.floor(extra() * 120)} ${pick(STREETS, extra)}`], postalCode: home.postalCode, city: home.city, country: 'France' },
      smsConsent: extra() < 0.7,
      emailConsent: email !== null && extra() < 0.5,
      preferredLanguage: accessibility?.interpreterLanguage ?? (extra() < 0.03 ? 'en' : 'fr'),
      accessibility,
      legalRepresentatives,
      emergencyContact: !minor && extra() < 0.4 ? { name: `${pick(FEMALE_FIRST, extra)} ${family}`, relationship: extra() < 0.5 ? 'conjoint(e)' : 'enfant', phone: phoneNumber(extra, true) } : null,
      amo,
      amc,
      gpName: extra() < 0.8 ? pick(GPS, extra) : null,
    });
  }
  // Homonyms: same names, different people (different birth dates): flagged so the desk looks twice.
  if (people.length > 20) {
    for (const [a, b] of [[3, 11], [7, 19]] as const) {
      const pa = people[a]!;
      const pb = people[b]!;
      Object.assign(pb, { birthName: pa.birthName, firstName: pa.firstName, givenNames: pa.firstName, sex: pa.sex, usedName: null, homonym: true });
      if (pb.nir) pb.nir = (pb.sex === 'M' ? '1' : '2') + pb.nir.slice(1, 13);
      if (pb.nir) pb.nir = pb.nir + nirKey13(pb.nir);
      pa.homonym = true;
    }
  }
  return people;
}
