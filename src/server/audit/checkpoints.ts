import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { checkpointMac, macEquals, type Checkpoint } from './chain.js';

/**
 * Signed checkpoints of the audit chain, kept in files outside the database, so that someone who can only write
 * the database cannot remove the chain's last entries (or rewrite it with the key) without `pivot audit verify`
 * noticing. In the folder (PIVOT_AUDIT_CHECKPOINT_DIR, by default `$PIVOT_DATA_DIR/audit-checkpoints`):
 * - `head.json`: the latest checkpoint, replaced atomically after every seal (temporary file, fsync, rename);
 * - `YYYY-MM-DD.jsonl`: one line per minute at most (UTC day of the checkpoint), kept for history and backups.
 * Each checkpoint `{ v, seq, hash, at, mac }` is signed with the audit key (HMAC). A checkpoint is written only
 * after the seal it describes has committed: a crash in between leaves the files behind the database, never ahead.
 */
export interface StoredCheckpoint extends Checkpoint {
  /** Where it was read: `head.json` or `<day>.jsonl:<line>`. */
  source: string;
}

export interface CheckpointFiles {
  valid: StoredCheckpoint[];
  /** Well-formed but the signature does not match: written by someone without the key. */
  forged: string[];
  /** Not a checkpoint at all (e.g. a line cut by a power loss). */
  unreadable: string[];
}

/** Fault injection for the crash tests: a hook that throws stands for the process dying at that point. */
export interface CheckpointTestHooks {
  beforeRename?(): void;
}

const HEAD = 'head.json';
const HISTORY_EVERY_MS = 60_000;

export class CheckpointStore {
  private head: Checkpoint | undefined;
  private headLoaded = false;
  private lastHistoryAt = Number.NEGATIVE_INFINITY;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly dir: string,
    private readonly key: Buffer,
    private readonly hooks: CheckpointTestHooks = {},
  ) {}

  /** The latest checkpoint this store knows (read from `head.json` once; kept up to date by `record`). */
  latest(): Checkpoint | undefined {
    if (!this.headLoaded) {
      this.head = this.readHeadSync();
      this.headLoaded = true;
    }
    return this.head;
  }

  /**
   * Records a checkpoint after a seal. Never moves the head back: a slower writer (this process's verification,
   * or the CLI next to a server) with an older checkpoint leaves the newer one in place. Writes are queued.
   */
  record(cp: Checkpoint): Promise<void> {
    const run = this.queue.then(() => this.write(cp));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Every checkpoint in the folder, sorted into valid, forged and unreadable ones. */
  async readAll(): Promise<CheckpointFiles> {
    const out: CheckpointFiles = { valid: [], forged: [], unreadable: [] };
    let names: string[];
    try {
      names = await fsp.readdir(this.dir);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return out;
      throw err;
    }
    for (const name of names.sort()) {
      if (name !== HEAD && !/^\d{4}-\d{2}-\d{2}\.jsonl$/.test(name)) continue;
      const text = await fsp.readFile(path.join(this.dir, name), 'utf8');
      const lines = name === HEAD ? [text] : text.split('\n');
      lines.forEach((line, i) => {
        if (name !== HEAD && line.trim() === '') return;
        const source = name === HEAD ? HEAD : `${name}:${i + 1}`;
        const parsed = this.parse(line);
        if (parsed === 'unreadable') out.unreadable.push(source);
        else if (parsed === 'forged') out.forged.push(source);
        else out.valid.push({ ...parsed, source });
      });
    }
    return out;
  }

  private async write(cp: Checkpoint): Promise<void> {
    const known = this.latest();
    if (known && cp.seq <= known.seq) return;
    const onDisk = await this.readHead();
    if (onDisk && onDisk.seq >= cp.seq) {
      this.head = onDisk;
      return;
    }
    await fsp.mkdir(this.dir, { recursive: true, mode: 0o700 });
    const line = this.serialise(cp);
    const tmp = path.join(this.dir, `${HEAD}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`);
    const file = await fsp.open(tmp, 'wx', 0o600);
    try {
      await file.writeFile(line);
      await file.sync();
    } finally {
      await file.close();
    }
    this.hooks.beforeRename?.();
    await fsp.rename(tmp, path.join(this.dir, HEAD));
    await syncDir(this.dir);
    this.head = cp;
    if (cp.at.getTime() - this.lastHistoryAt >= HISTORY_EVERY_MS) {
      const history = await fsp.open(path.join(this.dir, `${cp.at.toISOString().slice(0, 10)}.jsonl`), 'a', 0o600);
      try {
        await history.appendFile(`${line}\n`);
        await history.sync();
      } finally {
        await history.close();
      }
      this.lastHistoryAt = cp.at.getTime();
    }
  }

  private serialise(cp: Checkpoint): string {
    return JSON.stringify({ v: 1, seq: String(cp.seq), hash: cp.hash, at: cp.at.toISOString(), mac: checkpointMac(this.key, cp) });
  }

  private parse(text: string): Checkpoint | 'forged' | 'unreadable' {
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      return 'unreadable';
    }
    const r = raw as { v?: unknown; seq?: unknown; hash?: unknown; at?: unknown; mac?: unknown };
    if (r?.v !== 1 || typeof r.seq !== 'string' || !/^\d{1,19}$/.test(r.seq) || typeof r.hash !== 'string' || typeof r.at !== 'string' || typeof r.mac !== 'string') return 'unreadable';
    const at = new Date(r.at);
    if (Number.isNaN(at.getTime())) return 'unreadable';
    const cp: Checkpoint = { seq: BigInt(r.seq), hash: r.hash, at };
    return macEquals(checkpointMac(this.key, cp), r.mac) ? cp : 'forged';
  }

  private async readHead(): Promise<Checkpoint | undefined> {
    try {
      const parsed = this.parse(await fsp.readFile(path.join(this.dir, HEAD), 'utf8'));
      return typeof parsed === 'string' ? undefined : parsed;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
  }

  // Once per store, before its first seal: a sealer must know its anchor before it extends the chain.
  private readHeadSync(): Checkpoint | undefined {
    try {
      const parsed = this.parse(fs.readFileSync(path.join(this.dir, HEAD), 'utf8'));
      return typeof parsed === 'string' ? undefined : parsed;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
  }
}

/** Makes a rename durable: the directory entry itself is flushed. */
async function syncDir(dir: string): Promise<void> {
  const handle = await fsp.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
