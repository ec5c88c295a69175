import { createRequire } from 'node:module';

/**
 * Birth place code (trait strict): the INSEE official geographic code (COG) of the birth commune
 * (5 characters, 2A/2B for Corsica, 97x/98x overseas), or 99 + country code for people born abroad.
 * Communes come from `@etalab/decoupage-administratif` (current, delegated and associated communes,
 * Paris/Lyon/Marseille arrondissements, and their former codes).
 */
export interface BirthPlace {
  code: string;
  kind: 'commune' | 'country';
  label: string;
}

let communes: Map<string, string> | undefined;
function communeIndex(): Map<string, string> {
  if (!communes) {
    const require = createRequire(import.meta.url);
    const list = require('@etalab/decoupage-administratif/data/communes.json') as { code: string; nom: string; anciensCodes?: string[] }[];
    communes = new Map();
    for (const c of list) {
      if (!communes.has(c.code)) communes.set(c.code, c.nom);
      for (const old of c.anciensCodes ?? []) if (!communes.has(old)) communes.set(old, c.nom);
    }
  }
  return communes;
}

/** COG country codes (99 + continent digit + 2 digits) of the countries most often met at a French desk. */
export const COUNTRIES: Record<string, string> = {
  '99101': 'Danemark', '99102': 'Islande', '99103': 'Norvège', '99104': 'Suède', '99105': 'Finlande',
  '99106': 'Estonie', '99107': 'Lettonie', '99108': 'Lituanie', '99109': 'Allemagne', '99110': 'Autriche',
  '99111': 'Bulgarie', '99112': 'Hongrie', '99113': 'Liechtenstein', '99114': 'Roumanie', '99115': 'Tchécoslovaquie',
  '99116': 'Tchéquie', '99117': 'Slovaquie', '99118': 'Bosnie-Herzégovine', '99119': 'Croatie', '99120': 'Yougoslavie',
  '99121': 'Serbie', '99122': 'Pologne', '99123': 'Russie', '99125': 'Albanie', '99126': 'Grèce', '99127': 'Italie',
  '99128': 'Saint-Marin', '99129': 'Vatican', '99130': 'Andorre', '99131': 'Belgique', '99132': 'Royaume-Uni',
  '99134': 'Espagne', '99135': 'Pays-Bas', '99136': 'Irlande', '99137': 'Luxembourg', '99138': 'Monaco',
  '99139': 'Portugal', '99140': 'Suisse', '99144': 'Malte', '99145': 'Slovénie', '99148': 'Biélorussie',
  '99151': 'Moldavie', '99155': 'Ukraine', '99156': 'Macédoine du Nord', '99157': 'Kosovo', '99120b': '',
  '99201': 'Arabie saoudite', '99203': 'Irak', '99204': 'Iran', '99205': 'Liban', '99206': 'Syrie', '99207': 'Israël',
  '99208': 'Turquie', '99212': 'Afghanistan', '99213': 'Pakistan', '99216': 'Chine', '99217': 'Japon',
  '99223': 'Inde', '99231': 'Indonésie', '99235': 'Philippines', '99238': 'Corée du Sud', '99242': 'Vietnam',
  '99243': 'Cambodge', '99246': 'Sri Lanka', '99247': 'Laos', '99301': 'Égypte', '99302': 'Liberia',
  '99303': 'Afrique du Sud', '99304': 'Gambie', '99309': 'Tanzanie', '99310': 'Zimbabwe', '99311': 'Namibie',
  '99312': 'République démocratique du Congo', '99314': 'Guinée équatoriale', '99315': 'Éthiopie', '99316': 'Libye',
  '99317': 'Érythrée', '99318': 'Somalie', '99321': 'Burundi', '99322': 'Cameroun', '99323': 'Centrafrique',
  '99324': 'Congo', '99326': 'Côte d’Ivoire', '99327': 'Bénin', '99328': 'Gabon', '99329': 'Ghana', '99330': 'Guinée',
  '99331': 'Burkina Faso', '99332': 'Kenya', '99333': 'Madagascar', '99334': 'Malawi', '99335': 'Mali',
  '99336': 'Mauritanie', '99337': 'Niger', '99338': 'Nigeria', '99339': 'Ouganda', '99340': 'Rwanda',
  '99341': 'Sénégal', '99342': 'Sierra Leone', '99343': 'Soudan', '99344': 'Tchad', '99345': 'Togo', '99346': 'Zambie',
  '99350': 'Maroc', '99351': 'Tunisie', '99352': 'Algérie', '99390': 'Maurice', '99396': 'Comores',
  '99401': 'Canada', '99404': 'États-Unis', '99405': 'Mexique', '99406': 'Costa Rica', '99407': 'Cuba',
  '99408': 'République dominicaine', '99409': 'Guatemala', '99410': 'Haïti', '99411': 'Honduras',
  '99415': 'Argentine', '99416': 'Brésil', '99417': 'Chili', '99418': 'Bolivie', '99419': 'Colombie',
  '99420': 'Équateur', '99421': 'Paraguay', '99422': 'Pérou', '99423': 'Uruguay', '99424': 'Venezuela',
  '99501': 'Australie', '99502': 'Nouvelle-Zélande', '99508': 'Fidji',
};
delete COUNTRIES['99120b'];

