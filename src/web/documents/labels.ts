import type { PatientDocumentType } from '../api/types';

export const DOCUMENT_TYPES: PatientDocumentType[] = [
  'id_document', 'health_insurance_card', 'mutuelle_card', 'referral_letter', 'result', 'prescription', 'correspondence', 'other',
];

/** Formats the browser can show inline; HEIC/HEIF and TIFF only display in Safari: offered as a download. */
export function previewKind(mimeType: string): 'pdf' | 'image' | 'download' {
  if (mimeType === 'application/pdf') return 'pdf';
  if (['image/jpeg', 'image/png', 'image/webp'].includes(mimeType)) return 'image';
  return 'download';
}

export function formatSize(bytes: number, lang: string): string {
  const locale = lang === 'en' ? 'en-GB' : 'fr-FR';
  if (bytes < 1024) return `${bytes} ${lang === 'en' ? 'B' : 'o'}`;
  if (bytes < 1024 * 1024) return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(bytes / 1024)} ${lang === 'en' ? 'KB' : 'Ko'}`;
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(bytes / 1024 / 1024)} ${lang === 'en' ? 'MB' : 'Mo'}`;
}
