import type { PatientDocumentType } from '../api/types';
import { formatNumber, NBSP } from '../ui/format';

export const DOCUMENT_TYPES: PatientDocumentType[] = [
  'id_document', 'health_insurance_card', 'mutuelle_card', 'referral_letter', 'result', 'prescription', 'correspondence', 'other',
];

/** Formats the browser can show inline; HEIC/HEIF and TIFF only display in Safari: offered as a download. */
export function previewKind(mimeType: string): 'pdf' | 'image' | 'download' {
  if (mimeType === 'application/pdf') return 'pdf';
  if (['image/jpeg', 'image/png', 'image/webp'].includes(mimeType)) return 'image';
  return 'download';
}

/** « 12 Ko », « 1,5 Mo »: numbers by ui/format.ts, a no-break space before the unit. */
export function formatSize(bytes: number, lang: string): string {
  const l = lang === 'en' ? 'en' : 'fr';
  if (bytes < 1024) return `${bytes}${NBSP}${l === 'en' ? 'B' : 'o'}`;
  if (bytes < 1024 * 1024) return `${formatNumber(bytes / 1024, { maxDecimals: 0, lang: l })}${NBSP}${l === 'en' ? 'KB' : 'Ko'}`;
  return `${formatNumber(bytes / 1024 / 1024, { maxDecimals: 1, lang: l })}${NBSP}${l === 'en' ? 'MB' : 'Mo'}`;
}
