import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import type { Author, Conversation, Label, Message } from '../../shared/domain/types.ts';
import type { ViewId } from '../../shared/inbox/views.ts';
import type { WebcareDb } from '../db/schema.ts';
import {
  authorHistory,
  listConversations,
  listMessages,
  searchConversations,
  type SearchResult,
} from '../db/queries.ts';
import type { DraftRow } from '../db/schema.ts';

/**
 * Read hooks over Dexie live queries. `undefined` means loading; components render a loading
 * state for it. Every query here is bounded by a limit or by one conversation.
 */
export function useConversationPage(
  db: WebcareDb,
  view: ViewId,
  me: string,
  limit: number,
): Conversation[] | undefined {
  return useLiveQuery(() => listConversations(db, view, me, limit), [db, view, me, limit]);
}

/** All counters in one read (the counters table holds a few dozen rows). */
export function useCounters(db: WebcareDb): Map<string, number> | undefined {
  return useLiveQuery(async () => new Map((await db.counters.toArray()).map((r) => [r.key, r.value])), [db]);
}

export function useConversation(db: WebcareDb, id: string | null): Conversation | null | undefined {
  return useLiveQuery(async () => (id ? ((await db.conversations.get(id)) ?? null) : null), [db, id]);
}

export function useMessages(db: WebcareDb, conversationId: string | null): Message[] | undefined {
  return useLiveQuery(
    async () => (conversationId ? listMessages(db, conversationId) : []),
    [db, conversationId],
  );
}

export function useAuthor(db: WebcareDb, authorId: string | null): Author | null | undefined {
  return useLiveQuery(
    async () => (authorId ? ((await db.authors.get(authorId)) ?? null) : null),
    [db, authorId],
  );
}

export function useAuthorHistory(db: WebcareDb, authorId: string | null): Conversation[] | undefined {
  return useLiveQuery(async () => (authorId ? authorHistory(db, authorId) : []), [db, authorId]);
}

export function useLabels(db: WebcareDb): Label[] | undefined {
  return useLiveQuery(() => db.labels.toArray(), [db]);
}

export function useDraft(db: WebcareDb, conversationId: string | null): DraftRow | null | undefined {
  return useLiveQuery(
    async () => (conversationId ? ((await db.drafts.get(conversationId)) ?? null) : null),
    [db, conversationId],
  );
}

export function useSearch(db: WebcareDb, query: string): SearchResult | undefined {
  return useLiveQuery(() => searchConversations(db, query), [db, query]);
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

/** True for the errors IndexedDB raises when the disk (or the origin's quota) is full. */
export function isStorageFull(error: unknown): boolean {
  const e = error as { name?: string; inner?: { name?: string } } | null;
  return e?.name === 'QuotaExceededError' || e?.inner?.name === 'QuotaExceededError';
}
