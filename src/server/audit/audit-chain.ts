import { sql } from 'kysely';
import type { Logger } from 'pino';
import type { Db } from '../platform/db/database.js';
import type { Keyring } from '../platform/security/keyring.js';
import { clock } from '../platform/clock.js';
import { AUDIT_KEY_PURPOSE } from './chain.js';
import { CheckpointStore, type CheckpointTestHooks } from './checkpoints.js';
import { AnchorMismatchError, sealPending, WrongAuditKeyError, type SealerDeps } from './sealer.js';
import { inspectChain, type VerifyReport } from './verify.js';
import './schema.js';

type Log = Pick<Logger, 'error' | 'warn'>;

/**
 * The audit chain of one installation: the database, the audit key (derived from the secret key, never stored in
 * the database) and the folder of signed checkpoints. Seals (in the background and on demand) and verifies.
 */
export class AuditChain {
  readonly checkpoints: CheckpointStore;

  constructor(
    readonly db: Db,
    private readonly key: Buffer,
    checkpointDir: string,
    private readonly log?: Log,
    private readonly testHooks: SealerDeps['testHooks'] & CheckpointTestHooks = {},
  ) {
    this.checkpoints = new CheckpointStore(checkpointDir, key, testHooks);
  }

  static forInstallation(db: Db, keyring: Keyring, checkpointDir: string, log?: Log): AuditChain {
    return new AuditChain(db, keyring.deriveKey(AUDIT_KEY_PURPOSE), checkpointDir, log);
  }

  /** Seals what is committed and unsealed; returns how many entries were sealed. */
  seal(): Promise<number> {
    return sealPending({ db: this.db, key: this.key, checkpoints: this.checkpoints, testHooks: this.testHooks });
  }

  /** Seals pending entries (after a crash, the CLI does it), then checks the whole chain against the key and the checkpoints. */
  async verify(batchSize?: number): Promise<VerifyReport> {
    let sealedNow = 0;
    let sealingFailure: 'truncated' | 'rewritten' | 'wrong_key' | 'error' | undefined;
    try {
      sealedNow = await this.seal();
    } catch (err) {
      sealingFailure = err instanceof AnchorMismatchError ? err.why : err instanceof WrongAuditKeyError ? 'wrong_key' : 'error';
      if (sealingFailure === 'error') this.log?.error({ err }, 'audit sealing failed during verification');
    }
    const report = await inspectChain(this.db, { key: this.key, files: await this.checkpoints.readAll(), ...(batchSize ? { batchSize } : {}) });
    if (sealingFailure) {
      const unsealed = await this.db
        .selectFrom('audit_log as l')
        .select(sql<number>`count(*)::int`.as('n'))
        .where('l.chain_seq', 'is', null)
        .where((eb) => eb.not(eb.exists(eb.selectFrom('audit_log_refused as r').select('r.audit_id').whereRef('r.audit_id', '=', 'l.id'))))
        .executeTakeFirstOrThrow();
      report.problems.unshift({ kind: 'sealing', why: sealingFailure, unsealed: unsealed.n });
      report.problemCounts.sealing = 1;
      report.ok = false;
    }
    return { ...report, sealedNow };
  }

  /**
   * Seals every `intervalMs` until stopped; stopping seals what is left. A chain that lost its last checkpoint is
   * not sealed on (that would hide the loss): the sealer says so once a minute and keeps checking.
   */
  startSealer(intervalMs = 100): { stop(): Promise<void> } {
    let stopped = false;
    let running: Promise<unknown> = Promise.resolve();
    let lastReported = Number.NEGATIVE_INFINITY;
    const report = (err: unknown, message: string) => {
      const t = clock.nowMs();
      if (t - lastReported < 60_000) return;
      lastReported = t;
      this.log?.error({ err }, message);
    };
    const tick = () => {
      if (stopped) return;
      running = this.seal()
        .then(() => (lastReported = Number.NEGATIVE_INFINITY))
        .catch((err) => report(err, err instanceof AnchorMismatchError || err instanceof WrongAuditKeyError ? `audit sealing stopped: ${err.message}` : 'audit sealing failed; will retry'))
        .finally(() => {
          if (!stopped) timer = setTimeout(tick, intervalMs);
        });
    };
    let timer: NodeJS.Timeout = setTimeout(tick, intervalMs);
    return {
      stop: async () => {
        stopped = true;
        clearTimeout(timer);
        await running;
        await this.seal().catch((err) => this.log?.error({ err }, 'final audit sealing failed'));
      },
    };
  }
}
