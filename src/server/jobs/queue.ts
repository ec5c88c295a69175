import crypto from 'node:crypto';
import os from 'node:os';
import { sql, type Selectable } from 'kysely';
import type { Db, Tx } from '../platform/db/database.js';
import type { JobsTable } from './schema.js';
import './schema.js';
import { clock } from '../platform/clock.js';

/**
 * A durable job queue stored in PostgreSQL.
 *
 * - `enqueue` inserts a job (in the caller's transaction, so a job exists iff the change that caused it
 *   committed); a `dedupeKey` makes enqueueing idempotent.
 * - A worker *claims* due jobs in one short statement (`FOR UPDATE SKIP LOCKED`), which sets a lease
 *   (`locked_by`, `locked_until`). Jobs whose lease expired (their worker died) are claimable again.
 * - A handler runs outside any transaction; it may return a `finish(tx)` callback, which runs in the SAME
 *   transaction that marks the job `done` (e.g. mark an outgoing message `sent`). The job is marked done only
 *   if this worker still holds the lease.
 * - On error: retry with exponential backoff; after `max_attempts` the job is `failed` (dead letter, visible to
 *   the practice's admins, retryable by hand).
 */
export type JobRow = Selectable<JobsTable>;
export type Finish = (tx: Tx) => Promise<void>;
export type JobHandler = (job: JobRow, ctx: { workerId: string; leaseMs: number }) => Promise<void | Finish>;
/** A handler that also records a dead letter (last attempt failed) in the transaction that marks the job failed. */
export interface JobKind {
  run: JobHandler;
  onDeadLetter?: (tx: Tx, job: JobRow, error: string) => Promise<void>;
}
/** The registry a worker runs: job kind → handler. Capabilities contribute theirs; the queue imports none. */
export type JobHandlers = Record<string, JobHandler | JobKind>;

export interface EnqueueInput {
  kind: string;
  practiceId?: string | null;
  payload?: Record<string, unknown>;
  runAt?: Date;
  dedupeKey?: string;
  maxAttempts?: number;
}

