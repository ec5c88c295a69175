import { sql, type Selectable } from 'kysely';
import type { Tx } from '../platform/db/database.js';
import type { Keyring } from '../platform/security/keyring.js';
import { identityName } from '../platform/identity-display.js';
import { clock } from '../platform/clock.js';
import type { ItemView } from './contract.js';
import { canMove } from './rules.js';
import { isSecretary, itemNotFound, practitionerOf, refused, type Scope } from './scope.js';
import type { CorrespondenceItemsTable } from './schema.js';
import { correspondentName } from './correspondents.service.js';
import { readFiles } from './files.service.js';

/**
 * The register, in and out, one list. Who sees what (least privilege): the secretary sees every item (she registers,
 * matches and routes); a practitioner sees the items routed to them and the letters they wrote; anything else is a 404.
 */
export type ItemRow = Selectable<CorrespondenceItemsTable>;
export const REGISTER_FILTERS = ['all', 'to_match', 'to_read', 'mine', 'out'] as const;
export type RegisterFilter = (typeof REGISTER_FILTERS)[number];

export async function visibleItem(tx: Tx, s: Scope, id: string, forUpdate = false): Promise<ItemRow> {
  let q = tx.selectFrom('correspondence_items').selectAll().where('practice_id', '=', s.practiceId).where('id', '=', id);
  if (forUpdate) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) throw itemNotFound();
  if (isSecretary(s)) return row;
  const own = await practitionerOf(tx, s);
  if (!own || (row.reader_id !== own && row.author_id !== own)) throw itemNotFound();
  return row;
}

export async function listItems(tx: Tx, s: Scope, filter: RegisterFilter, limit: number): Promise<ItemView[]> {
  const own = await practitionerOf(tx, s);
  let q = tx.selectFrom('correspondence_items').select('id').where('practice_id', '=', s.practiceId);
  if (!isSecretary(s)) q = q.where((eb) => (own ? eb.or([eb('reader_id', '=', own), eb('author_id', '=', own)]) : eb.val(false)));
  if (filter === 'to_match' || filter === 'to_read') q = q.where('status', '=', filter);
  if (filter === 'mine') q = q.where('reader_id', '=', own ?? '00000000-0000-0000-0000-000000000000').where('status', '=', 'to_read');
  if (filter === 'out') q = q.where('direction', '=', 'out');
  // The reading queue: abnormal results first, then the oldest (docs/lab-results.md « Routing to the prescriber »).
  if (filter === 'mine') q = q.orderBy('abnormal', 'desc').orderBy('received_at', 'asc');
  else q = q.orderBy('received_at', 'desc');
  const ids = (await q.orderBy('id').limit(limit).execute()).map((r) => r.id);
  const views: ItemView[] = [];
  for (const id of ids) views.push(await itemView(tx, s, null, id));
  s.audit({ action: 'correspondence.listed', resourceType: 'correspondence_item', details: { filter, count: views.length } });
  return views;
}

