import { afterEach, describe, expect, it, vi } from 'vitest';
import { IpcCallError } from '../../shared/ipc/contract.ts';
import type { WebcareApi } from '../../shared/ipc/contract.ts';
import {
  createBrowserBridge,
  getHostSession,
  getWebcare,
  resetWebcareForTests,
  subscribeHostSession,
  toIpcCallError,
} from './bridge.ts';

class FakeSocket {
  static instances: FakeSocket[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((message: { data: string }) => void) | null = null;
  onclose: (() => void) | null = null;
  onerror: (() => void) | null = null;
  constructor(readonly url: string) {
    FakeSocket.instances.push(this);
  }
  close() {
    this.onclose?.();
  }
}

const jsonResponse = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

afterEach(() => {
  FakeSocket.instances = [];
  resetWebcareForTests();
  delete window.webcare;
  vi.useRealTimers();
});

describe('toIpcCallError', () => {
  it('decodes the preload encoding, also behind Electron’s remote-method prefix', () => {
    const error = toIpcCallError(
      new Error("Error invoking remote method 'x': [webcare:invalid-argument] bad theme"),
    );
    expect(error).toBeInstanceOf(IpcCallError);
    expect(error.code).toBe('invalid-argument');
    expect(error.message).toBe('bad theme');
    expect(toIpcCallError(new Error('[webcare:forbidden] no')).code).toBe('forbidden');
  });
  it('falls back to internal for anything else', () => {
    expect(toIpcCallError(new Error('[webcare:made-up] x')).code).toBe('internal');
    expect(toIpcCallError('boom')).toMatchObject({ code: 'internal', message: 'boom' });
  });
});

describe('browser bridge', () => {
  it('posts calls as JSON to /api/invoke and unwraps the value', async () => {
    const fetch = vi.fn(async () => jsonResponse({ ok: true, value: { theme: 'dark' } }));
    const bridge = createBrowserBridge({
      baseUrl: 'http://127.0.0.1:47800',
      fetch: fetch as unknown as typeof window.fetch,
      WebSocket: FakeSocket as unknown as typeof WebSocket,
    });
    await expect(bridge.invoke('settings:update', { theme: 'dark' })).resolves.toEqual({ theme: 'dark' });
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('http://127.0.0.1:47800/api/invoke');
    expect(init).toMatchObject({
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json' },
    });
    expect(JSON.parse(String(init.body))).toEqual({ channel: 'settings:update', arg: { theme: 'dark' } });
  });

  it('rejects with IpcCallError carrying the backend code', async () => {
    const fetch = async () =>
      jsonResponse({ ok: false, error: { code: 'invalid-argument', message: 'bad' } });
    const bridge = createBrowserBridge({
      baseUrl: 'http://h',
      fetch: fetch as typeof window.fetch,
      WebSocket: FakeSocket as unknown as typeof WebSocket,
    });
    await expect(bridge.invoke('settings:update', { theme: 'dark' })).rejects.toMatchObject({
      name: 'IpcCallError',
      code: 'invalid-argument',
      message: 'bad',
    });
  });

  it('reports a 401 from the host as forbidden and a network failure as internal', async () => {
    const unauthorized = createBrowserBridge({
      baseUrl: 'http://h',
      fetch: (async () => new Response('<html>', { status: 401 })) as typeof window.fetch,
      WebSocket: FakeSocket as unknown as typeof WebSocket,
    });
    await expect(unauthorized.invoke('settings:get')).rejects.toMatchObject({ code: 'forbidden' });
    const offline = createBrowserBridge({
      baseUrl: 'http://h',
      fetch: (async () => Promise.reject(new TypeError('Failed to fetch'))) as typeof window.fetch,
      WebSocket: FakeSocket as unknown as typeof WebSocket,
    });
    await expect(offline.invoke('settings:get')).rejects.toMatchObject({ code: 'internal' });
  });

  it('falls back to the browser for links and notifications the host does not handle', async () => {
    const fetch = vi.fn(async (_url: string, init: RequestInit) => {
      const { channel } = JSON.parse(String(init.body)) as { channel: string };
      return jsonResponse({
        ok: true,
        value: channel === 'notify:show' ? { shown: false } : { opened: false },
      });
    });
    const openWindow = vi.fn();
    const showNotification = vi.fn(async () => true);
    const bridge = createBrowserBridge({
      baseUrl: 'http://h',
      fetch: fetch as unknown as typeof window.fetch,
      WebSocket: FakeSocket as unknown as typeof WebSocket,
      openWindow,
      showNotification,
    });
    await expect(bridge.invoke('shell:open-external', { url: 'https://example.nl/' })).resolves.toEqual({
      opened: true,
    });
    expect(openWindow).toHaveBeenCalledWith('https://example.nl/');
    await expect(bridge.invoke('notify:show', { title: 'Piek', body: 'Meer klachten' })).resolves.toEqual({
      shown: true,
    });
    expect(showNotification).toHaveBeenCalledWith('Piek', 'Meer klachten');
  });

  it('delivers events from the socket and reconnects with backoff after it drops', () => {
    vi.useFakeTimers();
    const bridge = createBrowserBridge({
      baseUrl: 'http://127.0.0.1:5',
      fetch: vi.fn() as unknown as typeof window.fetch,
      WebSocket: FakeSocket as unknown as typeof WebSocket,
      minDelayMs: 100,
    });
    const listener = vi.fn();
    const off = bridge.on('app:run-command', listener);
    expect(FakeSocket.instances).toHaveLength(1);
    expect(FakeSocket.instances[0]!.url).toBe('ws://127.0.0.1:5/api/events');
    FakeSocket.instances[0]!.onopen!();
    expect(bridge.connected).toBe(true);
    FakeSocket.instances[0]!.onmessage!({
      data: JSON.stringify({ event: 'app:run-command', payload: { commandId: 'view.open' } }),
    });
    FakeSocket.instances[0]!.onmessage!({ data: JSON.stringify({ event: 'settings:changed', payload: {} }) });
    FakeSocket.instances[0]!.onmessage!({ data: 'not json' });
    expect(listener).toHaveBeenCalledExactlyOnceWith({ commandId: 'view.open' });
    FakeSocket.instances[0]!.close();
    expect(bridge.connected).toBe(false);
    vi.advanceTimersByTime(99);
    expect(FakeSocket.instances).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(FakeSocket.instances).toHaveLength(2);
    off();
    bridge.close();
  });
});

describe('host session (the token changed under an open tab)', () => {
  it('turns unauthorized when a call gets 401, and ok again after a call gets through', async () => {
    let status = 401;
    const fetch = vi.fn(async () =>
      status === 401
        ? jsonResponse({ ok: false, error: { code: 'forbidden', message: 'Missing or wrong token.' } }, 401)
        : jsonResponse({ ok: false, error: { code: 'invalid-argument', message: 'bad' } }),
    );
    const bridge = createBrowserBridge({
      baseUrl: 'http://h',
      fetch: fetch as unknown as typeof window.fetch,
      WebSocket: FakeSocket as unknown as typeof WebSocket,
    });
    const seen: string[] = [];
    bridge.onHostSession((state) => seen.push(state));
    expect(bridge.hostSession).toBe('ok');
    await expect(bridge.invoke('settings:get')).rejects.toMatchObject({ code: 'forbidden' });
    await expect(bridge.invoke('settings:get')).rejects.toMatchObject({ code: 'forbidden' });
    expect(bridge.hostSession).toBe('unauthorized');
    status = 200;
    // An error result still came through the token check: the session is fine.
    await expect(bridge.invoke('settings:update', {})).rejects.toMatchObject({ code: 'invalid-argument' });
    expect(bridge.hostSession).toBe('ok');
    expect(seen).toEqual(['unauthorized', 'ok']);
  });

  it('asks /api/session after the events socket fails to open, and only a 401 counts', async () => {
    vi.useFakeTimers();
    const answers: (number | 'down')[] = ['down', 401];
    const fetch = vi.fn(async (url: string) => {
      expect(url).toBe('http://127.0.0.1:5/api/session');
      const answer = answers.shift();
      if (answer === 'down') throw new TypeError('Failed to fetch');
      return new Response(null, { status: answer });
    });
    const bridge = createBrowserBridge({
      baseUrl: 'http://127.0.0.1:5',
      fetch: fetch as unknown as typeof window.fetch,
      WebSocket: FakeSocket as unknown as typeof WebSocket,
      minDelayMs: 100,
    });
    bridge.on('settings:changed', () => undefined);
    FakeSocket.instances[0]!.onopen!();
    FakeSocket.instances[0]!.close(); // the host stops: an open socket closing is no reason to ask
    expect(fetch).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(100);
    FakeSocket.instances[1]!.close(); // host still down: the probe cannot reach it either
    await vi.advanceTimersByTimeAsync(0);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(bridge.hostSession).toBe('ok');
    await vi.advanceTimersByTimeAsync(200);
    FakeSocket.instances[2]!.close(); // host back, but our cookie is refused
    await vi.advanceTimersByTimeAsync(0);
    expect(fetch).toHaveBeenCalledTimes(2);
    expect(bridge.hostSession).toBe('unauthorized');
    await vi.advanceTimersByTimeAsync(400);
    FakeSocket.instances[3]!.onopen!(); // the token file was put back
    expect(bridge.hostSession).toBe('ok');
    bridge.close();
  });

  it('stays ok in Electron, where the preload has no session to lose', () => {
    window.webcare = { invoke: vi.fn(), on: vi.fn(() => () => undefined) } as unknown as WebcareApi;
    const off = subscribeHostSession(() => undefined);
    expect(getHostSession()).toBe('ok');
    off();
  });
});

describe('getWebcare', () => {
  it('wraps the preload API so errors become IpcCallError', async () => {
    const preload = {
      invoke: vi.fn(async () => Promise.reject(new Error('[webcare:forbidden] not the main frame'))),
      on: vi.fn(() => () => undefined),
    } as unknown as WebcareApi;
    window.webcare = preload;
    await expect(getWebcare().invoke('settings:get')).rejects.toMatchObject({
      name: 'IpcCallError',
      code: 'forbidden',
    });
    expect(getWebcare()).toBe(getWebcare());
  });

  it('installs the browser bridge on window.webcare when there is no preload', () => {
    const api = getWebcare();
    expect(window.webcare).toBe(api);
  });
});
