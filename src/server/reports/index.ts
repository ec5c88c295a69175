/** The reports capability's only door: reports and letters typed from dictation, validated by their author (docs/reports.md). */
export { reportRoutes, type ReportDeps } from './routes.js';
export { speechFromEnv, HttpSpeechToText, type SpeechToText } from './speech.js';
export { REPORT_KINDS, type ReportKind } from './contract.js';
