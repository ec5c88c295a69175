/**
 * CSV rows → address-book entries (pure). Headers in French or English, in any order, any case, accents or not;
 * `;` or `,` separated (platform/csv.ts). Each row is checked on its own: the report says which rows were refused and why.
 */
import { parseCsv } from '../platform/csv.js';
import { CORRESPONDENT_KINDS, correspondentInput, type CorrespondentKind } from './contract.js';
import { checkRpps, isMssanteAddress } from './rules.js';

const HEADERS: Record<string, string> = {
  type: 'kind', kind: 'kind', categorie: 'kind',
  civilite: 'title', titre: 'title', title: 'title',
  nom: 'name', name: 'name', 'raison sociale': 'name', etablissement: 'name',
  prenom: 'firstName', 'first name': 'firstName', firstname: 'firstName',
  rpps: 'rpps', specialite: 'specialty', specialty: 'specialty',
  adresse: 'line1', address: 'line1', 'adresse 1': 'line1', 'adresse 2': 'line2', complement: 'line2',
  'code postal': 'postalCode', cp: 'postalCode', 'postal code': 'postalCode', ville: 'city', city: 'city', commune: 'city',
  telephone: 'phone', tel: 'phone', phone: 'phone', email: 'email', 'e-mail': 'email', courriel: 'email', mail: 'email',
  mssante: 'mssante', 'adresse mssante': 'mssante',
};
const KINDS: Record<string, CorrespondentKind> = {
  praticien: 'practitioner', medecin: 'practitioner', practitioner: 'practitioner', laboratoire: 'lab', lab: 'lab', labo: 'lab',
  hopital: 'hospital', hospital: 'hospital', clinique: 'hospital', etablissement: 'hospital', caisse: 'caisse', cpam: 'caisse',
  mutuelle: 'mutuelle', autre: 'other', other: 'other',
};
const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[_\s]+/g, ' ').trim();

export interface ImportRow {
  line: number;
  input: ReturnType<typeof correspondentInput.parse>;
}
export interface ImportProblem {
  line: number;
  messages: string[];
}

export function readCorrespondentsCsv(text: string): { rows: ImportRow[]; problems: ImportProblem[]; unknownColumns: string[] } {
  const table = parseCsv(text).filter((r) => r.some((c) => c.trim()));
  const [header, ...body] = table;
  if (!header) return { rows: [], problems: [{ line: 1, messages: ['Fichier vide.'] }], unknownColumns: [] };
  const columns = header.map((h) => HEADERS[fold(h)] ?? null);
  const unknownColumns = header.filter((_h, i) => columns[i] === null);
  if (!columns.includes('name')) return { rows: [], problems: [{ line: 1, messages: ['Colonne « nom » absente de la première ligne.'] }], unknownColumns };
  const rows: ImportRow[] = [];
  const problems: ImportProblem[] = [];
  body.forEach((cells, i) => {
    const line = i + 2;
    const v: Record<string, string> = {};
    columns.forEach((c, j) => {
      if (c) v[c] = (cells[j] ?? '').trim();
    });
    const messages: string[] = [];
    const kind = v.kind ? KINDS[fold(v.kind)] : v.rpps ? 'practitioner' : 'other';
    if (!kind) messages.push(`Type « ${v.kind} » inconnu (${CORRESPONDENT_KINDS.join(', ')}).`);
    const rpps = checkRpps(v.rpps);
    if (!rpps.ok) messages.push(rpps.message);
    if (v.mssante && !isMssanteAddress(v.mssante)) messages.push(`Adresse MSSanté « ${v.mssante} » : elle doit finir par mssante.fr.`);
    const hasAddress = v.line1 || v.postalCode || v.city;
    const parsed = correspondentInput.safeParse({
      kind: kind ?? 'other',
      title: v.title || null,
      name: v.name ?? '',
      firstName: v.firstName || null,
      rpps: rpps.ok ? rpps.rpps : null,
      specialty: v.specialty || null,
      addresses: hasAddress ? [{ line1: v.line1 ?? '', line2: v.line2 || null, postalCode: (v.postalCode ?? '').replace(/\s/g, ''), city: v.city ?? '' }] : [],
      phone: v.phone || null,
      email: v.email || null,
      mssante: v.mssante || null,
    });
    if (!parsed.success) for (const issue of parsed.error.issues) messages.push(`${fieldLabel(issue.path)} : ${issue.message}`);
    if (messages.length || !parsed.success) problems.push({ line, messages });
    else rows.push({ line, input: parsed.data });
  });
  return { rows, problems, unknownColumns };
}

function fieldLabel(path: readonly PropertyKey[]): string {
  const last = String(path[path.length - 1] ?? '');
  return ({ name: 'nom', line1: 'adresse', postalCode: 'code postal', city: 'ville', email: 'e-mail', mssante: 'MSSanté', phone: 'téléphone' } as Record<string, string>)[last] ?? last;
}
