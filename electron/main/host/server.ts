import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';
import type { IpcRouter } from '../ipc/handle.ts';
import type { EventBus } from '../services/events.ts';
import {
  authenticate,
  createToken,
  isAllowedHost,
  isAllowedOrigin,
  sessionCookie,
  tokenEquals,
} from './auth.ts';
import { CONTENT_SECURITY_POLICY, DEV_CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from './csp.ts';
import { listenForDataDir } from './port.ts';
import { serveStatic } from './static.ts';

/** What the browser-mode dispatcher knows about a caller. */
export interface HostSender {
  auth: 'cookie' | 'bearer' | null;
  originAllowed: boolean;
}

export const isTrustedHostSender = (sender: HostSender): boolean =>
  sender.auth !== null && sender.originAllowed;

/** A connect-style middleware (Vite's `server.middlewares` in dev). */
export type Middleware = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;

export interface HostOptions {
  dataDir: string;
  /** Built renderer folder with index.html at its root (dist/renderer). */
  rendererDir: string;
  router: IpcRouter<HostSender>;
  events: EventBus;
  /** Explicit port (0 = any free one). Without it the data folder's stable port is used. */
  port?: number;
  token?: string;
  /** Dev: serve the renderer through this middleware instead of static files. */
  middleware?: Middleware;
  /** Lets the caller attach things (Vite's HMR) to the server before it listens. */
  beforeListen?: (server: Server) => void | Promise<void>;
}

export interface RunningHost {
  port: number;
  token: string;
  /** http://127.0.0.1:PORT */
  baseURL: string;
  /** The URL to open: exchanges the token for a cookie. */
  url: string;
  fellBackFrom?: number;
  server: Server;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 1024 * 1024;
export const EVENTS_PATH = '/api/events';
export const INVOKE_PATH = '/api/invoke';

const UNAUTHORIZED_HTML = `<!doctype html><meta charset="utf-8"><title>Webcare</title>
<p>This Webcare window needs its access token. Open the URL that <code>npm start</code> printed (it ends in <code>?token=…</code>).</p>
<p>Dit Webcare-venster heeft een toegangstoken nodig. Open de URL die <code>npm start</code> liet zien (die eindigt op <code>?token=…</code>).</p>`;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(Object.assign(new Error('Body too large'), { status: 413 }));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolveBody(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

function sendText(
  res: ServerResponse,
  status: number,
  text: string,
  type = 'text/plain; charset=utf-8',
): void {
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
  res.end(text);
}

function rejectUpgrade(socket: Duplex, status: number, reason: string): void {
  socket.write(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  socket.destroy();
}

/**
 * Starts the browser-mode host: the built renderer, `POST /api/invoke` and the `/api/events`
 * WebSocket on 127.0.0.1, all behind the per-run token (cookie after `/?token=`, or Bearer).
 */
export async function startHttpHost(options: HostOptions): Promise<RunningHost> {
  const token = options.token ?? createToken();
  const csp = options.middleware ? DEV_CONTENT_SECURITY_POLICY : CONTENT_SECURITY_POLICY;
  let port = 0;

  async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    res.setHeader('Content-Security-Policy', csp);
    if (!isAllowedHost(req.headers.host, port)) return sendText(res, 403, 'Forbidden host');
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);

    const offered = url.searchParams.get('token');
    if (offered !== null && (req.method === 'GET' || req.method === 'HEAD')) {
      if (!tokenEquals(offered, token))
        return sendText(res, 401, UNAUTHORIZED_HTML, 'text/html; charset=utf-8');
      url.searchParams.delete('token');
      res.writeHead(302, {
        'Set-Cookie': sessionCookie(port, token),
        Location: `${url.pathname}${url.search}`,
        'Cache-Control': 'no-store',
      });
      res.end();
      return;
    }

    const auth = authenticate(
      { cookie: req.headers.cookie, authorization: req.headers.authorization },
      port,
      token,
    );
    if (!auth) {
      if (url.pathname.startsWith('/api/'))
        return sendJson(res, 401, {
          ok: false,
          error: { code: 'forbidden', message: 'Missing or wrong token.' },
        });
      return sendText(res, 401, UNAUTHORIZED_HTML, 'text/html; charset=utf-8');
    }
    const originAllowed = isAllowedOrigin(req.headers.origin, port);
    if (!originAllowed) return sendText(res, 403, 'Forbidden origin');

    if (url.pathname === INVOKE_PATH) {
      if (req.method !== 'POST') return sendText(res, 405, 'Method not allowed');
      // Forces a CORS preflight for any cross-site form or script, which we never answer.
      if (!/^application\/json\b/i.test(req.headers['content-type'] ?? ''))
        return sendText(res, 415, 'Expected application/json');
      let body: unknown;
      try {
        body = JSON.parse(await readBody(req));
      } catch (error) {
        const status = (error as { status?: number }).status ?? 400;
        return sendJson(res, status, {
          ok: false,
          error: {
            code: 'invalid-argument',
            message: status === 413 ? 'Request too large.' : 'Body is not JSON.',
          },
        });
      }
      const { channel, arg } =
        typeof body === 'object' && body !== null ? (body as { channel?: unknown; arg?: unknown }) : {};
      const result = await options.router.dispatch(channel, arg, { auth, originAllowed });
      return sendJson(res, 200, result);
    }
    if (url.pathname === EVENTS_PATH) return sendText(res, 426, 'Use a WebSocket');
    if (url.pathname.startsWith('/api/')) return sendText(res, 404, 'Not found');
    if (options.middleware) {
      options.middleware(req, res, (error) => {
        if (error) console.error('webcare: dev middleware failed:', error);
        if (!res.headersSent) sendText(res, error ? 500 : 404, error ? 'Dev server error' : 'Not found');
      });
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'Method not allowed');
    await serveStatic(options.rendererDir, req, res, url.pathname);
  }

  const server = createServer((req, res) => {
    onRequest(req, res).catch((error: unknown) => {
      console.error('webcare: request failed:', error);
      if (!res.headersSent) sendText(res, 500, 'Internal error');
      else res.destroy();
    });
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  const clients = new Set<WebSocket>();
  const unsubscribe = options.events.subscribe((event, payload) => {
    const message = JSON.stringify({ event, payload });
    for (const client of clients) if (client.readyState === client.OPEN) client.send(message);
  });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const pathname = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (pathname !== EVENTS_PATH) {
      // In dev, Vite's HMR socket has its own upgrade listener on this server.
      if (!options.middleware) rejectUpgrade(socket, 404, 'Not Found');
      return;
    }
    if (!isAllowedHost(req.headers.host, port)) return rejectUpgrade(socket, 403, 'Forbidden');
    if (!authenticate({ cookie: req.headers.cookie, authorization: req.headers.authorization }, port, token))
      return rejectUpgrade(socket, 401, 'Unauthorized');
    if (!isAllowedOrigin(req.headers.origin, port)) return rejectUpgrade(socket, 403, 'Forbidden');
    wss.handleUpgrade(req, socket, head, (ws) => {
      clients.add(ws);
      ws.on('close', () => clients.delete(ws));
      ws.on('error', () => clients.delete(ws));
      // The events socket is one-way; anything the page sends is ignored.
    });
  });

  await options.beforeListen?.(server);
  const listened = await listenForDataDir(server, options.dataDir, options.port);
  port = listened.port;
  const baseURL = `http://127.0.0.1:${port}`;

  let closing: Promise<void> | null = null;
  return {
    port,
    token,
    baseURL,
    url: `${baseURL}/?token=${token}`,
    ...(listened.fellBackFrom !== undefined ? { fellBackFrom: listened.fellBackFrom } : {}),
    server,
    close() {
      closing ??= new Promise<void>((resolveClose) => {
        unsubscribe();
        for (const client of clients) client.close(1001, 'Host shutting down');
        wss.close();
        server.close(() => resolveClose());
        server.closeIdleConnections();
        setTimeout(() => server.closeAllConnections(), 1000).unref();
      });
      return closing;
    },
  };
}
