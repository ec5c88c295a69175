import { ApiError } from '../api/client';
import i18n from '../i18n';

export interface FormErrors {
  /** Messages the server tied to a field (`details[].field`), in the interface language. */
  fields: Record<string, string>;
  /** The server's message when some issue names no known field (shown as an alert). */
  general: string | null;
}

/** Splits an API error into per-field messages and a general one, keeping the server's words. */
export function formErrors(err: unknown, knownFields: string[]): FormErrors {
  if (!(err instanceof ApiError)) return { fields: {}, general: String(err) };
  const details = Array.isArray(err.details) ? (err.details as { field?: string | null; message?: string; messageEn?: string }[]) : [];
  const fields: Record<string, string> = {};
  let unplaced = details.length === 0;
  for (const issue of details) {
    const field = issue.field ?? '';
    const message = (i18n.language === 'en' && issue.messageEn) || issue.message || err.message;
    if (knownFields.includes(field)) fields[field] = fields[field] ? `${fields[field]} ${message}` : message;
    else unplaced = true;
  }
  return { fields, general: unplaced ? err.message : null };
}

export function errorMessage(err: unknown): string {
  return err instanceof ApiError ? err.message : String(err);
}
