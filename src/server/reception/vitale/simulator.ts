import crypto from 'node:crypto';
import { birthPlaceLabel, readNir, withKey } from '../../patients/index.js';
import type { Amo } from '../../patients/index.js';
import type { CarteVitaleReader, PatientHint, VitaleBeneficiary, VitaleCard, VitaleReadResult, VitaleSupport } from './reader.js';
import { DateTime } from 'luxon';
import { clock } from '../../platform/clock.js';

/**
 * SIMULATOR of a carte Vitale reader, with realistic test cards: the card of the patient in front of the
 * desk (built from their file, fresh rights), a family card (insured person + two children as ayants droit),
 * a card whose AMO rights have expired, the appli carte Vitale (ApCV, read by QR code), and a read error.
 * NIRs carry a valid key. Every answer says `simulated: true`.
 */
export const SIMULATOR_SCENARIOS = [
  { id: 'patient', fr: 'Carte du patient (droits à jour)', en: "Patient's card (rights up to date)" },
  { id: 'family', fr: 'Carte familiale : assurée + 2 enfants ayants droit', en: 'Family card: insured + 2 dependent children' },
  { id: 'expired_rights', fr: 'Carte non mise à jour : droits AMO expirés', en: 'Card not updated: AMO rights expired' },
  { id: 'read_error', fr: 'Erreur de lecture (carte illisible)', en: 'Read error (unreadable card)' },
] as const;

/** `iso` plus whole years; 29 February becomes 28 February in a common year (the string arithmetic it replaces wrote 2029-02-29, and the insert failed). */
export const addYears = (iso: string, years: number) => DateTime.fromISO(iso, { zone: 'UTC' }).plus({ years }).toISODate()!;
const addDays = (iso: string, days: number) => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

/** The birth place a NIR carries (its INSEE code and the commune's or country's name), when it is a known place. */
export function birthPlaceOfNir(nir: string | null): VitaleBeneficiary['birthPlace'] {
  const code = readNir(nir)?.birthPlaceCode;
  const name = code ? birthPlaceLabel(code) : null;
  return code && name ? { code, name } : null;
}

function amo(today: string, over: Partial<Amo> = {}): Amo {
  return {
    regime: 'general', caisse: '751 — CPAM de Paris', insuredNir: null,
    rightsFrom: `${today.slice(0, 4)}-01-01`, rightsUntil: `${today.slice(0, 4)}-12-31`,
    ald: [], exemptions: [], ...over,
  };
}

/** A NIR consistent with the traits (sex, year, month, birth place) and a valid key. */
export function nirFor(p: { sex: 'F' | 'M' | 'U'; birthDate: string; birthPlaceCode: string | null }, seed: string): string {
  const sex = p.sex === 'F' ? '2' : '1';
  const yy = p.birthDate.slice(2, 4);
  const mm = p.birthDate.slice(5, 7) || '01';
  const place = p.birthPlaceCode && /^[0-9]{2}[0-9]{3}$|^2[AB][0-9]{3}$/.test(p.birthPlaceCode) ? p.birthPlaceCode : '75056';
  const order = String(parseInt(crypto.createHash('sha256').update(seed).digest('hex').slice(0, 6), 16) % 999 + 1).padStart(3, '0');
  return withKey(`${sex}${yy}${mm}${place}${order}`);
}

function familyCard(today: string, support: VitaleSupport, expired: boolean): VitaleCard {
  const holderNir = withKey('2850675056123');
  const rights = expired ? amo(today, { rightsFrom: addYears(today, -2), rightsUntil: addDays(today, -45) }) : amo(today);
  const child = (rank: number, first: string, birth: string): VitaleBeneficiary => ({
    rank, quality: 'ayant_droit', nir: null, birthName: 'DURAND', usedName: null, firstName: first, birthDate: birth,
    amo: { ...rights, insuredNir: holderNir }, gpName: null, birthPlace: null,
  });
  return {
    support, serial: expired ? 'SIM-EXP-0042' : 'SIM-FAM-0007', holderNir, readAt: clock.now().toISOString(), simulated: true,
    beneficiaries: [
      { rank: 1, quality: 'assure', nir: holderNir, birthName: 'DURAND', usedName: null, firstName: 'Sophie', birthDate: '1985-06-14', amo: rights, gpName: 'Dr Claire Martin', birthPlace: birthPlaceOfNir(holderNir) },
      child(2, 'Léa', `${Number(today.slice(0, 4)) - 9}-03-02`),
      child(3, 'Tom', `${Number(today.slice(0, 4)) - 5}-11-20`),
    ],
  };
}

