import type { AccountInfo, FetchPageResponse } from '../../shared/channels/schemas.ts';
import type { Account } from '../../shared/domain/accounts.ts';
import type { IngestMessage } from '../../shared/ingest/message.ts';
import type { WebcareApi } from '../../shared/ipc/contract.ts';
import { ingestInTx, type IngestReport } from '../db/ingest.ts';
import { commit, writeTx } from '../db/log.ts';
import type { WebcareDb } from '../db/schema.ts';

/**
 * The sync engine: in the leader window only, one loop per connected account that asks main for
 * the next page after the stored cursor (`sync:fetch-page`) and commits the page through the one
 * ingest pipeline TOGETHER with the new cursor, in one transaction (docs/architecture.md, "Sync").
 * A crash before that commit re-fetches the page from the old cursor; the unique
 * `(accountId, remoteId)` absorbs the overlap, so nothing is lost and nothing arrives twice.
 * Main's push (IMAP IDLE) and poll timers only wake a loop (`sync:wake`, no data).
 */

/** Messages per page: 200 measured fastest from a local Dovecot (bench/email-sync.bench.ts: 1,872 msgs/s warm against 1,272 at 100 and 1,585 at 500). */
export const PAGE_SIZE = 200;
/** A loop with nothing to do still asks this often, should a wake-up get lost. */
export const IDLE_RECHECK_MS = 5 * 60_000;
/** Host unreachable: wait this long, doubled per failure up to the cap. */
const HOST_RETRY_MS = 1_000;
const HOST_RETRY_CAP_MS = 30_000;

export interface AccountsFeed {
  /** `undefined` until main answered. */
  get(): readonly AccountInfo[] | undefined;
  subscribe(listener: () => void): () => void;
}

export interface SyncOptions {
  db: WebcareDb;
  api: Pick<WebcareApi, 'invoke' | 'on'>;
  accounts: AccountsFeed;
  now?: () => number;
  pageSize?: number;
  /** Called after every committed page (the UI's counters are live queries; tests listen here). */
  onPage?: (
    accountId: string,
    report: IngestReport,
    page: Extract<FetchPageResponse, { status: 'page' }>,
  ) => void;
  onProblem?: (problem: unknown) => void;
}

export interface SyncEngine {
  /** Asks the account's loop (or every loop) to fetch now. */
  wake(accountId?: string): void;
  stop(): void;
}

/** The inbox's own row for a connected account (the part that is not secret, for display and ids). */
export function accountRowFor(info: AccountInfo): Account {
  const settings = info.config.settings;
  return {
    id: info.id,
    channel: info.config.connector,
    name: info.name,
    source: 'connected',
    state: info.paused ? 'paused' : 'active',
    createdAt: info.createdAt,
    settings: { address: settings.address, displayName: settings.displayName },
  };
}

/** Writes (or refreshes) the account row through the log, so that a replayed log has it too. */
export async function ensureAccountRow(db: WebcareDb, info: AccountInfo, now: number): Promise<void> {
  const wanted = accountRowFor(info);
  await writeTx(db, async () => {
    const stored = await db.accounts.get(info.id);
    if (stored && stored.name === wanted.name && stored.state === wanted.state) return;
    await commit(
      db,
      {
        type: 'account.added',
        account: stored ? { ...stored, name: wanted.name, state: wanted.state } : wanted,
      },
      { actor: `sync:${info.id}`, origin: 'ingest', at: now },
    );
  });
}

/**
 * Commits one page with its cursor, but only if the stored cursor is still the one the page was
 * fetched after (a second loop for the same account, should one ever run, cannot move it back).
 */
export async function commitPage(
  db: WebcareDb,
  accountId: string,
  fetchedAfter: string | null,
  page: { messages: IngestMessage[]; nextCursor: string; backfill: boolean },
  now: number,
): Promise<IngestReport | null> {
  return writeTx(db, async () => {
    const stored = (await db.syncState.get(accountId))?.cursor ?? null;
    if (stored !== fetchedAfter) return null;
    return ingestInTx(
      db,
      {
        accountId,
        source: 'sync',
        backfill: page.backfill,
        messages: page.messages,
        cursor: page.nextCursor,
      },
      now,
    );
  });
}

