import { mkdtempSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import { DEFAULT_SETTINGS } from '../../../shared/settings/schema.ts';
import {
  authenticate,
  cookieName,
  isAllowedHost,
  isAllowedOrigin,
  parseCookies,
  tokenEquals,
} from './auth.ts';
import { startBrowserMode } from './browser-mode.ts';
import { TOKEN_FILE } from './token-file.ts';
import type { BrowserMode } from './browser-mode.ts';
import { browserModeContentSecurityPolicy } from './csp.ts';
import { createHostLog } from './log.ts';
import { MAX_BODY_BYTES } from './server.ts';
import { resolveStaticPath } from './static.ts';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function send(
  port: number,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: options.method ?? 'GET',
        headers: { Host: `127.0.0.1:${port}`, ...options.headers },
        // No pooled keep-alive sockets: a test that restarts a host on the same port would
        // otherwise reuse a socket the old host just closed ("socket hang up").
        agent: false,
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

function openSocket(
  port: number,
  headers: Record<string, string>,
): Promise<{ ws: WebSocket; status: number }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/api/events`, { headers });
    ws.once('open', () => resolve({ ws, status: 101 }));
    ws.once('unexpected-response', (_req, res) => resolve({ ws, status: res.statusCode ?? 0 }));
    ws.once('error', () => resolve({ ws, status: -1 }));
  });
}

/** Sends raw bytes (any request line, even ones node:http refuses to build); resolves with the reply. */
const statusLine = (reply: string) => reply.split('\r\n')[0] ?? '';

function rawRequest(port: number, text: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    let data = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (data += chunk));
    socket.on('error', () => undefined);
    // The request says Connection: close, so the host ends the socket after its reply; ending
    // our side first would make Node drop a reply that is still being written.
    socket.setTimeout(5000, () => socket.destroy());
    socket.on('close', () => resolve(data));
    socket.write(text);
  });
}

/** Sends a body of `size` bytes with node:http, either with Content-Length or chunked. */
function postLarge(port: number, size: number, chunked: boolean): Promise<Reply & { error?: string }> {
  return new Promise((resolve) => {
    const req = request({
      host: '127.0.0.1',
      port,
      path: '/api/invoke',
      method: 'POST',
      headers: {
        Host: `127.0.0.1:${port}`,
        Cookie: cookie,
        'Content-Type': 'application/json',
        ...(chunked ? {} : { 'Content-Length': String(size) }),
      },
    });
    req.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      res.on('error', (error) =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body, error: error.message }),
      );
    });
    req.on('error', (error: NodeJS.ErrnoException) =>
      resolve({ status: 0, headers: {}, body: '', error: error.code ?? error.message }),
    );
    const block = Buffer.alloc(64 * 1024, 0x61);
    for (let sent = 0; sent < size; sent += block.length)
      req.write(block.subarray(0, Math.min(block.length, size - sent)));
    req.end();
  });
}

let dataDir: string;
let rendererDir: string;
let host: BrowserMode;
let cookie: string;
/** Everything the host logged (stdout and stderr lines alike). */
const logged: string[] = [];
const invoke = (channel: unknown, arg?: unknown, headers: Record<string, string> = {}) =>
  send(host.port, '/api/invoke', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Cookie: cookie, ...headers },
    body: JSON.stringify({ channel, arg }),
  });

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'webcare-host-'));
  rendererDir = join(dataDir, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>fixture</title>');
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(dataDir, 'secret.txt'), 'do not serve');
  // Whatever reaches the console counts as host output too, not only what goes through the log.
  for (const method of ['log', 'error', 'warn', 'info'] as const)
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      logged.push(args.map((arg) => (typeof arg === 'string' ? arg : inspect(arg))).join(' '));
    });
  const log = createHostLog({ out: (line) => logged.push(line), err: (line) => logged.push(line) });
  host = await startBrowserMode({ dataDir, rendererDir, port: 0, log });
  cookie = `${cookieName(host.port)}=${host.token}`;
});
afterAll(async () => {
  vi.restoreAllMocks();
  await host.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('browser-mode host over HTTP', () => {
  it('listens on 127.0.0.1 only', () => {
    const address = host.server.address();
    expect(address).toMatchObject({ address: '127.0.0.1', family: 'IPv4' });
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=${host.token}`);
    expect(host.token.length).toBeGreaterThanOrEqual(43);
  });

  it('refuses the page, assets and API without the token', async () => {
    for (const path of ['/', '/index.html', '/assets/app.js']) {
      const reply = await send(host.port, path);
      expect(reply.status).toBe(401);
      expect(reply.body).not.toContain('fixture');
    }
    const api = await send(host.port, '/api/invoke', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ channel: 'settings:get' }),
    });
    expect(api.status).toBe(401);
    expect(JSON.parse(api.body)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('refuses a wrong token in the URL, the cookie or the Authorization header', async () => {
    const wrong = `${host.token.slice(0, -1)}x`;
    expect((await send(host.port, `/?token=${wrong}`)).status).toBe(401);
    expect(
      (await send(host.port, '/', { headers: { Cookie: `${cookieName(host.port)}=${wrong}` } })).status,
    ).toBe(401);
    expect(
      (await send(host.port, '/', { headers: { Cookie: `${cookieName(host.port + 1)}=${host.token}` } }))
        .status,
    ).toBe(401);
    expect((await send(host.port, '/', { headers: { Authorization: `Bearer ${wrong}` } })).status).toBe(401);
  });

  it('exchanges the URL token for an HttpOnly SameSite=Strict cookie and redirects to /', async () => {
    const reply = await send(host.port, `/?token=${host.token}`);
    expect(reply.status).toBe(302);
    expect(reply.headers.location).toBe('/');
    const setCookie = String(reply.headers['set-cookie']);
    expect(setCookie).toContain(`${cookieName(host.port)}=${host.token}`);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');
  });

  it('serves the renderer with the CSP to a request with the cookie or a bearer token', async () => {
    const page = await send(host.port, '/', { headers: { Cookie: cookie } });
    expect(page.status).toBe(200);
    expect(page.body).toContain('fixture');
    expect(page.headers['content-security-policy']).toBe(browserModeContentSecurityPolicy(host.port));
    expect(page.headers['content-security-policy']).not.toContain('unsafe-eval');
    const asset = await send(host.port, '/assets/app.js', {
      headers: { Authorization: `Bearer ${host.token}` },
    });
    expect(asset.status).toBe(200);
    expect(asset.headers['content-type']).toMatch(/javascript/);
  });

  it('refuses a foreign Host header (DNS rebinding) even with the token', async () => {
    for (const hostHeader of [
      'evil.example',
      `evil.example:${host.port}`,
      '127.0.0.1',
      `127.0.0.1:${host.port + 1}`,
    ]) {
      const reply = await send(host.port, '/', { headers: { Host: hostHeader, Cookie: cookie } });
      expect(reply.status).toBe(403);
    }
    expect(
      (await send(host.port, '/', { headers: { Host: `localhost:${host.port}`, Cookie: cookie } })).status,
    ).toBe(200);
  });

  it('refuses a call from a foreign Origin (CSRF) even with the cookie', async () => {
    const reply = await invoke('settings:update', { theme: 'dark' }, { Origin: 'https://evil.example' });
    expect(reply.status).toBe(403);
    const same = await invoke('settings:get', undefined, { Origin: `http://127.0.0.1:${host.port}` });
    expect(JSON.parse(same.body)).toMatchObject({ ok: true });
  });

  it('insists on a JSON body for calls', async () => {
    const form = await send(host.port, '/api/invoke', {
      method: 'POST',
      headers: { Cookie: cookie, 'Content-Type': 'text/plain' },
      body: '{}',
    });
    expect(form.status).toBe(415);
    const broken = await send(host.port, '/api/invoke', {
      method: 'POST',
      headers: { Cookie: cookie, 'Content-Type': 'application/json' },
      body: '{',
    });
    expect(broken.status).toBe(400);
    expect((await send(host.port, '/api/invoke', { headers: { Cookie: cookie } })).status).toBe(405);
  });

  it('dispatches calls through the shared router', async () => {
    const info = JSON.parse((await invoke('app:get-info')).body);
    expect(info).toMatchObject({ ok: true, value: { mode: 'browser', dataDir } });
    expect(JSON.parse((await invoke('nope:nope')).body)).toMatchObject({
      ok: false,
      error: { code: 'unknown-channel' },
    });
    expect(JSON.parse((await invoke('settings:update', { language: 'fr' })).body)).toMatchObject({
      ok: false,
      error: { code: 'invalid-argument' },
    });
    expect(JSON.parse((await invoke('notify:show', { title: 'Hi', body: '' })).body)).toEqual({
      ok: true,
      value: { shown: false },
    });
  });

  it('never serves files outside the renderer folder', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt']) {
      const reply = await send(host.port, path, { headers: { Cookie: cookie } });
      expect(reply.body).not.toContain('do not serve');
    }
  });
});

