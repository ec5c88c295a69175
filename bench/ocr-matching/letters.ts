/**
 * Generator of the development letters (spec format of README.md): five layouts (lab result, hospital discharge
 * letter, specialist letter, radiology report, administrative letter), the identity written in seven ways and
 * places, practitioners who share a patient's surname, relatives named in the letter, and letters about people
 * who are not in the roster (the right answer is then no proposal). Seeded: the same set on every machine.
 */
import { seededRandom } from '../../src/server/platform/seeded-random.js';
import type { RosterEntry } from './roster.js';

export type Layout = 'lab' | 'hospital' | 'specialist' | 'radiology' | 'admin';
export type SpecLine = string | { text: string; align?: 'left' | 'center' | 'right'; bold?: boolean; size?: 'small' | 'normal' | 'large' };
export interface Noise {
  rotateDeg: number;
  blur: number;
  speckle: number;
  contrast: number;
  jpegQuality: number;
}
export interface SpecLetter {
  id: string;
  layout: Layout | 'other';
  lines: SpecLine[];
  noise?: Noise;
  truth: { patientKey: string | null };
}

const MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];
const LAYOUTS: Layout[] = ['lab', 'hospital', 'specialist', 'radiology', 'admin'];

type Rand = () => number;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

function date(iso: string, style: number): string {
  const [y, m, d] = iso.split('-') as [string, string, string];
  switch (style % 5) {
    case 0: return `${d}/${m}/${y}`;
    case 1: return `${d}.${m}.${y.slice(2)}`;
    case 2: return `${Number(d) === 1 ? '1er' : Number(d)} ${MONTHS[Number(m) - 1]} ${y}`;
    case 3: return `${d}-${m}-${y}`;
    default: return `${Number(d)} ${MONTHS[Number(m) - 1]!.toUpperCase()} ${y}`;
  }
}

const nirSpaced = (n: string) => [n[0], n.slice(1, 3), n.slice(3, 5), n.slice(5, 7), n.slice(7, 10), n.slice(10, 13), n.slice(13)].join(' ');
const first = (p: RosterEntry) => p.firstNames.split(' ')[0]!;
const born = (p: RosterEntry) => (p.sex === 'F' ? 'née' : 'né');
const title = (p: RosterEntry, r: Rand) => (p.birthDate >= '2010' ? 'Enfant' : p.sex === 'F' ? pick(r, ['Mme', 'Madame']) : pick(r, ['M.', 'Monsieur']));
function fullName(p: RosterEntry, r: Rand): string {
  const used = p.usedName ?? p.birthName;
  if (p.usedName && r() < 0.5) return `${p.usedName} née ${p.birthName} ${first(p)}`;
  return r() < 0.6 ? `${used} ${first(p)}` : `${first(p)} ${used}`;
}

/** The seven ways the identity is written; returns [lines near the top, lines in the body]. */
function identity(p: RosterEntry, style: number, r: Rand): { top: SpecLine[]; body: string[] } {
  const d = date(p.birthDate, style + Math.floor(r() * 5));
  switch (style % 7) {
    case 0: return { top: [], body: [`J'ai vu en consultation ${title(p, r)} ${fullName(p, r)}, ${born(p)} le ${d},`] };
    case 1: return { top: [`Nom : ${p.usedName ?? p.birthName}        Prénom : ${first(p)}`, `Né(e) le : ${d}        Sexe : ${p.sex}`], body: [] };
    case 2: return {
      top: [`Nom de naissance : ${p.birthName}`, ...(p.usedName ? [`Nom d'usage : ${p.usedName}`] : []), `Prénom(s) : ${p.firstNames}`, `Date de naissance : ${d}`, `Matricule INS : ${nirSpaced(p.nir ?? '')}`],
      body: [],
    };
    case 3: return { top: [{ text: `Patient : ${(p.usedName ?? p.birthName)} ${first(p)}`, align: 'right' }, { text: `DDN : ${d}`, align: 'right' }, { text: `IPP : 00${4500 + Math.floor(r() * 400)}`, align: 'right' }], body: [] };
    case 4: return { top: [`Concerne : ${title(p, r)} ${first(p)} ${p.usedName ?? p.birthName} (${born(p)} le ${d})`], body: [] };
    case 5: return { top: [`N° de sécurité sociale : ${nirSpaced(p.nir ?? '')}`], body: [`Nous avons reçu ${title(p, r)} ${fullName(p, r)} pour le suivi de son dossier.`] };
    default: return { top: [], body: [`${title(p, r)} ${fullName(p, r)} a été revu(e) ce jour.`] }; // no birth date: name only
  }
}

const DOCTORS = ['Dr MARTIN Claire', 'Dr LEROY Paul', 'Dr ROBERT Anne', 'Pr GARNIER Luc', 'Dr BERNARD Hugo', 'Dr PETIT Louise'];

