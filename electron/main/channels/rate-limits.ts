import type { RateLimitModel } from '../../../shared/channels/capabilities.ts';

/**
 * One reader for every platform's way of saying "slow down" (CHANNELS.md §1.3). Connectors hand
 * it the HTTP status, headers and parsed body of a response; the circuit (backoff.ts) uses the
 * answer to hold calls until the platform's reset instead of guessing.
 */

export type HeaderSource = Headers | Record<string, string | string[] | number | undefined | null>;

export interface ResponseLike {
  status: number;
  headers: HeaderSource;
  /** The parsed JSON body, when there is one (Telegram and Meta put the signal there). */
  body?: unknown;
}

export interface RateLimitSignal {
  /** The call was refused for rate reasons (or the budget is spent: remaining is 0). */
  limited: boolean;
  /** When the budget is back (epoch ms); null when the platform does not say: back off instead. */
  retryAt: number | null;
  remaining: number | null;
  limit: number | null;
  /** The platform's own code for it, when it sent one (X 88, Meta 613, ...). */
  code: string | null;
}

function header(headers: HeaderSource, name: string): string | null {
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name);
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== wanted || value === undefined || value === null) continue;
    return Array.isArray(value) ? (value[0] ?? null) : String(value);
  }
  return null;
}

function num(value: string | null | undefined): number | null {
  if (value === null || value === undefined || value.trim() === '') return null;
  const n = Number(value.trim());
  return Number.isFinite(n) ? n : null;
}

/** `Retry-After`: delta seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | null | undefined, now: number): number | null {
  if (!value) return null;
  const seconds = num(value);
  if (seconds !== null) return seconds >= 0 ? now + seconds * 1000 : null;
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(now, date);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** Meta Graph throttling codes (arrive as 400/403, not 429) and WhatsApp's throughput/pair-rate codes. */
const META_THROTTLE_CODES = new Set([
  4, 17, 32, 613, 80001, 80002, 80003, 80004, 80005, 80006, 80008, 80014, 130429, 131056,
]);

function parseJsonHeader(value: string | null): unknown {
  if (!value) return null;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return null;
  }
}

function readMeta(
  response: ResponseLike,
  now: number,
): Omit<RateLimitSignal, 'limited'> & { limited: boolean } {
  let usage = 0;
  let regainMinutes = 0;
  const app = parseJsonHeader(header(response.headers, 'x-app-usage'));
  if (isObject(app))
    for (const key of ['call_count', 'total_cputime', 'total_time'])
      usage = Math.max(usage, Number(app[key]) || 0);
  const buc = parseJsonHeader(header(response.headers, 'x-business-use-case-usage'));
  if (isObject(buc))
    for (const entries of Object.values(buc))
      for (const entry of Array.isArray(entries) ? entries : []) {
        if (!isObject(entry)) continue;
        for (const key of ['call_count', 'total_cputime', 'total_time'])
          usage = Math.max(usage, Number(entry[key]) || 0);
        regainMinutes = Math.max(regainMinutes, Number(entry.estimated_time_to_regain_access) || 0);
      }
  const error = isObject(response.body) && isObject(response.body.error) ? response.body.error : null;
  const code = error ? Number(error.code) : NaN;
  const throttled = META_THROTTLE_CODES.has(code);
  return {
    limited: throttled || usage >= 100 || response.status === 429,
    retryAt: regainMinutes > 0 ? now + regainMinutes * 60_000 : null,
    remaining: usage > 0 ? Math.max(0, 100 - usage) : null,
    limit: usage > 0 ? 100 : null,
    code: throttled ? String(code) : null,
  };
}

/** `RateLimit: limit=100, remaining=0, reset=30` (structured-field form of the IETF draft). */
function readCombinedIetf(value: string | null): Record<string, number> {
  const out: Record<string, number> = {};
  if (!value) return out;
  for (const part of value.split(/[;,]/)) {
    const match = /^\s*(limit|remaining|reset|r|t)\s*=\s*"?(\d+(?:\.\d+)?)"?\s*$/i.exec(part);
    if (match) out[match[1]!.toLowerCase()] = Number(match[2]);
  }
  return out;
}

/**
 * What a response says about the rate budget. `now` is epoch ms (passed in: tests use a fake
 * clock). A response that is not limited and carries no headers answers `{limited: false}`.
 */
