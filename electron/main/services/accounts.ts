import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { clipReason } from '../../../shared/channels/errors.ts';
import type { ConnectorError } from '../../../shared/channels/errors.ts';
import { AccountConfigSchema, AccountSecretsSchema } from '../../../shared/channels/schemas.ts';
import type {
  AccountConfig,
  AccountHealth,
  AccountInfo,
  AccountSecrets,
  AttachmentDownloadResponse,
  ConnectionReport,
  DeliveryReconcileResponse,
  DeliverySendResponse,
  Draft,
  FetchPageResponse,
  ReplyTarget,
} from '../../../shared/channels/schemas.ts';
import { CircuitRegistry, systemClock } from '../channels/backoff.ts';
import type { Clock } from '../channels/backoff.ts';
import type { Connector, WatchHandle } from '../channels/connector.ts';
import type { ConnectorRegistry } from '../channels/registry.ts';
import type { DeliveryJournal } from './delivery-journal.ts';
import type { EventBus } from './events.ts';
import { writeFileAtomic } from './atomic-file.ts';
import type { SecretStore } from './secrets.ts';

/**
 * Connected accounts on the main side: their connection settings (`accounts.json` in the data
 * folder; not secret), their credentials (the SecretStore; never returned), one connector and
 * one push watcher each, health, and the two jobs the renderer's writer asks for: the next page
 * after a cursor, and one delivery under an idempotency key, recorded in the delivery journal.
 * Inbox state (messages, cursors, outbox) stays in the renderer's database.
 */

/** Named points in `send` where a test may kill the process (see docs/architecture.md). */
export const CRASH_POINTS = [
  'before-attempt',
  'after-attempt',
  'after-accept',
  'after-accept-journaled',
  'after-copy',
] as const;
export type CrashPoint = (typeof CRASH_POINTS)[number];

const RecordSchema = z.object({
  id: z.string(),
  name: z.string(),
  config: AccountConfigSchema,
  paused: z.boolean(),
  createdAt: z.number(),
});
type AccountRecord = z.infer<typeof RecordSchema>;
const FileSchema = z.object({ v: z.literal(1), accounts: z.array(RecordSchema) });

const REGISTRY_FILE = 'accounts.json';
/** Attachments travel to the renderer as base64 over IPC; bigger ones are refused with a reason. */
export const MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024;
const secretName = (id: string) => `account:${id}`;

export class AccountError extends Error {
  constructor(
    readonly code: 'unknown-account' | 'no-credentials' | 'invalid',
    message: string,
  ) {
    super(message);
    this.name = 'AccountError';
  }
}

export interface AccountsServiceOptions {
  dataDir: string;
  secrets: SecretStore;
  journal: DeliveryJournal;
  events: EventBus;
  registry: ConnectorRegistry;
  clock?: Clock;
  random?: () => number;
  log?: (line: string) => void;
  /** Test hook: called at each crash point of a delivery. */
  crashPoint?: (point: CrashPoint) => void;
  /** Start push watchers (off in tests that only page). */
  watch?: boolean;
  /** Told every credential value (stored or given), so that a redacting log can hide it. */
  registerSecret?: (value: string) => void;
}

interface Runtime {
  record: AccountRecord;
  connector: Connector | null;
  watcher: WatchHandle | null;
  health: AccountHealth;
  lastError: ConnectorError | null;
  /** Messages handed over since this back-fill began (progress display). */
  fetched: number;
  queue: Promise<unknown>;
}

export interface AccountsService {
  list(): AccountInfo[];
  protection(): SecretStore['protection'];
  add(request: { name: string; config: AccountConfig; secrets: AccountSecrets }): Promise<AccountInfo>;
  test(request: {
    accountId?: string;
    config: AccountConfig;
    secrets?: AccountSecrets;
  }): Promise<ConnectionReport>;
  update(request: {
    accountId: string;
    name?: string;
    config?: AccountConfig;
    secrets?: AccountSecrets;
  }): Promise<AccountInfo>;
  setPaused(accountId: string, paused: boolean): Promise<AccountInfo>;
  remove(accountId: string): Promise<boolean>;
  fetchPage(accountId: string, cursor: string | null, limit?: number): Promise<FetchPageResponse>;
  send(request: {
    accountId: string;
    idempotencyKey: string;
    target: ReplyTarget;
    draft: Draft;
    confirmedNotDelivered: boolean;
  }): Promise<DeliverySendResponse>;
  reconcile(request: {
    accountId: string;
    idempotencyKey: string;
    target?: ReplyTarget;
    draft?: Draft;
  }): Promise<DeliveryReconcileResponse>;
  downloadAttachment(request: {
    accountId: string;
    rfcMessageId: string;
    partId: string;
  }): Promise<AttachmentDownloadResponse>;
  /** Starts watchers for active accounts (once, at startup). */
  start(): void;
  /** Stops watchers and closes connections (Quit). */
  close(): Promise<void>;
}

