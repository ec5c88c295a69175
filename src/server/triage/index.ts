export { triageMessage } from './engine.js';
export { runTriageCli } from './cli.js';
export type { Intent, Urgency, Lang, Reason, TriageResult, TriageOptions, TriageDetails, ExtractedDate } from './types.js';
export { INTENTS, URGENCIES, LANGS } from './types.js';
export { mentionsSuicideRisk } from './suicide.js';
export { describeTriageRules } from './describe.js';
export type { TriageRulesDescription } from './describe.js';
