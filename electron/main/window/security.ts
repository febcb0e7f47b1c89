import type { BrowserWindowConstructorOptions, Session, WebContents } from 'electron';
import { ELECTRON_CONTENT_SECURITY_POLICY } from '../host/csp.ts';
import { isAllowedExternalUrl } from '../services/open-external.ts';

/** The renderer is served from this privileged custom scheme, so it has a real origin. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'webcare';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** BrowserWindow options; do not weaken without review (STYLE.md §3). */
export function secureWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 820,
    minWidth: 800,
    minHeight: 520,
    show: false,
    title: 'Webcare',
    backgroundColor: '#1f2328',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: true,
      // The renderer is the inbox's single writer (sync, delivery): hidden to the tray it must
      // keep its timers running (electron/main/window/lifecycle.ts).
      backgroundThrottling: false,
    },
  };
}

export function isAppUrl(raw: string, appOrigin = APP_ORIGIN): boolean {
  try {
    return new URL(raw).origin === appOrigin || raw.startsWith(`${appOrigin}/`);
  } catch {
    return false;
  }
}

/**
 * The only trusted IPC sender: the window's own main frame showing the app origin. Subframes
 * (an embedded page) and navigated-away frames are refused.
 */
export function isTrustedFrame(
  frame: { url: string; parent: unknown } | null | undefined,
  mainFrame: unknown,
  appOrigin = APP_ORIGIN,
): boolean {
  if (!frame || frame !== mainFrame || frame.parent) return false;
  return isAppUrl(frame.url, appOrigin);
}

type Opener = (url: string) => Promise<unknown>;

const hardened = new WeakSet<WebContents>();

/**
 * Locks a web contents down: no new windows (https links go to the OS browser through the
 * allowlist instead), no navigation away from the app, no webviews. Idempotent: the global
 * guard and createMainWindow may both call it without doubling the handlers (a link would
 * otherwise open twice).
 */
export function hardenWebContents(contents: WebContents, openExternal: Opener, appOrigin = APP_ORIGIN): void {
  if (hardened.has(contents)) return;
  hardened.add(contents);
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url)) void openExternal(url).catch(() => undefined);
    return { action: 'deny' };
  });
  const blockForeign = (event: { preventDefault(): void }, url: string) => {
    if (isAppUrl(url, appOrigin)) return;
    event.preventDefault();
    if (isAllowedExternalUrl(url)) void openExternal(url).catch(() => undefined);
  };
  contents.on('will-navigate', blockForeign);
  contents.on('will-redirect', blockForeign);
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** The part of Electron's `app` the guard needs (the real one, or the test double). */
export interface WebContentsCreatedSource {
  on(event: 'web-contents-created', listener: (event: unknown, contents: WebContents) => void): unknown;
}

/**
 * Hardens EVERY web contents the app ever creates (windows, devtools, anything a future
 * feature or a dependency opens), not only the main window: registered before the first
 * window, so nothing is created unguarded.
 */
export function installWebContentsGuard(
  app: WebContentsCreatedSource,
  openExternal: Opener,
  appOrigin = APP_ORIGIN,
): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, openExternal, appOrigin));
}

/** Only notifications may be granted; camera, geolocation, clipboard-read etc. are denied. */
export const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['notifications']);

export function hardenSession(session: Session, appOrigin = APP_ORIGIN): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(ALLOWED_PERMISSIONS.has(permission) && isAppUrl(details.requestingUrl, appOrigin));
  });
  session.setPermissionCheckHandler(
    (_contents, permission, requestingOrigin) =>
      ALLOWED_PERMISSIONS.has(permission) && requestingOrigin === appOrigin,
  );
  session.webRequest.onHeadersReceived((details, callback) => {
    const headers = { ...details.responseHeaders };
    if (isAppUrl(details.url, appOrigin) || details.url.startsWith('file:'))
      headers['Content-Security-Policy'] = [ELECTRON_CONTENT_SECURITY_POLICY];
    callback({ responseHeaders: headers });
  });
}
