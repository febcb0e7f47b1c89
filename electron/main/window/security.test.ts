import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Session, WebContents } from 'electron';
import { ELECTRON_CONTENT_SECURITY_POLICY } from '../host/csp.ts';
import { FakeBrowserWindow, FakeWebContents, fakeApp } from './electron-double.ts';
import type { createElectronDouble } from './electron-double.ts';

vi.mock('electron', async () => (await import('./electron-double.ts')).createElectronDouble());
// electron-store requires the real `electron` from node_modules, which vi.mock cannot reach.
vi.mock('electron-store', () => ({ default: class {} }));

const electron = (await import('electron')) as unknown as ReturnType<typeof createElectronDouble>;
const { createMainWindow, installMenu, openExternalSafely, sendCommand, startElectronApp } =
  await import('../electron-app.ts');
const { APP_ENTRY_URL, hardenSession, installWebContentsGuard, isTrustedFrame, secureWindowOptions } =
  await import('./security.ts');

beforeEach(() => {
  vi.clearAllMocks();
  FakeBrowserWindow.instances.length = 0;
  fakeApp.reset();
});

describe('secure window options', () => {
  it('isolates and sandboxes the renderer and sets the preload', () => {
    const prefs = secureWindowOptions('/app/dist/electron/preload.cjs').webPreferences!;
    expect(prefs).toMatchObject({
      preload: '/app/dist/electron/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('creates the main window with those options and loads the app entry', () => {
    const window = createMainWindow('/p.cjs') as unknown as FakeBrowserWindow;
    expect(window.options).toEqual(secureWindowOptions('/p.cjs'));
    expect(window.loadURL).toHaveBeenCalledWith(APP_ENTRY_URL);
  });
});

describe('hardened web contents', () => {
  const contents = () => (createMainWindow('/p.cjs') as unknown as FakeBrowserWindow).webContents;

  it('denies window.open and hands https links to the OS browser', () => {
    const wc = contents();
    expect(wc.windowOpenHandler!({ url: 'https://www.example.nl/' })).toEqual({ action: 'deny' });
    expect(electron.shell.openExternal).toHaveBeenCalledWith('https://www.example.nl/');
  });

  it('denies window.open for other schemes without opening anything', () => {
    const wc = contents();
    for (const url of [
      'file:///etc/passwd',
      'http://example.com',
      'javascript:alert(1)',
      'app://webcare/index.html',
    ]) {
      expect(wc.windowOpenHandler!({ url })).toEqual({ action: 'deny' });
    }
    expect(electron.shell.openExternal).not.toHaveBeenCalled();
  });

  it('blocks navigation and redirects to foreign origins but allows the app', () => {
    const wc: FakeWebContents = contents();
    expect(wc.emitPreventable('will-navigate', 'https://evil.example/')).toBe(true);
    expect(wc.emitPreventable('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(wc.emitPreventable('will-redirect', 'http://127.0.0.1:8080/')).toBe(true);
    expect(wc.emitPreventable('will-navigate', 'app://webcare.evil/')).toBe(true);
    expect(wc.emitPreventable('will-navigate', 'app://webcare/index.html#/resolved')).toBe(false);
    expect(wc.emitPreventable('will-attach-webview')).toBe(true);
  });
});

describe('global web-contents guard', () => {
  const created = () => {
    const contents = new FakeWebContents();
    fakeApp.emit('web-contents-created', {}, contents);
    return contents;
  };

  it('hardens every web contents the app creates, not only the main window', () => {
    installWebContentsGuard(fakeApp as never, openExternalSafely);
    // e.g. a second window, a devtools host or a web contents a dependency opens.
    const other = created();
    expect(other.windowOpenHandler!({ url: 'https://www.example.nl/' })).toEqual({ action: 'deny' });
    expect(electron.shell.openExternal).toHaveBeenCalledExactlyOnceWith('https://www.example.nl/');
    expect(other.windowOpenHandler!({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(other.emitPreventable('will-navigate', 'https://evil.example/')).toBe(true);
    expect(other.emitPreventable('will-redirect', 'http://127.0.0.1:47800/')).toBe(true);
    expect(other.emitPreventable('will-navigate', 'app://webcare/index.html')).toBe(false);
    expect(other.emitPreventable('will-attach-webview', {}, {})).toBe(true);
  });

  it('leaves an unguarded web contents alone when the guard is not installed (the test can fail)', () => {
    const other = created();
    expect(other.windowOpenHandler).toBeUndefined();
    expect(other.emitPreventable('will-navigate', 'https://evil.example/')).toBe(false);
  });

  it('does not double the handlers of the main window, which it also hardens', () => {
    installWebContentsGuard(fakeApp as never, openExternalSafely);
    const window = createMainWindow('/p.cjs') as unknown as FakeBrowserWindow;
    expect(window.webContents.listeners.get('will-navigate')).toHaveLength(1);
    window.webContents.emitPreventable('will-navigate', 'https://www.example.nl/help');
    expect(electron.shell.openExternal).toHaveBeenCalledTimes(1);
  });

  it('is installed by startElectronApp before the app is ready, so before any window exists', () => {
    void startElectronApp({ appRoot: '/app', dataDir: '/data' });
    expect(fakeApp.whenReady).toHaveBeenCalledOnce();
    expect(fakeApp.listeners.get('web-contents-created')).toHaveLength(1);
    expect(FakeBrowserWindow.instances).toHaveLength(0);
    const other = created();
    expect(other.emitPreventable('will-navigate', 'https://evil.example/')).toBe(true);
  });
});

describe('IPC sender check', () => {
  it('trusts only the main frame showing the app origin', () => {
    const main = { url: 'app://webcare/index.html', parent: null };
    expect(isTrustedFrame(main, main)).toBe(true);
    expect(isTrustedFrame({ url: 'app://webcare/index.html', parent: main }, main)).toBe(false);
    const navigated = { url: 'https://evil.example/', parent: null };
    expect(isTrustedFrame(navigated, navigated)).toBe(false);
    expect(isTrustedFrame(null, main)).toBe(false);
  });
});

describe('session hardening', () => {
  function fakeSession() {
    const handlers: Record<string, (...args: never[]) => unknown> = {};
    const session = {
      setPermissionRequestHandler: (h: never) => (handlers.request = h),
      setPermissionCheckHandler: (h: never) => (handlers.check = h),
      webRequest: { onHeadersReceived: (h: never) => (handlers.headers = h) },
    };
    hardenSession(session as unknown as Session);
    return handlers as Record<string, (...args: unknown[]) => unknown>;
  }

  it('grants notifications to the app and denies every other permission', () => {
    const h = fakeSession();
    const answer = (permission: string, requestingUrl = 'app://webcare/index.html') => {
      let granted: boolean | undefined;
      h.request!(null, permission, (value: boolean) => (granted = value), { requestingUrl });
      return granted;
    };
    expect(answer('notifications')).toBe(true);
    expect(answer('notifications', 'https://evil.example/')).toBe(false);
    for (const permission of ['media', 'geolocation', 'clipboard-read', 'openExternal', 'midi'])
      expect(answer(permission)).toBe(false);
    expect(h.check!(null, 'notifications', 'app://webcare')).toBe(true);
    expect(h.check!(null, 'media', 'app://webcare')).toBe(false);
  });

  it('adds the CSP to app responses', () => {
    const h = fakeSession();
    let headers: Record<string, string[]> = {};
    h.headers!(
      { url: 'app://webcare/index.html', responseHeaders: {} },
      (result: { responseHeaders: Record<string, string[]> }) => (headers = result.responseHeaders),
    );
    expect(headers['Content-Security-Policy']).toEqual([ELECTRON_CONTENT_SECURITY_POLICY]);
    expect(ELECTRON_CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval/);
    expect(ELECTRON_CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
  });

  it('gives the Electron window no network origin to connect to: IPC needs none', () => {
    expect(ELECTRON_CONTENT_SECURITY_POLICY).toContain("connect-src 'self';");
    expect(ELECTRON_CONTENT_SECURITY_POLICY).not.toMatch(/ws:|wss:|127\.0\.0\.1|localhost|\*/);
    expect(ELECTRON_CONTENT_SECURITY_POLICY.split('; ')).toEqual([
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data:",
      "connect-src 'self'",
      "object-src 'none'",
      "base-uri 'none'",
      "frame-ancestors 'none'",
      "form-action 'self'",
    ]);
  });
});

describe('application menu', () => {
  type Item = {
    label?: string;
    id?: string;
    submenu?: Item[];
    click?: () => void;
    checked?: boolean;
    role?: string;
  };
  const labels = (items: Item[]) => items.map((item) => item.label);
  const built = () => electron.Menu.buildFromTemplate.mock.calls.at(-1)![0] as Item[];
  const find = (items: Item[], id: string): Item | undefined => {
    for (const item of items) {
      if (item.id === id) return item;
      const inner = item.submenu && find(item.submenu, id);
      if (inner) return inner;
    }
    return undefined;
  };

  it('is built in Dutch', () => {
    installMenu('nl', () => undefined);
    expect(labels(built())).toEqual(
      expect.arrayContaining(['Bestand', 'Bewerken', 'Weergave', 'Gesprek', 'Taal', 'Venster', 'Help']),
    );
    expect(find(built(), 'conversation.resolve')!.label).toBe('Afhandelen');
    expect(find(built(), 'language.nl')!.checked).toBe(true);
    expect(electron.Menu.setApplicationMenu).toHaveBeenCalledOnce();
  });

  it('is built in English', () => {
    installMenu('en', () => undefined);
    expect(labels(built())).toEqual(
      expect.arrayContaining(['File', 'Edit', 'View', 'Conversation', 'Language', 'Window', 'Help']),
    );
    expect(find(built(), 'view.resolved')!.label).toBe('Resolved');
    expect(find(built(), 'language.en')!.checked).toBe(true);
  });

  it('sends app:run-command with the item command id', () => {
    const run = vi.fn();
    installMenu('en', run);
    find(built(), 'view.resolved')!.click!();
    find(built(), 'palette.open')!.click!();
    expect(run.mock.calls).toEqual([['view.resolved'], ['palette.open']]);
    const wc = { send: vi.fn() };
    sendCommand(wc as unknown as WebContents, 'conversation.snooze');
    expect(wc.send).toHaveBeenCalledWith('webcare:event', 'app:run-command', {
      commandId: 'conversation.snooze',
    });
  });
});
