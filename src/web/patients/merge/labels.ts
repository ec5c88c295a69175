/** « table.column » of a linked row, as the desk reads it (unknown tables: their technical name). */
export function tableLabel(key: string, t: (k: string, o?: Record<string, unknown>) => string): string {
  const k = key.replace('.', '__');
  return t(`patients.merge.tables.${k}`, { defaultValue: key });
}
