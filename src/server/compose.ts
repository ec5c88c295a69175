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
import { Messaging, messagingRoutes, smsProviderFromEnv } from './messaging/index.js';
import { resolveActor, requestToken } from './auth/sessions.js';
import { authRoutes } from './auth/routes.js';
import type { AuthDeps } from './auth/service.js';
import { auditRoutes } from './audit/routes.js';
import { AuditChain } from './audit/audit-chain.js';
import { fhirRoutes } from './fhir/routes.js';
import { healthRoutes } from './health/routes.js';
import { patientRoutes } from './patients/routes.js';
import { documentRoutes } from './documents/index.js';
import { assistantRoutes } from './assistant/index.js';
import { agendaJobHandlers, agendaRoutes } from './agenda/index.js';
import { AgendaLive, agendaEventsRoute } from './agenda/live.js';
import { ReceptionLive, receptionRoutes } from './reception/index.js';
import { PgNotificationHub } from './platform/live/index.js';
import { practiceRoutes } from './practices/routes.js';
import { staffRoutes } from './staff/routes.js';
import { phoneLogRoutes } from './phone-log/index.js';
import { incidentRoutes } from './incidents/index.js';
import { practiceSheetRoutes } from './practice-sheet/index.js';
import { deskStatsRoutes } from './desk-stats/index.js';
import { patientFileRoutes } from './patient-file/index.js';
import { billingBooksRoutes, billingDentalRoutes, billingDeskBooksRoutes, billingDeskRoutes, billingFhirRoutes, billingLedgerRoutes, billingProfileRoutes, SimulatedPaymentTerminal } from './billing/index.js';
import { tasksRoutes, TasksLive } from './tasks/index.js';
import { consultationDraftRoutes } from './consultation-drafts/index.js';
import { correspondenceRoutes, imapJobHandlers, SimulatedMssante, type MssanteAdapter } from './correspondence/index.js';
import { reportRoutes, speechFromEnv } from './reports/index.js';
import { spellcheckRoutes } from './spellcheck/index.js';

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
  const authDeps: AuthDeps = { db: database.db, pool: database.pool, keyring, mailer, sessionHours: config.sessionHours, publicUrl: config.publicUrl, log };

  // Live updates: one dedicated LISTEN connection per process (not from the request pool), shared by capabilities.
  const liveHub = new PgNotificationHub(database.pool.options, log);
  const agendaLive = new AgendaLive(liveHub, log);
  const receptionLive = new ReceptionLive(liveHub);
  const tasksLive = new TasksLive(liveHub);

  // No MSSanté operator is connected: letters « sent by MSSanté » go to the simulator, named so in the register.
  const mssante = new SimulatedMssante();
  const routes: RouteDef[] = [
    ...healthRoutes(database.kind, config.demo),
    ...authRoutes({ ...authDeps, loginRateLimit: config.loginRateLimit }),
    ...practiceRoutes(),
    ...messagingRoutes({ mailer }),
    ...staffRoutes(authDeps),
    ...auditRoutes({ chain: audit }),
    ...patientRoutes(),
    ...patientFileRoutes(),
    ...documentRoutes({ keyring, maxBytes: config.documentMaxBytes }),
    ...assistantRoutes({ messaging, publicUrl: config.publicUrl }),
    ...agendaRoutes({ publicUrl: config.publicUrl, keyring }),
    agendaEventsRoute(agendaLive),
    ...receptionRoutes({ live: receptionLive }),
    ...phoneLogRoutes(),
    ...tasksRoutes({ live: tasksLive }),
    // No language model is wired: drafts come from the rules (the adapter exists, off by default).
    ...consultationDraftRoutes(),
    ...incidentRoutes(),
    ...practiceSheetRoutes(),
    ...deskStatsRoutes(),
    ...billingProfileRoutes(),
    // No real payment terminal is integrated yet: the desk uses the simulator (named so in every card payment).
    ...billingLedgerRoutes({ terminal: new SimulatedPaymentTerminal() }),
    ...billingDeskRoutes(),
    ...billingDeskBooksRoutes({ mailer }),
    ...billingBooksRoutes(),
    ...billingDentalRoutes(),
    ...billingFhirRoutes(),
    ...correspondenceRoutes({ keyring, mailer, mssante, maxBytes: config.documentMaxBytes }),
    // Speech-to-text only when the practice runs its own engine (PIVOT_SPEECH_URL); typing is the default path.
    ...reportRoutes({ keyring, mailer, mssante, maxBytes: config.documentMaxBytes, speech: speechFromEnv(process.env) }),
    ...spellcheckRoutes(),
  ];
  routes.push(...fhirRoutes(() => routes));

  // Durable jobs: reminders, confirmations, waiting-list offers (agenda) and every send (messaging).
  const jobHandlers: JobHandlers = {
    ...messaging.jobHandlers(),
    ...agendaJobHandlers({ db: database.db, publicUrl: config.publicUrl, keyring, log }),
    // The practices' mailboxes read over IMAP into the correspondence register.
    ...imapJobHandlers({ db: database.db, keyring, log }),
  };
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
  app.addHook('preClose', async () => agendaLive.close());
  app.addHook('preClose', async () => receptionLive.close());
  app.addHook('preClose', async () => tasksLive.close());
  app.addHook('preClose', async () => liveHub.close());
  return { app, routes, mailer, messaging, jobHandlers, startJobs, keyring, audit, mssante };
}
