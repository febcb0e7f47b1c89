import { describe, expect, it } from 'vitest';
import type { ConnectorError } from '../../../shared/channels/errors.ts';
import { AccountCircuit, CircuitRegistry, fullJitterDelay } from './backoff.ts';
import { readRateLimit } from './rate-limits.ts';

class FakeClock {
  constructor(public t = Date.UTC(2026, 11, 1, 9)) {}
  now = () => this.t;
  advance(ms: number) {
    this.t += ms;
  }
}

const transient = (retryAt = 0): ConnectorError => ({
  type: 'transient',
  retryAt,
  unreachable: true,
  code: 'ECONNREFUSED',
  reason: 'connect ECONNREFUSED',
});

describe('full jitter', () => {
  it('draws from [0, min(cap, base·2^n)]', () => {
    const policy = { baseMs: 1000, capMs: 60_000 };
    expect(fullJitterDelay(0, policy, () => 0.999)).toBe(999);
    expect(fullJitterDelay(3, policy, () => 0.5)).toBe(4000);
    expect(fullJitterDelay(10, policy, () => 0.999)).toBe(59_940);
    expect(fullJitterDelay(10, policy, () => 0)).toBe(0);
    expect(fullJitterDelay(1000, policy, () => 1 - Number.EPSILON)).toBeLessThan(60_000);
  });
});

describe('account circuit on a fake clock', () => {
  it('opens after a transient failure, lets one trial through when the wait is over, closes on success', () => {
    const clock = new FakeClock();
    const circuit = new AccountCircuit({ clock, random: () => 0.5, policy: { baseMs: 1000, capMs: 60_000 } });
    expect(circuit.admit()).toEqual({ allowed: true, trial: false });
    const first = circuit.failed(transient());
    expect(first).toBe(clock.t + 500);
    expect(circuit.admit()).toMatchObject({ allowed: false, reason: 'failures', retryAt: first });
    clock.advance(500);
    expect(circuit.admit()).toEqual({ allowed: true, trial: true });
    // While the trial is out, nobody else goes.
    expect(circuit.admit()).toMatchObject({ allowed: false, reason: 'trial-in-flight' });
    const second = circuit.failed(transient());
    expect(second).toBe(clock.t + 1000); // 0.5 · 2^1 · 1000
    clock.advance(1000);
    expect(circuit.admit()).toEqual({ allowed: true, trial: true });
    circuit.succeeded();
    expect(circuit.state()).toEqual({ state: 'closed' });
    expect(circuit.consecutiveFailures).toBe(0);
    expect(circuit.admit()).toEqual({ allowed: true, trial: false });
  });

  it('grows the wait exponentially up to the cap', () => {
    const clock = new FakeClock();
    const circuit = new AccountCircuit({ clock, random: () => 0.999, policy: { baseMs: 1000, capMs: 8000 } });
    const waits: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      const retryAt = circuit.failed(transient())!;
      waits.push(retryAt - clock.t);
      clock.t = retryAt;
      expect(circuit.admit().allowed).toBe(true);
    }
    expect(waits).toEqual([999, 1998, 3996, 7992, 7992, 7992]);
  });

  it("honours a server's hint as a floor", () => {
    const clock = new FakeClock();
    const circuit = new AccountCircuit({ clock, random: () => 0 });
    expect(circuit.failed(transient(clock.t + 30_000))).toBe(clock.t + 30_000);
  });

  it('waits for a rate-limit reset in its scope only, plus a little jitter', () => {
    const clock = new FakeClock();
    const circuit = new AccountCircuit({ clock, random: () => 0.5, resetJitterMs: 1000 });
    const reset = clock.t + 15 * 60_000;
    const retryAt = circuit.failed(
      { type: 'rate-limited', retryAt: reset, scope: 'send', code: '429', reason: 'Too Many Requests' },
      'send',
    );
    expect(retryAt).toBe(reset + 500);
    expect(circuit.admit('send')).toMatchObject({
      allowed: false,
      reason: 'rate-limited',
      retryAt: reset + 500,
    });
    expect(circuit.admit('read')).toEqual({ allowed: true, trial: false });
    clock.t = reset + 500;
    expect(circuit.admit('send')).toEqual({ allowed: true, trial: false });
  });

  it('holds a scope when a successful response says the budget is spent', () => {
    const clock = new FakeClock();
    const circuit = new AccountCircuit({ clock });
    const signal = readRateLimit(
      'x-rate-limit',
      {
        status: 200,
        headers: {
          'x-rate-limit-limit': '75',
          'x-rate-limit-remaining': '0',
          'x-rate-limit-reset': String(clock.t / 1000 + 600),
        },
      },
      clock.t,
    );
    circuit.succeeded(signal, 'mentions');
    expect(circuit.admit('mentions')).toMatchObject({ allowed: false, retryAt: clock.t + 600_000 });
    expect(circuit.admit('tweets')).toMatchObject({ allowed: true });
  });

  it('stops trying after refused credentials until they are replaced', () => {
    const clock = new FakeClock();
    const circuit = new AccountCircuit({ clock });
    expect(circuit.failed({ type: 'auth-expired', code: 'AUTHENTICATIONFAILED', reason: 'no' })).toBeNull();
    clock.advance(24 * 3_600_000);
    expect(circuit.admit()).toEqual({ allowed: false, retryAt: null, reason: 'needs-person' });
    expect(circuit.state()).toEqual({ state: 'needs-person' });
    circuit.reset();
    expect(circuit.admit()).toEqual({ allowed: true, trial: false });
  });

  it('does not count a rejected request against the account', () => {
    const circuit = new AccountCircuit({ clock: new FakeClock() });
    circuit.failed({ type: 'rejected', code: '550', reason: 'mailbox unavailable' });
    expect(circuit.consecutiveFailures).toBe(0);
    expect(circuit.admit()).toEqual({ allowed: true, trial: false });
  });

  it('keeps one circuit per account', () => {
    const registry = new CircuitRegistry({ clock: new FakeClock(), random: () => 0.5 });
    registry.for('email-a').failed(transient());
    expect(registry.for('email-a').admit().allowed).toBe(false);
    expect(registry.for('email-b').admit().allowed).toBe(true);
    registry.forget('email-a');
    expect(registry.for('email-a').admit().allowed).toBe(true);
  });
});