/** Inserts a job; returns its id, or undefined when a job with this dedupe key already exists. */
export async function enqueue(db: Db | Tx, job: EnqueueInput): Promise<string | undefined> {
  const row = await db
    .insertInto('jobs')
    .values({
      kind: job.kind,
      practice_id: job.practiceId ?? null,
      payload: JSON.stringify(job.payload ?? {}),
      run_at: job.runAt ?? clock.now(),
      dedupe_key: job.dedupeKey ?? null,
      max_attempts: job.maxAttempts ?? 8,
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}

/** Claims up to `limit` due jobs (queued and due, or running with an expired lease) for `workerId`. */
export async function claimJobs(db: Db, workerId: string, opts: { limit: number; leaseMs: number; kinds?: readonly string[] | undefined }): Promise<JobRow[]> {
  const kinds = opts.kinds && opts.kinds.length ? sql`AND kind = ANY(${[...opts.kinds]}::text[])` : sql``;
  const { rows } = await sql<JobRow>`
    UPDATE jobs SET status = 'running', locked_by = ${workerId},
      locked_until = pivot_now() + make_interval(secs => ${opts.leaseMs / 1000}),
      attempts = attempts + 1, started_at = pivot_now()
    WHERE id IN (
      SELECT id FROM jobs
      WHERE ((status = 'queued' AND run_at <= pivot_now()) OR (status = 'running' AND locked_until < pivot_now())) ${kinds}
      ORDER BY run_at
      LIMIT ${opts.limit}
      FOR UPDATE SKIP LOCKED)
    RETURNING *`.execute(db);
  return rows.sort((a, b) => +a.run_at - +b.run_at);
}

/** Backoff before attempt n+1: 5 s, 20 s, 80 s… capped at one hour, with ±20 % jitter. */
export function backoffMs(attempts: number, baseMs = 5_000): number {
  const raw = Math.min(3_600_000, baseMs * 4 ** Math.max(0, attempts - 1));
  return Math.round(raw * (0.8 + Math.random() * 0.4));
}

/** Payload keys removed once the job is done (personal data only needed to send). */
const SCRUB = ['text', 'subject', 'to', 'code', 'attachments'];

/** Marks the job done (and runs `finish` in the same transaction) if `workerId` still holds it. */
export async function completeJob(db: Db, job: JobRow, workerId: string, finish?: Finish): Promise<boolean> {
  return db.transaction().execute(async (tx) => {
    const done = await sql<{ id: string }>`
      UPDATE jobs SET status = 'done', finished_at = pivot_now(), locked_by = NULL, locked_until = NULL, last_error = NULL,
        payload = payload - ${SCRUB}::text[]
      WHERE id = ${job.id} AND status = 'running' AND locked_by = ${workerId}
      RETURNING id`.execute(tx);
    if (done.rows.length === 0) return false; // lease lost: another worker owns the job now
    if (finish) await finish(tx);
    return true;
  });
}

export async function failJob(db: Db, job: JobRow, workerId: string, err: unknown, backoffBaseMs?: number, onDeadLetter?: JobKind['onDeadLetter']): Promise<'retry' | 'failed'> {
  const message = (err instanceof Error ? err.message : String(err)).slice(0, 1000);
  const final = job.attempts >= job.max_attempts || (err as { permanent?: boolean })?.permanent === true;
  const retryAt = new Date(clock.nowMs() + backoffMs(job.attempts, backoffBaseMs));
  await db.transaction().execute(async (tx) => {
    const r = await tx
      .updateTable('jobs')
      .set(final ? { status: 'failed', finished_at: clock.now(), locked_by: null, locked_until: null, last_error: message } : { status: 'queued', run_at: retryAt, locked_by: null, locked_until: null, last_error: message })
      .where('id', '=', job.id)
      .where('locked_by', '=', workerId)
      .executeTakeFirst();
    // Only the lease holder records the dead letter: a worker that lost the job must not mark it failed.
    if (final && onDeadLetter && Number(r.numUpdatedRows) > 0) await onDeadLetter(tx, job, message);
  });
  return final ? 'failed' : 'retry';
}

/** Claims one job by id if it is due (queued and due, or running with an expired lease). */
export async function claimJob(db: Db, id: string, workerId: string, leaseMs: number): Promise<JobRow | undefined> {
  const { rows } = await sql<JobRow>`
    UPDATE jobs SET status = 'running', locked_by = ${workerId},
      locked_until = pivot_now() + make_interval(secs => ${leaseMs / 1000}),
      attempts = attempts + 1, started_at = pivot_now()
    WHERE id = (
      SELECT id FROM jobs
      WHERE id = ${id} AND ((status = 'queued' AND run_at <= pivot_now()) OR (status = 'running' AND locked_until < pivot_now()))
      FOR UPDATE SKIP LOCKED)
    RETURNING *`.execute(db);
  return rows[0];
}

/** An error that must not be retried (bad payload, recipient refused for good). */
export class PermanentJobError extends Error {
  readonly permanent = true;
}

export interface WorkerOptions {
  handlers: JobHandlers;
  workerId?: string;
  batchSize?: number;
  leaseMs?: number;
  pollMs?: number;
  backoffBaseMs?: number;
  log?: { error(obj: unknown, msg?: string): void; warn?(obj: unknown, msg?: string): void };
  /** Called after each job (tests, metrics). */
  onJob?: (job: JobRow, outcome: 'done' | 'retry' | 'failed' | 'lost') => void;
}

/** Polls the queue and runs handlers. `stop()` finishes the current job, then returns. */
export class JobWorker {
  readonly workerId: string;
  private running = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;

  constructor(
    private readonly db: Db,
    private readonly opts: WorkerOptions,
  ) {
    this.workerId = opts.workerId ?? `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString('hex')}`;
  }

  get leaseMs(): number {
    return this.opts.leaseMs ?? 60_000;
  }

  start(): this {
    if (this.running) return this;
    this.running = true;
    this.loop = this.run();
    return this;
  }

  /** Runs every due job now (tests, CLI); returns how many were processed. */
  async drain(maxRounds = 100): Promise<number> {
    let n = 0;
    for (let i = 0; i < maxRounds; i++) {
      const did = await this.tick();
      if (did === 0) break;
      n += did;
    }
    return n;
  }

  /** One claim + process round. */
  async tick(): Promise<number> {
    const leaseMs = this.leaseMs;
    const jobs = await claimJobs(this.db, this.workerId, { limit: this.opts.batchSize ?? 10, leaseMs, kinds: Object.keys(this.opts.handlers) });
    const claimedAt = clock.nowMs();
    for (const job of jobs) {
      // Do not start a job whose lease is about to expire: another worker may take it; it will run there.
      if (clock.nowMs() - claimedAt > leaseMs * 0.8) break;
      await this.process(job);
    }
    return jobs.length;
  }

  /**
   * Runs one job now, in this process, if it is due and nobody holds it (a message sent while the request that
   * queued it waits). A failure leaves it to the queue's retries, as if a worker had run it.
   */
  async runNow(jobId: string): Promise<'done' | 'retry' | 'failed' | 'lost' | 'not_due'> {
    const job = await claimJob(this.db, jobId, this.workerId, this.leaseMs);
    return job ? this.process(job) : 'not_due';
  }

  private async process(job: JobRow): Promise<'done' | 'retry' | 'failed' | 'lost'> {
    const entry = this.opts.handlers[job.kind];
    const kind: JobKind | undefined = typeof entry === 'function' ? { run: entry } : entry;
    try {
      if (!kind) throw new PermanentJobError(`no handler for ${job.kind}`);
      if (job.attempts > job.max_attempts) throw new PermanentJobError('too many attempts (lease expired repeatedly)');
      const finish = await kind.run(job, { workerId: this.workerId, leaseMs: this.leaseMs });
      const ok = await completeJob(this.db, job, this.workerId, finish || undefined);
      this.opts.onJob?.(job, ok ? 'done' : 'lost');
      return ok ? 'done' : 'lost';
    } catch (err) {
      const outcome = await failJob(this.db, job, this.workerId, err, this.opts.backoffBaseMs, kind?.onDeadLetter).catch(() => 'retry' as const);
      if (outcome === 'failed') this.opts.log?.error({ err, jobId: job.id, kind: job.kind }, 'job failed for good (dead letter)');
      this.opts.onJob?.(job, outcome);
      return outcome;
    }
  }

  private async run(): Promise<void> {
    while (this.running) {
      let did = 0;
      try {
        did = await this.tick();
      } catch (err) {
        this.opts.log?.error({ err }, 'job worker: claim failed');
      }
      if (did === 0 && this.running) {
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, this.opts.pollMs ?? 1000);
          this.wake = () => {
            clearTimeout(t);
            resolve();
          };
        });
        this.wake = undefined;
      }
    }
  }

  /** Polls now instead of waiting (after an enqueue in the same process). */
  poke(): void {
    this.wake?.();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }
}

