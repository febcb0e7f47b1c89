import {
  BrowserWindow,
  Menu,
  Notification,
  Tray,
  app,
  ipcMain,
  nativeImage,
  net,
  protocol,
  safeStorage,
  session,
  shell,
} from 'electron';
import type { IpcMainInvokeEvent, WebContents } from 'electron';
import Store from 'electron-store';
import { renameSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { resolveLanguage } from '../../shared/settings/schema.ts';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from './ipc/electron-channels.ts';
import { createIpcRouter } from './ipc/handle.ts';
import { registerCoreHandlers } from './ipc/services.ts';
import { registerBackupHandlers } from './ipc/backups.ts';
import { createBackupService } from './services/backups.ts';
import { buildAppInfo, detectOsLocale } from './services/app-info.ts';
import { openChannelServices } from './services/channel-services.ts';
import { createEventBus } from './services/events.ts';
import {
  createEncryptedFileSecretStore,
  createSafeStorageSecretStore,
  keyFileSource,
} from './services/secrets.ts';
import type { SecretStore } from './services/secrets.ts';
import { createOpenExternal, isAllowedExternalUrl } from './services/open-external.ts';
import { SETTINGS_STORE_OPTIONS, createSettingsService } from './services/settings.ts';
import type { SettingsStoreLike } from './services/settings.ts';
import { ELECTRON_CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from './host/csp.ts';
import { contentTypeFor, resolveStaticPath } from './host/static.ts';
import { buildMenuTemplate, menuText } from './menu/menu-template.ts';
import { QUIT_DRAIN_MS, closeAction, drainForQuit, trayMenuTemplate } from './window/lifecycle.ts';
import type { MenuCommandId } from './menu/menu-template.ts';
import {
  APP_ENTRY_URL,
  APP_HOST,
  APP_SCHEME,
  hardenSession,
  hardenWebContents,
  installWebContentsGuard,
  isTrustedFrame,
  secureWindowOptions,
} from './window/security.ts';

/** Must run before `app.ready`: gives the renderer a standard, secure origin (app://webcare). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
    },
  ]);
}

/** Serves dist/renderer under app://webcare with the CSP on every response. */
export function serveRenderer(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const file = url.host === APP_HOST ? resolveStaticPath(rendererDir, url.pathname) : null;
    if (!file) return new Response('Not found', { status: 404 });
    const response = await net.fetch(pathToFileURL(file).toString());
    if (!response.ok) return new Response('Not found', { status: 404 });
    return new Response(response.body, {
      status: 200,
      headers: {
        'Content-Type': contentTypeFor(file),
        'Content-Security-Policy': ELECTRON_CONTENT_SECURITY_POLICY,
        ...SECURITY_HEADERS,
      },
    });
  });
}

export const openExternalSafely = (url: string): Promise<void> =>
  isAllowedExternalUrl(url) ? shell.openExternal(url) : Promise.resolve();

/** A hardened main window showing the app; visible once its first paint is ready. */
export function createMainWindow(preloadPath: string): BrowserWindow {
  const window = new BrowserWindow(secureWindowOptions(preloadPath));
  hardenWebContents(window.webContents, openExternalSafely);
  window.once('ready-to-show', () => window.show());
  void window.loadURL(APP_ENTRY_URL);
  return window;
}

export function sendCommand(contents: WebContents, commandId: MenuCommandId): void {
  contents.send(IPC_EVENT_CHANNEL, 'app:run-command', { commandId });
}

/** Builds and installs the application menu in the given language. */
export function installMenu(language: 'nl' | 'en', runCommand: (commandId: MenuCommandId) => void): Menu {
  const menu = Menu.buildFromTemplate(
    buildMenuTemplate({ language, platform: process.platform, isDev: !app.isPackaged, runCommand }),
  );
  Menu.setApplicationMenu(menu);
  return menu;
}

function openElectronSettingsStore(dataDir: string): SettingsStoreLike {
  const open = () =>
    new Store<Record<string, unknown>>({
      schema: SETTINGS_STORE_OPTIONS.schema,
      name: SETTINGS_STORE_OPTIONS.configName,
      cwd: dataDir,
      clearInvalidConfig: false,
    });
  try {
    const store = open();
    void store.store;
    return store;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (!(error instanceof SyntaxError) && !reason.startsWith('Config schema violation')) throw error;
    const path = join(dataDir, 'settings.json');
    renameSync(path, `${path}.broken-${Date.now()}`);
    return open();
  }
}

/**
 * safeStorage where it really encrypts. On Linux without a keyring Electron falls back to
 * `basic_text` (a fixed key); then the encrypted vault with a 0600 key file is at least as good.
 */
function openElectronSecretStore(dataDir: string): SecretStore {
  const backend = process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : 'os';
  if (safeStorage.isEncryptionAvailable() && backend !== 'basic_text' && backend !== 'unknown')
    return createSafeStorageSecretStore(dataDir, safeStorage);
  return createEncryptedFileSecretStore(dataDir, keyFileSource(dataDir), (line) => console.log(line));
}

