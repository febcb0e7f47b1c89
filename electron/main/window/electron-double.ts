import { vi } from 'vitest';

/**
 * A test double for the parts of the `electron` module the main process uses. The real module
 * downloads a binary on first require, so tests never load it (`vi.mock('electron', ...)`).
 */
export type Listener = (...args: unknown[]) => void;

export class FakeWebContents {
  readonly listeners = new Map<string, Listener[]>();
  windowOpenHandler: ((details: { url: string }) => { action: string }) | undefined;
  readonly mainFrame = { url: 'app://webcare/index.html', parent: null };
  readonly send = vi.fn();
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.windowOpenHandler = handler;
  }
  on(event: string, listener: Listener) {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  /** Emits like Electron: returns whether a listener called preventDefault. */
  emitPreventable(event: string, ...args: unknown[]): boolean {
    let prevented = false;
    const evt = { preventDefault: () => (prevented = true) };
    for (const listener of this.listeners.get(event) ?? []) listener(evt, ...args);
    return prevented;
  }
}

/** Electron's `app` as far as main uses it: listeners and `emit`, like an EventEmitter. */
export class FakeApp {
  readonly listeners = new Map<string, Listener[]>();
  isPackaged = false;
  /** Never resolves unless a test replaces it: startElectronApp then stops at its first await. */
  whenReady = vi.fn(() => new Promise<void>(() => undefined));
  on(event: string, listener: Listener) {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  emit(event: string, ...args: unknown[]) {
    for (const listener of this.listeners.get(event) ?? []) listener(...args);
  }
  reset() {
    this.listeners.clear();
  }
}

/** One per test file (vi.mock gives each file its own module registry). */
export const fakeApp = new FakeApp();

export class FakeBrowserWindow {
  static readonly instances: FakeBrowserWindow[] = [];
  static getAllWindows = () => FakeBrowserWindow.instances;
  readonly webContents = new FakeWebContents();
  readonly loadURL = vi.fn(async () => undefined);
  readonly once = vi.fn();
  readonly on = vi.fn();
  readonly show = vi.fn();
  constructor(readonly options: Record<string, unknown>) {
    FakeBrowserWindow.instances.push(this);
    // Like Electron: every new web contents is announced on the app first.
    fakeApp.emit('web-contents-created', {}, this.webContents);
  }
}

export function createElectronDouble() {
  return {
    BrowserWindow: FakeBrowserWindow,
    Menu: {
      buildFromTemplate: vi.fn((template: unknown) => ({ template })),
      setApplicationMenu: vi.fn(),
    },
    shell: { openExternal: vi.fn(async () => undefined) },
    app: fakeApp,
    Notification: class {
      static isSupported = () => true;
      show = vi.fn();
    },
    ipcMain: { handle: vi.fn() },
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
    net: { fetch: vi.fn() },
    session: { defaultSession: {} },
  };
}
