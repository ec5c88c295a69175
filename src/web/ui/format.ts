import i18n from '../i18n';

function locale(): string {
  return i18n.language === 'en' ? 'en-GB' : 'fr-FR';
}

/** "2026-03-12T08:15:00Z" → "12/03/2026 09:15" (local time). */
export function formatDateTime(iso: string | null | undefined, withSeconds = true): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'short', timeStyle: withSeconds ? 'medium' : 'short' }).format(date);
}

/** "1958-03-12" → "12/03/1958", without any time-zone shift. */
export function formatIsoDate(isoDate: string | null | undefined): string {
  if (!isoDate) return '';
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
  return match ? `${match[3]}/${match[2]}/${match[1]}` : isoDate;
}
