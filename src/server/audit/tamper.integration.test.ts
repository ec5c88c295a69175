import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../tests/helpers.js';
import type { Db, Tx } from '../platform/db/database.js';
import { clock } from '../platform/clock.js';
import { AuditChain } from './audit-chain.js';
import { keyedEntryHash, legacyEntryHash, GENESIS_HASH } from './chain.js';
import { AnchorMismatchError, fieldsOf, WrongAuditKeyError } from './sealer.js';
import { appendAudit } from './service.js';
import { inspectChain, type AuditProblem } from './verify.js';

/**
 * What someone with write access to the database (superuser: triggers disabled) can do to the audit log, and what
 * verification says about it. Each property run tampers inside a transaction, inspects the result through that
 * transaction, then rolls back, so every run starts from the same sealed chain of N entries.
 */
const N = 24;
let testDb: Awaited<ReturnType<typeof createTestDatabase>>;
let db: Db;
let dir: string;
const key = crypto.randomBytes(32);
let chain: AuditChain;

async function append(n: number): Promise<void> {
  await db.transaction().execute(async (tx) => {
    for (let i = 0; i < n; i++) await appendAudit(tx, [{ accountId: null, practiceId: null, action: 'test.entry', resourceType: 'test', resourceId: String(i), ip: '127.0.0.1' }]);
  });
}

/** The chain as stored, in order. */
const rows = (tx: Db | Tx) => tx.selectFrom('audit_log').selectAll().where('chain_seq', 'is not', null).orderBy('chain_seq').execute();

