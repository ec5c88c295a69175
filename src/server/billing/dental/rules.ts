/**
 * The figures and checks of a dental quote (devis), pure and clock-free (the quote's date comes in), integer cents.
 * Each act is priced from the dated catalogue: AMO base (BR), AMO share = the dental rate of the date times the base
 * (percentOf of the consultation engine, half up), the patient's remaining share before any complementary cover
 * = fee − AMO share. No participation forfaitaire: it applies to doctors' acts, not to a dentist's.
 *
 * The legal rules checked: the fee is at least the base and, in the capped baskets (100 % Santé, reste à charge
 * maîtrisé), at most the ceiling; the code fits the tooth; and every proposed act outside 100 % Santé has its
 * mandatory alternative on the same tooth in a basket with no or moderate out-of-pocket (ameli « comprendre le
 * devis de votre dentiste »): a maîtrisé act needs a 100 % Santé alternative, a libre act one in 100 % Santé or
 * maîtrisé. One alternative per proposed act, so that the patient's choice (proposed or alternative) names a
 * single set of acts.
 *
 * A patient with the complémentaire santé solidaire (CSS) may not be charged a dépassement beyond the CSS amounts
 * (arrêté du 23 février 2024): each act's ceiling becomes the lower of its basket's ceiling and its CSS maximum,
 * in every basket, tarifs libres included; where Pivot has no CSS maximum for that code and date, no dépassement
 * at all (fee = base). The act keeps its basket: the CSS caps the fee, it does not move the act.
 */
import { ageOn, percentOf } from '../rules/quote.js';
import { BASKET_LABEL, cssCeilingOn, DENTAL_TABLE_START, dentalActOn, dentalAmoPercentOn, toothPosition, type Basket, type DentalActRow } from './catalogue.js';
import type { DentalActInput, DentalLine, Totals } from './contract.js';

export interface Refusal {
  field: string;
  fr: string;
  en: string;
}
export type Priced = { ok: true; amoPercent: number; lines: DentalLine[]; proposed: Totals; alternative: Totals | null } | { ok: false; refusal: Refusal };

const RANK: Record<Basket, number> = { rac0: 0, maitrise: 1, libre: 2 };
const euros = (c: number) => `${Math.floor(c / 100)},${String(c % 100).padStart(2, '0')} €`;

class Refused extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.en);
  }
}
const refuse = (field: string, fr: string, en: string): never => {
  throw new Refused({ field, fr, en });
};

/** What the rules need to know of the patient: whether the CSS covers them on the quote's date. */
export interface DentalPatient {
  css: boolean;
}

/** The most the act may be billed: the basket's ceiling, and for a CSS patient the CSS maximum (or the base). */
export function actCeiling(row: DentalActRow, date: string, patient: DentalPatient): { cents: number | null; css: 'table' | 'base' | null } {
  if (!patient.css) return { cents: row.ceilingCents, css: null };
  const css = cssCeilingOn(row.code, date);
  const cssCents = css ? css.maxCents : row.baseCents;
  return { cents: row.ceilingCents === null ? cssCents : Math.min(row.ceilingCents, cssCents), css: css ? 'table' : 'base' };
}

export function priceDentalQuote(date: string, acts: readonly DentalActInput[], patient: DentalPatient = { css: false }): Priced {
  try {
    return { ok: true, ...compute(date, acts, patient) };
  } catch (e) {
    if (e instanceof Refused) return { ok: false, refusal: e.refusal };
    throw e;
  }
}

