// Typed fetch wrapper for the Pivot API. The session lives in an httpOnly cookie set by the server.
import i18n from '../i18n';
import type {
  AuditPage, AuditVerifyResult, LoginResult, Me, Outbox, Patient, PatientSummary,
  PracticeSettings, Role, StaffMember, TotpSetup, Language,
} from './types';
import type {
  AdministrativeUpdate, DuplicateCandidate, IdDocumentType, IdentityInput, InsiResult, PatientDocument,
  PatientDocumentType, StatusChange,
} from './types';
import type {
  Assignee, AssistantTask, ChatHistory, ChatIntro, ChatReply, ConversionKind, InboxCounts, InboxFilters,
  PracticeSheet, RequestDetail, RequestStatus, RequestSummary, VitalAlert,
} from './types';

export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  readonly details: unknown;

  constructor(status: number, code: string, message: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

type AuthListener = (error: ApiError) => void;
const authListeners = new Set<AuthListener>();

/** Called when any request (except the session probe) reports an expired session or a 2FA enrolment requirement. */
export function onAuthProblem(listener: AuthListener): () => void {
  authListeners.add(listener);
  return () => authListeners.delete(listener);
}

interface RequestOptions {
  body?: unknown;
  /** Do not notify auth listeners (used by login and the initial session probe). */
  quiet?: boolean;
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': i18n.language || 'fr',
  };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch {
    throw new ApiError(0, 'network_error', i18n.t('errors.network'));
  }
  if (response.status === 204 || response.status === 202) {
    return (await safeJson(response)) as T;
  }
  const data = await safeJson(response);
  if (!response.ok) {
    const err = (data as { error?: { code?: string; message?: string; details?: unknown } } | undefined)?.error;
    const error = new ApiError(
      response.status,
      err?.code ?? `http_${response.status}`,
      err?.message ?? i18n.t('errors.unexpected', { status: response.status }),
      err?.details,
    );
    if (!options.quiet && (error.code === 'unauthenticated' || error.code === 'mfa_enrollment_required')) {
      authListeners.forEach((listener) => listener(error));
    }
    throw error;
  }
  return data as T;
}