async function untriggered<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  class Rollback extends Error {
    constructor(readonly value: T) {
      super('rollback');
    }
  }
  try {
    await db.transaction().execute(async (tx) => {
      await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update`.execute(tx);
      throw new Rollback(await fn(tx));
    });
  } catch (err) {
    if (err instanceof Rollback) return err.value;
    throw err;
  }
  throw new Error('unreachable');
}

/** Re-seals from `fromSeq` on, as an attacker would after a change: plain SHA-256, or with the key. */
async function reseal(tx: Tx, fromSeq: number, withKey: Buffer | 'sha256'): Promise<void> {
  const all = await rows(tx);
  let prev = fromSeq === 1 ? GENESIS_HASH : all[fromSeq - 2]!.hash!;
  for (const r of all.slice(fromSeq - 1)) {
    const hash = withKey === 'sha256' ? legacyEntryHash(prev, fieldsOf(r)) : keyedEntryHash(withKey, prev, fieldsOf(r));
    await sql`UPDATE audit_log SET prev_hash = ${prev}, hash = ${hash} WHERE id = ${r.id}::bigint`.execute(tx);
    prev = hash;
  }
}

/** Moves rows `seq >= from` one place up (two steps: chain_seq is unique). */
async function shiftFrom(tx: Tx, from: number): Promise<void> {
  await sql`UPDATE audit_log SET chain_seq = -(chain_seq + 1) WHERE chain_seq >= ${from}`.execute(tx);
  await sql`UPDATE audit_log SET chain_seq = -chain_seq WHERE chain_seq < 0`.execute(tx);
}

const inspect = async (tx: Tx) => inspectChain(tx, { key, files: await chain.checkpoints.readAll(), batchSize: 7 });
const has = (problems: AuditProblem[], pred: (p: AuditProblem) => boolean) => problems.some(pred);

beforeAll(async () => {
  testDb = await createTestDatabase();
  db = testDb.database.db;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pivot-audit-cp-'));
  chain = new AuditChain(db, key, dir);
  await append(N);
  expect(await chain.seal()).toBe(N);
});
afterAll(async () => {
  await testDb?.drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('audit chain against someone who can write the database', () => {
  it('an intact chain verifies, anchored by a checkpoint outside the database', async () => {
    const r = await chain.verify();
    expect(r).toMatchObject({ ok: true, checked: N, problems: [], warnings: [] });
    expect(r.checkpoints.latest?.seq).toBe(String(N));
    expect(fs.existsSync(path.join(dir, 'head.json'))).toBe(true);
  });

  it('reports every tampering: modify (re-sealed or not), delete, insert, reorder — at the head, in the middle, at the tail', async () => {
    const ops = ['modify', 'modify_resealed_sha256', 'modify_resealed_with_key', 'delete', 'delete_tail', 'insert', 'swap'] as const;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ops), fc.integer({ min: 1, max: N }), async (op, seq) => {
        const before = await rows(db);
        const idAt = (s: number) => before[s - 1]!.id;
        const report = await untriggered(async (tx) => {
          switch (op) {
            case 'modify':
              await sql`UPDATE audit_log SET resource_id = 'someone-else' WHERE chain_seq = ${seq}`.execute(tx);
              break;
            case 'modify_resealed_sha256':
            case 'modify_resealed_with_key':
              await sql`UPDATE audit_log SET ip = '10.6.6.6' WHERE chain_seq = ${seq}`.execute(tx);
              await reseal(tx, seq, op === 'modify_resealed_with_key' ? key : 'sha256');
              break;
            case 'delete':
              await sql`DELETE FROM audit_log WHERE chain_seq = ${seq}`.execute(tx);
              break;
            case 'delete_tail':
              await sql`DELETE FROM audit_log WHERE chain_seq >= ${seq}`.execute(tx);
              break;
            case 'insert': {
              await shiftFrom(tx, seq);
              const prev = seq === 1 ? GENESIS_HASH : before[seq - 2]!.hash!;
              await sql`INSERT INTO audit_log (occurred_at, action, chain_seq, prev_hash, hash)
                        VALUES (${before[seq - 1]!.occurred_at}, 'forged.entry', ${seq}, ${prev}, ${crypto.randomBytes(32).toString('hex')})`.execute(tx);
              break;
            }
            case 'swap': {
              const other = seq === N ? N - 1 : seq + 1;
              await sql`UPDATE audit_log SET chain_seq = CASE chain_seq WHEN ${seq}::bigint THEN -${other}::bigint ELSE -${seq}::bigint END WHERE chain_seq IN (${seq}, ${other})`.execute(tx);
              await sql`UPDATE audit_log SET chain_seq = -chain_seq WHERE chain_seq < 0`.execute(tx);
              break;
            }
          }
          return inspect(tx);
        });
        expect(report.ok, `${op} at ${seq}`).toBe(false);
        const p = report.problems;
        const brokenAt = (s: number) => has(p, (x) => x.kind === 'broken' && x.seq === String(s));
        const reported = {
          modify: () => report.firstBrokenId === idAt(seq),
          modify_resealed_sha256: () => report.firstBrokenId === idAt(seq),
          // The key alone is not enough: the checkpoint outside the database no longer matches.
          modify_resealed_with_key: () => has(p, (x) => x.kind === 'rewritten') && report.firstBrokenId === null,
          delete: () => (seq === N ? has(p, (x) => x.kind === 'truncated') : report.firstBrokenId === idAt(seq + 1)),
          delete_tail: () => has(p, (x) => x.kind === 'truncated' && x.lastSeq === String(seq - 1) && x.expectedSeq === String(N)),
          insert: () => brokenAt(seq),
          swap: () => brokenAt(Math.min(seq, seq === N ? N - 1 : seq + 1)),
        }[op]();
        expect(reported, `${op} at ${seq}: ${JSON.stringify(p)}`).toBe(true);
      }),
      // Head, middle and tail of every kind always, then random places.
      { numRuns: 40, examples: ops.flatMap((op) => [1, N / 2, N].map((seq) => [op, seq] as [typeof op, number])) },
    );
    // Every run rolled back: the chain is as sealed.
    expect((await chain.verify()).ok).toBe(true);
  });

  it('refuses to seal a back-dated or future-dated entry; an honest late commit within the tolerance is sealed', async () => {
    const insert = (at: Date, action: string) =>
      db.insertInto('audit_log').values({ occurred_at: at, account_id: null, practice_id: null, action, resource_type: null, resource_id: null, ip: null, reason: null, details: null, chain_seq: null, prev_hash: null, hash: null }).returning('id').executeTakeFirstOrThrow();
    const backdated = await insert(new Date(clock.nowMs() - 2 * 86_400_000), 'forged.alibi');
    const future = await insert(new Date(clock.nowMs() + 86_400_000), 'forged.future');
    const late = await insert(new Date(clock.nowMs() - 10 * 60_000), 'honest.long_transaction');
    await append(2);
    expect(await chain.seal()).toBe(3);
    const sealed = await db.selectFrom('audit_log').select(['id', 'chain_seq']).where('id', 'in', [backdated.id, future.id, late.id]).execute();
    expect(Object.fromEntries(sealed.map((r) => [r.id, r.chain_seq !== null]))).toEqual({ [backdated.id]: false, [future.id]: false, [late.id]: true });
    const report = await chain.verify();
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([
      expect.objectContaining({ kind: 'refused', id: backdated.id, reason: 'backdated' }),
      expect.objectContaining({ kind: 'refused', id: future.id, reason: 'future' }),
    ]);
    // Refused entries stay out of the chain and out of the sealer's way.
    await append(1);
    expect(await chain.seal()).toBe(1);
  });
});

describe('audit chain against someone who can also change the key or the files, or who removes the tail for good', () => {
  it('a sealer with another key seals nothing (its hashes could never be verified)', async () => {
    await append(1);
    const stranger = new AuditChain(db, crypto.randomBytes(32), fs.mkdtempSync(path.join(os.tmpdir(), 'pivot-audit-cp-')));
    await expect(stranger.seal()).rejects.toBeInstanceOf(WrongAuditKeyError);
    const r = await stranger.verify();
    expect(r.problems[0]).toMatchObject({ kind: 'sealing', why: 'wrong_key', unsealed: 1 });
    expect(r.problems.some((p) => p.kind === 'cutover_forged')).toBe(true);
    expect(await chain.seal()).toBe(1);
  });

  it('a forged checkpoint file is reported', async () => {
    const day = fs.readdirSync(dir).find((f) => f.endsWith('.jsonl'))!;
    const line = JSON.parse(fs.readFileSync(path.join(dir, day), 'utf8').split('\n')[0]!);
    fs.appendFileSync(path.join(dir, day), `${JSON.stringify({ ...line, seq: '999' })}\n{"cut by a power`);
    const r = await chain.verify();
    expect(r.problems).toContainEqual({ kind: 'checkpoint_forged', source: expect.stringContaining(day) });
    expect(r.warnings).toContainEqual({ kind: 'checkpoint_unreadable', source: expect.stringContaining(day) });
    fs.writeFileSync(path.join(dir, day), `${JSON.stringify(line)}\n`);
  });

  it('entries removed from the tail for good: the sealer stops rather than hide it, verify says how many; archiving the checkpoints resumes', async () => {
    const before = (await chain.verify()).checked;
    await sql`DELETE FROM audit_log_refused`.execute(db); // the refusals of the first part, out of the way
    await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update`.execute(db);
    await sql`DELETE FROM audit_log WHERE chain_seq > ${before - 3}`.execute(db);
    await sql`DELETE FROM audit_log WHERE chain_seq IS NULL`.execute(db);
    await sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update`.execute(db);
    await append(2);
    await expect(chain.seal()).rejects.toBeInstanceOf(AnchorMismatchError);
    const r = await chain.verify();
    expect(r.ok).toBe(false);
    expect(r.problems[0]).toMatchObject({ kind: 'sealing', why: 'truncated', unsealed: 2 });
    expect(r.problems).toContainEqual(expect.objectContaining({ kind: 'truncated', lastSeq: String(before - 3), expectedSeq: String(before) }));
    // After a restore, the operator keeps the old checkpoints aside (docs/operations.md): sealing resumes.
    fs.renameSync(dir, `${dir}-before-restore`);
    const resumed = new AuditChain(db, key, dir);
    expect(await resumed.seal()).toBe(2);
    expect((await resumed.verify()).ok).toBe(true);
    fs.rmSync(`${dir}-before-restore`, { recursive: true, force: true });
  });
});

