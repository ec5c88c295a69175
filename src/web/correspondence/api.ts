// Correspondence API (src/server/correspondence/*-routes.ts, shapes in contract.ts): the register, the address book, letters.
import i18n from '../i18n';
import { ApiError, request } from '../api/client';
import type { CorrespondentKind, CorrespondentView, ItemType, ItemView } from '../../server/correspondence/contract';

// The register's and the address book's shapes are the server contract's zod types, imported as types only (no server
// code in the bundle); `allowed` is declared as strings there, read here as the actions the screens know.
export type { ItemStatus, ItemType } from '../../server/correspondence/contract';
export const ITEM_TYPES: ItemType[] = ['letter', 'hospital_report', 'result', 'referral', 'administrative', 'other'];
export type Filter = 'all' | 'to_match' | 'to_read' | 'mine' | 'out';
export const FILTERS: Filter[] = ['all', 'to_match', 'to_read', 'mine', 'out'];
export type Action = 'confirm' | 'unmatch' | 'route' | 'read' | 'unread' | 'file';
export const KINDS = ['practitioner', 'lab', 'hospital', 'caisse', 'mutuelle', 'other'] as const satisfies readonly CorrespondentKind[];
export type Kind = CorrespondentKind;
export type Item = Omit<ItemView, 'allowed'> & { allowed: Action[] };
export type Correspondent = CorrespondentView;
export type Address = Correspondent['addresses'][number];
export interface ImportReport {
  created: number;
  refused: { line: number; messages: string[] }[];
  unknownColumns: string[];
  duplicates: { line: number; id: string; duplicateOf: string[] }[];
}
export interface Template { id: string; label: { fr: string; en: string }; subject: string; body: string }

async function upload<T>(path: string, form: FormData): Promise<T> {
  const response = await fetch(path, { method: 'POST', body: form, credentials: 'same-origin', headers: { Accept: 'application/json', 'Accept-Language': i18n.language || 'fr' } });
  const data = (await response.json().catch(() => undefined)) as { error?: { code?: string; message?: string } } | undefined;
  if (!response.ok) throw new ApiError(response.status, data?.error?.code ?? `http_${response.status}`, data?.error?.message ?? i18n.t('errors.unexpected', { status: response.status }));
  return data as T;
}

export interface MailboxInput { host: string; port: number; secure: boolean; username: string; password?: string; mailbox: string; pollMinutes: number; enabled: boolean }
/** As the server answers: never the password. */
export interface Mailbox extends Omit<MailboxInput, 'password'> { lastPolledAt: string | null; lastError: string | null; lastReceived: number }
export interface MailboxTest { ok: boolean; messages: number | null; reason: 'auth' | 'unreachable' | 'tls' | 'folder' | 'timeout' | 'other' | null; detail: string | null }

const enc = encodeURIComponent;
export const corrApi = {
  items: (filter: Filter) => request<{ items: Item[] }>('GET', `/api/correspondence/items?filter=${filter}`),
  item: (id: string) => request<{ item: Item }>('GET', `/api/correspondence/items/${enc(id)}`),
  fileUrl: (id: string, fileId: string) => `/api/correspondence/items/${enc(id)}/files/${enc(fileId)}`,
  uploadScan: (form: FormData) => upload<{ item: Item }>('/api/correspondence/scans', form),
  uploadLab: (form: FormData) => upload<{ items: Item[] }>('/api/correspondence/lab-results', form),
  simulateMssante: (body: { from: string; subject: string; text: string }) => request<{ item: Item }>('POST', '/api/correspondence/mssante-simulator/incoming', { body }),
  setPatient: (id: string, patientId: string | null) => request<{ item: Item }>('POST', `/api/correspondence/items/${enc(id)}/patient`, { body: { patientId } }),
  route: (id: string, practitionerId: string) => request<{ item: Item }>('POST', `/api/correspondence/items/${enc(id)}/route`, { body: { practitionerId } }),
  read: (id: string, read: boolean) => request<{ item: Item }>('POST', `/api/correspondence/items/${enc(id)}/read`, { body: { read } }),
  file: (id: string) => request<{ item: Item }>('POST', `/api/correspondence/items/${enc(id)}/file`),
  practitioners: () => request<{ practitioners: { id: string; name: string; specialty: string; own: boolean }[] }>('GET', '/api/correspondence/practitioners'),
  correspondents: (q = '', duplicates = false) => request<{ correspondents: Correspondent[] }>('GET', `/api/correspondents?q=${enc(q)}${duplicates ? '&duplicates=1' : ''}`),
  createCorrespondent: (body: unknown) => request<{ correspondent: Correspondent }>('POST', '/api/correspondents', { body }),
  importCsv: (csv: string) => request<ImportReport>('POST', '/api/correspondents/import', { body: { csv } }),
  templates: () => request<{ templates: Template[]; fields: string[] }>('GET', '/api/correspondence/templates'),
  createLetter: (body: { templateId: string; patientId: string; recipientId: string; authorId: string; freeText: string }) => request<{ item: Item }>('POST', '/api/correspondence/letters', { body }),
  mailbox: () => request<{ mailbox: Mailbox | null }>('GET', '/api/correspondence/mailbox'),
  saveMailbox: (body: MailboxInput) => request<{ saved: true }>('PUT', '/api/correspondence/mailbox', { body }),
  testMailbox: (body: MailboxInput) => request<MailboxTest>('POST', '/api/correspondence/mailbox/test', { body }),
  sendLetter: (id: string, channel: 'email' | 'mssante' | 'post') => request<{ item: Item }>('POST', `/api/correspondence/letters/${enc(id)}/send`, { body: { channel } }),
};

/** « Simulateur MSSanté » wherever a simulated message shows: nothing reached the real trust space. */
export function channelLabel(t: (k: string) => string, item: Pick<Item, 'channel' | 'simulated'>): string {
  return `${t(`correspondence.channel.${item.channel}`)}${item.simulated ? ` (${t('correspondence.simulator')})` : ''}`;
}