/** The view of one item; with a keyring, the text (e-mail body, lab result sheet) and the text the OCR read are decrypted into it. */
export async function itemView(tx: Tx, s: Scope, keyring: Keyring | null, id: string): Promise<ItemView> {
  const r = await visibleItem(tx, s, id);
  const person = async (table: 'correspondents' | 'practitioners', pid: string | null) => {
    if (!pid) return null;
    if (table === 'practitioners') {
      const p = await tx.selectFrom('practitioners').select(['id', 'display_name']).where('practice_id', '=', s.practiceId).where('id', '=', pid).executeTakeFirst();
      return p ? { id: p.id, name: p.display_name } : null;
    }
    const c = await tx.selectFrom('correspondents').select(['id', 'title', 'name', 'first_name']).where('practice_id', '=', s.practiceId).where('id', '=', pid).executeTakeFirst();
    return c ? { id: c.id, name: correspondentName(c) } : null;
  };
  const patientIds = [...new Set([...(r.patient_id ? [r.patient_id] : []), ...r.proposals.map((p) => p.patientId)])];
  const patients = patientIds.length
    ? await tx.selectFrom('patients').select(['id', 'birth_name', 'used_name', 'first_name', sql<string>`to_char(birth_date, 'YYYY-MM-DD')`.as('birth')]).where('practice_id', '=', s.practiceId).where('id', 'in', patientIds).execute()
    : [];
  const patientOf = (pid: string) => {
    const p = patients.find((x) => x.id === pid);
    return p ? { id: p.id, name: identityName({ birthName: p.birth_name, usedName: p.used_name, firstName: p.first_name }, s.language ?? 'fr'), birthDate: p.birth } : null;
  };
  const files = await tx.selectFrom('correspondence_files').select(['id', 'kind', 'file_name', 'mime_type', 'size_bytes']).where('practice_id', '=', s.practiceId).where('item_id', '=', id).orderBy('position').execute();
  const docs = await tx.selectFrom('correspondence_item_documents').select('document_id').where('practice_id', '=', s.practiceId).where('item_id', '=', id).execute();
  let text: string | null = null;
  let readText: string | null = null;
  if (keyring && files.some((f) => f.kind === 'body' || f.kind === 'ocr_text')) {
    const contents = await readFiles(tx, keyring, s.practiceId, id);
    const join = (kind: string) => contents.filter((f) => f.kind === kind).map((f) => f.bytes.toString('utf8')).join('\n\n') || null;
    text = join('body');
    readText = join('ocr_text');
  }
  return {
    id: r.id,
    direction: r.direction,
    channel: r.channel,
    simulated: r.simulated,
    type: r.type,
    status: r.status,
    subject: r.subject,
    sender: { correspondent: await person('correspondents', r.sender_id), label: r.sender_label },
    recipient: { correspondent: await person('correspondents', r.recipient_id), address: r.recipient_address },
    patient: r.patient_id ? patientOf(r.patient_id) : null,
    proposedPatients: r.proposals.flatMap((p) => {
      const found = patientOf(p.patientId);
      return found ? [{ ...found, evidence: p.evidence }] : [];
    }),
    reader: await person('practitioners', r.reader_id),
    abnormal: r.abnormal,
    receivedAt: r.received_at.toISOString(),
    readAt: r.read_at?.toISOString() ?? null,
    filedAt: r.filed_at?.toISOString() ?? null,
    sentAt: r.sent_at?.toISOString() ?? null,
    files: files.map((f) => ({ id: f.id, kind: f.kind, fileName: f.file_name, mimeType: f.mime_type, size: f.size_bytes })),
    documentIds: docs.map((d) => d.document_id),
    text,
    readText,
    allowed: await allowedActions(tx, s, r),
  };
}

export type ItemAction = 'confirm' | 'unmatch' | 'route' | 'read' | 'unread' | 'file';

/** What the signed-in person may do with the item now: the buttons the web app shows, and what the routes check. */
export async function allowedActions(tx: Tx, s: Scope, r: ItemRow): Promise<ItemAction[]> {
  if (r.direction === 'out') return [];
  const own = await practitionerOf(tx, s);
  const isReader = own !== null && r.reader_id === own;
  const desk = isSecretary(s);
  const out: ItemAction[] = [];
  if (r.status === 'to_match' && (desk || isReader)) out.push('confirm');
  if (r.status === 'to_read' && (desk || isReader)) out.push('unmatch');
  if (r.status !== 'filed' && desk) out.push('route');
  if (r.status === 'to_read' && isReader) out.push('read');
  if (r.status === 'read' && isReader) out.push('unread');
  if (r.status === 'read' && (desk || isReader)) out.push('file');
  return out;
}

