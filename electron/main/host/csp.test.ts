import { describe, expect, it } from 'vitest';
import { ELECTRON_CONTENT_SECURITY_POLICY, browserModeContentSecurityPolicy } from './csp.ts';

describe('browser-mode CSP', () => {
  it('adds WebSockets to its own port on the two loopback names, nothing else', () => {
    const csp = browserModeContentSecurityPolicy(47800);
    expect(csp).toBe(
      ELECTRON_CONTENT_SECURITY_POLICY.replace(
        "connect-src 'self'",
        "connect-src 'self' ws://127.0.0.1:47800 ws://localhost:47800",
      ),
    );
    expect(csp).not.toContain(':*');
    expect(csp).toContain("script-src 'self';");
  });

  it('allows inline scripts only in dev (React refresh), never eval', () => {
    const dev = browserModeContentSecurityPolicy(5173, { dev: true });
    expect(dev).toContain("script-src 'self' 'unsafe-inline';");
    expect(dev).not.toContain('unsafe-eval');
    expect(browserModeContentSecurityPolicy(5173)).not.toContain("script-src 'self' 'unsafe-inline'");
  });

  it('refuses something that is not a port', () => {
    for (const port of [0, -1, 65536, 1.5, Number.NaN])
      expect(() => browserModeContentSecurityPolicy(port)).toThrow(/Not a port/);
  });
});