describe('browser-mode host against malformed and hostile requests', () => {
  it('redirects the token exchange only to a path on its own origin', async () => {
    const origin = `http://127.0.0.1:${host.port}`;
    const cases: [string, string][] = [
      ['/.//evil.example/', '/evil.example/'],
      ['//evil.example/', '/evil.example/'],
      ['///evil.example', '/evil.example'],
      ['/%2e//evil.example/', '/evil.example/'],
      ['/inbox/./..//evil.example', '/evil.example'],
      ['/\\evil.example/', '/evil.example/'],
      ['/\\/evil.example/', '/evil.example/'],
      ['/.\\/evil.example/', '/evil.example/'],
      ['/inbox/open', '/inbox/open'],
      ['/', '/'],
    ];
    for (const [path, expected] of cases) {
      const head = await rawRequest(
        host.port,
        `GET ${path}?token=${host.token}&view=x HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nConnection: close\r\n\r\n`,
      );
      expect(statusLine(head), path).toBe('HTTP/1.1 302 Found');
      const location = /\r\nLocation: ([^\r]*)\r\n/i.exec(head)?.[1] ?? '';
      expect(location, path).toBe(`${expected}?view=x`);
      expect(new URL(location, origin).origin, path).toBe(origin);
    }
  });

  it('answers every malformed target with a 4xx, never a 500, and keeps serving', async () => {
    const targets = [
      '//',
      '///',
      `//?token=${host.token}`,
      `//?token=wrong`,
      '/.//evil.example/',
      '/%',
      '/%E0%A4%A',
      '/%00',
      '/a/../../..',
      '//api/invoke',
      '/api//invoke',
      '/api/%',
      `/api/invoke?token=${host.token}`,
      'http://evil.example/',
      `http://127.0.0.1:${host.port}//`,
      '*',
      '@evil',
      `/${'a'.repeat(8000)}`,
    ];
    for (const withCookie of [false, true]) {
      for (const target of targets) {
        for (const method of ['GET', 'POST', 'OPTIONS']) {
          const status = statusLine(
            await rawRequest(
              host.port,
              `${method} ${target} HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\n${withCookie ? `Cookie: ${cookie}; other_app=s3cr3t-cookie-value\r\n` : ''}Content-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}`,
            ),
          );
          expect(status, `${method} ${target}`).toMatch(/^HTTP\/1\.1 [1-4]\d\d /);
        }
      }
      // Upgrades on malformed targets: refused, and the host survives them.
      for (const target of ['//', '/.//api/events', '*']) {
        const status = statusLine(
          await rawRequest(
            host.port,
            `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n${withCookie ? `Cookie: ${cookie}\r\n` : ''}\r\n`,
          ),
        );
        expect(status, `upgrade ${target}`).toMatch(/^HTTP\/1\.1 4\d\d /);
      }
    }
    expect((await send(host.port, '//', { headers: { Cookie: cookie } })).status).toBe(200);
    expect(JSON.parse((await invoke('settings:get')).body)).toMatchObject({ ok: true });
  });

  it('never logs the token or a cookie value, whatever the request', async () => {
    const secretCookie = 'other_app=s3cr3t-cookie-value';
    for (const target of ['//', '///', '/.//evil.example/', '/%', '*', '/api/%', '//api/invoke'])
      for (const query of [`?token=${host.token}`, '?token=wrong', ''])
        await rawRequest(
          host.port,
          `GET ${target}${query} HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nCookie: ${cookie}; ${secretCookie}\r\nAuthorization: Bearer ${host.token}\r\nConnection: close\r\n\r\n`,
        );
    const output = logged.join('\n');
    expect(output).not.toContain(host.token);
    expect(output).not.toContain('s3cr3t-cookie-value');
  });

  it('answers a 2 MiB body with the 413 JSON error instead of a reset, and keeps serving', async () => {
    for (const chunked of [false, true]) {
      const reply = await postLarge(host.port, 2 * 1024 * 1024, chunked);
      expect(reply.error, `chunked=${chunked}`).toBeUndefined();
      expect(reply.status).toBe(413);
      expect(reply.headers.connection).toBe('close');
      expect(JSON.parse(reply.body)).toEqual({
        ok: false,
        error: { code: 'invalid-argument', message: `Request too large (over ${MAX_BODY_BYTES} bytes).` },
      });
    }
    const viaFetch = await fetch(`http://127.0.0.1:${host.port}/api/invoke`, {
      method: 'POST',
      headers: { Cookie: cookie, 'Content-Type': 'application/json' },
      body: JSON.stringify({ channel: 'settings:get', arg: 'x'.repeat(2 * 1024 * 1024) }),
    });
    expect(viaFetch.status).toBe(413);
    expect(await viaFetch.json()).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    // Just under the limit is still read (and then refused by the router, not the transport).
    const under = await invoke('settings:get', 'x'.repeat(MAX_BODY_BYTES - 100));
    expect(under.status).toBe(200);
    expect(JSON.parse((await invoke('settings:get')).body)).toMatchObject({ ok: true });
  });

  it('sends a CSP that allows WebSockets to its own port only', async () => {
    const page = await send(host.port, '/', { headers: { Cookie: cookie } });
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain(`connect-src 'self' ws://127.0.0.1:${host.port} ws://localhost:${host.port};`);
    expect(csp).not.toMatch(/:\*/);
    expect(csp).toContain("script-src 'self';");
    expect(csp).not.toContain('unsafe-eval');
  });
});