export function createAccountsService(options: AccountsServiceOptions): AccountsService {
  const clock = options.clock ?? systemClock;
  const log = options.log ?? ((line: string) => console.log(line));
  const crash = options.crashPoint ?? (() => undefined);
  const circuits = new CircuitRegistry({ clock, ...(options.random ? { random: options.random } : {}) });
  const path = join(options.dataDir, REGISTRY_FILE);
  mkdirSync(options.dataDir, { recursive: true });

  const load = (): AccountRecord[] => {
    if (!existsSync(path)) return [];
    try {
      return FileSchema.parse(JSON.parse(readFileSync(path, 'utf8'))).accounts;
    } catch (error) {
      const aside = `${path}.broken-${clock.now()}`;
      renameSync(path, aside);
      log(`accounts file was unreadable (${clipReason(error)}); moved it to ${aside}`);
      return [];
    }
  };

  const runtimes = new Map<string, Runtime>();
  const save = () =>
    writeFileAtomic(
      path,
      JSON.stringify(
        { v: 1, accounts: [...runtimes.values()].map((r) => r.record) } satisfies z.infer<typeof FileSchema>,
        null,
        2,
      ),
    );

  const baseHealth = (record: AccountRecord): AccountHealth => ({
    state: record.paused ? 'paused' : 'connecting',
    since: clock.now(),
    retryAt: null,
    lastSyncAt: null,
    failingSince: null,
    progress: null,
    push: 'none',
    error: null,
  });

  const announce = (secrets: AccountSecrets) => {
    for (const value of Object.values(secrets.secrets))
      if (typeof value === 'string') options.registerSecret?.(value);
  };
  const readSecrets = (id: string): AccountSecrets | null => {
    const raw = options.secrets.get(secretName(id));
    if (!raw) return null;
    const parsed = AccountSecretsSchema.safeParse(JSON.parse(raw));
    if (!parsed.success) return null;
    announce(parsed.data);
    return parsed.data;
  };

  const info = (runtime: Runtime): AccountInfo => ({
    id: runtime.record.id,
    connector: runtime.record.config.connector,
    name: runtime.record.name,
    config: runtime.record.config,
    paused: runtime.record.paused,
    createdAt: runtime.record.createdAt,
    hasSecrets: options.secrets.has(secretName(runtime.record.id)),
    health: runtime.health,
  });

  const setHealth = (runtime: Runtime, patch: Partial<AccountHealth>) => {
    const next = { ...runtime.health, ...patch };
    if (patch.state && patch.state !== runtime.health.state) next.since = clock.now();
    runtime.health = next;
    options.events.emit('accounts:health', { accountId: runtime.record.id, health: next });
  };

  const healthForError = (runtime: Runtime, error: ConnectorError, retryAt: number | null) => {
    const state =
      error.type === 'auth-expired'
        ? 'auth-failed'
        : error.type === 'rate-limited'
          ? 'rate-limited'
          : error.type === 'transient' && error.unreachable
            ? 'unreachable'
            : 'error';
    setHealth(runtime, {
      state,
      retryAt,
      error,
      push: 'none',
      failingSince: runtime.health.failingSince ?? clock.now(),
    });
  };

  const connectorOf = (runtime: Runtime): Connector => {
    if (runtime.connector) return runtime.connector;
    const secrets = readSecrets(runtime.record.id);
    if (!secrets) throw new AccountError('no-credentials', 'no credentials stored for this account');
    const factory = options.registry.get(runtime.record.config.connector);
    if (!factory) throw new AccountError('invalid', `no connector for ${runtime.record.config.connector}`);
    runtime.connector = factory.create({
      accountId: runtime.record.id,
      config: runtime.record.config,
      secrets,
      now: () => clock.now(),
      log,
    });
    return runtime.connector;
  };

  /** The account's connector, or why there is none (no stored credentials: a person must enter them). */
  const connectorOrError = (runtime: Runtime): { connector: Connector } | { error: ConnectorError } => {
    try {
      return { connector: connectorOf(runtime) };
    } catch (error) {
      noCredentials(runtime);
      return { error: { type: 'auth-expired', code: 'NO-CREDENTIALS', reason: clipReason(error) } };
    }
  };

  const noCredentials = (runtime: Runtime) =>
    healthForError(
      runtime,
      { type: 'auth-expired', code: 'NO-CREDENTIALS', reason: 'no credentials stored' },
      null,
    );

  const startWatcher = (runtime: Runtime) => {
    if (options.watch === false || runtime.record.paused || runtime.watcher) return;
    const found = connectorOrError(runtime);
    if ('error' in found) return;
    const watch = found.connector.watch?.bind(found.connector);
    if (!watch) return;
    const id = runtime.record.id;
    runtime.watcher = watch({
      wake: (reason) => options.events.emit('sync:wake', { accountId: id, reason }),
      connected: (mode) => {
        const keep = runtime.health.state === 'syncing';
        setHealth(runtime, {
          state: keep ? 'syncing' : 'connected',
          push: mode,
          retryAt: null,
          error: null,
          failingSince: null,
        });
      },
      failed: (error, retryAt) => healthForError(runtime, error, retryAt),
    });
  };

  /** Set by close(): the app is quitting. */
  let closing = false;
  const stopRuntime = async (runtime: Runtime) => {
    const { watcher, connector } = runtime;
    runtime.watcher = null;
    runtime.connector = null;
    await watcher?.stop().catch(() => undefined);
    await connector?.close().catch(() => undefined);
  };

  const runtimeOf = (id: string): Runtime => {
    const runtime = runtimes.get(id);
    if (!runtime) throw new AccountError('unknown-account', `unknown account: ${id}`);
    return runtime;
  };

  /** One call at a time per account: cursors and SMTP sessions are sequential by nature. */
  const serial = <T>(runtime: Runtime, job: () => Promise<T>): Promise<T> => {
    const next = runtime.queue.then(job, job);
    runtime.queue = next.catch(() => undefined);
    return next;
  };

  const emitChanged = () =>
    options.events.emit('accounts:changed', { accounts: [...runtimes.values()].map(info) });

  const newRuntime = (record: AccountRecord): Runtime => ({
    record,
    connector: null,
    watcher: null,
    health: baseHealth(record),
    lastError: null,
    fetched: 0,
    queue: Promise.resolve(),
  });
  for (const record of load()) {
    runtimes.set(record.id, newRuntime(record));
    readSecrets(record.id); // tells registerSecret what to hide from the start
  }

  const service: AccountsService = {
    list: () => [...runtimes.values()].map(info),
    protection: () => options.secrets.protection,

    async add({ name, config, secrets }) {
      if (config.connector !== secrets.connector)
        throw new AccountError('invalid', 'settings and credentials are for different channels');
      let id: string;
      do id = `${config.connector}-${randomBytes(5).toString('hex')}`;
      while (runtimes.has(id));
      announce(secrets);
      options.secrets.set(secretName(id), JSON.stringify(secrets));
      const record: AccountRecord = { id, name, config, paused: false, createdAt: clock.now() };
      const runtime = newRuntime(record);
      runtimes.set(id, runtime);
      save();
      startWatcher(runtime);
      emitChanged();
      return info(runtime);
    },

    async test({ accountId, config, secrets }) {
      if (secrets) announce(secrets);
      const given = secrets ?? (accountId ? readSecrets(accountId) : null);
      if (!given) throw new AccountError('no-credentials', 'no credentials given or stored');
      if (given.connector !== config.connector)
        throw new AccountError('invalid', 'settings and credentials are for different channels');
      const factory = options.registry.get(config.connector);
      if (!factory) throw new AccountError('invalid', `no connector for ${config.connector}`);
      const connector = factory.create({
        accountId: accountId ?? 'test',
        config,
        secrets: given,
        now: () => clock.now(),
        log,
      });
      try {
        return await connector.test();
      } finally {
        await connector.close().catch(() => undefined);
      }
    },

    async update({ accountId, name, config, secrets }) {
      const runtime = runtimeOf(accountId);
      if (config && config.connector !== runtime.record.config.connector)
        throw new AccountError('invalid', 'an account cannot change its channel');
      if (secrets && secrets.connector !== runtime.record.config.connector)
        throw new AccountError('invalid', 'credentials are for another channel');
      await serial(runtime, async () => {
        if (secrets) {
          announce(secrets);
          options.secrets.set(secretName(accountId), JSON.stringify(secrets));
        }
        runtime.record = { ...runtime.record, ...(name ? { name } : {}), ...(config ? { config } : {}) };
        save();
        if (config || secrets) {
          await stopRuntime(runtime);
          circuits.forget(accountId);
          runtime.lastError = null;
          setHealth(runtime, { ...baseHealth(runtime.record), lastSyncAt: runtime.health.lastSyncAt });
          startWatcher(runtime);
        }
      });
      emitChanged();
      return info(runtime);
    },

    async setPaused(accountId, paused) {
      const runtime = runtimeOf(accountId);
      await serial(runtime, async () => {
        if (runtime.record.paused === paused) return;
        runtime.record = { ...runtime.record, paused };
        save();
        if (paused) {
          await stopRuntime(runtime);
          setHealth(runtime, {
            state: 'paused',
            push: 'none',
            retryAt: null,
            error: null,
            failingSince: null,
            progress: null,
          });
        } else {
          circuits.for(accountId).reset();
          setHealth(runtime, { state: 'connecting', error: null, failingSince: null });
          startWatcher(runtime);
        }
      });
      emitChanged();
      return info(runtime);
    },

    async remove(accountId) {
      const runtime = runtimes.get(accountId);
      if (!runtime) return false;
      await serial(runtime, () => stopRuntime(runtime));
      runtimes.delete(accountId);
      options.secrets.delete(secretName(accountId));
      circuits.forget(accountId);
      save();
      emitChanged();
      return true;
    },

    fetchPage(accountId, cursor, limit = 100) {
      const runtime = runtimeOf(accountId);
      return serial(runtime, async (): Promise<FetchPageResponse> => {
        if (closing || runtime.record.paused) return { status: 'paused' };
        const circuit = circuits.for(accountId);
        const admission = circuit.admit('read');
        if (!admission.allowed) {
          const error: ConnectorError = runtime.lastError ?? {
            type: 'transient',
            retryAt: admission.retryAt ?? clock.now(),
            unreachable: false,
            code: 'WAIT',
            reason: 'waiting',
          };
          return {
            status: 'error',
            error: 'retryAt' in error ? { ...error, retryAt: admission.retryAt ?? error.retryAt } : error,
          };
        }
        const found = connectorOrError(runtime);
        if ('error' in found) return { status: 'error', error: found.error };
        const { connector } = found;
        try {
          const page = await connector.fetchSince(cursor, { limit });
          circuit.succeeded();
          runtime.lastError = null;
          runtime.fetched = page.backfill ? runtime.fetched + page.messages.length : 0;
          const progress = { fetched: runtime.fetched, remaining: page.remaining };
          const healthy = { retryAt: null, error: null, failingSince: null, lastSyncAt: clock.now() };
          if (page.backfill && !page.done) setHealth(runtime, { ...healthy, state: 'syncing', progress });
          else
            setHealth(runtime, {
              ...healthy,
              state: 'connected',
              progress: null,
              push: runtime.watcher ? runtime.health.push : 'poll',
            });
          return {
            status: 'page',
            messages: page.messages,
            nextCursor: page.nextCursor,
            backfill: page.backfill,
            done: page.done,
            progress,
          };
        } catch (thrown) {
          const error = connector.classify(thrown);
          const retryAt = circuit.failed(error, 'read');
          const withRetry = 'retryAt' in error ? { ...error, retryAt: retryAt ?? error.retryAt } : error;
          runtime.lastError = withRetry;
          healthForError(runtime, withRetry, retryAt);
          // The worker connection may be broken; the next call opens a fresh one.
          await connector.close().catch(() => undefined);
          return { status: 'error', error: withRetry };
        }
      });
    },

    send({ accountId, idempotencyKey, target, draft, confirmedNotDelivered }) {
      const runtime = runtimeOf(accountId);
      return serial(runtime, async (): Promise<DeliverySendResponse> => {
        // Quitting: the renderer gives the claim back (release-claim) and sends it next time.
        if (closing || runtime.record.paused) return { status: 'paused' };
        const { journal } = options;
        const known = journal.state(accountId, idempotencyKey);
        if (known.state === 'accepted')
          return { status: 'accepted', remoteId: known.remoteId, acceptedAt: known.at, repeated: true };
        if (known.state === 'attempted') {
          if (!confirmedNotDelivered) return { status: 'undecided' };
          await journal.append({ type: 'released', accountId, key: idempotencyKey, at: clock.now() });
        }
        const circuit = circuits.for(accountId);
        const admission = circuit.admit('send');
        if (!admission.allowed)
          return {
            status: 'failed',
            error:
              admission.reason === 'needs-person'
                ? {
                    type: 'auth-expired',
                    code: 'AUTH',
                    reason: 'credentials were refused; update them first',
                  }
                : {
                    type: 'transient',
                    retryAt: admission.retryAt ?? clock.now(),
                    unreachable: false,
                    code: 'WAIT',
                    reason: 'waiting for the server',
                  },
          };
        const found = connectorOrError(runtime);
        if ('error' in found) return { status: 'failed', error: found.error };
        const { connector } = found;
        let attempted = false;
        try {
          const ref = await connector.sendReply(target, draft, idempotencyKey, {
            beforeTransfer: async (remoteId) => {
              crash('before-attempt');
              await journal.append({
                type: 'attempt',
                accountId,
                key: idempotencyKey,
                remoteId,
                at: clock.now(),
              });
              attempted = true;
              crash('after-attempt');
            },
            accepted: async (sent) => {
              crash('after-accept');
              await journal.append({
                type: 'accepted',
                accountId,
                key: idempotencyKey,
                remoteId: sent.remoteId,
                at: sent.acceptedAt,
              });
              crash('after-accept-journaled');
            },
          });
          crash('after-copy');
          circuit.succeeded();
          return { status: 'accepted', remoteId: ref.remoteId, acceptedAt: ref.acceptedAt, repeated: false };
        } catch (thrown) {
          const error = connector.classify(thrown);
          // The journal decides what a retry may do: only a certain refusal frees the key.
          if (attempted && connector.refusedForSure(thrown))
            await journal.append({
              type: 'refused',
              accountId,
              key: idempotencyKey,
              at: clock.now(),
              reason: error.reason,
            });
          const retryAt = circuit.failed(error, 'send');
          if (error.type === 'auth-expired') healthForError(runtime, error, null);
          const withRetry = 'retryAt' in error ? { ...error, retryAt: retryAt ?? error.retryAt } : error;
          if (attempted && !connector.refusedForSure(thrown)) return { status: 'undecided' };
          return { status: 'failed', error: withRetry };
        }
      });
    },

    reconcile({ accountId, idempotencyKey, target, draft }) {
      const runtime = runtimeOf(accountId);
      return serial(runtime, async (): Promise<DeliveryReconcileResponse> => {
        const { journal } = options;
        const known = journal.state(accountId, idempotencyKey);
        switch (known.state) {
          case 'none':
            return { status: 'not-sent', reason: 'never-attempted' };
          case 'refused':
            return { status: 'not-sent', reason: 'refused' };
          case 'released':
            return { status: 'not-sent', reason: 'released' };
          case 'accepted':
          case 'attempted':
            break;
        }
        const found = connectorOrError(runtime);
        if ('error' in found) return { status: 'error', error: found.error };
        const { connector } = found;
        try {
          if (known.state === 'accepted') {
            if (target && draft && connector.repairCopy)
              await connector.repairCopy(target, draft, idempotencyKey);
            return { status: 'sent', remoteId: known.remoteId, acceptedAt: known.at, source: 'journal' };
          }
          const remoteId = known.remoteId ?? connector.remoteIdFor(idempotencyKey);
          const found = await connector.reconcile(idempotencyKey, remoteId);
          if (!found.found) return { status: 'unknown' };
          await journal.append({
            type: 'accepted',
            accountId,
            key: idempotencyKey,
            remoteId: found.remoteId,
            at: clock.now(),
          });
          return { status: 'sent', remoteId: found.remoteId, acceptedAt: null, source: 'channel' };
        } catch (thrown) {
          const error = connector.classify(thrown);
          await connector.close().catch(() => undefined);
          return { status: 'error', error };
        }
      });
    },

    downloadAttachment({ accountId, rfcMessageId, partId }) {
      const runtime = runtimeOf(accountId);
      return serial(runtime, async (): Promise<AttachmentDownloadResponse> => {
        const found = connectorOrError(runtime);
        if ('error' in found) return { status: 'error', error: found.error };
        const { connector } = found;
        if (!connector.downloadAttachment)
          return {
            status: 'error',
            error: { type: 'rejected', code: 'UNSUPPORTED', reason: 'no attachments on this channel' },
          };
        try {
          const file = await connector.downloadAttachment(rfcMessageId, partId, MAX_ATTACHMENT_BYTES);
          return {
            status: 'ok',
            name: file.name,
            contentType: file.contentType,
            size: file.content.length,
            base64: file.content.toString('base64'),
          };
        } catch (thrown) {
          const error = connector.classify(thrown);
          if (error.type === 'transient') await connector.close().catch(() => undefined);
          return { status: 'error', error };
        }
      });
    },

    start() {
      for (const runtime of runtimes.values()) startWatcher(runtime);
    },

    /**
     * Quit: from now on no new send or fetch starts (they answer `paused`, so the renderer
     * releases its claims); a send already talking to the server finishes and is journalled
     * first (it is ahead in the account's queue), then the connections close.
     */
    async close() {
      closing = true;
      await Promise.all([...runtimes.values()].map((runtime) => serial(runtime, () => stopRuntime(runtime))));
    },
  };
  return service;
}
