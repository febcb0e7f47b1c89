import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findElectronBinary } from '../electron/main/launch/electron-binary.ts';

const root = join(import.meta.dirname, '..');
const temp = mkdtempSync(join(tmpdir(), 'webcare-start-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

function status(url: string): Promise<number> {
  return new Promise((resolve, reject) =>
    request(url, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    })
      .on('error', reject)
      .end(),
  );
}

describe('npm start without an Electron binary', () => {
  it('says so in one line, then serves browser mode on 127.0.0.1 behind the token', async () => {
    const rendererDir = join(temp, 'renderer');
    mkdirSync(rendererDir);
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>t</title>');
    // An empty override folder hides any installed Electron, so this runs the same everywhere.
    const env = { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: join(temp, 'no-electron') };
    expect(findElectronBinary({ root, env })).toBeNull();
    const child = spawn(
      process.execPath,
      [
        'scripts/start.mjs',
        '--no-build',
        '--no-open',
        '--data-dir',
        join(temp, 'data'),
        '--port',
        '0',
        '--renderer-dir',
        rendererDir,
      ],
      {
        cwd: root,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    try {
      let output = '';
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.setEncoding('utf8');
        child.stdout.on('data', (chunk: string) => {
          output += chunk;
          const match = /Open Webcare: (\S+)/.exec(output);
          if (match) resolve(match[1]!);
        });
        child.on('exit', (code) => reject(new Error(`start exited with ${code}: ${output}`)));
      });
      const lines = output.trim().split('\n');
      expect(lines[0]).toBe('Electron binary not available on this machine; starting browser mode instead.');
      expect(lines.filter((line) => line.includes('Electron'))).toHaveLength(1);
      const parsed = new URL(url);
      expect(parsed.hostname).toBe('127.0.0.1');
      expect(parsed.searchParams.get('token')).toMatch(/^[\w-]{43}$/);
      expect(await status(`${parsed.origin}/`)).toBe(401);
      expect(await status(url)).toBe(302);
    } finally {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    }
  }, 20_000);
});
