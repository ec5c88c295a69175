/**
 * Reading the short answers of the booking dialog (pure): identity, one-time code, a choice in a list, yes/no,
 * and the few command words (« stop », « pas de code », « autre », « rappel »). French and English, with or
 * without accents, SMS style.
 */

export function norm(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[’`]/g, "'")
    .replace(/[^a-z0-9'/:.\-\s]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const words = (text: string) => norm(text).replace(/['.:/-]/g, ' ').split(' ').filter(Boolean);

const has = (text: string, re: RegExp) => re.test(` ${norm(text).replace(/['.:/-]/g, ' ')} `);

export const isStop = (t: string) => /^\s*(stop|stopp?er|arrete[rz]?|arreter|quitter|quit|exit|abandon(ner)?|laisse[rz]? tomber|fin)\s*[.!]*\s*$/i.test(norm(t));
export const isNoCode = (t: string) => has(t, / (pas (de|recu de|eu de) code|pas recu|rien recu|aucun code|no code|not received|didn t (get|receive)|haven t (got|received)|nothing received) /);
/** A first visit: no file at the practice, so no contact on file to send a code to. */
export const isNewcomer = (t: string) =>
  has(t, / (nouve(au|lle) patiente?|nouveau client|premiere (fois|consultation|visite)|jamais (venue?|consulte|ete (suivie?|vue?))|pas encore (de dossier|patiente?|suivie?)|pas de dossier|(cherche|recherche) un (nouveau )?medecin traitant|vien[st] d (emmenager|arriver)|new patient|first (time|visit|appointment)|never been|not (yet )?(registered|a patient)|looking for a (new )?(gp|doctor|family doctor)|just moved) /);
export const isNewCode = (t: string) => has(t, / (nouveau code|autre code|renvoye[rz]?( le| un)? code|new code|another code|resend|send (it )?again) /);
export const isCallback = (t: string) => has(t, / (rappel(ez|er|le[rz]?)?|me rappeler|etre rappele e?|call (me )?back|callback|phone me) /);
export const isOther = (t: string) => has(t, / (autres?|aucun( ne (me )?convient)?|rien ne (me )?convient|pas (ca|possible|dispo)|other|others|none|another|later|plus tard) /);
export const isAsap = (t: string) => has(t, / (des que possible|au plus (tot|vite)|le plus tot|peu (importe|m importe)|n importe|pas de preference|indifferent|asap|as soon as possible|earliest|any ?time|no preference|whenever|don t mind) /);

const YES = new Set(['oui', 'ouais', 'ouii', 'yes', 'yep', 'yeah', 'ok', 'okay', 'o', 'y', 'd accord', 'dac', 'daccord', 'je confirme', 'confirme', 'confirmer', 'confirm', 'confirmed', 'c est bon', 'parfait', 'oui merci', 'yes please', 'oui svp', 'oui s il vous plait', 'ok merci', 'go', 'valider', 'je valide', 'sure']);
const NO = new Set(['non', 'no', 'nope', 'nan', 'n', 'non merci', 'no thanks', 'pas maintenant', 'finalement non', 'annuler pas']);

export function yesNo(text: string): 'yes' | 'no' | null {
  const n = words(text).join(' ');
  if (YES.has(n) || /^(oui|yes|ok)\b/.test(n)) return 'yes';
  if (NO.has(n) || /^(non|no)\b/.test(n)) return 'no';
  return null;
}

/** A 6-digit code, possibly typed with spaces ("123 456"). */
export function parseCode(text: string): string | null {
  const m = /(?:^|\D)(\d{3})[\s.-]?(\d{3})(?:\D|$)/.exec(text.trim());
  return m ? `${m[1]}${m[2]}` : null;
}

const ORDINALS: Record<string, number> = {
  premier: 1, premiere: 1, '1er': 1, '1ere': 1, first: 1, un: 1, one: 1,
  deuxieme: 2, second: 2, seconde: 2, '2e': 2, '2eme': 2, deux: 2, two: 2, '2nd': 2,
  troisieme: 3, third: 3, '3e': 3, '3eme': 3, trois: 3, three: 3, '3rd': 3,
  quatrieme: 4, fourth: 4, '4e': 4, quatre: 4, four: 4,
  cinquieme: 5, fifth: 5, '5e': 5, cinq: 5, five: 5,
};

/**
 * Which of `labels` the answer designates: the label itself (a button of the web chat), its number ("2", "le 2",
 * "n°2", "deuxième"), or a unique label containing the answer. Null when unclear.
 */
export function parseChoice(text: string, labels: readonly string[]): number | null {
  const n = norm(text).replace(/[.!?]+$/, '');
  if (!n) return null;
  const exact = labels.findIndex((l) => norm(l) === n);
  if (exact >= 0) return exact;
  const ws = words(text);
  if (ws.length <= 4) {
    for (const w of ws) {
      const num = /^(?:n|no)?(\d{1,2})$/.exec(w)?.[1];
      const k = num ? Number(num) : ORDINALS[w];
      if (k && k >= 1 && k <= labels.length) return k - 1;
    }
  }
  if (n.length >= 3) {
    const containing = labels.map((l, i) => (norm(l).includes(n) ? i : -1)).filter((i) => i >= 0);
    if (containing.length === 1) return containing[0]!;
  }
  return null;
}

/** Times written in the answer ("10h30", "à 9 h", "14:15", "3pm"), as HH:MM. */
export function timesIn(text: string): string[] {
  const out: string[] = [];
  const n = norm(text);
  for (const m of n.matchAll(/\b(\d{1,2})\s*(?:h|:)\s*(\d{2})?\b/g)) {
    const h = Number(m[1]);
    const min = Number(m[2] ?? 0);
    if (h < 24 && min < 60) out.push(`${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}`);
  }
  for (const m of n.matchAll(/\b(\d{1,2})(?::(\d{2}))?\s*(am|pm)\b/g)) {
    let h = Number(m[1]) % 12;
    if (m[3] === 'pm') h += 12;
    out.push(`${String(h).padStart(2, '0')}:${m[2] ?? '00'}`);
  }
  return out;
}

const MONTHS: Record<string, number> = {
  janvier: 1, janv: 1, january: 1, jan: 1, fevrier: 2, fevr: 2, fev: 2, february: 2, feb: 2, mars: 3, march: 3, mar: 3,
  avril: 4, avr: 4, april: 4, apr: 4, mai: 5, may: 5, juin: 6, june: 6, jun: 6, juillet: 7, juil: 7, july: 7, jul: 7,
  aout: 8, august: 8, aug: 8, septembre: 9, sept: 9, september: 9, sep: 9, octobre: 10, oct: 10, october: 10,
  novembre: 11, nov: 11, november: 11, decembre: 12, dec: 12, december: 12,
};

function validDate(y: number, m: number, d: number): string | null {
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** A birth date in the answer (12/04/1988, 12-04-88, 12 avril 1988, 1988-04-12), in the past, after 1900. */
export function parseBirthDate(text: string, today: string): { date: string; span: [number, number] } | null {
  const n = norm(text);
  const currentYear = Number(today.slice(0, 4));
  const fullYear = (y: string) => (y.length === 4 ? Number(y) : Number(y) + (Number(y) > currentYear % 100 ? 1900 : 2000));
  const tries: { re: RegExp; build: (m: RegExpExecArray) => string | null }[] = [
    { re: /\b(\d{4})-(\d{1,2})-(\d{1,2})\b/, build: (m) => validDate(Number(m[1]), Number(m[2]), Number(m[3])) },
    { re: /\b(\d{1,2})\s*[/.\- ]\s*(\d{1,2})\s*[/.\- ]\s*(\d{4}|\d{2})\b/, build: (m) => validDate(fullYear(m[3]!), Number(m[2]), Number(m[1])) },
    {
      re: /\b(\d{1,2})(?:er|st|nd|rd|th)?\s+([a-z]+)\.?\s+(\d{4})\b/,
      build: (m) => (MONTHS[m[2]!] ? validDate(Number(m[3]), MONTHS[m[2]!]!, Number(m[1])) : null),
    },
    {
      re: /\b([a-z]+)\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b/,
      build: (m) => (MONTHS[m[1]!] ? validDate(Number(m[3]), MONTHS[m[1]!]!, Number(m[2])) : null),
    },
  ];
  for (const t of tries) {
    const m = t.re.exec(n);
    if (!m) continue;
    const date = t.build(m);
    if (date && date < today && date >= '1900-01-01') return { date, span: [m.index, m.index + m[0].length] };
  }
  return null;
}

const FILLERS = new Set(
  (
    'je suis m appelle mappelle moi c est cest ne nee le la les de du des d et mon ma mes nom prenom date naissance ' +
    'i am im my name is born on the of birth dob madame monsieur mme mr mrs ms mlle melle miss bonjour bonsoir hello hi ' +
    'merci thanks thank you please svp stp pour for en a au aux il elle s appelle sappelle patient patiente enfant fils fille ' +
    'son daughter child baby bebe mari femme husband wife it s its voici here ok oui yes alors donc euh ben bah c ' +
    Object.keys(MONTHS).join(' ')
  ).split(' '),
);

/** Surname + first name + birth date, as the patient writes them ("Camille Lefèvre, née le 12/04/1988"). */
export function parseIdentity(text: string, today: string): { name: string; birthDate: string } | null {
  const birth = parseBirthDate(text, today);
  if (!birth) return null;
  const n = norm(text);
  const rest = `${n.slice(0, birth.span[0])} ${n.slice(birth.span[1])}`;
  const tokens = rest
    .replace(/['.:/]/g, ' ')
    .split(/[\s,;]+/)
    .map((w) => w.replace(/^-+|-+$/g, ''))
    .filter((w) => /^[a-z][a-z-]*$/.test(w) && w.length >= 2 && !FILLERS.has(w));
  if (tokens.length < 2) return null;
  return { name: tokens.slice(0, 6).join(' '), birthDate: birth.date };
}

/** Lowercase words without accents of a name ("Le Gall-Durand" → le, gall, durand). */
export function nameWords(name: string): string[] {
  return norm(name)
    .split(/[^a-z]+/)
    .filter((w) => w.length >= 2);
}

/**
 * Does the identity typed by the caller designate this record? Every word typed must belong to the record's names,
 * and the words must cover a surname (birth or used) and a first name.
 */
export function identityFits(
  typed: string,
  record: { birthName: string; usedName: string | null; firstName: string; givenNames: string; usedFirstName: string | null },
): boolean {
  const t = nameWords(typed);
  if (t.length < 2) return false;
  const surnames = new Set([...nameWords(record.birthName), ...nameWords(record.usedName ?? '')]);
  const firsts = new Set([...nameWords(record.firstName), ...nameWords(record.givenNames), ...nameWords(record.usedFirstName ?? '')]);
  if (!t.every((w) => surnames.has(w) || firsts.has(w))) return false;
  // A surname word and a first-name word, two different words of the answer ("Martin Martin" needs both).
  return t.some((w, i) => surnames.has(w) && t.some((x, j) => j !== i && firsts.has(x)));
}
