import type { AccountInfo } from '../../shared/channels/schemas.ts';

/**
 * A channel must never stop silently: when an account has been failing for 15 minutes (main's
 * `failingSince`), one desktop notification says so, once per run of failures. Run by the leader
 * only, so several open tabs do not all notify.
 */
export const FAILURE_NOTIFY_AFTER_MS = 15 * 60_000;

export interface HealthNotifier {
  /** Looks at the accounts now (call on every health change and on a timer). */
  check(accounts: readonly AccountInfo[], now: number): void;
}

export function createHealthNotifier(
  notify: (account: AccountInfo) => void,
  afterMs: number = FAILURE_NOTIFY_AFTER_MS,
): HealthNotifier {
  // Account id → the failingSince we already notified about.
  const notified = new Map<string, number>();
  return {
    check(accounts, now) {
      for (const account of accounts) {
        const since = account.health.failingSince;
        if (since === null || account.paused) {
          notified.delete(account.id);
          continue;
        }
        if (now - since < afterMs || notified.get(account.id) === since) continue;
        notified.set(account.id, since);
        notify(account);
      }
    },
  };
}
