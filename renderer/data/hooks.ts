import Dexie from 'dexie';
import { useLiveQuery } from 'dexie-react-hooks';
import { OUTBOX_STATUSES } from '../../shared/outbox/state.ts';
import { useEffect, useState } from 'react';
import type { Conversation, ConversationRow, Label } from '../../shared/domain/types.ts';
import { DEMO_COUNTER, type ViewId } from '../../shared/inbox/views.ts';
import type { WebcareDb } from '../db/schema.ts';
import {
  authorHistory,
  listConversations,
  listMessages,
  searchConversations,
  type SearchResult,
} from '../db/queries.ts';
import type { ConversationDetail } from '../components/types.ts';
import { withUnread } from '../db/repo.ts';

// Read hooks over Dexie live queries. `undefined` means loading; components render a loading
// state for it. Every query here is bounded by a limit or by one conversation.

/**
 * The first `limit` rows of a view. `undefined` while a view's first page loads: right after a
 * view switch the previous view's rows are never handed out (loading more keeps the rows shown).
 */
export function useConversationPage(
  db: WebcareDb,
  view: ViewId,
  me: string,
  limit: number,
): ConversationRow[] | undefined {
  return useKeyedLiveQuery(
    `${view}\u0000${me}`,
    async () => withUnread(db, me, await listConversations(db, view, me, limit)),
    [db, limit],
  );
}

/** All counters in one read (the counters table holds a few dozen rows). */
export function useCounters(db: WebcareDb): Map<string, number> | undefined {
  return useLiveQuery(async () => new Map((await db.counters.toArray()).map((r) => [r.key, r.value])), [db]);
}

/**
 * A live query that belongs to one key (a conversation id, an author id, a view). It returns
 * `undefined` until the result for *this* key has loaded: `useLiveQuery` keeps handing out the
 * previous key's result for a render or more after the key changes, and for data that belongs to
 * one conversation that stale render shows, and lets the agent act on, another conversation.
 */
export function useKeyedLiveQuery<T>(key: string, query: () => Promise<T> | T, deps: unknown[]): T | undefined {
  const result = useLiveQuery(async () => ({ key, value: await query() }), [key, ...deps]);
  return result !== undefined && result.key === key ? result.value : undefined;
}

export function useLabels(db: WebcareDb): Label[] | undefined {
  return useLiveQuery(() => db.labels.toArray(), [db]);
}

/**
 * The conversation pane's data for `id`, read in one live query: `undefined` until all of it has
 * loaded for this id, `null` when there is no such conversation. Never a mix of two conversations
 * (one's header with another's thread or risk panel), which separate live queries give for a
 * render or more after a switch. Every read is bounded by the one conversation and its author.
 */
export function useConversationDetail(
  db: WebcareDb,
  id: string | null,
  me: string,
): ConversationDetail | null | undefined {
  return useKeyedLiveQuery(
    `${id ?? ''}\u0000${me}`,
    async (): Promise<ConversationDetail | null> => {
      const stored = id ? await db.conversations.get(id) : undefined;
      if (!id || !stored) return null;
      const [[conversation], messages, author, history, draft, flag, outbox] = await Promise.all([
        withUnread(db, me, [stored]),
        listMessages(db, id),
        db.authors.get(stored.authorId),
        authorHistory(db, stored.authorId),
        db.drafts.get(id),
        db.flags.get(id),
        db.outbox.where('conversationId').equals(id).toArray(),
      ]);
      return {
        conversation: conversation!,
        messages,
        author: author ?? null,
        history,
        draft: draft ?? null,
        flag: flag ?? null,
        outbox: new Map(outbox.map((r) => [r.messageId, r])),
      };
    },
    [db],
  );
}

export function useSearch(
  db: WebcareDb,
  query: string,
  me: string,
): (Omit<SearchResult, 'conversations'> & { conversations: ConversationRow[] }) | undefined {
  return useLiveQuery(async () => {
    const r = await searchConversations(db, query);
    return { ...r, conversations: await withUnread(db, me, r.conversations) };
  }, [db, query, me]);
}

