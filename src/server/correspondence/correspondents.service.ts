import type { Tx } from '../platform/db/database.js';
import { AppError } from '../platform/http/errors.js';
import { type CorrespondentView, correspondentInput } from './contract.js';
import { readCorrespondentsCsv, type ImportProblem } from './csv-import.js';
import { checkRpps, cityKey, findDuplicates, isMssanteAddress, nameKey } from './rules.js';
import type { Scope } from './scope.js';
import type { CorrespondentsTable } from './schema.js';
import type { Selectable } from 'kysely';
import { clock } from '../platform/clock.js';

/** The practice's address book: colleagues, labs, hospitals, caisses, mutuelles. Duplicates are shown, not refused. */
type Row = Selectable<CorrespondentsTable>;
type Input = ReturnType<typeof correspondentInput.parse>;

export function correspondentName(r: Pick<Row, 'title' | 'name' | 'first_name'>): string {
  return [r.title, r.first_name, r.name].filter(Boolean).join(' ');
}

function toView(r: Row, duplicates: Map<string, string[]>): CorrespondentView {
  return {
    id: r.id,
    kind: r.kind,
    title: r.title,
    name: r.name,
    firstName: r.first_name,
    displayName: correspondentName(r),
    rpps: r.rpps,
    specialty: r.specialty,
    addresses: r.addresses,
    phone: r.phone,
    email: r.email,
    mssante: r.mssante,
    duplicateOf: duplicates.get(r.id) ?? [],
  };
}

async function allRows(tx: Tx, practiceId: string): Promise<Row[]> {
  return tx.selectFrom('correspondents').selectAll().where('practice_id', '=', practiceId).orderBy('name_key').orderBy('id').execute();
}

function duplicatesOf(rows: readonly Row[]): Map<string, string[]> {
  return findDuplicates(rows.map((r) => ({ id: r.id, rpps: r.rpps, name: r.name, firstName: r.first_name, city: r.addresses[0]?.city ?? null })));
}

export async function listCorrespondents(tx: Tx, s: Scope, filter: { q: string; kind: string; duplicates: boolean }): Promise<CorrespondentView[]> {
  const rows = await allRows(tx, s.practiceId);
  const dups = duplicatesOf(rows);
  const q = nameKey(filter.q);
  return rows
    .filter((r) => (filter.kind === 'all' || r.kind === filter.kind) && (!q || r.name_key.includes(q) || (r.rpps ?? '').includes(filter.q.trim())))
    .filter((r) => !filter.duplicates || (dups.get(r.id)?.length ?? 0) > 0)
    .map((r) => toView(r, dups));
}

export async function getCorrespondent(tx: Tx, s: Scope, id: string): Promise<CorrespondentView> {
  const rows = await allRows(tx, s.practiceId);
  const row = rows.find((r) => r.id === id);
  if (!row) throw new AppError('not_found', { resource: 'correspondent' }, { fr: 'Correspondant introuvable dans ce cabinet.', en: 'Correspondent not found in this practice.' });
  return toView(row, duplicatesOf(rows));
}

/** The checks zod cannot make: the RPPS key, the MSSanté domain, an RPPS only for a health professional. */
function checkInput(input: Input): Input {
  const rpps = checkRpps(input.rpps);
  if (!rpps.ok) throw new AppError('unprocessable', [{ field: 'rpps', message: rpps.message }], { fr: rpps.message, en: 'Invalid RPPS (11 digits with a Luhn key).' });
  if (rpps.rpps && input.kind !== 'practitioner') {
    throw new AppError('unprocessable', [{ field: 'rpps', message: { fr: 'Seul un praticien a un RPPS.', en: 'Only a practitioner has an RPPS.' } }], { fr: 'Seul un praticien a un RPPS.', en: 'Only a practitioner has an RPPS.' });
  }
  if (input.mssante && !isMssanteAddress(input.mssante)) {
    const fr = 'Une adresse MSSanté se termine par mssante.fr (ex. : jean.durand@medecin.mssante.fr).';
    throw new AppError('unprocessable', [{ field: 'mssante', message: fr }], { fr, en: 'An MSSanté address ends with mssante.fr.' });
  }
  return { ...input, rpps: rpps.rpps };
}

