import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Builds dist/electron with the real script, then runs the bundled main.cjs under plain Node
// with a stand-in for the `electron` module (the real one needs the binary), to prove the
// shipped bundle starts, creates a secure window and answers IPC only from its own frame.
const root = join(import.meta.dirname, '..');
const temp = mkdtempSync(join(tmpdir(), 'webcare-bundle-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const STUB = `
const calls = { windows: [], handlers: {}, menus: 0, schemes: [], paths: {} };
class BrowserWindow {
  constructor(options) {
    this.options = options;
    this.webContents = { mainFrame: { url: 'app://webcare/index.html', parent: null }, send() {}, setWindowOpenHandler(h) { this.openHandler = h; }, on() {} };
    calls.windows.push(this);
  }
  static getAllWindows() { return calls.windows; }
  loadURL(url) { this.url = url; return Promise.resolve(); }
  once() {} on() {} show() {}
}
const noop = () => {};
module.exports = {
  app: {
    setName: noop, enableSandbox: () => (calls.sandbox = true), setPath: (k, v) => (calls.paths[k] = v), getPath: (k) => calls.paths[k],
    requestSingleInstanceLock: () => true, whenReady: () => Promise.resolve(), getSystemLocale: () => 'nl-NL', getVersion: () => '9.9.9',
    isPackaged: true, getAppPath: () => ${JSON.stringify(root)}, on: noop, quit: noop, exit: (code) => { throw new Error('exit ' + code); },
  },
  protocol: { registerSchemesAsPrivileged: (s) => calls.schemes.push(...s), handle: (scheme) => (calls.protocol = scheme) },
  session: { defaultSession: { setPermissionRequestHandler: noop, setPermissionCheckHandler: noop, webRequest: { onHeadersReceived: noop } } },
  BrowserWindow,
  Menu: { buildFromTemplate: (t) => ({ t }), setApplicationMenu: (m) => { calls.menus++; calls.menuLabels = m.t.map((i) => i.label); } },
  ipcMain: { handle: (channel, fn) => (calls.handlers[channel] = fn), on: noop },
  shell: { openExternal: () => Promise.resolve() },
  Notification: class { static isSupported() { return false; } show() {} },
  net: { fetch: () => Promise.reject(new Error('no')) },
  // Reversible stand-in "encryption", so the test can tell ciphertext from the password.
  safeStorage: {
    isEncryptionAvailable: () => true,
    getSelectedStorageBackend: () => 'gnome_libsecret',
    encryptString: (s) => Buffer.from(s, 'utf8').map((b) => b ^ 0x5a),
    decryptString: (b) => Buffer.from(b).map((x) => x ^ 0x5a).toString('utf8'),
  },
};
// Wait for the app to open its window (start-up opens the data folder's services first).
const whenWindow = () => new Promise((resolve) => {
  const check = () => (calls.windows[0] ? resolve(calls.windows[0]) : setTimeout(check, 25));
  check();
});
setTimeout(async () => {
  const win = await whenWindow();
  const invoke = calls.handlers['webcare:invoke'];
  const own = { sender: win.webContents, senderFrame: win.webContents.mainFrame };
  const foreign = { sender: win.webContents, senderFrame: { url: 'https://evil.example/', parent: win.webContents.mainFrame } };
  const result = {
    sandbox: calls.sandbox, schemes: calls.schemes, protocol: calls.protocol, userData: calls.paths.userData,
    url: win.url, webPreferences: win.options.webPreferences, menus: calls.menus, menuLabels: calls.menuLabels,
    info: await invoke(own, 'app:get-info'), foreign: await invoke(foreign, 'settings:get'),
    bad: await invoke(own, 'settings:update', { language: 'fr' }),
    windowOpen: win.webContents.openHandler({ url: 'https://example.com' }),
    accounts: await invoke(own, 'accounts:list'),
    added: await invoke(own, 'accounts:add', {
      name: 'Klantenservice',
      config: { connector: 'email', settings: {
        address: 'team@example.nl',
        imap: { host: '127.0.0.1', port: 9, tls: 'none', user: 'team@example.nl' },
        smtp: { host: '127.0.0.1', port: 9, tls: 'none', user: 'team@example.nl' },
      } },
      secrets: { connector: 'email', secrets: { password: 'stub-password-123' } },
    }),
  };
  const sent = [];
  win.webContents.send = (...args) => sent.push(args);
  result.update = await invoke(own, 'settings:update', { language: 'en' });
  result.menusAfterUpdate = calls.menus;
  result.menuLabelsAfterUpdate = calls.menuLabels;
  result.sent = sent;
  process.stdout.write('RESULT ' + JSON.stringify(result) + '\\n');
}, 300);
`;

const HOOK = (stub: string) => `
const Module = require('node:module');
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return request === 'electron' ? ${JSON.stringify(stub)} : resolve.call(this, request, ...rest);
};
`;

beforeAll(() => {
  execFileSync(process.execPath, ['scripts/build-electron.mjs'], { cwd: root, stdio: 'pipe' });
  writeFileSync(join(temp, 'electron-stub.cjs'), STUB);
  writeFileSync(join(temp, 'hook.cjs'), HOOK(join(temp, 'electron-stub.cjs')));
}, 60_000);

describe('scripts/build-electron.mjs', () => {
  it('bundles main and a self-contained CommonJS preload', () => {
    expect(existsSync(join(root, 'dist/electron/main.cjs'))).toBe(true);
    const preload = readFileSync(join(root, 'dist/electron/preload.cjs'), 'utf8');
    // A sandboxed preload may only require electron: everything else must be inlined.
    const requires = [...preload.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]);
    expect(new Set(requires)).toEqual(new Set(['electron']));
    expect(preload).toContain('exposeInMainWorld');
  });

  it('starts under an electron stand-in with a secure window and a guarded IPC', () => {
    const dataDir = join(temp, 'data');
    const run = spawnSync(
      process.execPath,
      ['-r', join(temp, 'hook.cjs'), 'dist/electron/main.cjs', '--data-dir', dataDir],
      { cwd: root, encoding: 'utf8', timeout: 20_000 },
    );
    const line = run.stdout.split('\n').find((l) => l.startsWith('RESULT '));
    expect(line, run.stderr).toBeDefined();
    const result = JSON.parse(line!.slice(7));
    expect(result.sandbox).toBe(true);
    expect(result.schemes[0]).toMatchObject({ scheme: 'app', privileges: { standard: true, secure: true } });
    expect(result.protocol).toBe('app');
    expect(result.userData).toBe(dataDir);
    expect(result.url).toBe('app://webcare/index.html');
    expect(result.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    });
    expect(result.webPreferences.preload).toBe(join(root, 'dist/electron/preload.cjs'));
    expect(result.menuLabels).toContain('Weergave');
    expect(result.info).toMatchObject({
      ok: true,
      value: { mode: 'electron', version: '9.9.9', osLocale: 'nl-NL', dataDir },
    });
    expect(result.foreign).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(result.bad).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    expect(result.windowOpen).toEqual({ action: 'deny' });
    // Changing the language rebuilds the menu and tells every window.
    expect(result.update).toMatchObject({ ok: true, value: { language: 'en' } });
    expect(result.menusAfterUpdate).toBe(result.menus + 1);
    expect(result.menuLabelsAfterUpdate).toContain('View');
    expect(result.sent).toEqual([
      ['webcare:event', 'settings:changed', expect.objectContaining({ language: 'en' })],
    ]);
    expect(existsSync(join(dataDir, 'settings.json'))).toBe(true);
    // Accounts run in the bundle too; credentials go to safeStorage, never in clear.
    expect(result.accounts).toEqual({ ok: true, value: [] });
    expect(result.added).toMatchObject({ ok: true, value: { connector: 'email', hasSecrets: true } });
    expect(JSON.stringify(result.added)).not.toContain('stub-password-123');
    const vault = readFileSync(join(dataDir, 'secrets.safe.json'), 'utf8');
    expect(vault).not.toContain('stub-password-123');
    expect(readFileSync(join(dataDir, 'accounts.json'), 'utf8')).toContain('team@example.nl');
  });
});
