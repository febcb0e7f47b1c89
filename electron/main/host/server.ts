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
import { SECURITY_HEADERS, browserModeContentSecurityPolicy } from './csp.ts';
import { createHostLog } from './log.ts';
import type { HostLog } from './log.ts';
import { listenForDataDir } from './port.ts';
import { parseRequestTarget, sameOriginLocation } from './request-target.ts';
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
  /** Where the host writes; redacts the token and cookies. Default: stdout/stderr. */
  log?: HostLog;
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

/** The largest call body accepted; a bigger one gets 413. */
export const MAX_BODY_BYTES = 1024 * 1024;
/**
 * An oversized body is read to its end and thrown away before the 413 goes out: closing a
 * socket with unread data makes the kernel answer with a reset, and the client then sees
 * ECONNRESET instead of the 413. Past this much the connection is closed anyway.
 */
export const MAX_DRAIN_BYTES = 16 * 1024 * 1024;
export const EVENTS_PATH = '/api/events';
export const INVOKE_PATH = '/api/invoke';
/**
 * 204 with the token, 401 without. A browser hides why a WebSocket failed, so after a failed
 * events socket the bridge asks here to tell "host down" from "token changed".
 */
export const SESSION_PATH = '/api/session';

const UNAUTHORIZED_HTML = `<!doctype html><meta charset="utf-8"><title>Webcare</title>
<p>This Webcare window needs its access token. Open the URL that <code>npm start</code> printed (it ends in <code>?token=…</code>).</p>
<p>Dit Webcare-venster heeft een toegangstoken nodig. Open de URL die <code>npm start</code> liet zien (die eindigt op <code>?token=…</code>).</p>`;

class BodyTooLargeError extends Error {}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolveBody, reject) => {
    const declared = Number(req.headers['content-length']);
    if (declared > MAX_DRAIN_BYTES) {
      reject(new BodyTooLargeError('Body too large'));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_DRAIN_BYTES) {
        req.removeAllListeners('data');
        req.pause();
        reject(new BodyTooLargeError('Body too large'));
        return;
      }
      if (tooLarge) return;
      if (size > MAX_BODY_BYTES) {
        tooLarge = true;
        chunks.length = 0;
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () =>
      tooLarge
        ? reject(new BodyTooLargeError('Body too large'))
        : resolveBody(Buffer.concat(chunks).toString('utf8')),
    );
    req.on('error', reject);
  });
}

function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  extraHeaders: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Length': Buffer.byteLength(text),
    ...extraHeaders,
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
  const log = options.log ?? createHostLog();
  log.addSecret(token);
  let port = 0;
  let csp = '';
  let origin = '';

  async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    res.setHeader('Content-Security-Policy', csp);
    if (!isAllowedHost(req.headers.host, port)) return sendText(res, 403, 'Forbidden host');
    const url = parseRequestTarget(req.url, origin);
    if (!url) return sendText(res, 400, 'Bad request target');

    const offered = url.searchParams.get('token');
    if (offered !== null && (req.method === 'GET' || req.method === 'HEAD')) {
      if (!tokenEquals(offered, token))
        return sendText(res, 401, UNAUTHORIZED_HTML, 'text/html; charset=utf-8');
      url.searchParams.delete('token');
      res.writeHead(302, {
        'Set-Cookie': sessionCookie(port, token),
        Location: sameOriginLocation(url, origin),
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
        if (error instanceof BodyTooLargeError) {
          // Connection: close makes Node end the socket once the 413 is flushed; the body was
          // drained first (unless absurdly large), so that end is a clean FIN, not a reset.
          return sendJson(
            res,
            413,
            {
              ok: false,
              error: {
                code: 'invalid-argument',
                message: `Request too large (over ${MAX_BODY_BYTES} bytes).`,
              },
            },
            { Connection: 'close' },
          );
        }
        return sendJson(res, 400, {
          ok: false,
          error: { code: 'invalid-argument', message: 'Body is not JSON.' },
        });
      }
      const { channel, arg } =
        typeof body === 'object' && body !== null ? (body as { channel?: unknown; arg?: unknown }) : {};
      const result = await options.router.dispatch(channel, arg, { auth, originAllowed });
      return sendJson(res, 200, result);
    }
    if (url.pathname === SESSION_PATH) {
      res.writeHead(204, { 'Cache-Control': 'no-store' });
      res.end();
      return;
    }
    if (url.pathname === EVENTS_PATH) return sendText(res, 426, 'Use a WebSocket');
    if (url.pathname.startsWith('/api/')) return sendText(res, 404, 'Not found');
    if (options.middleware) {
      options.middleware(req, res, (error) => {
        if (error) log.error('dev middleware failed:', error);
        if (!res.headersSent) sendText(res, error ? 500 : 404, error ? 'Dev server error' : 'Not found');
      });
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'Method not allowed');
    await serveStatic(options.rendererDir, req, res, url.pathname);
  }

  const server = createServer((req, res) => {
    onRequest(req, res).catch((error: unknown) => {
      log.error(`request failed (${req.method ?? '?'} ${req.url ?? ''}):`, error);
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
    // Parsed like a request: `new WebSocket('ws://127.0.0.1:PORT//')` from any web page used to
    // throw inside this event handler and stop the host.
    const pathname = parseRequestTarget(req.url, origin)?.pathname;
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
  origin = `http://127.0.0.1:${port}`;
  csp = browserModeContentSecurityPolicy(port, { dev: options.middleware !== undefined });
  const baseURL = origin;

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