/** Dead letters and queue state for a practice's admins. */
export async function listJobs(db: Db | Tx, practiceId: string, status: 'failed' | 'queued' | 'running' | 'done' | 'cancelled', limit = 100) {
  return db
    .selectFrom('jobs')
    .select(['id', 'kind', 'status', 'attempts', 'max_attempts', 'run_at', 'last_error', 'created_at', 'finished_at', 'locked_until'])
    // What the job is about, without its personal fields (recipient, text): the event or message kind and channel.
    .select([
      sql<string | null>`payload ->> 'event'`.as('event'),
      sql<string | null>`payload ->> 'kind'`.as('message_kind'),
      sql<string | null>`payload ->> 'channel'`.as('channel'),
    ])
    .where('practice_id', '=', practiceId)
    .where('status', '=', status)
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
}

/**
 * Cancels a job that has not run to completion (admin action): queued (waiting or backing off after a failure)
 * or dead-lettered. A running job is left to finish or fail: its lease holder would otherwise race the change.
 */
export async function cancelJob(db: Db | Tx, practiceId: string, id: string, reason: string): Promise<boolean> {
  const r = await db
    .updateTable('jobs')
    .set({ status: 'cancelled', finished_at: clock.now(), last_error: reason })
    .where('id', '=', id)
    .where('practice_id', '=', practiceId)
    .where('status', 'in', ['queued', 'failed'])
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Puts a dead-lettered job back in the queue (admin action). */
export async function retryJob(db: Db | Tx, practiceId: string, id: string): Promise<boolean> {
  const r = await db
    .updateTable('jobs')
    .set({ status: 'queued', run_at: clock.now(), attempts: 0, finished_at: null, last_error: null })
    .where('id', '=', id)
    .where('practice_id', '=', practiceId)
    .where('status', '=', 'failed')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}
