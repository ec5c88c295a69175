import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../tests/helpers.js';
import type { Db } from '../platform/db/database.js';
import { AuditChain } from './audit-chain.js';
import { appendAudit } from './service.js';

/**
 * A crash during sealing loses nothing and forges nothing. The process "dies" (a hook throws) at each point of a
 * seal: before the commit (the transaction rolls back), between the commit and the checkpoint, and in the middle of
 * writing the checkpoint (temporary file written, not renamed). The next "process" (a new AuditChain on the same
 * database, key and folder) must seal every entry exactly once, and verification must find nothing wrong: the
 * checkpoint may lag behind the database, never get ahead of it. (`tests/crash/` kill -9s a real Pivot.)
 */
let testDb: Awaited<ReturnType<typeof createTestDatabase>>;
let db: Db;
let dir: string;
const key = crypto.randomBytes(32);
let appended = 0;

type CrashPoint = 'beforeCommit' | 'afterCommit' | 'beforeRename';
type Step = { kind: 'append'; n: number } | { kind: 'seal'; crash: CrashPoint | null };

class SimulatedCrash extends Error {}

function freshProcess(crash: CrashPoint | null): AuditChain {
  const die = () => {
    throw new SimulatedCrash(crash!);
  };
  return new AuditChain(db, key, dir, undefined, crash ? { [crash]: die } : {});
}

const count = async (sealed: boolean) =>
  (await db.selectFrom('audit_log').select(sql<number>`count(*)::int`.as('n')).where('chain_seq', sealed ? 'is not' : 'is', null).executeTakeFirstOrThrow()).n;

beforeAll(async () => {
  testDb = await createTestDatabase();
  db = testDb.database.db;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pivot-audit-crash-'));
});
afterAll(async () => {
  await testDb?.drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('a crash while sealing', () => {
  it('loses no entry, seals none twice, forges no checkpoint (property: crashes at every point, in any order)', async () => {
    const step: fc.Arbitrary<Step> = fc.oneof(
      fc.record({ kind: fc.constant('append' as const), n: fc.integer({ min: 1, max: 4 }) }),
      fc.record({ kind: fc.constant('seal' as const), crash: fc.constantFrom<CrashPoint | null>(null, 'beforeCommit', 'afterCommit', 'beforeRename') }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 12 }), async (steps) => {
        for (const s of steps) {
          if (s.kind === 'append') {
            await db.transaction().execute((tx) => appendAudit(tx, Array.from({ length: s.n }, (_, i) => ({ accountId: null, practiceId: null, action: 'crash.test', resourceId: String(i) }))));
            appended += s.n;
            continue;
          }
          // Each seal runs in a new "process": nothing survives a crash but the database and the folder.
          const sealing = freshProcess(s.crash).seal();
          if (s.crash) await sealing.then(() => undefined, (err) => expect(err).toBeInstanceOf(SimulatedCrash));
          else await sealing;
        }
        // Restart after the last crash: everything committed gets sealed, once.
        const restarted = freshProcess(null);
        await restarted.seal();
        expect(await count(false)).toBe(0);
        expect(await count(true)).toBe(appended);
        const report = await restarted.verify();
        expect(report.problems).toEqual([]);
        expect(report.warnings.filter((w) => w.kind !== 'no_checkpoint')).toEqual([]);
        // The head checkpoint is never ahead of the database, and after a seal it is the database's head.
        if (appended > 0) expect(report.checkpoints.latest?.seq).toBe(String(appended));
      }),
      { numRuns: 30 },
    );
    // The temporary files of interrupted checkpoint writes are left aside, never read as checkpoints.
    expect(fs.readdirSync(dir).every((f) => f === 'head.json' || f.endsWith('.jsonl') || f.endsWith('.tmp'))).toBe(true);
  });

  it('a checkpoint written by a crashed writer is never half a file: head.json is the old one or the new one', async () => {
    const before = fs.readFileSync(path.join(dir, 'head.json'), 'utf8');
    await db.transaction().execute((tx) => appendAudit(tx, [{ accountId: null, practiceId: null, action: 'crash.test' }]));
    appended++;
    await expect(freshProcess('beforeRename').seal()).rejects.toBeInstanceOf(SimulatedCrash);
    expect(fs.readFileSync(path.join(dir, 'head.json'), 'utf8')).toBe(before);
    const after = freshProcess(null);
    await after.seal();
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'head.json'), 'utf8')).seq).toBe(String(appended));
    expect((await after.verify()).ok).toBe(true);
  });
});
