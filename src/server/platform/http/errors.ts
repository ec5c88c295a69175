/**
 * One error shape for every answer: `{"error":{"code","message","details"}}`. Messages are written
 * for a secretary, in French by default and in English when the user works in English.
 */
export type Language = 'fr' | 'en';

const MESSAGES = {
  bad_request: { status: 400, fr: 'La demande est incorrecte.', en: 'The request is invalid.' },
  invalid_json: {
    status: 400,
    fr: 'Les données envoyées sont illisibles (JSON mal formé). Rien n’a été enregistré.',
    en: 'The data sent could not be read (malformed JSON). Nothing was saved.',
  },
  validation_failed: {
    status: 400,
    fr: 'Certains champs sont absents ou incorrects. Rien n’a été enregistré.',
    en: 'Some fields are missing or invalid. Nothing was saved.',
  },
  unsupported_media_type: {
    status: 415,
    fr: 'Format de données non pris en charge : envoyez du JSON.',
    en: 'Unsupported data format: send JSON.',
  },
  payload_too_large: { status: 413, fr: 'Les données envoyées sont trop volumineuses.', en: 'The data sent is too large.' },
  invalid_url: {
    status: 400,
    fr: 'L’adresse demandée est mal formée (caractère encodé illisible).',
    en: 'The requested address is malformed (unreadable encoded character).',
  },
  uri_too_long: { status: 414, fr: 'L’adresse demandée est trop longue.', en: 'The requested address is too long.' },
  headers_too_large: {
    status: 431,
    fr: 'L’adresse demandée ou les en-têtes de la demande sont trop longs.',
    en: 'The requested address or the request headers are too long.',
  },
  request_timeout: {
    status: 408,
    fr: 'La demande a mis trop de temps à arriver. Rien n’a été enregistré : réessayez.',
    en: 'The request took too long to arrive. Nothing was saved: try again.',
  },
  unauthenticated: {
    status: 401,
    fr: 'Vous devez vous connecter pour continuer.',
    en: 'Please sign in to continue.',
  },
  invalid_credentials: {
    status: 401,
    fr: 'Adresse e-mail ou mot de passe incorrect.',
    en: 'Incorrect e-mail address or password.',
  },
  wrong_current_password: {
    status: 400,
    fr: 'Le mot de passe actuel est incorrect.',
    en: 'The current password is incorrect.',
  },
  totp_required: {
    status: 401,
    fr: 'Saisissez le code à 6 chiffres de votre application d’authentification.',
    en: 'Enter the 6-digit code from your authenticator app.',
  },
  totp_invalid: {
    status: 401,
    fr: 'Code de vérification incorrect ou expiré.',
    en: 'Incorrect or expired verification code.',
  },
  account_locked: {
    status: 423,
    fr: 'Trop de tentatives de connexion : le compte est bloqué temporairement.',
    en: 'Too many sign-in attempts: the account is temporarily locked.',
  },
  rate_limited: {
    status: 429,
    fr: 'Trop de demandes en peu de temps. Patientez une minute puis réessayez.',
    en: 'Too many requests. Wait a minute and try again.',
  },
  forbidden: {
    status: 403,
    fr: 'Votre rôle dans ce cabinet ne permet pas cette action.',
    en: 'Your role in this practice does not allow this action.',
  },
  mfa_enrollment_required: {
    status: 403,
    fr: 'Ce cabinet exige la double authentification : activez-la pour continuer.',
    en: 'This practice requires two-factor authentication: enable it to continue.',
  },
  not_member: {
    status: 403,
    fr: 'Votre compte n’a pas accès à ce cabinet.',
    en: 'Your account has no access to this practice.',
  },
  not_found: { status: 404, fr: 'Élément introuvable.', en: 'Not found.' },
  route_not_found: { status: 404, fr: 'Cette adresse n’existe pas.', en: 'This address does not exist.' },
  method_not_allowed: { status: 405, fr: 'Méthode non autorisée.', en: 'Method not allowed.' },
  unprocessable: {
    status: 422,
    fr: 'Les données sont lisibles mais ne respectent pas une règle. Rien n’a été enregistré.',
    en: 'The data is readable but breaks a rule. Nothing was saved.',
  },
  conflict: {
    status: 409,
    fr: 'Cette modification entre en conflit avec des données existantes.',
    en: 'This change conflicts with existing data.',
  },
  email_taken: {
    status: 409,
    fr: 'Cette adresse e-mail est déjà membre de ce cabinet.',
    en: 'This e-mail address is already a member of this practice.',
  },
  last_admin: {
    status: 409,
    fr: 'Le cabinet doit garder au moins un administrateur actif.',
    en: 'The practice must keep at least one active administrator.',
  },
  weak_password: {
    status: 400,
    fr: 'Le mot de passe doit contenir au moins 12 caractères.',
    en: 'The password must be at least 12 characters long.',
  },
  token_invalid: {
    status: 400,
    fr: 'Ce lien n’est plus valable. Demandez un nouveau lien.',
    en: 'This link is no longer valid. Ask for a new one.',
  },
  totp_already_enabled: {
    status: 409,
    fr: 'La double authentification est déjà activée.',
    en: 'Two-factor authentication is already enabled.',
  },
  totp_setup_missing: {
    status: 409,
    fr: 'Commencez par générer le QR code de la double authentification.',
    en: 'Start by generating the two-factor QR code.',
  },
  mfa_required_by_practice: {
    status: 409,
    fr: 'Ce cabinet exige la double authentification : elle ne peut pas être désactivée.',
    en: 'This practice requires two-factor authentication: it cannot be disabled.',
  },
  database_unavailable: {
    status: 503,
    fr: 'La base de données est momentanément indisponible. Réessayez dans quelques secondes.',
    en: 'The database is temporarily unavailable. Try again in a few seconds.',
  },
  internal: {
    status: 500,
    fr: 'Une erreur inattendue est survenue. Rien n’a été enregistré. Réessayez ou contactez le support.',
    en: 'An unexpected error occurred. Nothing was saved. Try again or contact support.',
  },
} as const satisfies Record<string, { status: number; fr: string; en: string }>;

