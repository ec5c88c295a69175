/**
 * The quote of one consultation (shared/billing-contract.md): pure, clock-free (the date comes from the case),
 * integer cents only. Rates are integer percents of the base; the only division is `percentOf`, which rounds
 * half up to the cent — with every tariff a multiple of 50 cents, 70 %, 40 % and 100 % are exact, and only a
 * mutuelle guarantee such as 133 % BR can fall on a half cent (rounded up, like a cash register, never truncated
 * to the insurer's advantage).
 */
import { describeIssues, mutuelleSchema, quoteCaseSchema, type Act, type MutuelleInput, type QuoteCase, type Quote, type QuoteError, type Specialty } from '../contract.js';
import { MAJORATION_HORS_PARCOURS_CAP, PARTICIPATION_FORFAITAIRE, RATES, TABLE_START, amountOn, tariffOn, type TariffRow } from '../tariffs.js';

export type QuoteResult = (Quote & { detail: QuoteDetail }) | QuoteError;

/** Extra output (the contract allows extra fields): how the figures were reached, for the desk and the tests. */
export interface QuoteDetail {
  /**
   * Coding the engine quotes as given but a person should check before billing (« the engine neither adds nor
   * removes codes »): an APC without the médecin traitant's request, a psychiatrist's APC (coded APY in the NGAP,
   * not in the table), a direct access to a psychiatrist from 26 on (then hors parcours).
   */
  warnings: string[];
  baseCents: number;
  amoRatePercent: number;
  majorationHorsParcoursCents: number;
  amoGrossCents: number;
}

const SPECIALTY_FR: Record<Specialty, string> = {
  general_practice: 'un médecin généraliste',
  paediatrics: 'un pédiatre',
  cardiology: 'un cardiologue',
  dermatology: 'un dermatologue',
  gynaecology: 'un gynécologue',
  psychiatry: 'un psychiatre',
  ophthalmology: 'un ophtalmologue',
  dentistry: 'un chirurgien-dentiste',
  other: 'un médecin d’une autre spécialité',
};

/** What a secteur-2 GP outside OPTAM codes instead when charging a dépassement (TC is not in the table yet). */
const OVERRUN_CODE: Partial<Record<string, string>> = {
  consultation: 'coter C à 23 €',
  visit: 'coter V à 23 €',
  teleconsultation: 'coter TC (téléconsultation hors OPTAM, non prise en charge par ce moteur)',
  majoration_enfant: 'MEG ne s’applique pas (consultation cotée C)',
};

/** Accès direct spécifique (CSS L162-5-3; service-public F17042). Stomatology is not in the contract's specialties. */
const DIRECT_ACCESS: readonly Specialty[] = ['gynaecology', 'ophthalmology', 'psychiatry'];

export function percentOf(cents: number, percent: number): number {
  return Math.floor((cents * percent + 50) / 100);
}

