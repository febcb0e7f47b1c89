import { inspect } from 'node:util';

export const REDACTED = '[redacted]';
/**
 * Shorter values are not replaced: they would blank out ordinary words, and no token or real
 * password is that short. Registered passwords (channel accounts) of 4+ characters are.
 */
export const MIN_SECRET_LENGTH = 4;

// Where a credential can show up in a logged error or request: the token query parameter, our
// session cookie, a Cookie/Set-Cookie/Authorization header (any cookie value, also other
// localhost apps' cookies that the browser sends to 127.0.0.1) and a Bearer credential.
const PATTERNS: readonly [RegExp, string][] = [
  // Whole header values first, so that the narrower patterns below do not cut them short.
  [/(\b(?:set-)?cookie['"]?\s*[:=]\s*(?:\[\s*)?['"`]?)[^'"`\r\n\]]*/gi, `$1${REDACTED}`],
  [/(\bauthorization['"]?\s*[:=]\s*['"`]?)[^'"`\r\n]*/gi, `$1${REDACTED}`],
  [/(\bBearer\s+)(?!\[redacted\])[^\s'"`,]+/gi, `$1${REDACTED}`],
  [/([?&;]token=)(?!\[redacted\])[^&#\s'"`]*/gi, `$1${REDACTED}`],
  [/(webcare_token_\d+=)(?!\[redacted\])[^;\s'"`]*/gi, `$1${REDACTED}`],
];

/**
 * Removes credentials from a line before it is logged: every known secret wherever it appears
 * (also inside a stack trace or an error's `input` property), plus anything shaped like a
 * token parameter, a cookie or an Authorization header.
 */
export function redact(text: string, secrets: Iterable<string> = []): string {
  let out = text;
  for (const secret of secrets)
    if (secret.length >= MIN_SECRET_LENGTH) out = out.split(secret).join(REDACTED);
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

/** The only way the host writes to its output; every line passes through {@link redact}. */
export interface HostLog {
  info(line: string): void;
  error(message: string, error?: unknown): void;
  /** Registers a value that must never appear in the output (the token, once known). */
  addSecret(secret: string): void;
}

export interface HostLogOptions {
  out?: (line: string) => void;
  err?: (line: string) => void;
  secrets?: readonly string[];
}

export function createHostLog(options: HostLogOptions = {}): HostLog {
  const secrets = new Set(options.secrets ?? []);
  const out = options.out ?? ((line: string) => console.log(line));
  const err = options.err ?? ((line: string) => console.error(line));
  return {
    info: (line) => out(redact(line, secrets)),
    error(message, error) {
      const detail =
        error === undefined ? '' : ` ${typeof error === 'string' ? error : inspect(error, { depth: 4 })}`;
      err(redact(`webcare: ${message}${detail}`, secrets));
    },
    addSecret(secret) {
      secrets.add(secret);
    },
  };
}
