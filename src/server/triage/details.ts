/**
 * Details useful to the secretary: dates/times, practitioner, patient identity, medicines,
 * callback numbers, who the message is about. Pure: the reference date is a parameter.
 */
import type { ExtractedDate, PatientIdentity } from './types.js';
import { stripAccents } from './normalize.js';
import { clock } from '../platform/clock.js';

const TZ = 'Europe/Paris';

/** Calendar day of `d` in Europe/Paris, as a UTC-midnight Date for safe day arithmetic. */
// Building an Intl formatter costs ~100 µs: build it once.
const PARIS_FORMAT = new Intl.DateTimeFormat('en-CA', { timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit' });

/**
 * The last answer, by UTC hour: formatting costs more than the rest of the date extraction. Since 1970
 * Paris is UTC+1 or UTC+2, so its calendar day can only change on a whole UTC hour.
 */
let lastDay: { hour: number; utc: number } | undefined;

export function parisDay(d: Date): Date {
  const when = Number.isNaN(d.getTime()) ? clock.now() : d;
  const t = when.getTime();
  const hour = Math.floor(t / 3_600_000);
  if (t >= 0 && lastDay?.hour === hour) return new Date(lastDay.utc);
  const parts = PARIS_FORMAT.format(when);
  const [y, m, day] = parts.split('-').map(Number) as [number, number, number];
  const utc = Date.UTC(y, m - 1, day);
  lastDay = t >= 0 ? { hour, utc } : undefined;
  return new Date(utc);
}

const iso = (d: Date): string => d.toISOString().slice(0, 10);
const addDays = (d: Date, n: number): Date => new Date(d.getTime() + n * 86_400_000);

const WEEKDAYS: Record<string, number> = {
  dimanche: 0, lundi: 1, mardi: 2, mercredi: 3, jeudi: 4, vendredi: 5, samedi: 6,
  sunday: 0, monday: 1, tuesday: 2, wednesday: 3, thursday: 4, friday: 5, saturday: 6,
};
const MONTHS: Record<string, number> = {
  janvier: 1, fevrier: 2, mars: 3, avril: 4, mai: 5, juin: 6, juillet: 7, aout: 8, septembre: 9, octobre: 10, novembre: 11, decembre: 12,
  january: 1, february: 2, march: 3, april: 4, may: 5, june: 6, july: 7, august: 8, september: 9, october: 10, november: 11, december: 12,
  jan: 1, feb: 2, mar: 3, apr: 4, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
};
const MONTH_RE = Object.keys(MONTHS).sort((a, b) => b.length - a.length).join('|');
const WEEKDAY_RE = Object.keys(WEEKDAYS).join('|');

function validDate(y: number, m: number, d: number): Date | undefined {
  if (m < 1 || m > 12 || d < 1 || d > 31) return undefined;
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCMonth() === m - 1 ? dt : undefined;
}

/** Day and month without a year: the occurrence nearest to the reference day (appointments, results, both directions). */
function nearestYear(ref: Date, m: number, d: number): Date | undefined {
  const y = ref.getUTCFullYear();
  const candidates = [y - 1, y, y + 1].map((yy) => validDate(yy, m, d)).filter((x): x is Date => x !== undefined);
  candidates.sort((a, b) => Math.abs(a.getTime() - ref.getTime()) - Math.abs(b.getTime() - ref.getTime()));
  return candidates[0];
}

const DAY_MONTH_RE = new RegExp(`\\b(\\d{1,2})(?:er|st|nd|rd|th)? (?:of )?(${MONTH_RE})\\b(?: (\\d{4}))?`, 'g');
const MONTH_DAY_RE = new RegExp(`\\b(${MONTH_RE}) (\\d{1,2})(?:st|nd|rd|th)?\\b(?:,? (\\d{4}))?`, 'g');
const WEEKDAY_MATCH_RE = new RegExp(`\\b(?:(next|last|this|ce|cette) )?(${WEEKDAY_RE})(?: (prochain|prochaine|dernier|derniere|next))?\\b`, 'g');
const REL: Array<[RegExp, number]> = [
  [/\b(?:apres demain|day after tomorrow)\b/g, 2],
  [/\b(?:avant hier|day before yesterday)\b/g, -2],
  [/\b(?:demain|tomorrow)\b/g, 1],
  [/\b(?:aujourd hui|today|ce jour|tonight|ce soir|ce matin|cet apres midi|this (?:morning|afternoon|evening))\b/g, 0],
  [/\b(?:hier|yesterday)\b/g, -1],
];
const TIME_RES: Array<[RegExp, (m: RegExpMatchArray) => string | undefined]> = [
  [/\b(\d{1,2}) ?h ?(\d{2})?\b/g, (m) => hhmm(Number(m[1]), Number(m[2] ?? 0))],
  [/\b(\d{1,2}):(\d{2})\b/g, (m) => hhmm(Number(m[1]), Number(m[2]))],
  [/\b(\d{1,2})(?::(\d{2}))? ?(am|pm)\b/g, (m) => hhmm((Number(m[1]) % 12) + (m[3] === 'pm' ? 12 : 0), Number(m[2] ?? 0))],
  [/\b(\d{1,2}) o clock\b/g, (m) => hhmm(Number(m[1]), 0)],
  [/\b(?:a|at|vers|around) midi\b/g, () => '12:00'],
];

interface Mention {
  start: number;
  end: number;
  text: string;
  date?: Date;
  time?: string;
  partOfDay?: ExtractedDate['partOfDay'];
  approximate?: boolean;
}

const PART_OF_DAY: Array<[RegExp, NonNullable<ExtractedDate['partOfDay']>]> = [
  [/^(?:apres midi|aprem|afternoon)$/, 'afternoon'],
  [/^(?:matin|matinee|morning)$/, 'morning'],
  [/^(?:midi|noon|lunchtime)$/, 'noon'],
  [/^(?:soir|soiree|evening|tonight)$/, 'evening'],
  [/^(?:nuit|night)$/, 'night'],
];

/** Dates and times in a normalised message, resolved against `reference` (Europe/Paris). */
export function extractDates(norm: string, reference: Date): ExtractedDate[] {
  const ref = parisDay(reference);
  const dates: Mention[] = [];
  const taken: Array<[number, number]> = [];
  const free = (s: number, e: number): boolean => taken.every(([a, b]) => e <= a || s >= b);
  const push = (m: RegExpMatchArray, date: Date | undefined, extra: Partial<Mention> = {}): void => {
    const start = m.index ?? 0;
    const end = start + m[0].length;
    if (!free(start, end)) return;
    taken.push([start, end]);
    dates.push({ start, end, text: m[0].trim(), date, ...extra });
  };

  // Absolute dates first, so that "le 12 mars" is not read as "le 12".
  for (const m of norm.matchAll(/\b(\d{1,2})\/(\d{1,2})(?:\/(\d{2,4}))?\b/g)) {
    const d = Number(m[1]);
    const mo = Number(m[2]);
    let y = m[3] ? Number(m[3]) : undefined;
    if (y !== undefined && y < 100) y += 2000;
    const date = y !== undefined ? validDate(y, mo, d) : nearestYear(ref, mo, d);
    if (date) push(m, date);
  }
  for (const m of norm.matchAll(DAY_MONTH_RE)) {
    const mo = MONTHS[m[2] as string] as number;
    const date = m[3] ? validDate(Number(m[3]), mo, Number(m[1])) : nearestYear(ref, mo, Number(m[1]));
    if (date) push(m, date);
  }
  for (const m of norm.matchAll(MONTH_DAY_RE)) {
    const mo = MONTHS[m[1] as string] as number;
    const date = m[3] ? validDate(Number(m[3]), mo, Number(m[2])) : nearestYear(ref, mo, Number(m[2]));
    if (date) push(m, date);
  }
  // Relative days.
  for (const [re, n] of REL) {
    for (const m of norm.matchAll(re)) {
      const pod = /matin|morning/.test(m[0]) ? 'morning' : /apres midi|afternoon/.test(m[0]) ? 'afternoon' : /soir|evening|tonight/.test(m[0]) ? 'evening' : undefined;
      push(m, addDays(ref, n), pod ? { partOfDay: pod } : {});
    }
  }
  // Weekdays: "mardi", "mardi prochain", "next monday", "last tuesday", "mardi dernier".
  for (const m of norm.matchAll(WEEKDAY_MATCH_RE)) {
    const target = WEEKDAYS[m[2] as string] as number;
    const today = ref.getUTCDay();
    const past = m[1] === 'last' || m[3] === 'dernier' || m[3] === 'derniere';
    const next = m[1] === 'next' || m[3] === 'prochain' || m[3] === 'prochaine' || m[3] === 'next';
    const iso = (d: number) => d || 7; // Monday 1 … Sunday 7
    let delta: number;
    if (past) delta = -(((today - target + 7) % 7) || 7);
    // « mardi prochain », "next Tuesday": the Tuesday of next week (said on a Monday, not tomorrow: that is « demain »).
    else if (next) delta = 7 - iso(today) + iso(target);
    else delta = ((target - today + 7) % 7) || 7; // "mardi" said on a Tuesday means next week's
    push(m, addDays(ref, delta));
  }
  // Day of month alone: "le 16", "du 28", "the 21st" -> nearest future occurrence.
  for (const m of norm.matchAll(/\b(?:le|du|au|the|on the) (\d{1,2})(?:er|st|nd|rd|th)?\b(?! ?(?:ans|an|jours|mois|semaines|h\b|heures|minutes|min|years|days|weeks|months|euros|e\b|mg|kg|%|de fievre|\.\d|:\d|\/))/g)) {
    const d = Number(m[1]);
    if (d < 1 || d > 31) continue;
    let date = validDate(ref.getUTCFullYear(), ref.getUTCMonth() + 1, d);
    if (!date || date < ref) {
      const next = new Date(Date.UTC(ref.getUTCFullYear(), ref.getUTCMonth() + 1, 1));
      date = validDate(next.getUTCFullYear(), next.getUTCMonth() + 1, d);
    }
    if (date) push(m, date);
  }

  // Times.
  const times: Mention[] = [];
  for (const [re, toTime] of TIME_RES) {
    for (const m of norm.matchAll(re)) {
      const start = m.index ?? 0;
      const end = start + m[0].length;
      if (!free(start, end)) continue;
      const time = toTime(m);
      if (!time) continue;
      taken.push([start, end]);
      const before = norm.slice(Math.max(0, start - 22), start);
      const approximate = /\b(?:vers|environ|around|about|aux alentours de|approximately|ish)\s*$/.test(before) || /ish\b/.test(m[0]);
      times.push({ start, end, text: m[0].trim(), time, approximate: approximate || undefined });
    }
  }
  // Parts of day right after a date ("demain matin", "mardi apres midi").
  for (const d of dates) {
    const after = norm.slice(d.end).match(/^ (apres midi|aprem|matin|matinee|soir|soiree|midi|morning|afternoon|evening|night|nuit)\b/);
    if (after && !d.partOfDay) {
      const word = after[1] as string;
      const pod = PART_OF_DAY.find(([re]) => re.test(word));
      if (pod) {
        d.partOfDay = pod[1];
        d.text += after[0];
        d.end += after[0].length;
      }
    }
  }
  // Attach each time to the closest date within a few words, else keep it alone.
  const out: Mention[] = dates.slice();
  for (const t of times) {
    let best: Mention | undefined;
    let bestGap = 40;
    for (const d of dates) {
      const gapChars = t.start >= d.end ? t.start - d.end : d.start - t.end;
      const between = t.start >= d.end ? norm.slice(d.end, t.start) : norm.slice(t.end, d.start);
      if (gapChars >= 0 && gapChars < bestGap && !/[.?]/.test(between) && !d.time) {
        best = d;
        bestGap = gapChars;
      }
    }
    if (best) {
      best.time = t.time;
      best.approximate = t.approximate;
      best.text = t.start >= best.end ? norm.slice(best.start, t.end) : norm.slice(t.start, best.end);
    } else out.push(t);
  }
  out.sort((a, b) => a.start - b.start);
  return out.map((m) => {
    const e: ExtractedDate = { text: m.text };
    if (m.date) e.date = iso(m.date);
    if (m.time) e.time = m.time;
    if (m.partOfDay) e.partOfDay = m.partOfDay;
    if (m.approximate) e.approximate = true;
    return e;
  });
}

function hhmm(h: number, m: number): string | undefined {
  if (!(h >= 0 && h <= 23 && m >= 0 && m <= 59)) return undefined;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

const NOT_A_NAME = new Set([
  'le', 'la', 'les', 'l', 'm', 'a', 'peut', 'pourrait', 'est', 'il', 'qui', 'pour', 'de', 'du', 'au', 'que', 'and', 'has', 'is', 'for', 'said', 'says', 'can',
  'could', 'will', 'would', 'me', 'my', 'to', 'the', 'of', 'a', 'm', 'n', 's', 'doit', 'veut', 'voulait', 'me', 'nous', 'vous', 'va', 'avait', 'dit', 'et',
  'en', 'sur', 'chez', 'was', 'wants', 'prescribed', 'thinks', 'told', 'asked', 'traitant', 'generaliste', 'de', 'garde', 'aujourd', 'ce', 'cette',
]);

/** "Dr Martin", "docteur Dupuis", "dr giraud" (SMS), "Dr Hamon's". */
export function extractPractitioners(text: string): string[] {
  const found: string[] = [];
  const re = /\b(?:(Dr|dr|DR|Pr|Docteure?|docteure?|Doctor|doctor|Professeur|professeur)\.?)\s+([A-ZÀ-Ý][\p{L}'’-]+|[a-zà-ÿ][\p{L}-]{2,})(?:\s+([A-ZÀ-Ý][\p{L}-]+))?/gu;
  for (const m of text.matchAll(re)) {
    const title = m[1] as string;
    let name = (m[2] as string).replace(/['’]s$/, '');
    const lower = stripAccents(name).toLowerCase();
    if (NOT_A_NAME.has(lower)) continue;
    // A lowercase word after "docteur" is usually a verb ("docteur peut"); after "dr" it is an SMS name.
    if (name[0] === name[0]?.toLowerCase() && !/^dr$/i.test(title)) continue;
    name = name[0]?.toUpperCase() + name.slice(1);
    const full = `Dr ${name}`;
    if (!found.includes(full)) found.push(full);
  }
  return found;
}

const NAME = String.raw`[A-ZÀ-Ý][\p{L}'’-]+(?:\s+[A-ZÀ-Ý][\p{L}'’-]+){0,2}`;
const PATIENT_RES: RegExp[] = [
  new RegExp(String.raw`\b(?:patient(?:e)?|name|nom|patient name)\s*:\s*(${NAME})`, 'u'),
  new RegExp(String.raw`\b(?:je m'appelle|je m’appelle|my name is|c'est|c’est|this is|ici)\s+(?:(?:Madame|Monsieur|Mme|Mr|Mrs|Ms|M\.)\s+)?(${NAME})`, 'u'),
  new RegExp(String.raw`\b(?:Madame|Monsieur|Mademoiselle|Mme|Mlle|Mr|Mrs|Ms|Miss|M\.)\s+(${NAME})`, 'u'),
  new RegExp(String.raw`\b(?:pour|for|de)\s+(?:ma fille|mon fils|ma mère|mon père|my son|my daughter|my mother|my father|my mum|my dad)\s+(?:,\s*)?(${NAME})`, 'u'),
  new RegExp(String.raw`(?:Cordialement|Bien cordialement|Bien à vous|Regards|Best regards|Kind regards|Warm regards|Best wishes|Best|Merci|Thanks|Thank you|Thx|Bonne journée|Sincèrement|Bien confraternellement)\s*[,.!]?\s+(${NAME})\s*[.!]?\s*$`, 'u'),
  new RegExp(String.raw`[,.!]\s+(${NAME})\s*$`, 'u'),
];
const NAME_STOP = new Set(['Bonjour', 'Merci', 'Docteur', 'Dr', 'Madame', 'Monsieur', 'Hello', 'Hi', 'Thanks', 'Cordialement', 'Je', 'Il', 'Elle', 'Le', 'La', 'Les', 'Vous', 'Pouvez', 'Est', 'Ma', 'Mon', 'My', 'The', 'I', 'Oui', 'Non', 'Allô', 'Allo', 'Bjr', 'Slt', 'Salut', 'Bonsoir', 'Euh', 'Ben', 'Bonne', 'Please', 'Sorry', 'Desolé', 'Désolé', 'Pas', 'Rien', 'Urgent', 'SVP', 'Svp']);

const BIRTH_RE = /\b(?:n[ée]e?\s+le|date de naissance|ddn|born(?:\s+on)?|dob|date of birth)\s*:?\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{2,4})/iu;
const BIRTH_TEXT_RE = new RegExp(`\\b(?:nee? le|date de naissance|born(?: on)?) (\\d{1,2})(?:er)? (${MONTH_RE}) (\\d{4})`);

export function extractPatient(text: string, norm: string): PatientIdentity {
  const id: PatientIdentity = {};
  for (const re of PATIENT_RES) {
    const m = text.trim().match(re);
    const candidate = m?.[1]?.trim();
    if (!candidate) continue;
    const first = candidate.split(/\s+/)[0] as string;
    if (NAME_STOP.has(first)) continue;
    // "Dr Hervé Blondel" signs as the professional, not the patient.
    const before = text.slice(0, m?.index ?? 0);
    if (/\bDr\.?\s*$/i.test(before)) continue;
    id.name = candidate;
    break;
  }
  const b = text.match(BIRTH_RE);
  if (b) {
    let y = Number(b[3]);
    if (y < 100) y += y > 30 ? 1900 : 2000;
    const d = validDate(y, Number(b[2]), Number(b[1]));
    if (d) id.birthDate = iso(d);
  } else {
    const t = norm.match(BIRTH_TEXT_RE);
    if (t) {
      const d = validDate(Number(t[3]), MONTHS[t[2] as string] as number, Number(t[1]));
      if (d) id.birthDate = iso(d);
    }
  }
  return id;
}

const RELATIONS: Array<[RegExp, string]> = [
  [/\b(?:ma|my) (?:belle mere|mother in law)\b/, 'mother_in_law'],
  [/\b(?:ma|my) (?:grand mere|mamie|grandmother|granny|grandma)\b/, 'grandmother'],
  [/\b(?:mon|my) (?:grand pere|papi|grandfather|grandpa|granddad)\b/, 'grandfather'],
  [/\b(?:ma|my) (?:mere|maman|mother|mum|mom)\b/, 'mother'],
  [/\b(?:mon|my) (?:pere|papa|father|dad)\b/, 'father'],
  [/\b(?:mon|my) (?:fils|son)\b/, 'son'],
  [/\b(?:ma|my) (?:fille|daughter)\b/, 'daughter'],
  [/\b(?:mon|my) (?:bebe|baby|nourrisson|petit|toddler)\b/, 'child'],
  [/\b(?:mon|my) (?:mari|husband|conjoint|compagnon|partner|copain|boyfriend)\b/, 'partner'],
  [/\b(?:ma|my) (?:femme|epouse|wife|compagne|copine|girlfriend|conjointe)\b/, 'partner'],
  [/\b(?:mon|ma|my) (?:frere|soeur|brother|sister)\b/, 'sibling'],
  [/\b(?:mon|ma|my) (?:voisin|voisine|neighbour|neighbor)\b/, 'neighbour'],
  [/\b(?:mon|ma|my) (?:ami|amie|friend|pote)\b/, 'friend'],
  [/\b(?:mon|ma|my) (?:neveu|niece|nephew|petit fils|petite fille|grandson|granddaughter|beau pere|father in law)\b/, 'relative'],
  [/\b(?:un|une|le|la|notre|your|votre) (?:patient|patiente|resident|residente)\b/, 'patient_of_sender'],
];

/** Who the message is about, when it is not the sender. */
export function extractThirdParty(norm: string): string | undefined {
  let best: { at: number; rel: string } | undefined;
  for (const [re, rel] of RELATIONS) {
    const m = re.exec(norm);
    if (m && (!best || m.index < best.at)) best = { at: m.index, rel };
  }
  return best?.rel;
}

/** Common drugs in French practice (brand and INN), normalised spelling. */
const MEDICINES = [
  'doliprane', 'dafalgan', 'efferalgan', 'paracetamol', 'ibuprofene', 'ibuprofen', 'advil', 'nurofen', 'spasfon', 'smecta', 'levothyrox', 'levothyroxine', 'kardegic',
  'aspirine', 'aspirin', 'metformine', 'metformin', 'glucophage', 'atorvastatine', 'tahor', 'crestor', 'rosuvastatine', 'simvastatine', 'amlodipine', 'ramipril',
  'perindopril', 'bisoprolol', 'lasilix', 'furosemide', 'eliquis', 'apixaban', 'xarelto', 'rivaroxaban', 'previscan', 'fluindione', 'coumadine', 'warfarine',
  'sintrom', 'pradaxa', 'insuline', 'insulin', 'lantus', 'novorapid', 'humalog', 'ventoline', 'salbutamol', 'seretide', 'symbicort', 'amoxicilline',
  'amoxicillin', 'augmentin', 'clamoxyl', 'azithromycine', 'xanax', 'alprazolam', 'lexomil', 'bromazepam', 'stilnox', 'zolpidem', 'deroxat', 'paroxetine',
  'seroplex', 'escitalopram', 'prozac', 'fluoxetine', 'sertraline', 'zoloft', 'tramadol', 'lamaline', 'codeine', 'modopar', 'sinemet', 'keppra',
  'levetiracetam', 'depakine', 'lamictal', 'tegretol', 'methotrexate', 'tacrolimus', 'prednisolone', 'solupred', 'cortancyl', 'inexium', 'mopral',
  'omeprazole', 'esomeprazole', 'gaviscon', 'imodium', 'forlax', 'movicol', 'durogesic', 'xeroquel', 'lyrica', 'pregabaline', 'metoprolol', 'trinitrine',
  'natispray', 'plavix', 'clopidogrel', 'spiriva', 'melatonine', 'melatonin', 'tacrolimus', 'methadone', 'subutex', 'voltarene', 'diclofenac', 'toplexil',
  'helicidine', 'bronchokod', 'rhinadvil', 'humex', 'dolirhume', 'eludril', 'biafine', 'fucidine', 'daktarin', 'pevaryl', 'monuril', 'apranax', 'celestene',
];
const MEDICINE_RE = new RegExp(`\\b(${MEDICINES.join('|')})\\b`, 'g');

export function extractMedicines(norm: string): string[] {
  return [...new Set([...norm.matchAll(MEDICINE_RE)].map((m) => m[1] as string))];
}

/** French phone numbers ("06 12 34 56 78", "06.12.34.56.78", "+33 6 12 34 56 78") in E.164. */
export function extractPhones(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/(?:\+33\s?\(?0?\)?|0033\s?|\b0)\s?([1-9])((?:[\s.-]?\d{2}){4})\b/g)) {
    const digits = (m[1] as string) + (m[2] as string).replace(/\D/g, '');
    if (digits.length !== 9) continue;
    const e164 = `+33${digits}`;
    if (!out.includes(e164)) out.push(e164);
  }
  return out;
}
