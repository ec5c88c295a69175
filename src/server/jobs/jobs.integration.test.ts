import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../tests/helpers.js';
import type { Database } from '../platform/db/database.js';
import { claimJobs, completeJob, enqueue, failJob, JobWorker } from './queue.js';

/**
 * The queue itself, with handlers made up here: it knows no capability (messaging's crash tests, with a worker
 * process killed mid-send, are in messaging/crash.integration.test.ts).
 */
let database: Database;
let drop: () => Promise<void>;
let practiceId: string;

beforeAll(async () => {
  ({ database, drop } = await createTestDatabase());
  practiceId = (await database.db.insertInto('practices').values({ name: 'Cabinet test', slug: 'cabinet-test-jobs' }).returning('id').executeTakeFirstOrThrow()).id;
}, 120_000);

afterAll(async () => {
  await drop();
});

describe('job queue', () => {
  it('claims with SKIP LOCKED, retries with backoff, dead-letters after max attempts, and completes only under its lease', async () => {
    const id = (await enqueue(database.db, { kind: 'unit.flaky', practiceId, maxAttempts: 2, dedupeKey: 'flaky-1' }))!;
    expect(await enqueue(database.db, { kind: 'unit.flaky', practiceId, dedupeKey: 'flaky-1' })).toBeUndefined(); // idempotent
    const [a, b] = await Promise.all([
      claimJobs(database.db, 'w-a', { limit: 5, leaseMs: 60_000, kinds: ['unit.flaky'] }),
      claimJobs(database.db, 'w-b', { limit: 5, leaseMs: 60_000, kinds: ['unit.flaky'] }),
    ]);
    expect(a.length + b.length).toBe(1);
    const job = (a[0] ?? b[0])!;
    expect(await completeJob(database.db, job, 'someone-else')).toBe(false); // not the lease holder
    expect(await failJob(database.db, job, job.locked_by!, new Error('boom'), 1)).toBe('retry');
    await new Promise((r) => setTimeout(r, 20));
    const again = await claimJobs(database.db, 'w-c', { limit: 5, leaseMs: 60_000, kinds: ['unit.flaky'] });
    expect(again[0]?.attempts).toBe(2);
    expect(await failJob(database.db, again[0]!, 'w-c', new Error('boom again'), 1)).toBe('failed');
    const row = await database.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.status).toBe('failed');
    expect(row.last_error).toBe('boom again');
    // In-process worker: handler success path.
    let ran = 0;
    await enqueue(database.db, { kind: 'unit.ok', practiceId });
    const w = new JobWorker(database.db, { handlers: { 'unit.ok': async () => void ran++ } });
    expect(await w.drain()).toBe(1);
    expect(ran).toBe(1);
  });

  it('runs one job now by id (once, even when asked twice at once), and records a dead letter with the failing handler', async () => {
    let ran = 0;
    const seen: string[] = [];
    const handlers = {
      'unit.once': async () => void ran++,
      'unit.doomed': {
        run: async () => {
          throw new Error('relay down');
        },
        onDeadLetter: async (_tx: unknown, job: { id: string }, error: string) => void seen.push(`${job.id}:${error}`),
      },
    };
    const w = new JobWorker(database.db, { handlers, backoffBaseMs: 1 });
    const id = (await enqueue(database.db, { kind: 'unit.once', practiceId }))!;
    const outcomes = await Promise.all([w.runNow(id), w.runNow(id)]);
    expect(outcomes.sort()).toEqual(['done', 'not_due']);
    expect(ran).toBe(1);
    expect(await w.runNow(id)).toBe('not_due');

    const doomed = (await enqueue(database.db, { kind: 'unit.doomed', practiceId, maxAttempts: 2 }))!;
    expect(await w.runNow(doomed)).toBe('retry');
    expect(seen).toEqual([]);
    await new Promise((r) => setTimeout(r, 20));
    expect(await w.runNow(doomed)).toBe('failed');
    expect(seen).toEqual([`${doomed}:relay down`]);
    const row = await database.db.selectFrom('jobs').select(['status', 'attempts']).where('id', '=', doomed).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'failed', attempts: 2 });
  });
});