function values(input: Input) {
  return {
    kind: input.kind,
    title: input.title ?? null,
    name: input.name,
    first_name: input.firstName ?? null,
    rpps: input.rpps ?? null,
    specialty: input.specialty ?? null,
    addresses: JSON.stringify(input.addresses.map((a) => ({ label: a.label ?? null, line1: a.line1, line2: a.line2 ?? null, postalCode: a.postalCode, city: a.city }))),
    phone: input.phone ?? null,
    email: input.email ?? null,
    mssante: input.mssante ?? null,
    name_key: nameKey(input.name, input.firstName),
    city_key: cityKey(input.addresses[0]?.city),
  };
}

export async function createCorrespondent(tx: Tx, s: Scope, raw: Input): Promise<CorrespondentView> {
  const input = checkInput(raw);
  const row = await tx.insertInto('correspondents').values({ practice_id: s.practiceId, created_by: s.accountId, ...values(input) }).returning('id').executeTakeFirstOrThrow();
  const view = await getCorrespondent(tx, s, row.id);
  s.audit({ action: 'correspondent.created', resourceType: 'correspondent', resourceId: row.id, details: { kind: input.kind, duplicates: view.duplicateOf.length } });
  return view;
}

export async function updateCorrespondent(tx: Tx, s: Scope, id: string, raw: Input): Promise<CorrespondentView> {
  // Another practice's entry (or none) is a 404 before anything is said about the input.
  const exists = await tx.selectFrom('correspondents').select('id').where('practice_id', '=', s.practiceId).where('id', '=', id).forUpdate().executeTakeFirst();
  if (!exists) await getCorrespondent(tx, s, id);
  const input = checkInput(raw);
  await tx.updateTable('correspondents').set({ ...values(input), updated_at: clock.now() }).where('practice_id', '=', s.practiceId).where('id', '=', id).execute();
  s.audit({ action: 'correspondent.updated', resourceType: 'correspondent', resourceId: id });
  return getCorrespondent(tx, s, id);
}

export interface ImportReport {
  created: number;
  refused: ImportProblem[];
  unknownColumns: string[];
  /** Lines whose entry duplicates another one of the address book (kept, shown for a person to merge or correct). */
  duplicates: { line: number; id: string; duplicateOf: string[] }[];
}

export async function importCorrespondents(tx: Tx, s: Scope, csv: string): Promise<ImportReport> {
  const { rows, problems, unknownColumns } = readCorrespondentsCsv(csv);
  const created: { line: number; id: string }[] = [];
  for (const { line, input } of rows) {
    const id = (await tx.insertInto('correspondents').values({ practice_id: s.practiceId, created_by: s.accountId, ...values(input) }).returning('id').executeTakeFirstOrThrow()).id;
    created.push({ line, id });
  }
  const dups = duplicatesOf(await allRows(tx, s.practiceId));
  const duplicates = created.filter((c) => (dups.get(c.id) ?? []).length > 0).map((c) => ({ ...c, duplicateOf: dups.get(c.id)! }));
  s.audit({ action: 'correspondent.imported', resourceType: 'correspondent', details: { created: created.length, refused: problems.length, duplicates: duplicates.length } });
  return { created: created.length, refused: problems, unknownColumns, duplicates };
}

/** The address-book entry an incoming e-mail or MSSanté message comes from, by its address. */
export async function correspondentByAddress(tx: Tx, practiceId: string, address: string): Promise<Row | undefined> {
  const a = address.trim().toLowerCase();
  return tx
    .selectFrom('correspondents')
    .selectAll()
    .where('practice_id', '=', practiceId)
    .where((eb) => eb.or([eb(eb.fn('lower', ['email']), '=', a), eb(eb.fn('lower', ['mssante']), '=', a)]))
    .orderBy('created_at')
    .executeTakeFirst();
}