function body(layout: Layout, r: Rand, doctor: string, examDate: string, relative: string | null): { head: SpecLine[]; text: string[] } {
  const rel = relative ? [`Accompagné(e) de ${relative}.`] : [];
  switch (layout) {
    case 'lab': return {
      head: [{ text: 'LABORATOIRE DE BIOLOGIE MÉDICALE DES OLIVIERS', bold: true, size: 'large' }, '12 rue des Oliviers 44000 Nantes - Tél. 02.40.12.34.56', `Prescripteur : ${doctor}`, `Prélevé le ${examDate} à 08h12`],
      text: ['HÉMATOLOGIE', 'Hémoglobine ........ 13,2 g/dL   (12,0 - 16,0)', 'Leucocytes ......... 7,4 G/L    (4,0 - 10,0)', 'BIOCHIMIE', 'Créatinine ......... 78 µmol/L  (45 - 90)', 'Glycémie à jeun .... 5,9 mmol/L (4,1 - 5,9)', ...rel, 'Résultats validés par le biologiste.'],
    };
    case 'hospital': return {
      head: [{ text: 'CENTRE HOSPITALIER UNIVERSITAIRE DE NANTES', bold: true, size: 'large' }, 'Service de médecine interne - Secrétariat 02.40.08.33.33', { text: `Nantes, le ${examDate}`, align: 'right' }],
      text: ['COMPTE RENDU D\'HOSPITALISATION', `Séjour du ${examDate} au ${examDate}.`, 'Motif : altération de l\'état général.', 'Évolution favorable sous traitement, retour à domicile.', ...rel, 'Traitement de sortie : paracétamol 1 g x 3 par jour.', `${doctor}, praticien hospitalier.`],
    };
    case 'specialist': return {
      head: [{ text: doctor, bold: true }, 'Cardiologue - 4 place Royale 44000 Nantes', { text: `Le ${examDate}`, align: 'right' }, 'Cher confrère,'],
      text: ['pour un bilan de palpitations.', 'L\'ECG est normal, l\'échographie cardiaque retrouve une FEVG à 60 %.', ...rel, 'Je vous propose un Holter ECG de 24 heures.', 'Bien confraternellement.', doctor],
    };
    case 'radiology': return {
      head: [{ text: 'CABINET D\'IMAGERIE MÉDICALE DE L\'ERDRE', bold: true, size: 'large' }, `Examen du ${examDate}`, `Demandé par ${doctor}`],
      text: ['RADIOGRAPHIE THORACIQUE DE FACE', 'Indication : toux persistante.', 'Résultat : pas de foyer parenchymateux, pas d\'épanchement.', ...rel, 'Conclusion : examen normal.', `${pick(r, DOCTORS)}, radiologue.`],
    };
    default: return {
      head: [{ text: 'CAISSE PRIMAIRE D\'ASSURANCE MALADIE DE LOIRE-ATLANTIQUE', bold: true }, '9 rue Gaëtan Rondeau 44958 Nantes Cedex 9', { text: `Nantes, le ${examDate}`, align: 'right' }, 'Objet : accord de prise en charge'],
      text: ['Madame, Monsieur,', 'Nous vous informons que la demande d\'entente préalable est acceptée.', ...rel, 'Cette décision est valable douze mois.', 'Le service médical.'],
    };
  }
}

/** People not in the roster: look-alikes of roster patients (another birth date, another first name). */
function stranger(base: RosterEntry, i: number): RosterEntry {
  const y = Number(base.birthDate.slice(0, 4)) + 1 + (i % 3);
  return { ...base, key: `X${i}`, birthDate: `${y}${base.birthDate.slice(4)}`, nir: undefined, ins: undefined, firstNames: i % 2 === 0 ? base.firstNames : 'Nathalie' };
}

export function devLetters(roster: readonly RosterEntry[], count = 60, seed = 20261206): SpecLetter[] {
  const r = seededRandom(seed);
  const letters: SpecLetter[] = [];
  for (let i = 0; i < count; i++) {
    // Layouts rotate with a shift every ten letters, so that the letters about strangers (i % 10 = 7) get every layout.
    const layout = LAYOUTS[(i + Math.floor(i / 10)) % LAYOUTS.length]!;
    const outside = i % 10 === 7; // one letter in ten is about someone not in the roster
    const base = roster[(i * 7) % roster.length]!;
    const p = outside ? { ...stranger(base, i), nir: undefined } : base;
    const style = outside && i % 20 === 7 ? 0 : (i * 3 + Math.floor(i / 7)) % 7;
    const examDate = date(`2026-${String(1 + (i % 11)).padStart(2, '0')}-${String(1 + ((i * 5) % 27)).padStart(2, '0')}`, i);
    const doctor = pick(r, DOCTORS);
    const relative = r() < 0.25 ? `sa mère, Mme ${p.usedName ?? p.birthName} ${pick(r, ['Sophie', 'Isabelle', 'Nathalie'])}` : null;
    const id = identity(p, style, r);
    const b = body(layout, r, doctor, examDate, relative);
    const idAtEnd = r() < 0.2; // identity reminded at the foot of the page instead of the top
    const top = idAtEnd ? [] : id.top;
    const lines: SpecLine[] = [...b.head, '', ...top, '', ...id.body, ...b.text, ...(idAtEnd ? ['', ...id.top.map((l) => (typeof l === 'string' ? l : l.text))] : [])];
    if (i % 9 === 4) lines.push('\f', { text: `${p.usedName ?? p.birthName} ${first(p)} - page 2/2`, align: 'right', size: 'small' }, 'Suite du compte rendu : surveillance clinique simple.', 'Prochain contrôle dans six mois.');
    letters.push({
      id: `D${String(i + 1).padStart(3, '0')}`,
      layout,
      lines,
      noise: {
        rotateDeg: Math.round((r() * 6 - 3) * 10) / 10,
        blur: Math.round(r() * 12) / 10,
        speckle: Math.round(r() * 40) / 100,
        contrast: Math.round((0.5 + r() * 0.5) * 100) / 100,
        jpegQuality: 30 + Math.floor(r() * 60),
      },
      truth: { patientKey: outside ? null : p.key },
    });
  }
  return letters;
}