export type ErrorCode = keyof typeof MESSAGES;

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly details?: unknown,
    /** Replaces the standard message, e.g. to name the lockout end. Keyed by language. */
    readonly overrideMessage?: Partial<Record<Language, string>>,
  ) {
    super(code);
    this.status = MESSAGES[code].status;
  }
}

/**
 * A sentence for a person in both languages. Capabilities keep theirs in a `messages.ts` catalogue and put them
 * in the `message` of a detail item (`{ field, message: M.someRule }`): the answer carries the request's language.
 */
export type Localized = Readonly<Record<Language, string>>;

const isLocalized = (v: unknown): v is Localized =>
  typeof v === 'object' && v !== null && typeof (v as Localized).fr === 'string' && typeof (v as Localized).en === 'string';

/** Detail items whose `message` is a {fr, en} pair get the sentence of the request's language. */
export function localizeDetails(details: unknown, lang: Language): unknown {
  if (!Array.isArray(details)) return details;
  return details.map((d: unknown) =>
    typeof d === 'object' && d !== null && isLocalized((d as { message?: unknown }).message)
      ? { ...(d as object), message: ((d as { message: Localized }).message)[lang] }
      : d,
  );
}

export function errorMessage(code: ErrorCode, lang: Language): string {
  return MESSAGES[code][lang];
}

export function errorBody(err: AppError, lang: Language) {
  const message = err.overrideMessage?.[lang] ?? errorMessage(err.code, lang);
  return { error: { code: err.code, message, ...(err.details === undefined ? {} : { details: localizeDetails(err.details, lang) }) } };
}

export function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(MESSAGES, code);
}

/** Language of a request: the account's choice when known, else Accept-Language, else French. */
export function pickLanguage(accountLanguage: string | undefined, acceptLanguage: string | undefined): Language {
  if (accountLanguage === 'en' || accountLanguage === 'fr') return accountLanguage;
  const first = acceptLanguage?.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'fr';
}

/** FHIR clients expect an OperationOutcome instead of our error shape. */
export function operationOutcome(err: AppError, lang: Language) {
  const message = err.overrideMessage?.[lang] ?? errorMessage(err.code, lang);
  const code =
    err.status === 400 ? 'invalid'
    : err.status === 401 ? 'login'
    : err.status === 403 ? 'forbidden'
    : err.status === 404 ? 'not-found'
    : err.status === 409 ? 'conflict'
    : err.status === 422 ? 'business-rule'
    : err.status === 429 ? 'throttled'
    : err.status === 415 || err.status === 413 ? 'not-supported'
    : err.status === 414 || err.status === 431 ? 'too-long'
    : err.status === 408 ? 'timeout'
    : 'exception';
  const localized = localizeDetails(err.details, lang);
  const details = Array.isArray(localized) ? (localized as { field?: string | null; message?: string }[]) : [];
  return {
    resourceType: 'OperationOutcome',
    issue: [
      { severity: 'error', code, details: { text: message }, diagnostics: `${err.code}: ${message}` },
      ...details.map((d) => ({
        severity: 'error',
        code: 'invalid',
        diagnostics: d.message ?? String(d),
        ...(d.field ? { expression: [d.field] } : {}),
      })),
    ],
  };
}
