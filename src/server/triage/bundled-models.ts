import fs from 'node:fs';

/**
 * The two trained models shipped with Pivot, read with JSON.parse. Imported as modules (`import … with { type:
 * 'json' }`), tsx turns each file into a JavaScript module whose 3 MB object literal V8 compiles and keeps: +128 MB
 * resident for the two, against +31 MB parsed as data (measured) — a third of the server's idle memory.
 */
const read = (file: string): unknown => JSON.parse(fs.readFileSync(new URL(file, import.meta.url), 'utf8'));

/** Intent model (model.json). */
export const intentModelJson = read('./model.json');
/** Vital-sign detector (vital-model.json), shared by the detector and its description. */
export const vitalModelJson = read('./vital-model.json');
/** Same-day detector (same-day-model.json): raises a routine message to same_day. */
export const sameDayModelJson = read('./same-day-model.json');
