import {
  chmodSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TOKEN_FILE, loadOrCreateHostToken } from './token-file.ts';

const posix = process.platform !== 'win32';
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'webcare-token-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const file = () => join(dir, TOKEN_FILE);
const OTHER = 'A'.repeat(43);

describe('the data folder token file', () => {
  it('is created once with a 256-bit token, readable by its owner only, and reused after that', () => {
    const first = loadOrCreateHostToken(dir);
    expect(first.created).toBe('missing');
    expect(first.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(readFileSync(file(), 'utf8')).toBe(`${first.token}\n`);
    if (posix) expect(statSync(file()).mode & 0o777).toBe(0o600);
    expect(loadOrCreateHostToken(dir)).toEqual({ token: first.token });
    expect(readdirSync(dir)).toEqual([TOKEN_FILE]);
  });

  it('creates the data folder when it does not exist yet', () => {
    const nested = join(dir, 'a', 'b');
    expect(loadOrCreateHostToken(nested).token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('replaces a malformed file with a fresh token', () => {
    writeFileSync(file(), 'not a token\n', { mode: 0o600 });
    const result = loadOrCreateHostToken(dir);
    expect(result.created).toBe('malformed');
    expect(readFileSync(file(), 'utf8').trim()).toBe(result.token);
  });

  it.runIf(posix)('replaces a token other users can read, or one another user owns', () => {
    writeFileSync(file(), `${OTHER}\n`);
    chmodSync(file(), 0o644);
    const readable = loadOrCreateHostToken(dir);
    expect(readable.created).toBe('unsafe');
    expect(readable.token).not.toBe(OTHER);
    expect(statSync(file()).mode & 0o777).toBe(0o600);

    const foreign = loadOrCreateHostToken(dir, { uid: (process.getuid?.() ?? 0) + 1 });
    expect(foreign.created).toBe('unsafe');
    expect(foreign.token).not.toBe(readable.token);
    // On Windows there are no mode bits to check.
    chmodSync(file(), 0o644);
    expect(loadOrCreateHostToken(dir, { platform: 'win32' })).toEqual({ token: foreign.token });
  });

  it.runIf(posix)('replaces a symlink instead of reading or writing through it', () => {
    const target = join(dir, 'elsewhere');
    writeFileSync(target, `${OTHER}\n`, { mode: 0o600 });
    symlinkSync(target, file());
    const result = loadOrCreateHostToken(dir);
    expect(result.created).toBe('unsafe');
    expect(result.token).not.toBe(OTHER);
    expect(readFileSync(target, 'utf8')).toBe(`${OTHER}\n`);
    expect(statSync(file()).isFile()).toBe(true);
  });

  it('takes the token of a host that created the file at the same moment', () => {
    // The "other host" writes its file while we are making ours: our link then fails with
    // EEXIST and we must end up with its token, leaving no temp file behind.
    const result = loadOrCreateHostToken(dir, {
      newToken: () => {
        writeFileSync(file(), `${OTHER}\n`, { mode: 0o600 });
        return 'B'.repeat(43);
      },
    });
    expect(result).toEqual({ token: OTHER });
    expect(readdirSync(dir)).toEqual([TOKEN_FILE]);
  });
});
