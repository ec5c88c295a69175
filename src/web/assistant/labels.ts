// Readable labels for the assistant's codes (category, urgency, channel, status…), all through i18n.
import type { Channel, RequestStatus, Urgency } from '../api/types';

type T = (key: string, options?: Record<string, unknown>) => string;

export const CATEGORIES = [
  'book', 'reschedule', 'cancel', 'prescription_renewal', 'test_results', 'medical_question',
  'document_request', 'billing', 'practical_info', 'professional', 'other',
] as const;
export const URGENCIES: Urgency[] = ['vital', 'same_day', 'routine'];
export const STATUSES: RequestStatus[] = ['new', 'in_progress', 'done'];
export const CHANNELS: Channel[] = ['web_chat', 'sms', 'email', 'phone'];

export const categoryLabel = (t: T, category: string) => t(`assistant.category.${category}`, { defaultValue: category });
export const urgencyLabel = (t: T, urgency: string) => t(`assistant.urgency.${urgency}`, { defaultValue: urgency });
export const statusLabel = (t: T, status: string) => t(`assistant.status.${status}`, { defaultValue: status });
export const channelLabel = (t: T, channel: string) => t(`assistant.channel.${channel}`, { defaultValue: channel });
export const askedLabel = (t: T, piece: string) => t(`assistant.asked.${piece}`, { defaultValue: piece });

export function isPhone(value: string | null | undefined): value is string {
  return !!value && /^\+?[0-9][0-9 .-]{2,}$/.test(value);
}

/** Short excerpt of a request summary for lists and banners. */
export function excerpt(text: string, max = 140): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1).trimEnd()}…` : flat;
}

/** The two likely intents when triage was unsure of the intent (reason `INTENT_UNSURE`, evidence `a|b`). */
export function unsureIntents(reasons: readonly { code: string; evidence: string }[]): [string, string] | null {
  const r = reasons.find((x) => x.code === 'INTENT_UNSURE');
  const [a, b] = r ? r.evidence.split('|') : [];
  return a && b ? [a, b] : null;
}
