import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const temp = mkdtempSync(join(tmpdir(), 'webcare-link-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('postinstall link of the webcare command', () => {
  it('links node_modules/.bin/webcare to bin/webcare.mjs, idempotently, and runs it', () => {
    mkdirSync(join(temp, 'bin'));
    writeFileSync(
      join(temp, 'bin', 'webcare.mjs'),
      '#!/usr/bin/env node\nconsole.log("ran " + process.argv[2]);\n',
    );
    for (let i = 0; i < 2; i++) {
      const r = spawnSync(process.execPath, [join(root, 'scripts', 'link-bin.mjs'), temp], {
        encoding: 'utf8',
      });
      expect(r.status).toBe(0);
      expect(r.stderr).toBe('');
    }
    const link = join(temp, 'node_modules', '.bin', 'webcare');
    expect(realpathSync(link)).toBe(realpathSync(join(temp, 'bin', 'webcare.mjs')));
    const run = spawnSync(link, ['score'], { encoding: 'utf8' });
    expect(run.stdout.trim()).toBe('ran score');
  });

  it('warns instead of failing the install when it cannot link', () => {
    const r = spawnSync(process.execPath, [join(root, 'scripts', 'link-bin.mjs'), join(temp, 'missing')], {
      encoding: 'utf8',
    });
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/could not link/);
  });

  it('is the install hook, and the project declares no "bin" (npm exec would install itself first)', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      bin?: unknown;
      scripts: Record<string, string>;
    };
    expect(pkg.bin).toBeUndefined();
    expect(pkg.scripts.postinstall).toBe('node scripts/link-bin.mjs');
    expect(existsSync(join(root, 'bin', 'webcare.mjs'))).toBe(true);
  });
});