async function safeJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function query(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

// ---------- Intake assistant (src/web/assistant) — begin ----------
const enc = encodeURIComponent;
const assistantApi = {
  chatIntro: (practice: string) => request<ChatIntro>('GET', `/api/assistant/chat/${enc(practice)}`, { quiet: true }),
  chatSend: (body: { practice: string; text: string; conversationToken?: string }) =>
    request<{ conversationToken: string; reply: ChatReply }>('POST', '/api/assistant/chat', { body, quiet: true }),
  chatHistory: (body: { practice: string; conversationToken: string }) =>
    request<ChatHistory>('POST', '/api/assistant/chat/history', { body, quiet: true }),

  inbox: (filters: InboxFilters) =>
    request<{ requests: RequestSummary[]; counts: InboxCounts }>('GET', `/api/assistant/requests${query({ ...filters })}`),
  inboxRequest: (id: string) => request<RequestDetail>('GET', `/api/assistant/requests/${enc(id)}`),
  assignRequest: (id: string, assigneeId: string | null) =>
    request<{ request: RequestSummary }>('POST', `/api/assistant/requests/${enc(id)}/assign`, { body: { assigneeId } }),
  setRequestStatus: (id: string, status: RequestStatus) =>
    request<{ request: RequestSummary }>('POST', `/api/assistant/requests/${enc(id)}/status`, { body: { status } }),
  matchRequest: (id: string, patientId: string | null) =>
    request<{ request: RequestSummary }>('POST', `/api/assistant/requests/${enc(id)}/match`, { body: { patientId } }),
  convertRequest: (id: string, body: { kind: ConversionKind; assigneeId?: string; text?: string; dueAt?: string }) =>
    request<{ request: RequestSummary; outcome: { kind: string; id: string }; task: AssistantTask | null }>(
      'POST', `/api/assistant/requests/${enc(id)}/convert`, { body },
    ),
  assignees: () => request<{ assignees: Assignee[] }>('GET', '/api/assistant/assignees'),
  alerts: (params: { since?: string; pending?: boolean; limit?: number }) =>
    request<{ alerts: VitalAlert[]; serverTime: string }>(
      'GET', `/api/assistant/alerts${query({ since: params.since, pending: params.pending === undefined ? undefined : String(params.pending), limit: params.limit })}`,
    ),
  acknowledgeAlert: (id: string) => request<{ alert: VitalAlert }>('POST', `/api/assistant/alerts/${enc(id)}/acknowledge`),
  tasks: (params: { assignee?: string; done?: boolean }) =>
    request<{ tasks: AssistantTask[] }>('GET', `/api/assistant/tasks${query({ assignee: params.assignee, done: params.done === undefined ? undefined : String(params.done) })}`),
  setTaskDone: (id: string, done: boolean) => request<{ task: AssistantTask }>('POST', `/api/assistant/tasks/${enc(id)}/done`, { body: { done } }),
  triageRules: () =>
    request<{ entries: Array<{ id: string; label: string; source: string; code: string }>; model: { threshold: number; trainedOn: number; features: number } }>('GET', '/api/assistant/triage-rules'),
  practiceInfo: () => request<{ info: PracticeSheet; updatedAt: string | null }>('GET', '/api/assistant/practice-info'),
  updatePracticeInfo: (info: PracticeSheet) =>
    request<{ info: PracticeSheet; updatedAt: string }>('PUT', '/api/assistant/practice-info', { body: info }),
};
// ---------- Intake assistant — end ----------

// ---------- Patients & documents (src/web/patients, src/web/documents) — begin ----------
const pid = encodeURIComponent;
const patientsApi = {
  patients: (q: string, limit = 50) =>
    request<{ patients: PatientSummary[] }>('GET', `/api/patients${query({ q, limit })}`),
  patient: (id: string) => request<{ patient: Patient }>('GET', `/api/patients/${pid(id)}`),
  patientDuplicates: (identity: IdentityInput) =>
    request<{ possibleDuplicates: DuplicateCandidate[] }>('POST', '/api/patients/duplicates', { body: identity }),
  createPatient: (body: IdentityInput & { phone?: string; email?: string; confirmNotDuplicate?: boolean }) =>
    request<{ patient: Patient; possibleDuplicates: DuplicateCandidate[] }>('POST', '/api/patients', { body }),
  correctIdentity: (id: string, body: Partial<IdentityInput> & { reason?: string; version?: number }) =>
    request<{ patient: Patient; changes: Record<string, { before: unknown; after: unknown }>; statusChange: StatusChange | null }>(
      'PATCH', `/api/patients/${pid(id)}/identity`, { body },
    ),
  validateIdentity: (id: string, body: { documentType: IdDocumentType; documentNumber: string; expiresOn?: string | null; traitsConfirmed: true }) =>
    request<{ patient: Patient; statusChange: StatusChange | null }>('POST', `/api/patients/${pid(id)}/identity/validation`, { body }),
  insiLookup: (id: string, body: { mode: 'traits' | 'vitale'; nir?: string; adoptInsiTraits?: boolean }) =>
    request<InsiResult>('POST', `/api/patients/${pid(id)}/insi`, { body }),
  setPatientAttributes: (id: string, body: { doubtful?: boolean; doubtfulReason?: string | null; fictitious?: boolean; homonym?: boolean; reason: string }) =>
    request<{ patient: Patient; statusChange: StatusChange | null }>('PUT', `/api/patients/${pid(id)}/attributes`, { body }),
  updateAdministrative: (id: string, body: AdministrativeUpdate) =>
    request<{ patient: Patient; changedSections: string[] }>('PATCH', `/api/patients/${pid(id)}/administrative`, { body }),

  patientDocuments: (patientId: string, archived = false) =>
    request<{ documents: PatientDocument[] }>('GET', `/api/patients/${pid(patientId)}/documents${archived ? '?archived=1' : ''}`),
  archiveDocument: (id: string, reason: string) =>
    request<{ document: PatientDocument }>('POST', `/api/documents/${pid(id)}/archive`, { body: { reason } }),
  documentContentUrl: (id: string, download = false) => `/api/documents/${pid(id)}/content${download ? '?download=1' : ''}`,
  /** Multipart upload through XMLHttpRequest, the only browser API that reports upload progress. */
  uploadDocument: (patientId: string, form: { file: File; type: PatientDocumentType; title?: string }, onProgress?: (fraction: number) => void) =>
    new Promise<{ document: PatientDocument }>((resolve, reject) => {
      const data = new FormData();
      data.append('type', form.type);
      if (form.title) data.append('title', form.title);
      data.append('file', form.file);
      const xhr = new XMLHttpRequest();
      xhr.open('POST', `/api/patients/${pid(patientId)}/documents`);
      xhr.setRequestHeader('Accept', 'application/json');
      xhr.setRequestHeader('Accept-Language', i18n.language || 'fr');
      xhr.withCredentials = true;
      xhr.upload.onprogress = (event) => {
        if (event.lengthComputable) onProgress?.(event.loaded / event.total);
      };
      xhr.onerror = () => reject(new ApiError(0, 'network_error', i18n.t('errors.network')));
      xhr.onload = () => {
        let body: unknown;
        try { body = JSON.parse(xhr.responseText); } catch { body = undefined; }
        if (xhr.status >= 200 && xhr.status < 300) { resolve(body as { document: PatientDocument }); return; }
        const err = (body as { error?: { code?: string; message?: string; details?: unknown } } | undefined)?.error;
        const error = new ApiError(xhr.status, err?.code ?? `http_${xhr.status}`, err?.message ?? i18n.t('errors.unexpected', { status: xhr.status }), err?.details);
        if (error.code === 'unauthenticated' || error.code === 'mfa_enrollment_required') authListeners.forEach((listener) => listener(error));
        reject(error);
      };
      xhr.send(data);
    }),
};
// ---------- Patients & documents — end ----------

export type AuditFilters = {
  action?: string; accountId?: string; resourceType?: string; resourceId?: string;
  from?: string; to?: string; limit?: number; before?: string | null;
};

export const api = {
  health: () => request<{ status: string; database: string; demo: { accounts: { email: string; name: string }[] } | null }>('GET', '/api/health'),

  login: (body: { email: string; password: string; totp?: string; practice?: string }) =>
    request<LoginResult>('POST', '/api/auth/login', { body, quiet: true }),
  logout: () => request<void>('POST', '/api/auth/logout', { quiet: true }),
  logoutAll: () => request<void>('POST', '/api/auth/logout-all'),
  me: (quiet = false) => request<Me>('GET', '/api/me', { quiet }),
  updateMe: (body: { displayName?: string; language?: Language }) => request<Me>('PATCH', '/api/me', { body }),
  switchPractice: (practiceId: string) => request<Me>('POST', '/api/auth/switch-practice', { body: { practiceId } }),
  changePassword: (currentPassword: string, newPassword: string) =>
    request<void>('POST', '/api/auth/password/change', { body: { currentPassword, newPassword } }),
  requestPasswordReset: (email: string) =>
    request<void>('POST', '/api/auth/password-reset/request', { body: { email }, quiet: true }),
  confirmPasswordReset: (token: string, password: string) =>
    request<void>('POST', '/api/auth/password-reset/confirm', { body: { token, password }, quiet: true }),

  totpSetup: () => request<TotpSetup>('POST', '/api/auth/totp/setup'),
  totpEnable: (code: string) => request<{ recoveryCodes: string[] }>('POST', '/api/auth/totp/enable', { body: { code } }),
  totpDisable: (password: string, code: string) =>
    request<void>('POST', '/api/auth/totp/disable', { body: { password, code } }),

  staff: () => request<{ members: StaffMember[] }>('GET', '/api/staff'),
  inviteStaff: (body: { email: string; displayName: string; roles: Role[] }) =>
    request<{ member: StaffMember }>('POST', '/api/staff', { body }),
  updateStaff: (accountId: string, body: { roles?: Role[]; active?: boolean }) =>
    request<{ member: StaffMember }>('PATCH', `/api/staff/${encodeURIComponent(accountId)}`, { body }),
  unlockStaff: (accountId: string) =>
    request<{ member: StaffMember }>('POST', `/api/staff/${encodeURIComponent(accountId)}/unlock`),

  practice: () => request<PracticeSettings>('GET', '/api/practice'),
  updatePractice: (body: { name?: string; requireMfa?: boolean }) =>
    request<PracticeSettings>('PATCH', '/api/practice', { body }),

  audit: (filters: AuditFilters) => request<AuditPage>('GET', `/api/audit${query(filters)}`),
  auditExportUrl: (filters: AuditFilters) => `/api/audit/export.csv${query({ ...filters, before: undefined, limit: undefined })}`,
  auditVerify: () => request<AuditVerifyResult>('GET', '/api/audit/verify'),

  outbox: () => request<Outbox>('GET', '/api/dev-outbox'),

  ...patientsApi,
  ...assistantApi,
};
