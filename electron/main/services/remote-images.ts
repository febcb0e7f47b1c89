import { isIP } from 'node:net';

/**
 * "Load images" for one email: main fetches the remote images the agent asked for and hands
 * them back as data: URLs, so the renderer's CSP (`img-src 'self' data:`) never has to allow the
 * network. Only http(s) image responses (no SVG), no cookies or Referer, bounded in size and
 * time, and never to this computer or the local network (an email must not make the app probe
 * the office router); redirects are followed by hand so that each hop is checked.
 */
export interface RemoteImage {
  url: string;
  dataUrl: string | null;
}

export interface RemoteImageOptions {
  fetch?: typeof fetch;
  timeoutMs?: number;
  maxBytesEach?: number;
  maxBytesTotal?: number;
  maxRedirects?: number;
  /** Tests only: let loopback through (a local test server). */
  allowLoopback?: boolean;
}

function privateIPv4(ip: string): boolean {
  const [a, b] = ip.split('.').map(Number) as [number, number];
  return (
    a === 10 ||
    a === 127 ||
    a === 0 ||
    (a === 169 && b === 254) ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 100 && b >= 64 && b <= 127)
  );
}

/** True for hosts on this machine or a private network (literal IPs and local names). */
export function isLocalHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    host.endsWith('.local') ||
    host.endsWith('.internal') ||
    (!host.includes('.') && !isIP(host))
  )
    return true;
  const version = isIP(host);
  if (version === 4) return privateIPv4(host);
  if (version === 6) {
    if (host === '::1' || host === '::') return true;
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(host);
    if (mapped) return privateIPv4(mapped[1]!);
    return /^(fc|fd|fe8|fe9|fea|feb)/.test(host);
  }
  return false;
}

async function fetchOne(
  url: string,
  options: Required<Omit<RemoteImageOptions, 'fetch'>> & { fetch: typeof fetch },
  budget: { left: number },
): Promise<string | null> {
  let current = url;
  for (let hop = 0; hop <= options.maxRedirects; hop += 1) {
    let parsed: URL;
    try {
      parsed = new URL(current);
    } catch {
      return null;
    }
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null;
    if (!options.allowLoopback && isLocalHost(parsed.hostname)) return null;
    const response = await options.fetch(parsed, {
      redirect: 'manual',
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
      headers: { Accept: 'image/avif,image/webp,image/png,image/jpeg,image/gif;q=0.9,*/*;q=0.1' },
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    if (response.status >= 300 && response.status < 400) {
      const location = response.headers.get('location');
      await response.body?.cancel();
      if (!location) return null;
      current = new URL(location, parsed).toString();
      continue;
    }
    const type = (response.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (!response.ok || !type.startsWith('image/') || type === 'image/svg+xml') {
      await response.body?.cancel();
      return null;
    }
    const limit = Math.min(options.maxBytesEach, budget.left);
    const declared = Number(response.headers.get('content-length') ?? '0');
    if (declared > limit) {
      await response.body?.cancel();
      return null;
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    const reader = response.body?.getReader();
    if (!reader) return null;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        await reader.cancel();
        return null;
      }
      chunks.push(value);
    }
    budget.left -= size;
    return `data:${type};base64,${Buffer.concat(chunks).toString('base64')}`;
  }
  return null;
}

export async function fetchRemoteImages(
  urls: string[],
  options: RemoteImageOptions = {},
): Promise<RemoteImage[]> {
  const settings = {
    fetch: options.fetch ?? fetch,
    timeoutMs: options.timeoutMs ?? 10_000,
    maxBytesEach: options.maxBytesEach ?? 5 * 1024 * 1024,
    maxBytesTotal: options.maxBytesTotal ?? 20 * 1024 * 1024,
    maxRedirects: options.maxRedirects ?? 3,
    allowLoopback: options.allowLoopback ?? false,
  };
  const budget = { left: settings.maxBytesTotal };
  const out: RemoteImage[] = [];
  // One at a time: a newsletter's 50 images should not open 50 connections from the app.
  for (const url of [...new Set(urls)]) {
    const dataUrl = await fetchOne(url, settings, budget).catch(() => null);
    out.push({ url, dataUrl });
  }
  return out;
}