export async function assertAllowed(tx: Tx, s: Scope, r: ItemRow, action: ItemAction): Promise<void> {
  if ((await allowedActions(tx, s, r)).includes(action)) return;
  const why: Record<ItemAction, [string, string]> = {
    confirm: ['Le patient ne peut être confirmé que sur un courrier « à rapprocher ».', 'The patient can only be confirmed on an item « to match ».'],
    unmatch: ['Seul un courrier « à lire » peut revenir au rapprochement.', 'Only an item « to read » can go back to matching.'],
    route: ['Seul le secrétariat oriente un courrier non classé.', 'Only the desk routes an item that is not filed.'],
    read: ['Seul le praticien destinataire marque « lu » un courrier « à lire ».', 'Only the practitioner it was routed to marks an item « to read » as read.'],
    unread: ['Seul le praticien destinataire peut marquer « non lu ».', 'Only the practitioner it was routed to can mark it unread.'],
    file: ['Un courrier est classé une fois lu par le praticien.', 'An item is filed once the practitioner has read it.'],
  };
  throw refused(why[action][0], why[action][1]);
}

/** Every status change goes through here: the rule first (a clear 422), the database trigger as the last word. */
export async function moveTo(tx: Tx, r: ItemRow, to: ItemRow['status'], set: Partial<Record<keyof ItemRow, unknown>>): Promise<void> {
  if (!canMove(r.direction, r.status, to)) throw refused(`Passage de « ${r.status} » à « ${to} » impossible.`, `Cannot go from « ${r.status} » to « ${to} ».`);
  await tx.updateTable('correspondence_items').set({ ...set, status: to } as never).where('practice_id', '=', r.practice_id).where('id', '=', r.id).execute();
}

export async function confirmPatient(tx: Tx, s: Scope, id: string, patientId: string): Promise<void> {
  const r = await visibleItem(tx, s, id, true);
  await assertAllowed(tx, s, r, 'confirm');
  const patient = await tx.selectFrom('patients').select('id').where('practice_id', '=', s.practiceId).where('id', '=', patientId).executeTakeFirst();
  if (!patient) throw refused('Ce patient n’existe pas dans ce cabinet.', 'This patient does not exist in this practice.', 'patientId');
  const proposed = r.proposals.some((p) => p.patientId === patientId);
  await moveTo(tx, r, 'to_read', { patient_id: patientId, patient_confirmed_by: s.accountId, patient_confirmed_at: clock.now() });
  s.audit({ action: 'correspondence.patient_confirmed', resourceType: 'correspondence_item', resourceId: id, details: { patientId, proposed } });
}

export async function unmatch(tx: Tx, s: Scope, id: string): Promise<void> {
  const r = await visibleItem(tx, s, id, true);
  await assertAllowed(tx, s, r, 'unmatch');
  await moveTo(tx, r, 'to_match', { patient_id: null, patient_confirmed_by: null, patient_confirmed_at: null });
  s.audit({ action: 'correspondence.patient_unmatched', resourceType: 'correspondence_item', resourceId: id, details: { patientId: r.patient_id } });
}

export async function routeItem(tx: Tx, s: Scope, id: string, practitionerId: string): Promise<void> {
  const r = await visibleItem(tx, s, id, true);
  await assertAllowed(tx, s, r, 'route');
  const p = await tx.selectFrom('practitioners').select('id').where('practice_id', '=', s.practiceId).where('id', '=', practitionerId).where('active', '=', true).executeTakeFirst();
  if (!p) throw refused('Ce praticien n’exerce pas dans ce cabinet.', 'This practitioner does not work in this practice.', 'practitionerId');
  await tx.updateTable('correspondence_items').set({ reader_id: practitionerId, routed_by: s.accountId }).where('practice_id', '=', s.practiceId).where('id', '=', id).execute();
  s.audit({ action: 'correspondence.routed', resourceType: 'correspondence_item', resourceId: id, details: { practitionerId, from: r.reader_id } });
}

export async function markRead(tx: Tx, s: Scope, id: string, read: boolean): Promise<void> {
  const r = await visibleItem(tx, s, id, true);
  await assertAllowed(tx, s, r, read ? 'read' : 'unread');
  if (read) await moveTo(tx, r, 'read', { read_by: s.accountId, read_at: clock.now() });
  else await moveTo(tx, r, 'to_read', { read_by: null, read_at: null });
  s.audit({ action: read ? 'correspondence.read' : 'correspondence.unread', resourceType: 'correspondence_item', resourceId: id, details: { patientId: r.patient_id } });
}