function compute(date: string, acts: readonly DentalActInput[], patient: DentalPatient) {
  if (date < DENTAL_TABLE_START)
    refuse('date', `Date du devis antérieure au ${DENTAL_TABLE_START} : hors de la table des actes dentaires.`, `Quote date before ${DENTAL_TABLE_START}: outside the dental table.`);
  const amoPercent = dentalAmoPercentOn(date) ?? refuse('date', 'Taux AMO dentaire inconnu à cette date.', 'Dental AMO rate unknown on that date.');
  if (acts.length === 0) refuse('acts', 'Le devis ne comporte aucun acte.', 'The quote has no act.');

  const lines = acts.map((a, i): DentalLine => {
    const at = `acts.${i}`;
    const n = i + 1;
    const row = dentalActOn(a.code, date) ?? refuse(`${at}.code`, `Acte ${n} : code ${a.code} inconnu des prothèses dentaires à cette date.`, `Act ${n}: ${a.code} is not a known dental prosthesis on that date.`);
    const tooth = checkTooth(row, a.tooth ?? null, at, n);
    if (a.feeCents < row.baseCents)
      refuse(`${at}.feeCents`, `Acte ${n} : honoraire inférieur à la base de remboursement (${euros(row.baseCents)}).`, `Act ${n}: fee below the reimbursement base (${euros(row.baseCents)}).`);
    const cap = actCeiling(row, date, patient);
    if (cap.css && cap.cents !== null && a.feeCents > cap.cents)
      refuse(
        `${at}.feeCents`,
        cap.css === 'table'
          ? `Acte ${n} : patient bénéficiaire de la complémentaire santé solidaire, ${row.code} est plafonné à ${euros(cap.cents)} (montant maximal CSS).`
          : `Acte ${n} : patient bénéficiaire de la complémentaire santé solidaire, pas de dépassement sur ${row.code} (honoraire limité à la base, ${euros(cap.cents)} : montant maximal CSS non connu de Pivot à cette date).`,
        cap.css === 'table'
          ? `Act ${n}: CSS patient, ${row.code} is capped at ${euros(cap.cents)} (CSS maximum).`
          : `Act ${n}: CSS patient, no dépassement on ${row.code} (fee limited to the base, ${euros(cap.cents)}: CSS maximum unknown to Pivot on that date).`,
      );
    if (cap.cents !== null && a.feeCents > cap.cents)
      refuse(
        `${at}.feeCents`,
        `Acte ${n} : ${row.code} (${BASKET_LABEL[row.basket].fr}) est plafonné à ${euros(cap.cents)}.`,
        `Act ${n}: ${row.code} (${BASKET_LABEL[row.basket].en}) is capped at ${euros(cap.cents)}.`,
      );
    const amoCents = percentOf(row.baseCents, row.amoPercent ?? amoPercent);
    return {
      position: n, role: a.role, alternativeFor: a.role === 'alternative' ? (a.alternativeFor ?? null) : null, code: row.code, label: row.label, tooth,
      basket: row.basket, material: row.material, manufacturePlace: a.manufacturePlace, feeCents: a.feeCents, baseCents: row.baseCents, amoCents,
      patientCents: a.feeCents - amoCents, ceilingCents: cap.cents,
    };
  });
  checkAlternatives(acts, lines);
  const proposed = totals(acceptedLines(lines, 'proposed'));
  const hasAlternative = lines.some((l) => l.role === 'alternative');
  return { amoPercent, lines, proposed, alternative: hasAlternative ? totals(acceptedLines(lines, 'alternative')) : null };
}

/** A prosthesis is on one tooth the code fits; a global treatment (orthodontics) on none: the catalogue's kind decides. */
function checkTooth(row: DentalActRow, tooth: number | null, at: string, n: number): number | null {
  if (row.kind === 'global') {
    if (tooth !== null) refuse(`${at}.tooth`, `Acte ${n} : ${row.code} est un traitement global, sans dent.`, `Act ${n}: ${row.code} is a global treatment, with no tooth.`);
    return null;
  }
  if (tooth === null) refuse(`${at}.tooth`, `Acte ${n} : indiquez la dent de ${row.code} (notation FDI, 11 à 48).`, `Act ${n}: give the tooth of ${row.code} (FDI, 11 to 48).`);
  const t = tooth as number;
  const pos = toothPosition(t) ?? refuse(`${at}.tooth`, `Acte ${n} : dent ${t} invalide (notation FDI, 11 à 48).`, `Act ${n}: tooth ${t} is not valid (FDI, 11 to 48).`);
  if (!row.positions.includes(pos)) refuse(`${at}.tooth`, `Acte ${n} : ${row.code} (${row.label}) ne se facture pas sur la dent ${t}.`, `Act ${n}: ${row.code} cannot be billed on tooth ${t}.`);
  return t;
}

/**
 * The AMO reimburses orthodontics only for a treatment started before 16 (service-public.fr F33956), with prior
 * agreement. The quote cannot know when a continued treatment started, so the rule is a reminder, with the
 * patient's age on the quote's date from the file.
 */
export function dentalReminders(date: string, birthDate: string, lines: readonly Pick<DentalLine, 'code'>[]): { fr: string; en: string }[] {
  if (!lines.some((l) => dentalActOn(l.code, date)?.kind === 'global')) return [];
  const age = ageOn(birthDate, date);
  const ans = `${age} an${age > 1 ? 's' : ''}`;
  return age < 16
    ? [{ fr: `Orthodontie : remboursée par l’Assurance Maladie si le traitement commence avant 16 ans (patient de ${ans} à la date du devis), sur demande d’accord préalable.`, en: `Orthodontics: reimbursed only if the treatment starts before 16 (patient aged ${age} on the quote date), with prior agreement.` }]
    : [{ fr: `Orthodontie : patient de ${ans} à la date du devis ; non remboursée par l’Assurance Maladie sauf traitement commencé avant 16 ans — vérifiez la date de début et l’accord préalable.`, en: `Orthodontics: patient aged ${age} on the quote date; not reimbursed unless the treatment started before 16 — check the start date and prior agreement.` }];
}

