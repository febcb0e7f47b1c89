import { randomBytes, timingSafeEqual } from 'node:crypto';

/** A fresh 256-bit token per run, URL-safe. */
export function createToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Cookies are shared between ports of one host name, so the name carries the port. */
export function cookieName(port: number): string {
  return `webcare_token_${port}`;
}

export function sessionCookie(port: number, token: string): string {
  return `${cookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`;
}

export function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    cookies.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  return cookies;
}

/** Constant-time comparison; different lengths are simply unequal. */
export function tokenEquals(candidate: string | undefined, token: string): boolean {
  if (!candidate) return false;
  const a = Buffer.from(candidate);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

export interface RequestCredentials {
  cookie?: string | undefined;
  authorization?: string | undefined;
}

/** How a request proved it knows the token, if it did. */
export function authenticate(
  headers: RequestCredentials,
  port: number,
  token: string,
): 'cookie' | 'bearer' | null {
  const bearer = /^Bearer\s+(\S+)$/i.exec(headers.authorization ?? '')?.[1];
  if (tokenEquals(bearer, token)) return 'bearer';
  if (tokenEquals(parseCookies(headers.cookie).get(cookieName(port)), token)) return 'cookie';
  return null;
}

/**
 * DNS rebinding guard: a page on evil.example that rebinds its name to 127.0.0.1 still sends
 * `Host: evil.example`. Only the loopback names with our port are accepted.
 */
export function isAllowedHost(host: string | undefined, port: number): boolean {
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

/** CSRF guard: a browser request from another origin carries that Origin. Absent is fine. */
export function isAllowedOrigin(origin: string | undefined, port: number): boolean {
  if (origin === undefined) return true;
  return origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;
}
