import { topicTerms } from '../crisis/topic.ts';
import type { CrisisRow } from '../crisis/types.ts';
import { localAccount, type Account } from '../domain/accounts.ts';
import type { ChannelKind } from '../domain/channels.ts';
import { snippetOf } from '../domain/projection.ts';
import type { Author, Conversation, Message } from '../domain/types.ts';

/**
 * Schema 3 → 4: accounts and remote identity, event-time fields, per-agent read state.
 *
 * - Every row moves into a local account: demo rows into `demo-<channel>`, everything else into
 *   `imported-<channel>` (before v4 every message came from the demo or from a file).
 * - Rows keep their local ids. A message's old id was the source's own id, so it becomes its
 *   `remoteId` (replies written here have none until a channel sends them); a conversation's old
 *   id becomes its `threadKey`. Re-importing an old file therefore still adds nothing.
 * - Conversations get the fields of the event-time projection, computed from their messages
 *   (one pass over the messages table, folded per conversation by `foldThreadFacts`).
 * - The shared `unread` count becomes per-agent read state: one row for LEGACY_READER, which every
 *   agent reads until they have a row of their own (before v4 the app had one user).
 */
export const LEGACY_READER = '*';

/** Rows as schema v3 stored them. */
export type ConversationV3 = Omit<
  Conversation,
  | 'accountId'
  | 'threadKey'
  | 'lastMessageId'
  | 'firstIncomingAt'
  | 'lastIncomingAt'
  | 'lastIncomingId'
  | 'customerSnippet'
  | 'lastOutgoingAt'
  | 'incomingCount'
  | 'statusAt'
  | 'statusBasis'
  | 'version'
  | 'langKey'
  | 'brandKey'
  | 'subjectKey'
> & { unread: number };
export type MessageV3 = Omit<Message, 'accountId' | 'remoteId' | 'rfcMessageId'>;
export type AuthorV3 = Omit<Author, 'accountId'>;

export function accountIdFor004(channel: ChannelKind, demo: 0 | 1): string {
  return localAccount(demo ? 'demo' : 'imported', channel, 0).id;
}

/** The local accounts that v3 rows move into (one per channel and kind seen). */
export function accountsFor004(
  seen: Iterable<{ channel: ChannelKind; demo: 0 | 1 }>,
  now: number,
): Account[] {
  const out = new Map<string, Account>();
  for (const s of seen) {
    const a = localAccount(s.demo ? 'demo' : 'imported', s.channel, now);
    out.set(a.id, a);
  }
  return [...out.values()];
}

/** Replies and notes written in the app have an `agent:<id>` author and no remote id. */
export function migrateMessage004(m: MessageV3): Message {
  const written = m.authorId.startsWith('agent:') || m.direction === 'note';
  return {
    ...m,
    accountId: accountIdFor004(m.channel, m.demo),
    remoteId: written ? null : m.id,
    rfcMessageId: null,
  };
}

export function migrateAuthor004(a: AuthorV3): Author {
  return { ...a, accountId: accountIdFor004(a.channel, a.demo) };
}

/** What the projection derives from a thread's messages, folded one message at a time. */
export interface ThreadFacts {
  lastMessageId: string;
  lastMessageAt: number;
  firstIncomingAt: number | null;
  lastIncomingAt: number | null;
  lastIncomingId: string | null;
  customerSnippet: string;
  lastOutgoingAt: number | null;
  incomingCount: number;
}

export function emptyThreadFacts(): ThreadFacts {
  return {
    lastMessageId: '',
    lastMessageAt: -Infinity,
    firstIncomingAt: null,
    lastIncomingAt: null,
    lastIncomingId: null,
    customerSnippet: '',
    lastOutgoingAt: null,
    incomingCount: 0,
  };
}

export function foldThreadFacts(f: ThreadFacts, m: MessageV3): ThreadFacts {
  if (m.direction === 'note') return f;
  const next = { ...f };
  if (m.createdAt > f.lastMessageAt || (m.createdAt === f.lastMessageAt && m.id > f.lastMessageId)) {
    next.lastMessageAt = m.createdAt;
    next.lastMessageId = m.id;
  }
  if (m.direction === 'incoming') {
    next.incomingCount++;
    next.firstIncomingAt = Math.min(f.firstIncomingAt ?? Infinity, m.createdAt);
    if (
      f.lastIncomingAt === null ||
      m.createdAt > f.lastIncomingAt ||
      (m.createdAt === f.lastIncomingAt && m.id > (f.lastIncomingId ?? ''))
    ) {
      next.lastIncomingAt = m.createdAt;
      next.lastIncomingId = m.id;
      next.customerSnippet = snippetOf(m.text);
    }
  } else next.lastOutgoingAt = Math.max(f.lastOutgoingAt ?? -Infinity, m.createdAt);
  return next;
}

/** A v3 conversation in the v4 shape, and the legacy read row that keeps its unread count. */
export function migrateConversation004(
  c: ConversationV3,
  facts: ThreadFacts,
): { conversation: Conversation; read: { seen: number } } {
  const { unread, ...rest } = c;
  const conversation: Conversation = {
    ...rest,
    accountId: accountIdFor004(c.channel, c.demo),
    threadKey: c.id,
    lastMessageId: facts.lastMessageId,
    firstIncomingAt: facts.firstIncomingAt,
    lastIncomingAt: facts.lastIncomingAt,
    lastIncomingId: facts.lastIncomingId,
    customerSnippet: facts.customerSnippet,
    lastOutgoingAt: facts.lastOutgoingAt,
    incomingCount: facts.incomingCount,
    // When a closed conversation was closed is not recorded before v4; it was after its last
    // message, so that is the safe answer: nothing older reopens it.
    statusAt: c.status === 'open' ? 0 : c.lastMessageAt,
    statusBasis: c.lastMessageAt,
    version: 0,
    langKey: '',
    brandKey: '',
    subjectKey: null,
  };
  return { conversation, read: { seen: Math.max(0, facts.incomingCount - (unread ?? 0)) } };
}

/** A v3 crisis gets the topic words and time window that v4 membership uses (topic.ts). */
export function migrateCrisis004(c: Omit<CrisisRow, 'terms' | 'since'> & Partial<CrisisRow>): CrisisRow {
  const firstMention = c.timeline.find((t) => t.kind === 'first-mention')?.at;
  return {
    ...c,
    terms: c.terms ?? topicTerms(c.topic, c.brand),
    since: c.since ?? firstMention ?? c.startedAt,
  };
}
