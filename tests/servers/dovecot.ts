import { execFile, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './ports.ts';

/**
 * A real Dovecot IMAP server for tests and benchmarks, started in the foreground from a
 * temporary config on 127.0.0.1 (facts in /work/shared/TOOLCHAIN.md): passwd-file auth, Maildir
 * under a temp folder, no TLS. Stop it with `stop()`; `restart()` keeps the mail and the port.
 */
export interface DovecotUser {
  readonly host: '127.0.0.1';
  readonly port: number;
  readonly user: string;
  readonly password: string;
  /** The user's Maildir (INBOX lives in `cur/`, other folders in `.<Name>/`). */
  readonly maildir: string;
}

export interface DovecotServer extends DovecotUser {
  readonly dir: string;
  /** A fresh mailbox user (one of `spareUsers`): tests share one server, one user each. */
  addUser(): DovecotUser;
  readonly pid: number | null;
  /** Stops the server and starts it again on the same port with the same mail. */
  restart(): Promise<void>;
  /** Stops the server (SIGTERM, waits for exit); the mail stays until `dispose()`. */
  stopServer(): Promise<void>;
  startServer(): Promise<void>;
  /** Stops the server and removes its folder. */
  stop(): Promise<void>;
  /** Runs `doveadm` against this server's config (e.g. to change a mailbox's UIDVALIDITY). */
  doveadm(args: string[]): Promise<string>;
  log(): string;
}

export const DOVECOT_BINARY = process.env.WEBCARE_DOVECOT ?? '/usr/sbin/dovecot';
const DOVEADM_BINARY = process.env.WEBCARE_DOVEADM ?? '/usr/bin/doveadm';
const run = promisify(execFile);

export function dovecotAvailable(): boolean {
  return existsSync(DOVECOT_BINARY);
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;
/** As root, mail belongs to nobody (a userdb uid of 0 fails at login); else to the caller. */
const mailOwner = () =>
  isRoot()
    ? { uid: 65534, gid: 65534 }
    : { uid: process.getuid?.() ?? 1000, gid: process.getgid?.() ?? 1000 };

function config(dir: string, port: number, extra: string[]): string {
  const me = userInfo().username;
  const owner = mailOwner();
  const users = isRoot()
    ? ['default_login_user = dovenull', 'default_internal_user = dovecot', 'default_internal_group = dovecot']
    : [`default_login_user = ${me}`, `default_internal_user = ${me}`, `default_internal_group = ${me}`];
  return [
    'protocols = imap',
    'listen = 127.0.0.1',
    `base_dir = ${dir}/run`,
    `state_dir = ${dir}/state`,
    `log_path = ${dir}/dovecot.log`,
    'ssl = no',
    'disable_plaintext_auth = no',
    'auth_mechanisms = plain login',
    'auth_failure_delay = 0',
    ...users,
    `first_valid_uid = ${owner.uid}`,
    `first_valid_gid = ${owner.gid}`,
    `mail_location = maildir:${dir}/mail/%u/Maildir`,
    'mail_max_userip_connections = 50',
    'passdb {',
    '  driver = passwd-file',
    `  args = scheme=PLAIN username_format=%u ${dir}/passwd`,
    '}',
    'userdb {',
    '  driver = passwd-file',
    `  args = username_format=%u ${dir}/passwd`,
    '}',
    'namespace inbox {',
    '  inbox = yes',
    '  separator = /',
    '  mailbox Sent {',
    '    special_use = \\Sent',
    '    auto = subscribe',
    '  }',
    '  mailbox Drafts {',
    '    special_use = \\Drafts',
    '    auto = subscribe',
    '  }',
    '  mailbox Archive {',
    '    special_use = \\Archive',
    '    auto = subscribe',
    '  }',
    '}',
    'service imap-login {',
    '  inet_listener imap {',
    '    address = 127.0.0.1',
    `    port = ${port}`,
    '  }',
    '  inet_listener imaps {',
    '    port = 0',
    '  }',
    '  chroot =',
    '}',
    'service anvil {',
    '  chroot =',
    // No brute-force penalty: tests log in with wrong passwords on purpose.
    '  unix_listener anvil-auth-penalty {',
    '    mode = 0',
    '  }',
    '}',
    'service stats {',
    '  inet_listener http {',
    '    port = 0',
    '  }',
    '}',
    ...extra,
    '',
  ].join('\n');
}

function waitForPort(port: number, timeoutMs: number, child: ChildProcess, logFile: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      if (child.exitCode !== null) {
        reject(new Error(`dovecot exited (${child.exitCode}):\n${readLog(logFile)}`));
        return;
      }
      const socket = createConnection({ host: '127.0.0.1', port });
      socket.once('data', () => {
        socket.destroy();
        resolve();
      });
      socket.once('error', () => {
        socket.destroy();
        if (Date.now() > deadline) reject(new Error(`dovecot did not listen within ${timeoutMs} ms`));
        else setTimeout(attempt, 50);
      });
    };
    attempt();
  });
}

