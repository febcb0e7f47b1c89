import Dexie from 'dexie';
import type { Conversation, Message } from '../../shared/domain/types.ts';
import type { ViewId } from '../../shared/inbox/views.ts';
import { queryTerms } from '../../shared/search/tokenize.ts';
import type { WebcareDb } from './schema.ts';

/**
 * Read paths of the inbox. Every list is a keyset query on a compound index ending in
 * `lastMessageAt`, newest first, with a limit: the cost is the page, not the inbox.
 */
export function viewCollection(db: WebcareDb, view: ViewId, me: string) {
  const range = (prefix: unknown[]) =>
    db.conversations
      .where(`[${indexFor(view)}]`)
      .between([...prefix, Dexie.minKey], [...prefix, Dexie.maxKey])
      .reverse();
  switch (view) {
    case 'all':
      return db.conversations.orderBy('lastMessageAt').reverse();
    case 'mine':
      return range([me, 'open']);
    case 'open':
    case 'pending':
    case 'snoozed':
    case 'resolved':
      return range([view]);
    default:
      return range([view.slice('channel:'.length), 'open']);
  }
}

function indexFor(view: ViewId): string {
  if (view === 'mine') return 'assignee+status+lastMessageAt';
  if (view.startsWith('channel:')) return 'channel+status+lastMessageAt';
  return 'status+lastMessageAt';
}

export async function listConversations(
  db: WebcareDb,
  view: ViewId,
  me: string,
  limit: number,
): Promise<Conversation[]> {
  return viewCollection(db, view, me).limit(limit).toArray();
}

/** The thread of one conversation in time order (index range, bounded by the conversation). */
export async function listMessages(db: WebcareDb, conversationId: string): Promise<Message[]> {
  return db.messages
    .where('[conversationId+createdAt]')
    .between([conversationId, Dexie.minKey], [conversationId, Dexie.maxKey])
    .toArray();
}

/** The author's other conversations, newest first, for the author card. */
export async function authorHistory(db: WebcareDb, authorId: string, limit = 5): Promise<Conversation[]> {
  const rows = await db.conversations.where('authorId').equals(authorId).limit(50).toArray();
  return rows.sort((a, b) => b.lastMessageAt - a.lastMessageAt).slice(0, limit);
}

export interface SearchResult {
  conversations: Conversation[];
  /** True when more conversations matched than were returned. */
  more: boolean;
}

/**
 * Local search through the multi-entry word index: each query word is a prefix lookup on
 * `searchTokens`; conversations must match every word. Cost grows with the matches, not the inbox.
 */
export async function searchConversations(db: WebcareDb, query: string, limit = 100): Promise<SearchResult> {
  const terms = queryTerms(query);
  if (terms.length === 0) return { conversations: [], more: false };
  // Most selective word first: fewer keys to intersect.
  const keySets = await Promise.all(
    terms.map(async (t) => new Set(await db.conversations.where('searchTokens').startsWith(t).primaryKeys())),
  );
  keySets.sort((a, b) => a.size - b.size);
  const [first, ...rest] = keySets;
  const ids = [...(first ?? [])].filter((id) => rest.every((s) => s.has(id)));
  const rows = (await db.conversations.bulkGet(ids)).filter((c): c is Conversation => !!c);
  rows.sort((a, b) => b.lastMessageAt - a.lastMessageAt);
  return { conversations: rows.slice(0, limit), more: rows.length > limit };
}