describe('browser-mode host token across restarts', () => {
  it('keeps one token per data folder, so a session cookie survives a restart', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'webcare-host-restart-'));
    const quiet = createHostLog({ out: () => undefined, err: () => undefined });
    try {
      const first = await startBrowserMode({ dataDir: folder, rendererDir, log: quiet });
      const session = `${cookieName(first.port)}=${first.token}`;
      expect(readFileSync(join(folder, TOKEN_FILE), 'utf8').trim()).toBe(first.token);
      if (process.platform !== 'win32') expect(statSync(join(folder, TOKEN_FILE)).mode & 0o777).toBe(0o600);
      await first.close();

      const second = await startBrowserMode({ dataDir: folder, rendererDir, log: quiet });
      try {
        expect(second.port).toBe(first.port);
        expect(second.token).toBe(first.token);
        expect((await send(second.port, '/api/session', { headers: { Cookie: session } })).status).toBe(204);
        expect((await send(second.port, '/', { headers: { Cookie: session } })).status).toBe(200);
      } finally {
        await second.close();
      }

      // Someone replaced the token file: the old cookie is refused from the next start on.
      writeFileSync(join(folder, TOKEN_FILE), `${'Q'.repeat(43)}\n`, { mode: 0o600 });
      const third = await startBrowserMode({ dataDir: folder, rendererDir, log: quiet });
      try {
        expect(third.token).toBe('Q'.repeat(43));
        expect((await send(third.port, '/api/session', { headers: { Cookie: session } })).status).toBe(401);
      } finally {
        await third.close();
      }
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('answers the session probe with 204 with the token and 401 without', async () => {
    expect((await send(host.port, '/api/session', { headers: { Cookie: cookie } })).status).toBe(204);
    const without = await send(host.port, '/api/session');
    expect(without.status).toBe(401);
    expect(JSON.parse(without.body)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});

describe('browser-mode host events socket', () => {
  it('refuses a WebSocket without the token, with a foreign Host or Origin', async () => {
    const origin = `http://127.0.0.1:${host.port}`;
    expect((await openSocket(host.port, { Origin: origin })).status).toBe(401);
    expect((await openSocket(host.port, { Cookie: cookie, Origin: 'https://evil.example' })).status).toBe(
      403,
    );
    expect((await openSocket(host.port, { Cookie: cookie, Host: 'evil.example' })).status).toBe(403);
  });

  it('pushes settings:changed to a connected client after an update', async () => {
    const { ws, status } = await openSocket(host.port, {
      Cookie: cookie,
      Origin: `http://127.0.0.1:${host.port}`,
    });
    expect(status).toBe(101);
    const message = new Promise<unknown>((resolve) =>
      ws.once('message', (data) => resolve(JSON.parse(String(data)))),
    );
    await invoke('settings:update', { agent: { name: 'Lotte' } });
    expect(await message).toEqual({
      event: 'settings:changed',
      payload: { ...DEFAULT_SETTINGS, agent: { ...DEFAULT_SETTINGS.agent, name: 'Lotte' } },
    });
    ws.close();
  });
});

describe('auth helpers', () => {
  it('accepts only loopback hosts with the right port', () => {
    expect(isAllowedHost('127.0.0.1:5000', 5000)).toBe(true);
    expect(isAllowedHost('localhost:5000', 5000)).toBe(true);
    expect(isAllowedHost('[::1]:5000', 5000)).toBe(false);
    expect(isAllowedHost(undefined, 5000)).toBe(false);
  });
  it('accepts a missing origin but no foreign one', () => {
    expect(isAllowedOrigin(undefined, 5000)).toBe(true);
    expect(isAllowedOrigin('http://localhost:5000', 5000)).toBe(true);
    expect(isAllowedOrigin('null', 5000)).toBe(false);
    expect(isAllowedOrigin('http://127.0.0.1:5001', 5000)).toBe(false);
  });
  it('parses cookies and compares tokens in constant time', () => {
    expect(parseCookies('a=1; webcare_token_1=xyz').get('webcare_token_1')).toBe('xyz');
    expect(tokenEquals('abc', 'abc')).toBe(true);
    expect(tokenEquals('abcd', 'abc')).toBe(false);
    expect(tokenEquals(undefined, 'abc')).toBe(false);
    expect(authenticate({ authorization: 'Bearer t0k' }, 1, 't0k')).toBe('bearer');
    expect(authenticate({ cookie: 'webcare_token_1=t0k' }, 1, 't0k')).toBe('cookie');
    expect(authenticate({}, 1, 't0k')).toBeNull();
  });
  it('maps client-side routes to index.html and refuses escapes', () => {
    expect(resolveStaticPath('/r', '/')).toBe('/r/index.html');
    expect(resolveStaticPath('/r', '/inbox/open')).toBe('/r/index.html');
    expect(resolveStaticPath('/r', '/../etc/passwd')).toBeNull();
    expect(resolveStaticPath('/r', '/%2e%2e/x.js')).toBeNull();
    expect(resolveStaticPath('/r', '/%E0%A4%A')).toBeNull();
  });
});
