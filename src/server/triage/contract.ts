/** The triage's vocabularies, shared with the assistant's API contract and the web (imports nothing). */

export const INTENTS = [
  'book',
  'reschedule',
  'cancel',
  'prescription_renewal',
  'test_results',
  'medical_question',
  'document_request',
  'billing',
  'practical_info',
  'professional',
  'other',
] as const;
export type Intent = (typeof INTENTS)[number];

export const URGENCIES = ['vital', 'same_day', 'routine'] as const;
export type Urgency = (typeof URGENCIES)[number];
