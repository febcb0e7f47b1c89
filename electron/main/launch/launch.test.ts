import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { browserOpenCommand } from './open-browser.ts';
import { findElectronBinary } from './electron-binary.ts';
import { needsBuild } from './staleness.ts';
import { parseStartArgs } from './start.ts';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));
const temp = () => {
  const dir = mkdtempSync(join(tmpdir(), 'webcare-launch-'));
  dirs.push(dir);
  return dir;
};

describe('findElectronBinary', () => {
  it('returns null when node_modules/electron has no binary (and never downloads)', () => {
    const root = temp();
    mkdirSync(join(root, 'node_modules', 'electron'), { recursive: true });
    expect(findElectronBinary({ root, env: {}, platform: 'linux' })).toBeNull();
  });

  it('finds the binary named in path.txt', () => {
    const root = temp();
    const pkg = join(root, 'node_modules', 'electron');
    mkdirSync(join(pkg, 'dist'), { recursive: true });
    writeFileSync(join(pkg, 'path.txt'), 'electron');
    expect(findElectronBinary({ root, env: {}, platform: 'linux' })).toBeNull();
    writeFileSync(join(pkg, 'dist', 'electron'), '');
    expect(findElectronBinary({ root, env: {}, platform: 'linux' })).toBe(join(pkg, 'dist', 'electron'));
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH like the electron package does', () => {
    const root = temp();
    const override = temp();
    writeFileSync(join(override, 'electron.exe'), '');
    expect(
      findElectronBinary({ root, env: { ELECTRON_OVERRIDE_DIST_PATH: override }, platform: 'win32' }),
    ).toBe(join(override, 'electron.exe'));
    expect(
      findElectronBinary({ root, env: { ELECTRON_OVERRIDE_DIST_PATH: override }, platform: 'linux' }),
    ).toBeNull();
  });
});

describe('needsBuild', () => {
  it('is true when the output is missing or older than a source, false otherwise', () => {
    const root = temp();
    const src = join(root, 'src');
    mkdirSync(join(src, 'deep'), { recursive: true });
    writeFileSync(join(src, 'deep', 'a.ts'), '');
    const out = join(root, 'out.html');
    expect(needsBuild(out, [src])).toBe(true);
    writeFileSync(out, '');
    utimesSync(join(src, 'deep', 'a.ts'), new Date(1000), new Date(1000));
    expect(needsBuild(out, [src])).toBe(false);
    utimesSync(join(src, 'deep', 'a.ts'), new Date(), new Date(Date.now() + 60_000));
    expect(needsBuild(out, [src])).toBe(true);
  });

  it('ignores test files', () => {
    const root = temp();
    writeFileSync(join(root, 'out.html'), '');
    writeFileSync(join(root, 'x.test.ts'), '');
    utimesSync(join(root, 'x.test.ts'), new Date(), new Date(Date.now() + 60_000));
    expect(needsBuild(join(root, 'out.html'), [root])).toBe(false);
  });
});

describe('start arguments', () => {
  it('keeps its own flags and passes the rest to the host', () => {
    expect(parseStartArgs(['--browser', '--no-open', '--data-dir', '/d', '--port=4000'], {})).toEqual({
      browser: true,
      open: false,
      build: true,
      rest: ['--data-dir', '/d', '--port', '4000'],
    });
    expect(parseStartArgs([], { WEBCARE_BROWSER_MODE: '1' })).toMatchObject({ browser: true, open: true });
    expect(parseStartArgs(['--no-build'], { CI: 'true' })).toMatchObject({ build: false, open: false });
  });
});

describe('browserOpenCommand', () => {
  it('uses the platform opener and skips Linux without a display', () => {
    expect(browserOpenCommand('darwin', {})).toEqual({ command: 'open', args: [] });
    expect(browserOpenCommand('win32', {})?.command).toBe('cmd');
    expect(browserOpenCommand('linux', { DISPLAY: ':0' })).toEqual({ command: 'xdg-open', args: [] });
    expect(browserOpenCommand('linux', {})).toBeNull();
  });
});