function readLog(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

export interface StartDovecotOptions {
  user?: string;
  password?: string;
  port?: number;
  /** Mailbox users made before the server starts, for addUser(). */
  spareUsers?: number;
  /** More config lines, e.g. `imap_capability = ...` to play a server without IDLE. */
  extraConfig?: string[];
}

export async function startDovecot(options: StartDovecotOptions = {}): Promise<DovecotServer> {
  const dir = mkdtempSync(join(tmpdir(), 'webcare-dovecot-'));
  // The mail processes run as another user than the test; they must reach the maildir.
  chmodSync(dir, 0o755);
  const port = options.port ?? (await freePort());
  const owner = mailOwner();
  mkdirSync(join(dir, 'mail'));
  chownSync(join(dir, 'mail'), owner.uid, owner.gid);
  const passwd = join(dir, 'passwd');
  writeFileSync(passwd, '', { mode: 0o644 });
  const makeUser = (name?: string, pass?: string): DovecotUser => {
    const user = name ?? `agent-${randomBytes(4).toString('hex')}@example.test`;
    const password = pass ?? `pw-${randomBytes(6).toString('hex')}`;
    const home = join(dir, 'mail', user);
    const maildir = join(home, 'Maildir');
    for (const sub of ['cur', 'new', 'tmp']) mkdirSync(join(maildir, sub), { recursive: true });
    for (const path of [home, maildir, ...['cur', 'new', 'tmp'].map((s) => join(maildir, s))])
      chownSync(path, owner.uid, owner.gid);
    // nodelay: a wrong password is answered at once (tests use wrong passwords on purpose).
    writeFileSync(
      passwd,
      `${readFileSync(passwd, 'utf8')}${user}:{PLAIN}${password}:${owner.uid}:${owner.gid}::${home}::nodelay=yes\n`,
    );
    return { host: '127.0.0.1', port, user, password, maildir };
  };
  const first = makeUser(options.user ?? 'agent@example.test', options.password);
  // Dovecot re-reads a changed passwd-file at most once a second, so spare users are made up
  // front and handed out by addUser().
  const spare = Array.from({ length: options.spareUsers ?? 0 }, () => makeUser());
  const addUser = (): DovecotUser => {
    if (spare.length > 0) return spare.shift()!;
    throw new Error('no spare Dovecot users left: start it with a larger spareUsers');
  };
  const confPath = join(dir, 'dovecot.conf');
  writeFileSync(confPath, config(dir, port, options.extraConfig ?? []));
  const logFile = join(dir, 'dovecot.log');
  let child: ChildProcess | null = null;

  const startServer = async () => {
    // Its own process group, so that stopping it reaches every imap process at once (the
    // master alone would leave logged-in sessions running for seconds).
    const proc = spawn(DOVECOT_BINARY, ['-c', confPath, '-F'], {
      stdio: ['ignore', 'ignore', 'pipe'],
      detached: true,
    });
    let stderr = '';
    proc.stderr?.setEncoding('utf8');
    proc.stderr?.on('data', (chunk: string) => (stderr += chunk));
    child = proc;
    try {
      await waitForPort(port, 15_000, proc, logFile);
    } catch (error) {
      proc.kill('SIGKILL');
      throw new Error(`${(error as Error).message}\n${stderr}`, { cause: error });
    }
  };
  const stopServer = async () => {
    const proc = child;
    child = null;
    if (!proc || proc.exitCode !== null) return;
    const group = (signal: NodeJS.Signals) => {
      try {
        process.kill(-proc.pid!, signal);
      } catch {
        // already gone
      }
    };
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => group('SIGKILL'), 5_000);
      proc.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      group('SIGTERM');
    });
    group('SIGKILL');
  };

  await startServer();
  return {
    ...first,
    dir,
    addUser: () => addUser(),
    get pid() {
      return child?.pid ?? null;
    },
    startServer,
    stopServer,
    async restart() {
      await stopServer();
      await startServer();
    },
    async stop() {
      await stopServer();
      rmSync(dir, { recursive: true, force: true });
    },
    async doveadm(args) {
      const { stdout } = await run(DOVEADM_BINARY, ['-c', confPath, ...args]);
      return stdout;
    },
    log: () => readLog(logFile),
  };
}

/** One message to put straight into the Maildir (bulk seeding without 10k APPENDs). */
export interface SeedMessage {
  raw: string;
  /** Folder name; INBOX when absent. */
  folder?: string;
  /** Delivery time (the file's name and mtime; Dovecot's INTERNALDATE). */
  date: Date;
  seen?: boolean;
}

/**
 * Writes messages into the Maildir as Maildir files, as a delivery agent would. Dovecot assigns
 * UIDs in file-name order on its next look at the folder, so names carry the date and a counter.
 */
export function seedMaildir(server: Pick<DovecotUser, 'maildir'>, messages: SeedMessage[]): void {
  const owner = mailOwner();
  let counter = 0;
  const made = new Set<string>();
  for (const message of messages) {
    const folderDir =
      message.folder && message.folder !== 'INBOX'
        ? join(server.maildir, `.${message.folder}`)
        : server.maildir;
    if (!made.has(folderDir)) {
      for (const sub of ['cur', 'new', 'tmp']) {
        mkdirSync(join(folderDir, sub), { recursive: true });
        chownSync(join(folderDir, sub), owner.uid, owner.gid);
      }
      chownSync(folderDir, owner.uid, owner.gid);
      made.add(folderDir);
    }
    counter += 1;
    const seconds = Math.floor(message.date.getTime() / 1000);
    const name = `${seconds}.M${String(counter).padStart(8, '0')}P1.webcare-test:2,${message.seen ? 'S' : ''}`;
    const path = join(folderDir, 'cur', name);
    writeFileSync(path, message.raw.replace(/\r?\n/g, '\r\n'));
    // Dovecot takes INTERNALDATE (what SEARCH SINCE compares) from the file's mtime.
    utimesSync(path, message.date, message.date);
    chownSync(path, owner.uid, owner.gid);
  }
}
