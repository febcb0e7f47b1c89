/**
 * Parses an HTTP request target in origin form ("/path?query") against our own origin, or
 * returns null for anything else (absolute form, `*`, garbage).
 *
 * `new URL(target, base)` is wrong here: it reads `//evil.example/` as a network-path
 * reference (another host) and throws on `//`. Prefixing the origin keeps every slash in the
 * path, because the authority is already closed.
 */
export function parseRequestTarget(target: string | undefined, origin: string): URL | null {
  if (!target?.startsWith('/')) return null;
  try {
    const url = new URL(`${origin}${target}`);
    return url.origin === origin ? url : null;
  } catch {
    return null;
  }
}

/**
 * The `Location` for a redirect to `url` that can only stay on `origin`: leading slashes and
 * backslashes collapse to one slash, so `/.//evil.example/` (whose dot segment the URL parser
 * removes, leaving `//evil.example/`) or `/\evil.example` never become a protocol-relative
 * URL. Anything that would still resolve elsewhere falls back to `/`.
 */
export function sameOriginLocation(url: URL, origin: string): string {
  const location = `/${url.pathname.replace(/^[/\\]+/, '')}${url.search}`;
  try {
    return new URL(location, origin).origin === origin ? location : '/';
  } catch {
    return '/';
  }
}
