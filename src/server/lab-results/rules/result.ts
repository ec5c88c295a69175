/**
 * One result from its raw parts, the same way for every format: the lab's flag wins; without one, a number outside
 * the range is flagged and `flagSource` says it was Pivot's reading, not the lab's.
 */
import type { LabResult, ReferenceRange } from '../types.js';
import { flagFromRange, readFlag, readNumber } from './values.js';

export interface RawResult {
  code: string;
  label: string;
  value: string;
  unit: string;
  range: ReferenceRange;
  flag: string;
  comment?: string;
  /** Text results (TX, FT, ST, CE…) are never compared with a range, even when they look numeric. */
  textual?: boolean;
}

export function buildResult(r: RawResult, where: string, warnings: string[]): LabResult {
  const numeric = r.textual ? null : readNumber(r.value);
  const lab = readFlag(r.flag);
  if (!lab.known) warnings.push(`${where} : indicateur d’anomalie « ${r.flag.trim()} » inconnu, lu comme « anormal ».`);
  const fromRange = lab.flag === null ? flagFromRange(numeric, r.range) : null;
  const flag = lab.flag ?? fromRange;
  return {
    code: r.code,
    label: r.label,
    value: r.value,
    numeric,
    unit: r.unit,
    referenceRange: r.range,
    flag,
    flagSource: lab.flag !== null ? 'lab' : fromRange !== null ? 'range' : null,
    comment: r.comment ?? '',
  };
}

/** Inputs are bounded so that a hostile file cannot make the parser work for minutes (and a real one never nears it). */
export const MAX_INPUT_BYTES = 5 * 1024 * 1024;
