/** The reports capability's only door: reports and letters typed from dictation, validated by their author (docs/reports.md). */
export { reportRoutes, type ReportDeps } from './routes.js';
export { speechFromEnv, HttpSpeechToText, type SpeechToText } from './speech.js';
export { REPORT_KINDS, type ReportKind } from './contract.js';

import type { Capability, PlatformDeps } from '../platform/capability.js';
import type { MssanteAdapter } from '../correspondence/index.js';
import { reportRoutes } from './routes.js';
import { speechFromEnv } from './speech.js';

/** Reports from dictation; speech-to-text only when the practice runs its own engine (PIVOT_SPEECH_URL). */
export const reportsCapability: Capability<PlatformDeps & { mssante: MssanteAdapter }> = {
  name: 'reports',
  migrations: new URL('./migrations/', import.meta.url),
  mount: (d) => ({
    routes: reportRoutes({ keyring: d.keyring, mailer: d.mailer, mssante: d.mssante, maxBytes: d.config.documentMaxBytes, speech: speechFromEnv(process.env) }),
  }),
};
