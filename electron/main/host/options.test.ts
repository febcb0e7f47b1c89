import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:net';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseCliArgs } from './cli.ts';
import { defaultDataDir, resolveDataDir } from './data-dir.ts';
import { listenForDataDir, rememberedPort, rememberPort } from './port.ts';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'webcare-port-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
function occupy(): Promise<{ port: number; server: Server }> {
  const server = createNetServer();
  cleanups.push(() => new Promise((resolve) => server.close(resolve)));
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ port: (server.address() as { port: number }).port, server }),
    ),
  );
}

describe('data folder', () => {
  it('follows each OS convention', () => {
    expect(defaultDataDir('linux', {}, '/home/ann')).toBe('/home/ann/.config/Webcare');
    expect(defaultDataDir('linux', { XDG_CONFIG_HOME: '/x' }, '/home/ann')).toBe('/x/Webcare');
    expect(defaultDataDir('darwin', {}, '/Users/ann')).toBe('/Users/ann/Library/Application Support/Webcare');
    expect(defaultDataDir('win32', { APPDATA: 'C:/Users/ann/AppData/Roaming' }, 'C:/Users/ann')).toMatch(
      /Roaming[\\/]Webcare$/,
    );
  });
  it('prefers --data-dir, then WEBCARE_DATA_DIR', () => {
    expect(resolveDataDir('/flag', { WEBCARE_DATA_DIR: '/env' })).toBe('/flag');
    expect(resolveDataDir(undefined, { WEBCARE_DATA_DIR: '/env' })).toBe('/env');
  });
});

describe('cli arguments', () => {
  it('parses the documented flags', () => {
    const options = parseCliArgs(
      ['--data-dir', '/tmp/d', '--port', '0', '--renderer-dir', '/tmp/r', '--open'],
      {},
    );
    expect(options).toMatchObject({
      dataDir: '/tmp/d',
      port: 0,
      rendererDir: '/tmp/r',
      open: true,
      dev: false,
    });
    expect(parseCliArgs([], { WEBCARE_DATA_DIR: '/tmp/e' })).not.toHaveProperty('port');
  });
  it('rejects a bad port and unknown flags', () => {
    expect(() => parseCliArgs(['--port', 'http'], {})).toThrow(/--port/);
    expect(() => parseCliArgs(['--port', '70000'], {})).toThrow(/--port/);
    expect(() => parseCliArgs(['--host', '0.0.0.0'], {})).toThrow();
  });
});

describe('stable port per data folder', () => {
  it('remembers a port in the data folder and ignores garbage', () => {
    const dir = tempDir();
    expect(rememberedPort(dir)).toBeNull();
    rememberPort(dir, 47999);
    expect(rememberedPort(dir)).toBe(47999);
    rememberPort(dir, -1);
    expect(rememberedPort(dir)).toBeNull();
  });

  it('reuses the remembered port and falls back to a free one when it is taken', async () => {
    const dir = tempDir();
    const busy = await occupy();
    rememberPort(dir, busy.port);
    const server = createServer();
    cleanups.push(() => new Promise((resolve) => server.close(resolve)));
    const result = await listenForDataDir(server, dir, undefined);
    expect(result.fellBackFrom).toBe(busy.port);
    expect(result.port).not.toBe(busy.port);
    expect(rememberedPort(dir)).toBe(result.port);
    expect(server.address()).toMatchObject({ address: '127.0.0.1' });
  });

  it('fails on an explicit port that is taken instead of silently moving', async () => {
    const busy = await occupy();
    const server = createServer();
    await expect(listenForDataDir(server, tempDir(), busy.port)).rejects.toMatchObject({
      code: 'EADDRINUSE',
    });
  });
});