/** Full years between two ISO days (the birthday itself counts: 18 on the day of the 18th birthday). */
export function ageOn(birthDate: string, date: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

class Refusal extends Error {}
const refuse = (message: string): never => {
  throw new Refusal(message);
};

interface PricedAct {
  row: TariffRow;
  tariffCents: number;
  feeCents: number;
}

/** R871-2: dépassements of non-OPTAM doctors covered up to 100 % BR, i.e. AMO + AMC ≤ 200 % BR. */
const RESPONSIBLE_NON_OPTAM_MAX_PERCENT = 200;

interface Mutuelle {
  responsible: boolean;
  coversTicketModerateur: boolean;
  coveragePercent: number;
}

export function quote(input: unknown): QuoteResult {
  const rawId = typeof input === 'object' && input !== null && 'id' in input ? (input as { id: unknown }).id : undefined;
  const id = typeof rawId === 'string' ? rawId : null;
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return { id, error: 'objet JSON attendu pour un cas' };
  const parsed = quoteCaseSchema.safeParse(input);
  if (!parsed.success) return { id, error: describeIssues(parsed.error, input) };
  try {
    return compute(parsed.data);
  } catch (e) {
    if (e instanceof Refusal) return { id, error: e.message };
    throw e;
  }
}

function compute(c: QuoteCase): Quote & { detail: QuoteDetail } {
  const { patient, care, practitioner } = c;
  if (c.date < TABLE_START) refuse(`date de soins antérieure au ${TABLE_START} : hors de la table des tarifs`);
  if (patient.birthDate > c.date) refuse('date de naissance postérieure à la date des soins');
  if (patient.css && patient.ame) refuse('un patient ne peut bénéficier à la fois de la CSS et de l’AME');
  if (care.atmp && (patient.maternity || care.aldRelated || patient.css || patient.ame))
    refuse('AT/MP ne se combine pas avec maternité, soins liés à l’ALD, CSS ou AME');
  const age = ageOn(patient.birthDate, c.date);

  const warnings: string[] = [];
  const acts = priceActs(c, age, warnings);
  const parcours = checkParcours(c, age, acts, warnings);
  const mutuelle = readMutuelle(c);

  const baseCents = sum(acts.map((a) => a.tariffCents));
  const totalCents = sum(acts.map((a) => a.feeCents));

  // 100 % AMO: ALD-related care, maternity period, AT/MP (on the tariff), AME (the caisse pays for the State).
  const exempt = (patient.ald && care.aldRelated) || patient.maternity || care.atmp || patient.ame;
  const amoRatePercent = exempt ? RATES.amoExemptPercent : RATES.amoStandardPercent;
  const amoNoMajoration = percentOf(baseCents, amoRatePercent);

  // Majoration hors parcours: 40 points of the base, capped per consultation. Not for patients under 16 (outside
  // the parcours rules), AME beneficiaries (no médecin traitant to declare), AT/MP care (L432-1 applies the
  // participation forfaitaire to it, not the majoration), nor maternity (L160-9: every fee at 100 %). ALD patients
  // bear it: the former R322-1-1 extends it to those whose participation is waived under L322-3.
  const horsParcours =
    (parcours === 'outside' || parcours === 'no_medecin_traitant_declared') && age >= 16 && !patient.ame && !care.atmp && !patient.maternity;
  const cap = amountOn(MAJORATION_HORS_PARCOURS_CAP, c.date) ?? refuse('plafond de majoration inconnu à cette date');
  const majoration = horsParcours ? Math.min(percentOf(baseCents, RATES.majorationHorsParcoursPercent), cap, amoNoMajoration) : 0;
  const amoGross = amoNoMajoration - majoration;

  // Participation forfaitaire: minors under 18, CSS, AME, maternity are exempt; ALD and AT/MP patients pay it
  // (L432-1 applies L160-13 II to AT/MP). Never more than the AMO share it is deducted from.
  const pfExempt = age < 18 || patient.css || patient.ame || patient.maternity;
  const pfAmount = amountOn(PARTICIPATION_FORFAITAIRE, c.date) ?? refuse('participation forfaitaire inconnue à cette date');
  const pf = pfExempt ? 0 : Math.min(pfAmount, amoGross);
  const amoCents = amoGross - pf;

  let amcCents = 0;
  if (patient.css) {
    // The CSS pays the ticket modérateur and, as the caisses record it, the majoration hors parcours (DREES/SNDS
    // fiche: the CSS line carries the opposite of the majoration; Sénat answer of 26 Jun 2025: CSS beneficiaries
    // are not affected by the lower reimbursement). No dépassement is allowed, so total = base.
    amcCents = baseCents - amoGross;
  } else if (mutuelle?.coversTicketModerateur) {
    // Contract formula: min(total, guarantee × base) − AMO share at the rate without majoration, before the PF.
    // A contrat responsable may not cover more than 100 % BR of dépassement for a doctor outside OPTAM (CSS
    // R871-2): the guarantee is read as at most 200 % BR there, whatever figure the case gives.
    const percent = mutuelle.responsible && practitioner.sector === '2' ? Math.min(mutuelle.coveragePercent, RESPONSIBLE_NON_OPTAM_MAX_PERCENT) : mutuelle.coveragePercent;
    const ceiling = Math.min(totalCents, percentOf(baseCents, percent));
    amcCents = Math.max(0, ceiling - amoNoMajoration);
  }

  const patientCents = totalCents - amoCents - amcCents;
  const dueAtDeskCents = c.tiersPayant === 'none' ? totalCents : c.tiersPayant === 'amo' ? totalCents - amoGross : totalCents - amoGross - amcCents;

  return {
    id: c.id,
    totalCents,
    amoCents,
    amcCents,
    patientCents,
    participationForfaitaireCents: pf,
    dueAtDeskCents,
    detail: { warnings, baseCents, amoRatePercent, majorationHorsParcoursCents: majoration, amoGrossCents: amoGross },
  };
}

function priceActs(c: QuoteCase, age: number, warnings: string[]): PricedAct[] {
  const { specialty, sector } = c.practitioner;
  const priced = c.acts.map((act: Act): PricedAct => {
    const row = tariffOn(act.code, c.date) ?? refuse(`acte inconnu ou non pris en charge à cette date : ${act.code}`);
    if (row.code === 'APC' && specialty === 'psychiatry') warnings.push('un psychiatre cote son avis ponctuel APY (absent de la table) : chiffré au tarif de l’APC, à vérifier');
    else if (!row.specialties.includes(specialty)) refuse(`l’acte ${row.code} ne peut pas être facturé par ${SPECIALTY_FR[specialty]}`);
    if (row.sector2Only && sector !== '2') refuse(`l’acte ${row.code} est réservé au secteur 2 hors OPTAM avec dépassement ; coter G (ou VG)`);
    const feeCents = act.feeCents ?? row.cents;
    if (feeCents < row.cents) refuse(`honoraire de ${row.code} inférieur au tarif (${euros(row.cents)})`);
    if (feeCents > row.cents) {
      if (sector === '1') refuse(`secteur 1 : l’honoraire de ${row.code} doit être égal au tarif (${euros(row.cents)})`);
      if (c.patient.css) refuse('aucun dépassement d’honoraires pour un bénéficiaire de la CSS');
      if (c.patient.ame) refuse('aucun dépassement d’honoraires pour un bénéficiaire de l’AME');
      if (sector === '2' && row.opposableOnlyForSector2)
        refuse(`secteur 2 hors OPTAM : ${row.code} se facture au tarif opposable ; avec dépassement, ${OVERRUN_CODE[row.kind] ?? 'coter C (consultation) ou V (visite) à 23 €'}`);
    }
    return { row, tariffCents: row.cents, feeCents };
  });

  // One consultation: exactly one main act, each supplement at most once, and supplements only where they apply.
  const kinds = priced.map((a) => a.row.kind);
  const main = priced.filter((a) => !a.row.kind.startsWith('majoration'));
  if (main.length !== 1) refuse('une consultation comporte exactement un acte principal (G, GS, VG, TCG, APC, C ou V)');
  const mainKind = (main[0] as PricedAct).row.kind;
  const mainCode = (main[0] as PricedAct).row.code;
  if (new Set(priced.map((a) => a.row.code)).size !== priced.length) refuse('un même code ne peut figurer deux fois dans une consultation');
  if (kinds.includes('majoration_enfant')) {
    if (!['G', 'GS', 'VG', 'TCG'].includes(mainCode)) refuse(`MEG ne s’ajoute qu’à G, GS, VG ou TCG (pas à ${mainCode})`);
    if (age >= 6) refuse('MEG est réservée aux enfants de moins de 6 ans à la date des soins');
  }
  if (kinds.includes('majoration_deplacement') && mainKind !== 'visit') refuse('MD (majoration de déplacement) ne s’ajoute qu’à une visite (VG ou V)');
  return priced;
}

/** The parcours the shares are computed with, after the checks (a psychiatrist seen directly from 26 on: outside). */
function checkParcours(c: QuoteCase, age: number, acts: PricedAct[], warnings: string[]): QuoteCase['parcours'] {
  const { specialty } = c.practitioner;
  if (acts.some((a) => a.row.kind === 'avis') && c.parcours !== 'referred')
    warnings.push('l’APC suppose une demande explicite du médecin traitant (parcours « referred ») : cotation à vérifier');
  if (c.parcours === 'direct_access') {
    if (!DIRECT_ACCESS.includes(specialty))
      refuse(`accès direct spécifique impossible pour ${SPECIALTY_FR[specialty]} (gynécologie, ophtalmologie, psychiatrie de 16 à 25 ans)`);
    if (specialty === 'psychiatry' && age >= 26) {
      // Not an accès direct spécifique any more (L162-5-3: 16 to 25): a consultation outside the parcours.
      warnings.push('accès direct au psychiatre réservé aux 16-25 ans : consultation hors parcours (majoration appliquée)');
      return 'outside';
    }
  }
  return c.parcours;
}

function readMutuelle(c: QuoteCase): Mutuelle | null {
  if (c.patient.css) return null; // the CSS is then the complementary cover and the object is ignored
  if (c.mutuelle === undefined) refuse('champ obligatoire manquant : mutuelle');
  const parsed = mutuelleSchema.safeParse(c.mutuelle);
  if (!parsed.success) refuse(describeIssues(parsed.error, c.mutuelle, 'mutuelle'));
  const m = parsed.data as MutuelleInput;
  if (!m.present) return null;
  if (typeof m.responsible !== 'boolean') refuse('mutuelle.responsible : booléen attendu quand la mutuelle est présente');
  if (typeof m.coversTicketModerateur !== 'boolean') refuse('mutuelle.coversTicketModerateur : booléen attendu quand la mutuelle est présente');
  if (m.responsible && !m.coversTicketModerateur) refuse('un contrat responsable couvre toujours le ticket modérateur (coversTicketModerateur doit valoir true)');
  if (!m.coversTicketModerateur) return { responsible: false, coversTicketModerateur: false, coveragePercent: 100 }; // guarantee ignored
  const percent = m.coveragePercentOfBR ?? 100;
  if (typeof percent !== 'number' || !Number.isInteger(percent) || percent < 100)
    refuse('mutuelle.coveragePercentOfBR : entier ≥ 100 attendu (garantie en % de la base de remboursement)');
  return { responsible: m.responsible as boolean, coversTicketModerateur: true, coveragePercent: percent as number };
}

function sum(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0);
}

function euros(cents: number): string {
  return `${Math.floor(cents / 100)},${String(cents % 100).padStart(2, '0')} €`;
}