describe('entries sealed before the keyed chain (plain SHA-256, up to the cut-over of migration 0104)', () => {
  it('stay verifiable; rewriting them, even with their SHA-256 recomputed, is reported', async () => {
    const legacy = await createTestDatabase();
    const ldb = legacy.database.db;
    const ldir = fs.mkdtempSync(path.join(os.tmpdir(), 'pivot-audit-cp-'));
    try {
      // An installation of an earlier release: entries sealed with plain SHA-256, then the upgrade's migration.
      await ldb.transaction().execute((tx) => appendAudit(tx, Array.from({ length: 6 }, (_, i) => ({ accountId: null, practiceId: null, action: 'old.entry', resourceId: String(i) }))));
      let prev = GENESIS_HASH;
      const old = await ldb.selectFrom('audit_log').selectAll().orderBy('id').execute();
      for (const [i, r] of old.entries()) {
        const hash = legacyEntryHash(prev, fieldsOf(r));
        await sql`UPDATE audit_log SET chain_seq = ${i + 1}, prev_hash = ${prev}, hash = ${hash} WHERE id = ${r.id}::bigint`.execute(ldb);
        prev = hash;
      }
      const migration = fs.readFileSync(path.join(import.meta.dirname, 'migrations', '0104_audit_keyed_chain.sql'), 'utf8');
      const recordCutover = /INSERT INTO audit_chain_cutover[\s\S]*?;\n/.exec(migration)![0];
      await sql`ALTER TABLE audit_chain_cutover DISABLE TRIGGER audit_chain_cutover_no_change`.execute(ldb);
      await sql`DELETE FROM audit_chain_cutover`.execute(ldb); // the template's own (empty) cut-over
      await sql`ALTER TABLE audit_chain_cutover ENABLE TRIGGER audit_chain_cutover_no_change`.execute(ldb);
      await sql.raw(recordCutover).execute(ldb);
      const upgraded = new AuditChain(ldb, key, ldir);
      await ldb.transaction().execute((tx) => appendAudit(tx, [{ accountId: null, practiceId: null, action: 'new.entry' }]));
      expect(await upgraded.seal()).toBe(1);
      expect(await upgraded.verify()).toMatchObject({ ok: true, checked: 7 });
      expect(await ldb.selectFrom('audit_chain_cutover').select(['legacy_seq', 'legacy_hash']).executeTakeFirstOrThrow()).toEqual({ legacy_seq: '6', legacy_hash: prev });
      await expect(sql`UPDATE audit_chain_cutover SET legacy_seq = 7`.execute(ldb)).rejects.toThrow(/written once/);
      // Rewrite an old entry and recompute the whole plain SHA-256 part: the keyed chain still tells.
      const report = await ldb.transaction().execute(async (tx) => {
        await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update`.execute(tx);
        await sql`UPDATE audit_log SET resource_id = 'rewritten' WHERE chain_seq = 2`.execute(tx);
        const all = await rows(tx);
        let p = all[0]!.hash!;
        for (const r of all.slice(1, 6)) {
          const hash = legacyEntryHash(p, fieldsOf(r));
          await sql`UPDATE audit_log SET prev_hash = ${p}, hash = ${hash} WHERE id = ${r.id}::bigint`.execute(tx);
          p = hash;
        }
        const out = await inspectChain(tx, { key, files: await upgraded.checkpoints.readAll() });
        await sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update`.execute(tx);
        return out;
      });
      expect(report.ok).toBe(false);
      expect(report.problems).toContainEqual({ kind: 'broken', seq: '6', id: old[5]!.id, reason: 'cutover' });
    } finally {
      await legacy.drop();
      fs.rmSync(ldir, { recursive: true, force: true });
    }
  });
});