describe('rate-limit signals per platform (CHANNELS.md §1.3)', () => {
  const now = Date.UTC(2026, 11, 1, 9);

  it('X: 429 with code 88 and an epoch-seconds reset', () => {
    const reset = now / 1000 + 900;
    expect(
      readRateLimit(
        'x-rate-limit',
        {
          status: 429,
          headers: {
            'x-rate-limit-limit': '300',
            'x-rate-limit-remaining': '0',
            'x-rate-limit-reset': String(reset),
          },
          body: { errors: [{ code: 88, message: 'Rate limit exceeded' }] },
        },
        now,
      ),
    ).toEqual({ limited: true, retryAt: reset * 1000, remaining: 0, limit: 300, code: '88' });
  });

  it('Mastodon: ISO timestamp reset', () => {
    const signal = readRateLimit(
      'x-ratelimit-timestamp',
      {
        status: 429,
        headers: new Headers({
          'X-RateLimit-Limit': '300',
          'X-RateLimit-Remaining': '0',
          'X-RateLimit-Reset': '2026-12-01T09:05:00.000Z',
        }),
      },
      now,
    );
    expect(signal).toEqual({
      limited: true,
      retryAt: now + 5 * 60_000,
      remaining: 0,
      limit: 300,
      code: null,
    });
  });

  it('Reddit: seconds until reset and fractional remaining', () => {
    expect(
      readRateLimit(
        'x-ratelimit-seconds',
        {
          status: 200,
          headers: { 'X-Ratelimit-Used': '99', 'X-Ratelimit-Remaining': '0.0', 'X-Ratelimit-Reset': '42' },
        },
        now,
      ),
    ).toEqual({ limited: true, retryAt: now + 42_000, remaining: 0, limit: 99, code: null });
  });

  it('Bluesky: RateLimit-Reset in epoch seconds; the draft delta-seconds and combined forms', () => {
    const epoch = now / 1000 + 120;
    expect(
      readRateLimit(
        'ietf-ratelimit',
        { status: 429, headers: { 'ratelimit-remaining': '0', 'ratelimit-reset': String(epoch) } },
        now,
      ).retryAt,
    ).toBe(epoch * 1000);
    expect(
      readRateLimit(
        'ietf-ratelimit',
        { status: 429, headers: { 'RateLimit-Remaining': '0', 'RateLimit-Reset': '30' } },
        now,
      ).retryAt,
    ).toBe(now + 30_000);
    expect(
      readRateLimit(
        'ietf-ratelimit',
        { status: 200, headers: { RateLimit: 'limit=100, remaining=0, reset=50' } },
        now,
      ),
    ).toEqual({
      limited: true,
      retryAt: now + 50_000,
      remaining: 0,
      limit: 100,
      code: null,
    });
  });

  it('Apple: X-Rate-Limit fields, no reset time', () => {
    expect(
      readRateLimit(
        'apple-x-rate-limit',
        { status: 200, headers: { 'X-Rate-Limit': 'user-hour-lim:3500;user-hour-rem:0;' } },
        now,
      ),
    ).toEqual({ limited: true, retryAt: null, remaining: 0, limit: 3500, code: null });
    expect(
      readRateLimit(
        'apple-x-rate-limit',
        { status: 200, headers: { 'X-Rate-Limit': 'user-hour-lim:3500;user-hour-rem:12;' } },
        now,
      ).limited,
    ).toBe(false);
  });

  it('Meta: usage headers, regain time in minutes, throttling as error codes on a 400', () => {
    const signal = readRateLimit(
      'meta-usage',
      {
        status: 400,
        headers: {
          'X-Business-Use-Case-Usage': JSON.stringify({
            '112233': [
              {
                type: 'pages',
                call_count: 100,
                total_cputime: 20,
                total_time: 30,
                estimated_time_to_regain_access: 12,
              },
            ],
          }),
        },
        body: { error: { message: 'Application request limit reached', type: 'OAuthException', code: 4 } },
      },
      now,
    );
    expect(signal).toEqual({
      limited: true,
      retryAt: now + 12 * 60_000,
      remaining: 0,
      limit: 100,
      code: '4',
    });
    expect(
      readRateLimit(
        'meta-usage',
        { status: 200, headers: { 'x-app-usage': '{"call_count":28,"total_time":25}' } },
        now,
      ),
    ).toEqual({
      limited: false,
      retryAt: null,
      remaining: 72,
      limit: 100,
      code: null,
    });
    expect(
      readRateLimit('meta-usage', { status: 400, headers: {}, body: { error: { code: 130429 } } }, now)
        .limited,
    ).toBe(true);
  });

  it('Telegram: retry_after in the JSON body', () => {
    expect(
      readRateLimit(
        'telegram-retry-after',
        {
          status: 429,
          headers: {},
          body: {
            ok: false,
            error_code: 429,
            description: 'Too Many Requests: retry after 35',
            parameters: { retry_after: 35 },
          },
        },
        now,
      ),
    ).toEqual({ limited: true, retryAt: now + 35_000, remaining: null, limit: null, code: '429' });
  });

  it('Google: RESOURCE_EXHAUSTED without a reset leaves the wait to the backoff', () => {
    expect(
      readRateLimit(
        'google-resource-exhausted',
        {
          status: 429,
          headers: {},
          body: { error: { code: 429, status: 'RESOURCE_EXHAUSTED', message: 'Quota exceeded' } },
        },
        now,
      ),
    ).toEqual({ limited: true, retryAt: null, remaining: null, limit: null, code: 'RESOURCE_EXHAUSTED' });
  });

  it('Retry-After as seconds or as an HTTP date on 429 and 503', () => {
    expect(
      readRateLimit('retry-after', { status: 429, headers: { 'Retry-After': '120' } }, now).retryAt,
    ).toBe(now + 120_000);
    expect(
      readRateLimit(
        'retry-after',
        { status: 503, headers: { 'retry-after': new Date(now + 60_000).toUTCString() } },
        now,
      ).retryAt,
    ).toBe(now + 60_000);
    expect(
      readRateLimit('retry-after', { status: 200, headers: { 'retry-after': '120' } }, now),
    ).toMatchObject({
      limited: false,
      retryAt: null,
    });
  });
});
