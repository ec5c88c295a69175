import type { Lang } from '../triage/index.js';
import type { FeeLine } from './schema.js';

/**
 * Practical questions answered from the practice information sheet (pure): the topics a message asks about and the
 * sheet's answer to each. What the sheet does not say is never invented: the topic is reported as missing.
 */

export interface PracticeSheet {
  openingHours: string | null;
  address: string | null;
  access: string | null;
  parking: string | null;
  transport: string | null;
  fees: FeeLine[];
  paymentsAccepted: string | null;
  tiersPayant: string | null;
  whatToBring: string | null;
  onCall: string | null;
}

export const EMPTY_SHEET: PracticeSheet = {
  openingHours: null,
  address: null,
  access: null,
  parking: null,
  transport: null,
  fees: [],
  paymentsAccepted: null,
  tiersPayant: null,
  whatToBring: null,
  onCall: null,
};

export const INFO_TOPICS = ['opening_hours', 'address', 'access', 'parking', 'transport', 'fees', 'payments', 'tiers_payant', 'what_to_bring', 'on_call'] as const;
export type InfoTopic = (typeof INFO_TOPICS)[number];

const TOPIC_PATTERNS: Record<InfoTopic, RegExp> = {
  opening_hours: /\b(horaires?|ouvert(e|s|es)?|fermes?|fermez|fermeture|heures? d ?ouverture|open(ing)?|hours|closed?|close)\b/,
  address: /\b(adresse|ou (se trouve|etes|est|se situe)|ou vous trouver|address|where (is|are)|located|location)\b/,
  access: /\b(acces|accessible|ascenseur|pmr|fauteuil roulant|etage|handicap\w*|wheelchair|lift|elevator|step free|stairs)\b/,
  parking: /\b(parking|se garer|garer|stationn\w*|park)\b/,
  transport: /\b(bus|metro|tram|tramway|transports?|gare|train|subway|rer)\b/,
  fees: /\b(tarifs?|prix|combien|coute|coutent|honoraires?|secteur|depassements?|fees?|costs?|price|prices|how much|charge)\b/,
  payments: /\b(carte bancaire|carte bleue|cb|cheques?|especes|payer|paiements?|reglements?|regler|card|cash|cheque|check|pay|payment)\b/,
  tiers_payant: /\b(tiers payant|avancer? (les|des) frais|third party payment|direct billing)\b/,
  what_to_bring: /\b(apporter|amener|carte vitale|prevoir|ramener|bring)\b/,
  on_call: /\b(garde|week ?end|dimanche|nuit|jours? feries?|en dehors des heures|on call|out of hours|after hours|night|sunday|bank holiday)\b/,
};

export const TOPIC_LABELS: Record<InfoTopic, Record<Lang, string>> = {
  opening_hours: { fr: 'Horaires', en: 'Opening hours' },
  address: { fr: 'Adresse', en: 'Address' },
  access: { fr: 'Accès', en: 'Access' },
  parking: { fr: 'Stationnement', en: 'Parking' },
  transport: { fr: 'Transports', en: 'Public transport' },
  fees: { fr: 'Tarifs', en: 'Fees' },
  payments: { fr: 'Moyens de paiement', en: 'Payment methods' },
  tiers_payant: { fr: 'Tiers payant', en: 'Tiers payant (no upfront payment)' },
  what_to_bring: { fr: 'À apporter', en: 'What to bring' },
  on_call: { fr: 'En dehors des heures d’ouverture', en: 'Outside opening hours' },
};

export function normalizeForTopics(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’`-]/g, ' ')
    .replace(/[^a-z0-9\s]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Which items of the practice sheet the message asks about (keyword rules, FR/EN, accents optional). */
export function detectTopics(text: string): InfoTopic[] {
  const norm = normalizeForTopics(text);
  return INFO_TOPICS.filter((t) => TOPIC_PATTERNS[t].test(norm));
}

export function sheetValue(sheet: PracticeSheet, topic: InfoTopic): string | null {
  const clean = (s: string | null) => (s && s.trim() ? s.trim() : null);
  switch (topic) {
    case 'opening_hours':
      return clean(sheet.openingHours);
    case 'address':
      return clean(sheet.address);
    case 'access':
      return clean(sheet.access);
    case 'parking':
      return clean(sheet.parking);
    case 'transport':
      return clean(sheet.transport);
    case 'fees': {
      const lines = sheet.fees.filter((f) => f.practitioner.trim() && f.fees.trim());
      return lines.length ? lines.map((f) => `${f.practitioner.trim()} : ${f.fees.trim()}`).join(' ; ') : null;
    }
    case 'payments':
      return clean(sheet.paymentsAccepted);
    case 'tiers_payant':
      return clean(sheet.tiersPayant);
    case 'what_to_bring':
      return clean(sheet.whatToBring);
    case 'on_call':
      return clean(sheet.onCall);
  }
}

export interface SheetAnswer {
  topics: InfoTopic[];
  answered: { topic: InfoTopic; label: string; text: string }[];
  /** Asked about but absent from the sheet (or nothing recognisable asked): the desk must answer. */
  missing: InfoTopic[];
  /** True when every question found an answer in the sheet. */
  complete: boolean;
}

/** Answers a practical question only with what the sheet says, word for word. */
export function answerFromSheet(text: string, sheet: PracticeSheet, lang: Lang): SheetAnswer {
  const topics = detectTopics(text);
  const answered: SheetAnswer['answered'] = [];
  const missing: InfoTopic[] = [];
  for (const topic of topics) {
    const value = sheetValue(sheet, topic);
    if (value) answered.push({ topic, label: TOPIC_LABELS[topic][lang], text: value });
    else missing.push(topic);
  }
  return { topics, answered, missing, complete: topics.length > 0 && missing.length === 0 };
}