export interface ElectronAppOptions {
  /** Folder of package.json (app.getAppPath()), holding dist/. */
  appRoot: string;
  dataDir: string;
}

/** Wires the services to Electron once the app is ready. */
export async function startElectronApp(options: ElectronAppOptions): Promise<void> {
  installWebContentsGuard(app, openExternalSafely);
  await app.whenReady();
  hardenSession(session.defaultSession);
  serveRenderer(join(options.appRoot, 'dist', 'renderer'));

  const osLocale = (() => {
    try {
      return app.getSystemLocale() || detectOsLocale();
    } catch {
      return detectOsLocale();
    }
  })();
  const settings = createSettingsService(openElectronSettingsStore(options.dataDir));
  const events = createEventBus();
  const accounts = await openChannelServices({
    dataDir: options.dataDir,
    secrets: openElectronSecretStore(options.dataDir),
    events,
    log: (line) => console.log(line),
  });
  let mainWindow: BrowserWindow | null = null;
  // Quit drains first (lifecycle.ts): no new sends, the one under way finishes, then quit.
  let quitState: 'running' | 'draining' | 'done' = 'running';
  app.on('before-quit', (event) => {
    if (quitState === 'done') return;
    event.preventDefault();
    if (quitState === 'draining') return;
    quitState = 'draining';
    void drainForQuit(() => accounts.close(), QUIT_DRAIN_MS).then((inTime) => {
      if (!inTime)
        console.log('[webcare] quit: a send was still under way; the journal decides it on the next start');
      quitState = 'done';
      app.quit();
    });
  });
  const router = createIpcRouter<IpcMainInvokeEvent>({
    isTrustedSender: (event) =>
      mainWindow !== null &&
      event.sender === mainWindow.webContents &&
      isTrustedFrame(event.senderFrame, mainWindow.webContents.mainFrame),
  });
  registerCoreHandlers(router, {
    appInfo: () =>
      buildAppInfo({ version: app.getVersion(), mode: 'electron', dataDir: options.dataDir, osLocale }),
    settings,
    openExternal: createOpenExternal((url) => shell.openExternal(url)),
    notify: ({ title, body }) => {
      if (!Notification.isSupported()) return { shown: false };
      new Notification({ title, body }).show();
      return { shown: true };
    },
    events,
    accounts,
  });
  registerBackupHandlers(router, createBackupService(options.dataDir));
  ipcMain.handle(IPC_INVOKE_CHANNEL, (event, channel: unknown, arg: unknown) =>
    router.dispatch(channel, arg, event),
  );
  events.subscribe((event, payload) => {
    for (const window of BrowserWindow.getAllWindows())
      window.webContents.send(IPC_EVENT_CHANNEL, event, payload);
  });

  const runCommand = (commandId: MenuCommandId) => {
    if (mainWindow) sendCommand(mainWindow.webContents, commandId);
  };
  const applyMenu = () => installMenu(resolveLanguage(settings.get().language, osLocale), runCommand);
  applyMenu();
  settings.onChange(applyMenu);

  const preloadPath = join(options.appRoot, 'dist', 'electron', 'preload.cjs');
  // The tray: shown while the window is hidden with accounts still working.
  let tray: Tray | null = null;
  const language = () => resolveLanguage(settings.get().language, osLocale);
  const showTray = () => {
    if (tray) return;
    const iconPath = app.isPackaged
      ? join(process.resourcesPath, 'tray.png')
      : join(options.appRoot, 'build', 'icon.png');
    tray = new Tray(nativeImage.createFromPath(iconPath).resize({ width: 16, height: 16 }));
    tray.setToolTip(menuText(language(), 'tray.tooltip'));
    tray.setContextMenu(
      Menu.buildFromTemplate(trayMenuTemplate(language(), { open: () => reveal(), quit: () => app.quit() })),
    );
    tray.on('click', () => reveal());
  };
  const reveal = () => {
    if (!mainWindow) return open();
    mainWindow.show();
    mainWindow.focus();
  };
  const open = () => {
    const window = createMainWindow(preloadPath);
    mainWindow = window;
    window.on('close', (event) => {
      const action = closeAction({
        quitting: quitState !== 'running',
        closeToTray: settings.get().closeToTray,
        activeAccounts: accounts.list().filter((a) => !a.paused).length,
      });
      if (action !== 'hide-to-tray') return;
      event.preventDefault();
      showTray();
      window.hide();
    });
    window.on('closed', () => (mainWindow = null));
  };
  open();
  app.on('second-instance', () => {
    if (!mainWindow) return open();
    if (mainWindow.isMinimized()) mainWindow.restore();
    reveal();
  });
  app.on('activate', () => reveal());
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}
