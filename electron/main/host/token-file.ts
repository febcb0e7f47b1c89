import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  linkSync,
  lstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { createToken } from './auth.ts';

/**
 * The browser-mode token of a data folder. It outlives a host restart so that an open tab's
 * session cookie stays valid (the port is per data folder too, see port.ts); before, every
 * start made a new token and the open tab failed every call with 401.
 */
export const TOKEN_FILE = 'host-token';

/** What {@link createToken} makes: 32 random bytes, base64url. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export interface HostTokenResult {
  token: string;
  /** Why a new token was written: absent on plain reuse. */
  created?: 'missing' | 'malformed' | 'unsafe';
}

export interface HostTokenOptions {
  platform?: NodeJS.Platform;
  /** The current user; tests pass another to prove a foreign file is replaced. */
  uid?: number;
  newToken?: () => string;
}

type Inspection = { state: 'ok'; token: string } | { state: 'missing' | 'malformed' | 'unsafe' };

function inspect(path: string, platform: NodeJS.Platform, uid: number | undefined): Inspection {
  let info;
  try {
    info = lstatSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { state: 'missing' };
    throw error;
  }
  // A symlink or other file type could point anywhere; a file others can read or write (or
  // that another user owns) may be known to them. Windows has no mode bits: the data folder
  // lives in the user's own profile there.
  if (!info.isFile()) return { state: 'unsafe' };
  if (platform !== 'win32' && ((info.mode & 0o077) !== 0 || (uid !== undefined && info.uid !== uid)))
    return { state: 'unsafe' };
  const token = readFileSync(path, 'utf8').trim();
  return TOKEN_PATTERN.test(token) ? { state: 'ok', token } : { state: 'malformed' };
}

/** Writes `token` to a fresh 0600 temp file beside `path` and returns the temp path. */
function writeTemp(path: string, token: string): string {
  const temp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  const fd = openSync(temp, 'wx', 0o600);
  try {
    writeSync(fd, `${token}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return temp;
}

/**
 * Reads the data folder's token, or creates it: 0600, written to a temp file and then linked
 * (new file) or renamed (replacing a bad one) into place, so that no reader ever sees a
 * partial file and two hosts starting at once agree on one token.
 */
export function loadOrCreateHostToken(dataDir: string, options: HostTokenOptions = {}): HostTokenResult {
  const platform = options.platform ?? process.platform;
  const uid = options.uid ?? process.getuid?.();
  const newToken = options.newToken ?? createToken;
  const path = join(dataDir, TOKEN_FILE);
  mkdirSync(dataDir, { recursive: true });

  const found = inspect(path, platform, uid);
  if (found.state === 'ok') return { token: found.token };
  const token = newToken();
  const temp = writeTemp(path, token);
  try {
    if (found.state === 'missing') {
      try {
        linkSync(temp, path);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EEXIST') {
          // Another host created it between our check and now: use theirs.
          const theirs = inspect(path, platform, uid);
          if (theirs.state === 'ok') return { token: theirs.token };
          renameSync(temp, path);
          return { token, created: theirs.state };
        }
        // File systems without hard links (FAT, some network shares): rename is still atomic.
        if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV' && code !== 'ENOSYS') throw error;
        renameSync(temp, path);
      }
    } else {
      renameSync(temp, path);
    }
    return { token, created: found.state };
  } finally {
    try {
      unlinkSync(temp);
    } catch {
      // Already renamed into place.
    }
  }
}