function patientCard(today: string, support: VitaleSupport, p: PatientHint): VitaleCard {
  const adult = Number(today.slice(0, 4)) - Number(p.birthDate.slice(0, 4)) >= 16;
  const ownNir = p.nir && readNir(p.nir) ? p.nir : nirFor(p, `${p.birthName}|${p.firstName}|${p.birthDate}`);
  const caisse = p.amo?.caisse ?? '751 — CPAM de Paris';
  const rights = amo(today, { regime: p.amo?.regime ?? 'general', caisse, ald: p.amo?.ald ?? [], exemptions: p.amo?.exemptions ?? [], rightsFrom: `${today.slice(0, 4)}-01-01`, rightsUntil: addYears(today, 1) });
  // An adult's card carries their own NIR, hence their birth place; a child on a parent's card carries none.
  const me: Omit<VitaleBeneficiary, 'rank' | 'quality'> = { nir: adult ? ownNir : null, birthName: p.birthName.toUpperCase(), usedName: p.usedName?.toUpperCase() ?? null, firstName: p.firstName, birthDate: p.birthDate, amo: rights, gpName: p.gpName, birthPlace: adult ? birthPlaceOfNir(ownNir) : null };
  if (adult) return { support, serial: `SIM-${ownNir.slice(0, 5)}`, holderNir: ownNir, readAt: clock.now().toISOString(), simulated: true, beneficiaries: [{ rank: 1, quality: 'assure', ...me }] };
  // A child is carried by a parent's card (ayant droit): the rights are opened on the parent's NIR.
  const parentNir = nirFor({ sex: 'F', birthDate: `${Number(p.birthDate.slice(0, 4)) - 30}-05-10`, birthPlaceCode: p.birthPlaceCode }, `parent|${p.birthName}`);
  const [parentFirst = 'Parent'] = (p.parentName ?? '').split(' ').filter(Boolean);
  return {
    support, serial: `SIM-${parentNir.slice(0, 5)}`, holderNir: parentNir, readAt: clock.now().toISOString(), simulated: true,
    beneficiaries: [
      { rank: 1, quality: 'assure', nir: parentNir, birthName: p.birthName.toUpperCase(), usedName: null, firstName: parentFirst, birthDate: `${Number(p.birthDate.slice(0, 4)) - 30}-05-10`, amo: rights, gpName: null, birthPlace: birthPlaceOfNir(parentNir) },
      { rank: 2, quality: 'ayant_droit', ...me, amo: { ...rights, insuredNir: parentNir } },
    ],
  };
}

export class CarteVitaleSimulator implements CarteVitaleReader {
  readonly name = 'simulator';
  readonly simulated = true;
  readonly scenarios = SIMULATOR_SCENARIOS;

  async read(request: { support: VitaleSupport; scenario?: string | undefined; patient?: PatientHint | undefined; today: string }): Promise<VitaleReadResult> {
    const scenario = request.scenario ?? 'patient';
    switch (scenario) {
      case 'read_error':
        return request.support === 'apcv'
          ? { ok: false, simulated: true, error: { code: 'apcv_expired_qr', fr: 'QR code de l’appli carte Vitale expiré : demandez au patient d’en afficher un nouveau.', en: 'The carte Vitale app QR code has expired: ask the patient to show a new one.' } }
          : { ok: false, simulated: true, error: { code: 'card_unreadable', fr: 'Carte illisible : vérifiez qu’elle est bien insérée (puce vers le haut), sinon vérifiez les droits autrement (attestation de droits).', en: 'Unreadable card: check it is inserted chip up, otherwise check the rights another way (attestation).' } };
      case 'family':
        return { ok: true, card: familyCard(request.today, request.support, false) };
      case 'expired_rights':
        return { ok: true, card: request.patient ? expire(patientCard(request.today, request.support, request.patient), request.today) : familyCard(request.today, request.support, true) };
      case 'patient':
      default:
        if (!request.patient) return { ok: true, card: familyCard(request.today, request.support, false) };
        return { ok: true, card: patientCard(request.today, request.support, request.patient) };
    }
  }
}

function expire(card: VitaleCard, today: string): VitaleCard {
  const until = addDays(today, -45);
  return { ...card, serial: `${card.serial}-EXP`, beneficiaries: card.beneficiaries.map((b) => ({ ...b, amo: { ...b.amo, rightsFrom: addYears(today, -2), rightsUntil: until } })) };
}
