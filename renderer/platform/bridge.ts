import { IpcCallError, IpcErrorCodeSchema } from '../../shared/ipc/contract.ts';
import type {
  IpcEventChannel,
  IpcEventPayload,
  IpcErrorCode,
  IpcResult,
  WebcareApi,
} from '../../shared/ipc/contract.ts';

/** Mirrors electron/main/ipc/electron-channels.ts: the preload's error message encoding. */
const ENCODED_ERROR = /^\[webcare:([a-z-]+)\] ([\s\S]*)$/;

/** Turns whatever a transport threw into an IpcCallError (kept if it already is one). */
export function toIpcCallError(error: unknown): IpcCallError {
  if (error instanceof IpcCallError) return error;
  const message = error instanceof Error ? error.message : String(error);
  // Electron prefixes errors that cross contextBridge/IPC ("Error invoking remote method ...").
  const match = ENCODED_ERROR.exec(message.replace(/^[^[]*(?=\[webcare:)/, ''));
  const code = IpcErrorCodeSchema.safeParse(match?.[1]);
  if (match && code.success) return new IpcCallError(code.data, match[2]!);
  return new IpcCallError('internal', message);
}

type Listener = (payload: unknown) => void;

/**
 * Whether the host still accepts this window's session cookie (browser mode). It keeps one
 * token per data folder, so a restart keeps the session; `unauthorized` means the token
 * changed underneath the open tab and only a reload (with the new URL) helps.
 */
export type HostSessionState = 'ok' | 'unauthorized';

/** Mirrors SESSION_PATH in electron/main/host/server.ts: 204 with a valid session, else 401. */
const SESSION_PATH = '/api/session';

export interface BrowserBridgeOptions {
  /** Defaults to the page's own origin. */
  baseUrl?: string;
  fetch?: typeof fetch;
  WebSocket?: typeof WebSocket;
  /** Delay before reconnecting the event socket, doubled per failure up to maxDelayMs. */
  minDelayMs?: number;
  maxDelayMs?: number;
  /** Browser fallbacks when the host answers `{opened|shown: false}`. */
  openWindow?: (url: string) => void;
  showNotification?: (title: string, body: string) => Promise<boolean>;
}

async function webNotification(title: string, body: string): Promise<boolean> {
  if (typeof Notification === 'undefined') return false;
  let permission = Notification.permission;
  if (permission === 'default') permission = await Notification.requestPermission();
  if (permission !== 'granted') return false;
  new Notification(title, { body });
  return true;
}

export interface BrowserBridge extends WebcareApi {
  /** Closes the event socket and stops reconnecting. */
  close(): void;
  /** True while the event socket is open. */
  readonly connected: boolean;
  readonly hostSession: HostSessionState;
  /** Called when {@link hostSession} changes (a call or the events socket met a 401). */
  onHostSession(listener: (state: HostSessionState) => void): () => void;
}

/**
 * `window.webcare` for browser mode: calls go to `POST /api/invoke` (the HttpOnly cookie set by
 * the host authenticates them), events arrive over the `/api/events` WebSocket, which
 * reconnects with backoff (e.g. while the host restarts).
 */
export function createBrowserBridge(options: BrowserBridgeOptions = {}): BrowserBridge {
  const base = options.baseUrl ?? window.location.origin;
  const doFetch = options.fetch ?? window.fetch.bind(window);
  const Socket = options.WebSocket ?? window.WebSocket;
  const minDelay = options.minDelayMs ?? 250;
  const maxDelay = options.maxDelayMs ?? 5000;
  const openWindow =
    options.openWindow ?? ((url: string) => void window.open(url, '_blank', 'noopener,noreferrer'));
  const showNotification = options.showNotification ?? webNotification;
  const listeners = new Map<string, Set<Listener>>();
  let socket: WebSocket | null = null;
  let delay = minDelay;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let closed = false;
  let connected = false;
  let hostSession: HostSessionState = 'ok';
  const sessionListeners = new Set<(state: HostSessionState) => void>();

  function setHostSession(next: HostSessionState): void {
    if (next === hostSession) return;
    hostSession = next;
    for (const listener of sessionListeners) listener(next);
  }

  /** A browser does not say why a WebSocket failed: ask the host whether it was our session. */
  async function probeSession(): Promise<void> {
    try {
      const response = await doFetch(new URL(SESSION_PATH, base).toString(), {
        credentials: 'same-origin',
        cache: 'no-store',
      });
      if (response.status === 401) setHostSession('unauthorized');
      else if (response.ok) setHostSession('ok');
    } catch {
      // The host is down (restarting): the socket keeps retrying and asks again.
    }
  }

  function connect(): void {
    if (closed || socket) return;
    const url = new URL('/api/events', base);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    const ws = new Socket(url.toString());
    socket = ws;
    let opened = false;
    ws.onopen = () => {
      opened = true;
      connected = true;
      delay = minDelay;
      setHostSession('ok');
    };
    ws.onmessage = (message: MessageEvent) => {
      let data: { event?: unknown; payload?: unknown };
      try {
        data = JSON.parse(String(message.data)) as { event?: unknown; payload?: unknown };
      } catch {
        return;
      }
      if (typeof data.event !== 'string') return;
      for (const listener of listeners.get(data.event) ?? []) listener(data.payload);
    };
    ws.onclose = () => {
      connected = false;
      socket = null;
      if (closed) return;
      if (!opened) void probeSession();
      if (listeners.size === 0) return;
      timer = setTimeout(connect, delay);
      delay = Math.min(delay * 2, maxDelay);
    };
    ws.onerror = () => ws.close();
  }

  async function call(channel: string, arg: unknown): Promise<unknown> {
    let response: Response;
    try {
      response = await doFetch(new URL('/api/invoke', base).toString(), {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ channel, arg }),
      });
    } catch (error) {
      throw new IpcCallError(
        'internal',
        `Webcare host unreachable: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    // Any answer past the token check (even an error result) proves the session is still good.
    if (response.status === 401) setHostSession('unauthorized');
    else if (response.status !== 403) setHostSession('ok');
    let result: IpcResult<unknown>;
    try {
      result = (await response.json()) as IpcResult<unknown>;
    } catch {
      throw new IpcCallError(
        response.status === 401 || response.status === 403 ? 'forbidden' : 'internal',
        `Webcare host answered ${response.status}`,
      );
    }
    if (result.ok) return result.value;
    const code: IpcErrorCode = IpcErrorCodeSchema.safeParse(result.error?.code).data ?? 'internal';
    throw new IpcCallError(code, String(result.error?.message ?? 'Unknown error'));
  }

  const bridge: BrowserBridge = {
    get connected() {
      return connected;
    },
    get hostSession() {
      return hostSession;
    },
    onHostSession(listener) {
      sessionListeners.add(listener);
      return () => {
        sessionListeners.delete(listener);
      };
    },
    async invoke(channel: string, ...args: unknown[]) {
      const value = await call(channel, args[0]);
      if (channel === 'shell:open-external' && !(value as { opened: boolean }).opened) {
        const url = (args[0] as { url: string }).url;
        if (/^(https:|mailto:)/i.test(url)) {
          openWindow(url);
          return { opened: true };
        }
      }
      if (channel === 'notify:show' && !(value as { shown: boolean }).shown) {
        const { title, body } = args[0] as { title: string; body: string };
        return { shown: await showNotification(title, body).catch(() => false) };
      }
      return value;
    },
    on<E extends IpcEventChannel>(event: E, listener: (payload: IpcEventPayload<E>) => void) {
      const set = listeners.get(event) ?? new Set<Listener>();
      set.add(listener as Listener);
      listeners.set(event, set);
      connect();
      return () => {
        set.delete(listener as Listener);
        if (set.size === 0) listeners.delete(event);
      };
    },
    close() {
      closed = true;
      clearTimeout(timer);
      socket?.close();
    },
  } as BrowserBridge;
  return bridge;
}

/** Wraps the preload's API so failures reject with IpcCallError like in browser mode. */
function wrapPreload(api: WebcareApi): WebcareApi {
  return {
    invoke: ((channel: string, ...args: unknown[]) =>
      (api.invoke as (channel: string, ...args: unknown[]) => Promise<unknown>)(channel, ...args).catch(
        (error: unknown) => {
          throw toIpcCallError(error);
        },
      )) as WebcareApi['invoke'],
    on: (event, listener) => api.on(event, listener),
  };
}

let cached: WebcareApi | undefined;
let cachedBrowserBridge: BrowserBridge | undefined;

/**
 * The backend API for the UI: the preload's `window.webcare` in Electron, otherwise the
 * browser-mode bridge (installed on `window.webcare` too, for the devtools console).
 */
export function getWebcare(): WebcareApi {
  if (cached) return cached;
  if (window.webcare) {
    cached = wrapPreload(window.webcare);
  } else {
    const bridge = createBrowserBridge();
    window.webcare = bridge;
    cached = bridge;
    cachedBrowserBridge = bridge;
  }
  return cached;
}

/**
 * For `useSyncExternalStore`: the browser-mode session state of {@link getWebcare}'s bridge.
 * Electron has no session to lose (IPC), so there it stays `ok`.
 */
export function subscribeHostSession(onChange: () => void): () => void {
  getWebcare();
  return cachedBrowserBridge?.onHostSession(onChange) ?? (() => undefined);
}

export function getHostSession(): HostSessionState {
  return cachedBrowserBridge?.hostSession ?? 'ok';
}

/** Tests only: forget the cached API. */
export function resetWebcareForTests(): void {
  cached = undefined;
  cachedBrowserBridge = undefined;
}
