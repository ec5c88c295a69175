/** Which reasons mean the reply must also give the suicide prevention line (3114). */

const SUICIDE_REASON_CODES = new Set([
  'VITAL_SUICIDE_RISK',
  'SAME_DAY_PSYCHOLOGICAL_DISTRESS',
  'VITAL_C_SELF_HARM_IN_PROGRESS',
  'VITAL_C_SUICIDAL_EXPLICIT',
  'SAME_DAY_C_SUICIDAL_EXPLICIT',
  'VITAL_C_SUICIDAL_INDIRECT',
  'VITAL_MODEL_SUICIDE',
]);

export function mentionsSuicideRisk(reasons: readonly { code: string }[]): boolean {
  return reasons.some((r) => SUICIDE_REASON_CODES.has(r.code));
}
