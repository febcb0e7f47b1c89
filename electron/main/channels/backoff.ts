import type { ConnectorError } from '../../../shared/channels/errors.ts';
import type { RateLimitSignal } from './rate-limits.ts';

/**
 * The one backoff component: exponential backoff with full jitter (delay drawn uniformly from
 * [0, min(cap, base·2^n)], AWS Architecture Blog "Exponential Backoff And Jitter"), the
 * platform's own reset times when it sends them (rate-limit headers, Retry-After), and a circuit
 * per account so that a failing account is not hammered while healthy ones carry on.
 */

export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

export interface BackoffPolicy {
  baseMs: number;
  capMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 1_000, capMs: 10 * 60_000 };

/** Full jitter: uniform in [0, min(cap, base·2^attempt)]; `attempt` counts from 0. */
export function fullJitterDelay(attempt: number, policy: BackoffPolicy, random: () => number): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.min(attempt, 30));
  return Math.floor(random() * ceiling);
}

export type CircuitState =
  | { state: 'closed' }
  /** No calls until `retryAt`; then one trial call (half-open). */
  | { state: 'open'; retryAt: number; reason: 'failures' | 'rate-limited' }
  /** One trial call is out; others wait for its result. */
  | { state: 'half-open' }
  /** Credentials were refused: nothing is tried until they change (`reset`). */
  | { state: 'needs-person' };

export type Admission =
  | { allowed: true; trial: boolean }
  | {
      allowed: false;
      retryAt: number | null;
      reason: 'failures' | 'rate-limited' | 'needs-person' | 'trial-in-flight';
    };

export interface CircuitOptions {
  clock?: Clock;
  random?: () => number;
  policy?: BackoffPolicy;
  /**
   * Waits below this are too short to be worth a separate trial: a rate-limit reset is honoured
   * as is, plus up to this much jitter so that accounts do not all retry on the same second.
   */
  resetJitterMs?: number;
}

/**
 * A circuit for one account. `admit(scope)` before every call; `succeeded()` / `failed(error)`
 * after it. Scopes (an endpoint, "send", "read") carry their own rate-limit gates; failures
 * of the account itself (unreachable, refused credentials) open the whole circuit.
 */
export class AccountCircuit {
  private readonly clock: Clock;
  private readonly random: () => number;
  private readonly policy: BackoffPolicy;
  private readonly resetJitterMs: number;
  private failures = 0;
  private openUntil: number | null = null;
  private trialInFlight = false;
  private needsPerson = false;
  private readonly gates = new Map<string, number>();

  constructor(options: CircuitOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.random = options.random ?? Math.random;
    this.policy = options.policy ?? DEFAULT_BACKOFF;
    this.resetJitterMs = options.resetJitterMs ?? 1_000;
  }

  /** Consecutive failures of the account (0 when it works). */
  get consecutiveFailures(): number {
    return this.failures;
  }

  state(): CircuitState {
    if (this.needsPerson) return { state: 'needs-person' };
    const now = this.clock.now();
    if (this.openUntil !== null && now < this.openUntil)
      return { state: 'open', retryAt: this.openUntil, reason: 'failures' };
    const gate = this.gates.get('*');
    if (gate !== undefined && now < gate) return { state: 'open', retryAt: gate, reason: 'rate-limited' };
    if (this.openUntil !== null || this.trialInFlight) return { state: 'half-open' };
    return { state: 'closed' };
  }

  /** May a call in `scope` go out now? A half-open circuit lets exactly one through. */
  admit(scope = '*'): Admission {
    if (this.needsPerson) return { allowed: false, retryAt: null, reason: 'needs-person' };
    const now = this.clock.now();
    for (const key of scope === '*' ? ['*'] : ['*', scope]) {
      const until = this.gates.get(key);
      if (until !== undefined) {
        if (now < until) return { allowed: false, retryAt: until, reason: 'rate-limited' };
        this.gates.delete(key);
      }
    }
    if (this.openUntil !== null) {
      if (now < this.openUntil) return { allowed: false, retryAt: this.openUntil, reason: 'failures' };
      if (this.trialInFlight) return { allowed: false, retryAt: null, reason: 'trial-in-flight' };
      this.trialInFlight = true;
      return { allowed: true, trial: true };
    }
    return { allowed: true, trial: false };
  }

  /** The call worked; `signal` (from readRateLimit) may still say the budget is spent. */
  succeeded(signal?: RateLimitSignal, scope = '*'): void {
    this.failures = 0;
    this.openUntil = null;
    this.trialInFlight = false;
    if (signal?.limited && signal.retryAt !== null) this.holdScope(scope, signal.retryAt);
  }

  /**
   * The call failed. Returns when the next call may be tried (epoch ms), or null when a person
   * must act first (credentials). A rejected request or a closed reply window is the request's
   * fault, not the account's: the circuit stays as it is.
   */
  failed(error: ConnectorError, scope = '*'): number | null {
    const now = this.clock.now();
    this.trialInFlight = false;
    switch (error.type) {
      case 'auth-expired':
        this.needsPerson = true;
        return null;
      case 'rate-limited': {
        const hinted = error.retryAt > now ? error.retryAt : null;
        const retryAt =
          hinted !== null
            ? hinted + Math.floor(this.random() * this.resetJitterMs)
            : now + fullJitterDelay(this.failures, this.policy, this.random) + this.policy.baseMs;
        this.failures += 1;
        this.holdScope(scope, retryAt);
        return retryAt;
      }
      case 'transient': {
        const delay = fullJitterDelay(this.failures, this.policy, this.random);
        this.failures += 1;
        // A server's own hint (Retry-After on a 503, an SMTP greeting delay) is a floor.
        const retryAt = Math.max(now + delay, error.retryAt > now ? error.retryAt : 0);
        this.openUntil = retryAt;
        return retryAt;
      }
      case 'rejected':
      case 'window-closed':
        return now;
    }
  }

  /** New credentials or a person's "try now": forget failures and gates. */
  reset(): void {
    this.failures = 0;
    this.openUntil = null;
    this.trialInFlight = false;
    this.needsPerson = false;
    this.gates.clear();
  }

  private holdScope(scope: string, until: number): void {
    this.gates.set(scope, Math.max(this.gates.get(scope) ?? 0, until));
  }
}

/** One circuit per account id. */
export class CircuitRegistry {
  private readonly circuits = new Map<string, AccountCircuit>();
  constructor(private readonly options: CircuitOptions = {}) {}

  for(accountId: string): AccountCircuit {
    let circuit = this.circuits.get(accountId);
    if (!circuit) {
      circuit = new AccountCircuit(this.options);
      this.circuits.set(accountId, circuit);
    }
    return circuit;
  }

  forget(accountId: string): void {
    this.circuits.delete(accountId);
  }
}
