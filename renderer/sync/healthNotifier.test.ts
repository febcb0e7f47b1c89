import { describe, expect, it, vi } from 'vitest';
import type { AccountHealth, AccountInfo } from '../../shared/channels/schemas.ts';
import { FAILURE_NOTIFY_AFTER_MS, createHealthNotifier } from './healthNotifier.ts';

const t0 = Date.UTC(2026, 11, 1, 9);

function account(health: Partial<AccountHealth>, paused = false): AccountInfo {
  return {
    id: 'email-a',
    connector: 'email',
    name: 'Klantenservice',
    paused,
    createdAt: t0,
    hasSecrets: true,
    config: {
      connector: 'email',
      settings: {
        address: 'team@example.nl',
        displayName: null,
        imap: { host: 'imap.example.nl', port: 993, tls: 'tls', user: 'team' },
        smtp: { host: 'smtp.example.nl', port: 587, tls: 'starttls', user: 'team' },
        folders: ['INBOX'],
        sentFolder: null,
        historyDays: 30,
      },
    },
    health: {
      state: 'unreachable',
      since: t0,
      retryAt: null,
      lastSyncAt: null,
      failingSince: t0,
      progress: null,
      push: 'none',
      error: null,
      ...health,
    },
  };
}

describe('desktop notification after 15 minutes of failure', () => {
  it('notifies once per run of failures, not before 15 minutes', () => {
    const notify = vi.fn();
    const notifier = createHealthNotifier(notify);
    notifier.check([account({})], t0 + FAILURE_NOTIFY_AFTER_MS - 1);
    expect(notify).not.toHaveBeenCalled();
    notifier.check([account({})], t0 + FAILURE_NOTIFY_AFTER_MS);
    notifier.check([account({ state: 'auth-failed' })], t0 + 2 * FAILURE_NOTIFY_AFTER_MS);
    expect(notify).toHaveBeenCalledTimes(1);
    // It recovered, then failed again: a new run, a new notification after 15 minutes.
    notifier.check([account({ state: 'connected', failingSince: null })], t0 + 3 * FAILURE_NOTIFY_AFTER_MS);
    const again = t0 + 4 * FAILURE_NOTIFY_AFTER_MS;
    notifier.check([account({ failingSince: again })], again + FAILURE_NOTIFY_AFTER_MS);
    expect(notify).toHaveBeenCalledTimes(2);
  });

  it('stays quiet for a paused account', () => {
    const notify = vi.fn();
    createHealthNotifier(notify).check([account({}, true)], t0 + 10 * FAILURE_NOTIFY_AFTER_MS);
    expect(notify).not.toHaveBeenCalled();
  });
});
