import type { ImapFlow } from 'imapflow';
import type { ConnectorError } from '../../../../shared/channels/errors.ts';
import type { MailServer } from '../../../../shared/channels/schemas.ts';
import { AccountCircuit } from '../backoff.ts';
import type { BackoffPolicy } from '../backoff.ts';
import type { WatchEvents, WatchHandle } from '../connector.ts';
import { createImapClient } from './imap.ts';

/**
 * Push for email: a connection of its own, in IDLE (RFC 2177) on the first synced folder. It
 * only wakes the sync loop; the data always comes through `fetchSince`. IDLE is re-issued every
 * `maxIdleMs` (below the 29 minutes after which servers may drop an idle client); a server
 * without IDLE is polled by imapflow instead. A timer wakes the loop every `pollMs` as well, for
 * the other folders and as a safety net. A dropped connection is re-opened with backoff and
 * followed by a wake-up, because mail may have arrived while it was down.
 */
export interface WatcherOptions {
  server: MailServer;
  password: string;
  folder: string;
  classify(error: unknown): ConnectorError;
  now(): number;
  /** Wake-up interval while IDLE works. */
  pollMs: number;
  /** Wake-up interval when the server has no IDLE. */
  pollWithoutIdleMs: number;
  maxIdleMs: number;
  reconnect: BackoffPolicy;
  random?: () => number;
}

export const DEFAULT_WATCHER: Pick<
  WatcherOptions,
  'pollMs' | 'pollWithoutIdleMs' | 'maxIdleMs' | 'reconnect'
> = {
  pollMs: 5 * 60_000,
  pollWithoutIdleMs: 60_000,
  maxIdleMs: 25 * 60_000,
  reconnect: { baseMs: 1_000, capMs: 5 * 60_000 },
};

export function startImapWatcher(
  partial: Partial<WatcherOptions> & Omit<WatcherOptions, keyof typeof DEFAULT_WATCHER>,
  events: WatchEvents,
): WatchHandle {
  const options: WatcherOptions = { ...DEFAULT_WATCHER, ...partial };
  const circuit = new AccountCircuit({
    clock: { now: options.now },
    policy: options.reconnect,
    ...(options.random ? { random: options.random } : {}),
  });
  let stopped = false;
  let client: ImapFlow | null = null;
  let retryTimer: NodeJS.Timeout | null = null;
  let pollTimer: NodeJS.Timeout | null = null;
  let everConnected = false;

  const clearTimers = () => {
    if (retryTimer) clearTimeout(retryTimer);
    if (pollTimer) clearInterval(pollTimer);
    retryTimer = pollTimer = null;
  };

  const fail = (error: ConnectorError) => {
    if (stopped) return;
    clearTimers();
    const retryAt = circuit.failed(error);
    events.failed(error, retryAt);
    if (retryAt === null) return; // refused credentials: wait for new ones (the account restarts the watcher)
    retryTimer = setTimeout(() => void connect(), Math.max(0, retryAt - options.now()));
    // Retrying must not keep a process alive that is otherwise done (the app's windows or the
    // host's server keep it running while it is in use).
    retryTimer.unref?.();
  };

  const connect = async () => {
    retryTimer = null;
    if (stopped) return;
    const next = createImapClient(options.server, options.password, {
      disableAutoIdle: false,
      autoIdleDelay: 200,
      maxIdleTime: options.maxIdleMs,
      missingIdleCommand: 'STATUS',
    });
    client = next;
    next.on('exists', (data: { count: number; prevCount: number }) => {
      if (data.count > data.prevCount) events.wake('push');
    });
    try {
      await next.connect();
      await next.mailboxOpen(options.folder, { readOnly: true });
    } catch (error) {
      next.close();
      if (client === next) client = null;
      fail(options.classify(error));
      return;
    }
    if (stopped) {
      await next.logout().catch(() => next.close());
      return;
    }
    next.once('close', () => {
      if (client !== next) return;
      client = null;
      fail({
        type: 'transient',
        retryAt: options.now(),
        unreachable: true,
        code: 'EConnectionClosed',
        reason: 'connection closed',
      });
    });
    circuit.succeeded();
    const idle = next.capabilities.has('IDLE');
    events.connected(idle ? 'idle' : 'poll');
    pollTimer = setInterval(() => events.wake('poll'), idle ? options.pollMs : options.pollWithoutIdleMs);
    pollTimer.unref?.();
    // Mail may have come in while we were away.
    if (everConnected) events.wake('reconnect');
    everConnected = true;
  };

  void connect();
  return {
    async stop() {
      stopped = true;
      clearTimers();
      const current = client;
      client = null;
      if (current) await current.logout().catch(() => current.close());
    },
  };
}