function checkAlternatives(acts: readonly DentalActInput[], lines: DentalLine[]): void {
  if (!lines.some((l) => l.role === 'proposed')) refuse('acts', 'Le devis doit proposer au moins un acte.', 'The quote must propose at least one act.');
  const taken = new Set<number>();
  lines.forEach((l, i) => {
    const n = l.position;
    if (l.role === 'proposed') {
      if (acts[i]?.alternativeFor != null) refuse(`acts.${i}.alternativeFor`, `Acte ${n} : un acte proposé n’est l’alternative d’aucun autre.`, `Act ${n}: a proposed act is no other act’s alternative.`);
      return;
    }
    const target = lines.find((p) => p.position === l.alternativeFor && p.role === 'proposed');
    if (!target) refuse(`acts.${i}.alternativeFor`, `Acte ${n} : indiquez l’acte proposé que cette alternative remplace.`, `Act ${n}: give the proposed act this alternative replaces.`);
    const t = target as DentalLine;
    if (taken.has(t.position)) refuse(`acts.${i}.alternativeFor`, `Acte ${t.position} : une seule alternative par acte proposé.`, `Act ${t.position}: one alternative per proposed act.`);
    taken.add(t.position);
    if (t.tooth !== l.tooth) refuse(`acts.${i}.tooth`, `Acte ${n} : l’alternative porte sur la même dent que l’acte ${t.position} (${t.tooth}).`, `Act ${n}: the alternative is for the same tooth as act ${t.position} (${t.tooth}).`);
    if (l.basket === 'libre' || RANK[l.basket] >= RANK[t.basket])
      refuse(
        `acts.${i}.code`,
        `Acte ${n} : l’alternative doit être à reste à charge nul ou maîtrisé, et moindre que l’acte ${t.position} (${BASKET_LABEL[t.basket].fr}).`,
        `Act ${n}: the alternative must have no or moderate out-of-pocket, lower than act ${t.position} (${BASKET_LABEL[t.basket].en}).`,
      );
  });
  for (const [i, p] of lines.entries()) {
    // The 100 % Santé alternative concerns prostheses: a global treatment (orthodontics) has none.
    if (p.role !== 'proposed' || p.basket === 'rac0' || p.tooth === null || taken.has(p.position)) continue;
    const wanted = p.basket === 'maitrise' ? { fr: '100 % Santé', en: '100% Santé' } : { fr: '100 % Santé ou à reste à charge maîtrisé', en: '100% Santé or moderate out-of-pocket' };
    refuse(
      `acts.${i}`,
      `Alternative obligatoire manquante : l’acte ${p.position} (${p.code}, dent ${p.tooth}, ${BASKET_LABEL[p.basket].fr}) n’est pas dans le panier 100 % Santé ; le devis doit proposer une alternative ${wanted.fr} sur la même dent.`,
      `Mandatory alternative missing: act ${p.position} (${p.code}, tooth ${p.tooth}, ${BASKET_LABEL[p.basket].en}) is outside 100% Santé; the quote must offer a ${wanted.en} alternative on the same tooth.`,
    );
  }
}

/** The acts the patient accepts by signing one option: the proposed acts, or each one's alternative where it has one. */
export function acceptedLines<T extends Pick<DentalLine, 'position' | 'role' | 'alternativeFor'>>(lines: readonly T[], option: 'proposed' | 'alternative'): T[] {
  if (option === 'proposed') return lines.filter((l) => l.role === 'proposed');
  return lines.filter((l) => l.role === 'alternative' || (l.role === 'proposed' && !lines.some((a) => a.role === 'alternative' && a.alternativeFor === l.position)));
}

export function totals(lines: readonly Pick<DentalLine, 'feeCents' | 'baseCents' | 'amoCents' | 'patientCents'>[]): Totals {
  const sum = (k: 'feeCents' | 'baseCents' | 'amoCents' | 'patientCents') => lines.reduce((s, l) => s + l[k], 0);
  return { feeCents: sum('feeCents'), baseCents: sum('baseCents'), amoCents: sum('amoCents'), patientCents: sum('patientCents') };
}

/** Which state changes a quote allows (the database trigger enforces the same). */
export const TRANSITIONS: Record<string, readonly string[]> = {
  draft: ['presented', 'refused', 'expired'],
  presented: ['signed', 'refused', 'expired'],
  signed: [],
  refused: [],
  expired: [],
};
