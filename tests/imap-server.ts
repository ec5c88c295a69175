import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/**
 * A real IMAP server on loopback for the tests: Debian's Dovecot (`dovecot-imapd`, installed by .ci/run), in the
 * foreground with a throwaway configuration — one user, plain-text login (loopback only), Maildir under a temp
 * directory. Run as root (CI), the mail belongs to the `dovecot` system user; otherwise to the current user.
 */
export const DOVECOT = '/usr/sbin/dovecot';
export const dovecotAvailable = () => fs.existsSync(DOVECOT);

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

function ids(user: string): { uid: number; gid: number } | undefined {
  const line = fs.readFileSync('/etc/passwd', 'utf8').split('\n').find((l) => l.startsWith(`${user}:`));
  if (!line) return undefined;
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

export interface TestImapServer { port: number; user: string; password: string; stop(): Promise<void> }

export async function startDovecot(): Promise<TestImapServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pivot-imap-'));
  // Dovecot's auth process runs as its own user: it must reach the users file.
  fs.chmodSync(dir, 0o755);
  const port = await freePort();
  const user = 'cabinet';
  const password = 'boite-aux-lettres-test';
  const root = process.getuid?.() === 0;
  const me = os.userInfo().username;
  const owner = root ? (ids('dovecot') ?? ids('nobody')!) : { uid: process.getuid!(), gid: process.getgid!() };
  for (const d of ['run', 'state', 'mail', 'home']) fs.mkdirSync(path.join(dir, d));
  if (root) for (const d of ['mail', 'home']) fs.chownSync(path.join(dir, d), owner.uid, owner.gid);
  fs.writeFileSync(path.join(dir, 'users'), `${user}:{PLAIN}${password}\n`);
  fs.writeFileSync(
    path.join(dir, 'dovecot.conf'),
    [
      `base_dir = ${dir}/run`, `state_dir = ${dir}/state`, `instance_name = pivot-test-${port}`, 'listen = 127.0.0.1', 'protocols = imap', 'ssl = no',
      'disable_plaintext_auth = no', 'auth_mechanisms = plain login', `mail_location = maildir:${dir}/mail/%u`, `log_path = ${dir}/log`, 'first_valid_uid = 0',
      ...(root ? [] : [`default_internal_user = ${me}`, `default_login_user = ${me}`, `default_internal_group = ${os.userInfo().username}`]),
      'passdb {', '  driver = passwd-file', `  args = scheme=PLAIN username_format=%u ${dir}/users`, '}',
      'userdb {', '  driver = static', `  args = uid=${owner.uid} gid=${owner.gid} home=${dir}/home/%u`, '}',
      'service imap-login {', '  inet_listener imap {', '    address = 127.0.0.1', `    port = ${port}`, '  }', '  inet_listener imaps {', '    port = 0', '  }', '}',
      '',
    ].join('\n'),
  );
  const child: ChildProcess = spawn(DOVECOT, ['-F', '-c', path.join(dir, 'dovecot.conf')], { stdio: 'ignore' });
  // Ready when it accepts connections.
  for (let i = 0; ; i++) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => {
        s.destroy();
        resolve(true);
      });
      s.on('error', () => resolve(false));
    });
    if (ok) break;
    if (i > 100 || child.exitCode !== null) throw new Error(`dovecot did not start: ${fs.existsSync(`${dir}/log`) ? fs.readFileSync(`${dir}/log`, 'utf8') : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    port,
    user,
    password,
    async stop() {
      await new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      });
      if (!process.env.KEEP_IMAP) fs.rmSync(dir, { recursive: true, force: true }); else console.log(dir);
    },
  };
}