/** Conversations by id (crisis and flag screens), with this agent's unread counts. */
export function useConversationsById(
  db: WebcareDb,
  ids: readonly string[],
  me: string,
): ConversationRow[] | undefined {
  return useLiveQuery(async () => {
    const rows = (await db.conversations.bulkGet([...ids])).filter((c): c is Conversation => !!c);
    return withUnread(db, me, rows);
  }, [db, ids, me]);
}

/** A directory kept in `meta` as `[{ id, name }]`, as a map (a few dozen rows at most). */
function useDirectory(db: WebcareDb, key: string): ReadonlyMap<string, string> | undefined {
  return useLiveQuery(async () => {
    const rows = ((await db.meta.get(key))?.value ?? []) as { id: string; name: string }[];
    return new Map(rows.map((a) => [a.id, a.name]));
  }, [db, key]);
}

/** Colleagues known on this computer, by id (written by the demo seed; a team inbox will sync them). */
export function useAgentNames(db: WebcareDb): ReadonlyMap<string, string> | undefined {
  return useDirectory(db, 'agents');
}

/** Display names of the brands this inbox answers for, by id (the demo seed writes its brands). */
export function useBrandNames(db: WebcareDb): ReadonlyMap<string, string> | undefined {
  return useDirectory(db, 'brands');
}

/** The current time, refreshed every `intervalMs` so ages and exposure clocks move. */
export function useNow(intervalMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(t);
  }, [intervalMs]);
  return now;
}

/** Whether the browser thinks it has a network; the inbox keeps working either way. */
export function useOnline(): boolean {
  const [online, setOnline] = useState(() => navigator.onLine);
  useEffect(() => {
    const up = () => setOnline(true);
    const down = () => setOnline(false);
    window.addEventListener('online', up);
    window.addEventListener('offline', down);
    return () => {
      window.removeEventListener('online', up);
      window.removeEventListener('offline', down);
    };
  }, []);
  return online;
}

/**
 * How many demo conversations there are, while `enabled` (the settings dialog asks before the
 * demo goes, saying how much goes): the demo counter, one key read that re-runs on writes.
 */
export function useDemoConversationCount(db: WebcareDb, enabled: boolean): number | undefined {
  // One counter row (kept by the projection), never a count of the demo's rows.
  return useLiveQuery(
    async () => (enabled ? Math.max(0, (await db.counters.get(DEMO_COUNTER))?.value ?? 0) : undefined),
    [db, enabled],
  );
}

/** Outbox rows not yet sent (queued, held, sending, failed, unknown): one indexed count per status. */
export function useOutboxWaiting(db: WebcareDb): number | undefined {
  return useLiveQuery(async () => {
    let n = 0;
    for (const status of OUTBOX_STATUSES) {
      if (status === 'sent') continue;
      n += await db.outbox
        .where('[status+nextAttemptAt]')
        .between([status, Dexie.minKey], [status, Dexie.maxKey])
        .count();
    }
    return n;
  }, [db]);
}

/** The newest successful sync of any account (`null`: never synced), from the small syncState table. */
export function useLastSync(db: WebcareDb): number | null | undefined {
  return useLiveQuery(async () => {
    const rows = await db.syncState.toArray();
    const times = rows.map((r) => r.lastSyncAt).filter((t): t is number => typeof t === 'number');
    return times.length ? Math.max(...times) : null;
  }, [db]);
}

const OFFLINE_SINCE_KEY = 'webcare.offlineSince';

function offlineSinceNow(): number {
  const stored = Number(sessionStorage.getItem(OFFLINE_SINCE_KEY));
  const at = stored > 0 ? stored : Date.now();
  sessionStorage.setItem(OFFLINE_SINCE_KEY, String(at));
  return at;
}

/**
 * When this window lost the network (kept across reloads in sessionStorage, so "offline since"
 * does not restart at every reload during an outage); `null` while online.
 */
export function useOfflineSince(): number | null {
  const [since, setSince] = useState<number | null>(() => (navigator.onLine ? null : offlineSinceNow()));
  useEffect(() => {
    const down = () => setSince(offlineSinceNow());
    const up = () => {
      sessionStorage.removeItem(OFFLINE_SINCE_KEY);
      setSince(null);
    };
    window.addEventListener('offline', down);
    window.addEventListener('online', up);
    return () => {
      window.removeEventListener('offline', down);
      window.removeEventListener('online', up);
    };
  }, []);
  return since;
}
