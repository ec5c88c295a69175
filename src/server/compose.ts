import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { Config } from './platform/config.js';
import type { Database } from './platform/db/database.js';
import { buildHttpServer } from './platform/http/app.js';
import type { RouteDef } from './platform/http/route.js';
import { Keyring } from './platform/security/keyring.js';
import type { Mailer } from './platform/mail/mailer.js';
import { JobWorker, type JobHandlers } from './jobs/index.js';
import type { Capability, PlatformDeps } from './platform/capability.js';
import { Messaging, messagingCapability, smsProviderFromEnv } from './messaging/index.js';
import { authCapability, resolveActor, requestToken } from './auth/index.js';
import { AuditChain, appendAudit, auditCapability } from './audit/index.js';
import { fhirRoutes } from './fhir/routes.js';
import { healthCapability } from './health/index.js';
import { patientsCapability } from './patients/index.js';
import { documentsCapability } from './documents/index.js';
import { assistantCapability } from './assistant/index.js';
import { agendaCapability } from './agenda/index.js';
import { receptionCapability } from './reception/index.js';
import { PgNotificationHub } from './platform/live/index.js';
import { practicesCapability } from './practices/index.js';
import { staffCapability } from './staff/index.js';
import { phoneLogCapability } from './phone-log/index.js';
import { incidentsCapability } from './incidents/index.js';
import { practiceSheetCapability } from './practice-sheet/index.js';
import { deskStatsCapability } from './desk-stats/index.js';
import { patientFileCapability } from './patient-file/index.js';
import { billingCapability } from './billing/index.js';
import { correspondenceCapability, SimulatedMssante, type MssanteAdapter } from './correspondence/index.js';
import { tasksCapability } from './tasks/index.js';
import { consultationDraftsCapability } from './consultation-drafts/index.js';
import { reportsCapability } from './reports/index.js';
import { spellcheckCapability } from './spellcheck/index.js';

/** What compose.ts gives the capabilities: the platform's dependencies and the services that others provide. */
export type CapabilityDeps = PlatformDeps & { messaging: Messaging; audit: AuditChain; mssante: MssanteAdapter };

/**
 * Every capability, in the order of the route table (and of the OpenAPI document). Adding a capability is one line
 * here: its descriptor (index.ts) brings its routes, job handlers, live streams, demo data and migrations folder.
 */
export const CAPABILITIES: readonly Capability<CapabilityDeps, JobHandlers>[] = [
  healthCapability,
  authCapability,
  practicesCapability,
  messagingCapability,
  staffCapability,
  auditCapability,
  patientsCapability,
  patientFileCapability,
  documentsCapability,
  assistantCapability,
  agendaCapability,
  receptionCapability,
  phoneLogCapability,
  tasksCapability,
  consultationDraftsCapability,
  incidentsCapability,
  practiceSheetCapability,
  deskStatsCapability,
  billingCapability,
  correspondenceCapability,
  reportsCapability,
  spellcheckCapability,
];

// Field-level validation messages in French, the language of our users.
z.config(z.locales.fr());

export interface Pivot {
  app: FastifyInstance;
  routes: RouteDef[];
  /** Staff mail and the assistant's e-mail replies: the messaging capability behind the platform's port. */
  mailer: Mailer;
  /** The one outbox (SMS and e-mail) and its delivery. */
  messaging: Messaging;
  /** The job registry: each capability's handlers, by job kind. The queue itself imports no capability. */
  jobHandlers: JobHandlers;
  /** Starts a job worker over the registry (main.ts: one per app process; claims never overlap). */
  startJobs(opts?: { pollMs?: number }): { worker: JobWorker; stop(): Promise<void> };
  keyring: Keyring;
  /** The audit chain: sealing, checkpoints outside the database, verification. */
  audit: AuditChain;
  /** The MSSanté adapter of the register: only the simulator exists (tests read what it « sent »). */
  mssante: MssanteAdapter;
}

/** The composition root: wires each capability's routes and job handlers to the platform. */
export async function composePivot(config: Config, database: Database, log: Logger, opts: { webDir?: string } = {}): Promise<Pivot> {
  const keyring = Keyring.load({ secretKey: config.secretKey, secretKeyFile: config.secretKeyFile, dataDir: config.dataDir });
  // One SMS gateway for the installation (PIVOT_SMS_HTTP_URL, else the simulator), used by messaging only.
  const messaging = new Messaging({ db: database.db, smtpUrl: config.smtpUrl, mailFrom: config.mailFrom, sms: smsProviderFromEnv(process.env), log });
  const mailer: Mailer = messaging;
  const audit = AuditChain.forInstallation(database.db, keyring, config.auditCheckpointDir, log);

  // Live updates: one dedicated LISTEN connection per process (not from the request pool), shared by capabilities.
  const liveHub = new PgNotificationHub(database.pool.options, log);
  // No MSSanté operator is connected: letters « sent by MSSanté » go to the simulator, named so in the register.
  const mssante = new SimulatedMssante();
  const deps: CapabilityDeps = {
    db: database.db, pool: database.pool, databaseKind: database.kind, config, keyring, mailer, liveHub, log, messaging, audit, mssante,
  };

  // Each capability's routes, job handlers (reminders, waiting-list offers, every send…) and closing work.
  const routes: RouteDef[] = [];
  const jobHandlers: JobHandlers = {};
  const preClose: (() => Promise<void>)[] = [];
  for (const capability of CAPABILITIES) {
    const mounted = capability.mount(deps);
    routes.push(...(mounted.routes ?? []));
    Object.assign(jobHandlers, mounted.jobHandlers);
    if (mounted.preClose) preClose.push(mounted.preClose);
  }
  routes.push(...fhirRoutes(() => routes));

  const startJobs = (o: { pollMs?: number } = {}) => {
    const worker = new JobWorker(database.db, { handlers: jobHandlers, log, pollMs: o.pollMs ?? 1000 }).start();
    return { worker, stop: () => worker.stop() };
  };

  const app = await buildHttpServer({
    db: database.db,
    log,
    routes,
    webDir: opts.webDir,
    trustProxy: config.trustProxy,
    appendAudit,
    resolveActor: async (req) => {
      const token = requestToken(req);
      return token ? resolveActor(database.pool, token) : undefined;
    },
  });
  // Seals audit entries into the keyed chain just after their transactions commit, and anchors its head outside the database.
  const sealer = audit.startSealer();
  app.addHook('onClose', async () => {
    await sealer.stop();
    messaging.close();
  });
  // End the event streams before the HTTP server waits for open connections, then the LISTEN connection.
  for (const close of preClose) app.addHook('preClose', close);
  app.addHook('preClose', async () => liveHub.close());
  return { app, routes, mailer, messaging, jobHandlers, startJobs, keyring, audit, mssante };
}
