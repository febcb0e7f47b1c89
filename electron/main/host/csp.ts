/**
 * The Content-Security-Policy of the Electron app protocol. The Electron renderer talks to main
 * over IPC only, so it needs no WebSocket or other network origin: `connect-src 'self'`.
 */
export const ELECTRON_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

/**
 * Browser mode: the events socket (and Vite's HMR socket in dev) is on the page's own origin.
 * CSP 3 lets `'self'` match ws: on the same host and port, but older engines (Safari before
 * 15.4) do not, so the two loopback names with this port are listed; no other port or host.
 * Dev only (`npm run dev`): Vite's React refresh preamble is an inline script. Never unsafe-eval.
 */
export function browserModeContentSecurityPolicy(port: number, options: { dev?: boolean } = {}): string {
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new Error(`Not a port: ${port}`);
  let csp = ELECTRON_CONTENT_SECURITY_POLICY.replace(
    "connect-src 'self'",
    `connect-src 'self' ws://127.0.0.1:${port} ws://localhost:${port}`,
  );
  if (options.dev) csp = csp.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'");
  return csp;
}

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
};