/** Collectivities whose communes may be missing from the COG file used (Saint-Pierre-et-Miquelon… Clipperton). */
const OVERSEAS_PREFIXES = ['975', '977', '978', '984', '986', '987', '988', '989'];

export type BirthPlaceCheck = { ok: true; place: BirthPlace } | { ok: false; fr: string; en: string };

export function checkBirthPlace(input: string): BirthPlaceCheck {
  const code = input.trim().toUpperCase();
  if (!/^(?:[0-9]{2}|2A|2B)[0-9]{3}$/.test(code)) {
    return {
      ok: false,
      fr: `Le code du lieu de naissance « ${input} » doit compter 5 caractères : code INSEE de la commune (ex. 75112, 2A004) ou 99 suivi du code du pays pour une naissance à l’étranger (ex. 99350 pour le Maroc). Le code postal ne convient pas.`,
      en: `The birth place code "${input}" must have 5 characters: INSEE commune code (e.g. 75112, 2A004) or 99 + country code for a birth abroad (e.g. 99350 Morocco). A postcode is not accepted.`,
    };
  }
  if (code.startsWith('99')) {
    const continent = code[2]!;
    const label = COUNTRIES[code];
    if (label) return { ok: true, place: { code, kind: 'country', label } };
    if ('12345'.includes(continent) && code.slice(3) !== '00') return { ok: true, place: { code, kind: 'country', label: `Pays ${code}` } };
    return {
      ok: false,
      fr: `Le code pays « ${code} » n’existe pas : pour une naissance à l’étranger, saisissez 99 suivi du code INSEE du pays (ex. 99350 Maroc, 99139 Portugal).`,
      en: `Country code "${code}" does not exist: for a birth abroad, type 99 + the INSEE country code (e.g. 99350 Morocco).`,
    };
  }
  const name = communeIndex().get(code);
  if (name) return { ok: true, place: { code, kind: 'commune', label: name } };
  if (OVERSEAS_PREFIXES.some((p) => code.startsWith(p))) return { ok: true, place: { code, kind: 'commune', label: `Commune ${code}` } };
  return {
    ok: false,
    fr: `Aucune commune n’a le code INSEE « ${code} » : vérifiez le code officiel (différent du code postal — Paris 12e = 75112, Ajaccio = 2A004).`,
    en: `No commune has INSEE code "${code}": check the official code (not the postcode — Paris 12th = 75112).`,
  };
}

export function birthPlaceLabel(code: string | null): string | null {
  if (!code) return null;
  const c = checkBirthPlace(code);
  return c.ok ? c.place.label : null;
}