export function startSync(options: SyncOptions): SyncEngine {
  const { db, api } = options;
  const now = options.now ?? (() => Date.now());
  const problem = options.onProblem ?? (() => undefined);
  const limit = options.pageSize ?? PAGE_SIZE;
  let stopped = false;
  const loops = new Map<string, { wake: () => void }>();

  const current = (id: string) => options.accounts.get()?.find((a) => a.id === id);

  function startLoop(id: string) {
    let pendingWake = false;
    let release: (() => void) | null = null;
    const wake = () => {
      pendingWake = true;
      release?.();
    };
    /** Waits for a wake-up or `ms`, whichever comes first; a wake-up that came meanwhile counts. */
    const sleep = (ms: number) =>
      new Promise<void>((resolve) => {
        if (pendingWake || stopped) {
          pendingWake = false;
          resolve();
          return;
        }
        const timer = setTimeout(done, Math.max(0, ms));
        function done() {
          clearTimeout(timer);
          release = null;
          pendingWake = false;
          resolve();
        }
        release = done;
      });
    loops.set(id, { wake });

    void (async () => {
      let hostFailures = 0;
      let rowFor: string | null = null;
      while (!stopped) {
        const info = current(id);
        if (!info) break;
        if (info.paused) {
          await sleep(IDLE_RECHECK_MS);
          continue;
        }
        try {
          const rowKey = `${info.name}\u0000${info.paused}`;
          if (rowFor !== rowKey) {
            await ensureAccountRow(db, info, now());
            rowFor = rowKey;
          }
          const cursor = (await db.syncState.get(id))?.cursor ?? null;
          let response: FetchPageResponse;
          try {
            response = await api.invoke('sync:fetch-page', { accountId: id, cursor, limit });
            hostFailures = 0;
          } catch (error) {
            // The host is away (restarting, killed): ask again with backoff, nothing is lost.
            problem(error);
            hostFailures++;
            await sleep(Math.min(HOST_RETRY_CAP_MS, HOST_RETRY_MS * 2 ** Math.min(hostFailures - 1, 10)));
            continue;
          }
          if (response.status === 'paused') {
            await sleep(IDLE_RECHECK_MS);
            continue;
          }
          if (response.status === 'error') {
            const error = response.error;
            // Refused credentials: main says so in the account's health; a new password wakes us.
            const wait = 'retryAt' in error ? error.retryAt - now() : IDLE_RECHECK_MS;
            await sleep(Math.max(HOST_RETRY_MS, wait));
            continue;
          }
          const report = await commitPage(db, id, cursor, response, now());
          if (report) options.onPage?.(id, report, response);
          if (response.done) await sleep(IDLE_RECHECK_MS);
        } catch (error) {
          // A failed transaction (disk full, a bug): the cursor did not move; try again later.
          problem(error);
          await sleep(HOST_RETRY_CAP_MS);
        }
      }
      loops.delete(id);
    })();
  }

  /** What, when it changes, is worth an immediate look (not health: every fetch changes that). */
  const seen = new Map<string, string>();
  const reconcileLoops = () => {
    if (stopped) return;
    const accounts = options.accounts.get() ?? [];
    for (const a of accounts) {
      const signature = JSON.stringify([a.name, a.paused, a.hasSecrets, a.config]);
      const loop = loops.get(a.id);
      if (!loop) startLoop(a.id);
      // Settings, pause or credentials changed: look again now.
      else if (seen.get(a.id) !== signature) loop.wake();
      seen.set(a.id, signature);
    }
    for (const [id, loop] of loops)
      if (!accounts.some((a) => a.id === id)) {
        seen.delete(id);
        loop.wake();
      }
  };

  const unsubscribe = options.accounts.subscribe(reconcileLoops);
  const offWake = api.on('sync:wake', ({ accountId }) => loops.get(accountId)?.wake());
  reconcileLoops();

  return {
    wake(accountId) {
      if (accountId) loops.get(accountId)?.wake();
      else for (const loop of loops.values()) loop.wake();
    },
    stop() {
      stopped = true;
      unsubscribe();
      offWake();
      for (const loop of loops.values()) loop.wake();
    },
  };
}