export function readRateLimit(model: RateLimitModel, response: ResponseLike, now: number): RateLimitSignal {
  const { status, headers, body } = response;
  const retryAfter =
    status === 429 || status === 503 ? parseRetryAfter(header(headers, 'retry-after'), now) : null;
  let signal: RateLimitSignal = {
    limited: status === 429,
    retryAt: null,
    remaining: null,
    limit: null,
    code: null,
  };

  switch (model) {
    case 'x-rate-limit': {
      // X: epoch seconds; 429 with {"errors":[{"code":88}]}.
      const remaining = num(header(headers, 'x-rate-limit-remaining'));
      const reset = num(header(headers, 'x-rate-limit-reset'));
      const errors = isObject(body) && Array.isArray(body.errors) ? body.errors : [];
      const code88 = errors.some((e) => isObject(e) && Number(e.code) === 88);
      signal = {
        limited: status === 429 || code88 || remaining === 0,
        retryAt: reset !== null ? reset * 1000 : null,
        remaining,
        limit: num(header(headers, 'x-rate-limit-limit')),
        code: code88 ? '88' : null,
      };
      break;
    }
    case 'x-ratelimit-timestamp': {
      // Mastodon: X-RateLimit-Reset is an ISO 8601 timestamp.
      const remaining = num(header(headers, 'x-ratelimit-remaining'));
      const reset = header(headers, 'x-ratelimit-reset');
      const at = reset ? Date.parse(reset) : NaN;
      signal = {
        limited: status === 429 || remaining === 0,
        retryAt: Number.isNaN(at) ? null : at,
        remaining,
        limit: num(header(headers, 'x-ratelimit-limit')),
        code: null,
      };
      break;
    }
    case 'x-ratelimit-seconds': {
      // Reddit: X-Ratelimit-Reset is seconds until the window resets; remaining may be fractional.
      const remaining = num(header(headers, 'x-ratelimit-remaining'));
      const reset = num(header(headers, 'x-ratelimit-reset'));
      const used = num(header(headers, 'x-ratelimit-used'));
      signal = {
        limited: status === 429 || (remaining !== null && remaining < 1),
        retryAt: reset !== null ? now + reset * 1000 : null,
        remaining: remaining === null ? null : Math.floor(remaining),
        limit: remaining !== null && used !== null ? Math.round(remaining + used) : null,
        code: null,
      };
      break;
    }
    case 'ietf-ratelimit': {
      // Bluesky sends RateLimit-Reset as epoch seconds; the draft says delta seconds. Tell them apart by size.
      const combined = readCombinedIetf(header(headers, 'ratelimit'));
      const remaining = num(header(headers, 'ratelimit-remaining')) ?? combined.remaining ?? null;
      const reset = num(header(headers, 'ratelimit-reset')) ?? combined.reset ?? combined.t ?? null;
      const limit = num(header(headers, 'ratelimit-limit')) ?? combined.limit ?? null;
      signal = {
        limited: status === 429 || remaining === 0,
        retryAt: reset === null ? null : reset > 1_000_000_000 ? reset * 1000 : now + reset * 1000,
        remaining,
        limit,
        code: null,
      };
      break;
    }
    case 'apple-x-rate-limit': {
      // Apple: `X-Rate-Limit: user-hour-lim:3500;user-hour-rem:12;`, a rolling hour without a reset time.
      const value = header(headers, 'x-rate-limit') ?? '';
      const fields = Object.fromEntries(
        value
          .split(';')
          .map((p) => p.split(':').map((s) => s.trim()))
          .filter((p): p is [string, string] => p.length === 2 && p[0] !== ''),
      );
      const remaining = num(fields['user-hour-rem']);
      signal = {
        limited: status === 429 || remaining === 0,
        retryAt: null,
        remaining,
        limit: num(fields['user-hour-lim']),
        code: null,
      };
      break;
    }
    case 'meta-usage':
      signal = readMeta(response, now);
      break;
    case 'telegram-retry-after': {
      const params = isObject(body) && isObject(body.parameters) ? body.parameters : null;
      const seconds = params ? Number(params.retry_after) : NaN;
      const code = isObject(body) ? Number(body.error_code) : NaN;
      signal = {
        limited: status === 429 || code === 429,
        retryAt: Number.isFinite(seconds) ? now + seconds * 1000 : null,
        remaining: null,
        limit: null,
        code: code === 429 ? '429' : null,
      };
      break;
    }
    case 'google-resource-exhausted': {
      const error = isObject(body) && isObject(body.error) ? body.error : null;
      const exhausted = error?.status === 'RESOURCE_EXHAUSTED';
      signal = {
        limited: status === 429 || exhausted,
        retryAt: null,
        remaining: null,
        limit: null,
        code: exhausted ? 'RESOURCE_EXHAUSTED' : null,
      };
      break;
    }
    case 'retry-after':
    case 'server-specific':
    case 'none':
      break;
  }
  // A 503 with Retry-After is the server asking for a pause just like a 429.
  if (retryAfter !== null && (signal.limited || status === 503)) {
    signal.limited = true;
    signal.retryAt = Math.max(signal.retryAt ?? 0, retryAfter);
  }
  // A reset in the past is no reason to wait.
  if (signal.retryAt !== null && signal.retryAt <= now)
    signal.retryAt = signal.limited ? null : signal.retryAt;
  return signal;
}
