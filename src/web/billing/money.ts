// Euros typed at the desk ↔ integer cents. « 30 », « 30,5 », « 30.50 » are accepted; anything else is null.
export function parseEuros(text: string): number | null {
  const t = text.replace(/\s|€/g, '').replace(',', '.');
  if (!/^\d{1,6}(\.\d{0,2})?$/.test(t)) return null;
  const [units, decimals = ''] = t.split('.');
  return Number(units) * 100 + Number(decimals.padEnd(2, '0'));
}

/** Cents as the desk types them back: « 30,50 » in French, « 30.50 » in English. */
export function centsToInput(cents: number, lang: 'fr' | 'en'): string {
  const s = `${Math.floor(cents / 100)}${lang === 'fr' ? ',' : '.'}${String(cents % 100).padStart(2, '0')}`;
  return s;
}

/** « G + MEG », « g meg », « G,MD » → ['G', 'MEG']. */
export function parseActs(text: string): string[] {
  return text.split(/[\s+,;]+/).map((c) => c.trim().toUpperCase()).filter(Boolean);
}
