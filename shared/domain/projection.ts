import type { ChannelKind } from './channels.ts';
import type { Conversation, MessageDirection } from './types.ts';
import { UNASSIGNED } from './types.ts';
import type { SeedState } from './log.ts';

/**
 * Event-time projection: how a message changes its conversation, whatever order messages
 * arrive in. Messages come from live sync, back-fill, imports and late deliveries, so "arrived
 * last" says nothing about "written last". Every derived field is a function of the set of
 * messages (newest by `(createdAt, id)`, counts, the oldest unanswered customer message), so any
 * arrival order converges to the same conversation; the one exception is on purpose: news
 * (below) reopens a conversation that was closed before it arrived.
 *
 * Rules:
 * - A customer message is **news** when it is live traffic (not back-fill) and newer than the
 *   conversation's last status change (`statusAt`); a message written up to LATE_ARRIVAL_GRACE_MS
 *   before that change also counts when it is newer than everything known at the change
 *   (`statusBasis`): it was in flight, nobody saw it. News reopens (resolved, pending, snoozed →
 *   open) and counts towards unread. Anything else is history: it is stored and shown in the
 *   thread, but it never reopens and never marks unread. Importing a 2025 message into a
 *   conversation resolved in 2026 changes neither its status nor its unread count.
 * - `waitingSince` is the oldest customer message newer than the newest reply, and only while
 *   the conversation is not resolved. An older reply that arrives late does not clear a newer
 *   wait; a newer reply clears the wait up to its time.
 * - Notes count as messages of the thread but do not move the list order or the snippet.
 */
export const LATE_ARRIVAL_GRACE_MS = 10 * 60_000;

/** What the projection needs of a message. */
export interface MessageFacts {
  id: string;
  direction: MessageDirection;
  createdAt: number;
  text: string;
  public: boolean;
  authorId: string;
  lang: string | null;
  brand: string | null;
}

/** A message already in the thread, for the rare recomputation of `waitingSince`. */
export interface MessageTime {
  createdAt: number;
  direction: MessageDirection;
}

/** What a source knows about a new conversation before its first message is applied. */
export interface ConversationSeed {
  id: string;
  accountId: string;
  threadKey: string;
  channel: ChannelKind;
  authorId: string;
  subject: string | null;
  subjectKey: string | null;
  demo: 0 | 1;
}

export interface ProjectOptions {
  /** Initial history (marked so by its source): never news. */
  backfill: boolean;
  /**
   * The thread's messages already applied, needed only when `needsHistory` says so (a reply
   * that answers part of the wait): the new oldest unanswered message is looked up there.
   */
  history?: readonly MessageTime[];
}

/** A conversation with no messages yet: open, unassigned, nobody waiting. */
export function emptyConversation(seed: ConversationSeed): Conversation {
  return {
    id: seed.id,
    accountId: seed.accountId,
    threadKey: seed.threadKey,
    channel: seed.channel,
    authorId: seed.authorId,
    subject: seed.subject,
    status: 'open',
    priority: 'normal',
    assignee: UNASSIGNED,
    labels: [],
    snoozedUntil: null,
    waitingSince: null,
    lastMessageAt: 0,
    snippet: '',
    lastDirection: 'incoming',
    lastMessageId: '',
    firstIncomingAt: null,
    lastIncomingAt: null,
    lastIncomingId: null,
    customerSnippet: '',
    lastOutgoingAt: null,
    incomingCount: 0,
    statusAt: 0,
    statusBasis: 0,
    version: 0,
    messageCount: 0,
    public: false,
    lang: null,
    brand: null,
    langKey: '',
    brandKey: '',
    subjectKey: seed.subjectKey,
    demo: seed.demo,
    searchTokens: [],
  };
}

/** A string that sorts like `(createdAt, id)`: which message is newest, ties included. */
export function orderKey(createdAt: number, id: string): string {
  return `${Math.max(0, Math.floor(createdAt)).toString(36).padStart(9, '0')}|${id}`;
}

/** `(at, id)` is newer than `(refAt, refId)`: time first, then id, so equal times still agree. */
function newer(at: number, id: string, refAt: number | null, refId: string | null): boolean {
  if (refAt === null) return true;
  return at > refAt || (at === refAt && id > (refId ?? ''));
}

/** Whether a customer message is news for the conversation (see the rules above). */
export function isNews(c: Conversation, m: Pick<MessageFacts, 'createdAt'>, backfill: boolean): boolean {
  if (backfill) return false;
  if (m.createdAt > c.statusAt) return true;
  return m.createdAt > c.statusBasis && m.createdAt > c.statusAt - LATE_ARRIVAL_GRACE_MS;
}

/** Whether applying `m` needs the thread's history (a reply inside the current wait, with newer customer messages). */
export function needsHistory(c: Conversation, m: Pick<MessageFacts, 'direction' | 'createdAt'>): boolean {
  return (
    m.direction === 'outgoing' &&
    c.waitingSince !== null &&
    m.createdAt >= c.waitingSince &&
    c.lastIncomingAt !== null &&
    c.lastIncomingAt > Math.max(m.createdAt, c.lastOutgoingAt ?? -Infinity)
  );
}

/**
 * Applies one message to its conversation. Pure; `m` must not have been applied before (the
 * pipeline dedupes on the account and remote id first).
 */
export function projectMessage(c: Conversation, m: MessageFacts, opts: ProjectOptions): Conversation {
  const next: Conversation = { ...c, messageCount: c.messageCount + 1, version: c.version + 1 };
  if (m.direction === 'note') return next;

  if (newer(m.createdAt, m.id, c.lastMessageId ? c.lastMessageAt : null, c.lastMessageId)) {
    next.lastMessageAt = m.createdAt;
    next.lastMessageId = m.id;
    next.lastDirection = m.direction;
    next.snippet = snippetOf(m.text);
  }
  const key = orderKey(m.createdAt, m.id);
  if (m.lang && key > c.langKey) {
    next.lang = m.lang;
    next.langKey = key;
  }
  if (m.brand && key > c.brandKey) {
    next.brand = m.brand;
    next.brandKey = key;
  }

  if (m.direction === 'incoming') {
    // The customer is whoever wrote the oldest customer message (a thread the brand started
    // belongs to the first customer who answered).
    if (c.lastIncomingAt === null || m.createdAt < firstIncoming(c)) next.authorId = m.authorId;
    next.firstIncomingAt = Math.min(firstIncoming(c), m.createdAt);
    if (newer(m.createdAt, m.id, c.lastIncomingAt, c.lastIncomingId)) {
      next.lastIncomingAt = m.createdAt;
      next.lastIncomingId = m.id;
      next.customerSnippet = snippetOf(m.text);
    }
    next.public = c.public || m.public;
    if (isNews(c, m, opts.backfill)) {
      next.incomingCount = c.incomingCount + 1;
      if (c.status !== 'open') {
        next.status = 'open';
        next.snoozedUntil = null;
        next.statusAt = Math.max(c.statusAt, m.createdAt);
        next.statusBasis = Math.max(c.statusBasis, m.createdAt);
      }
    }
    if (next.status !== 'resolved' && m.createdAt > (c.lastOutgoingAt ?? -Infinity))
      next.waitingSince = Math.min(c.waitingSince ?? Infinity, m.createdAt);
    return next;
  }

  // A reply to the customer.
  const answeredUpTo = Math.max(m.createdAt, c.lastOutgoingAt ?? -Infinity);
  next.lastOutgoingAt = answeredUpTo;
  if (c.waitingSince !== null && m.createdAt >= c.waitingSince) {
    if (c.lastIncomingAt === null || c.lastIncomingAt <= answeredUpTo) next.waitingSince = null;
    else {
      if (!opts.history)
        throw new Error('projectMessage: this reply needs the thread history (see needsHistory)');
      let oldest = Infinity;
      for (const h of opts.history)
        if (h.direction === 'incoming' && h.createdAt > answeredUpTo && h.createdAt < oldest)
          oldest = h.createdAt;
      next.waitingSince = oldest === Infinity ? null : oldest;
    }
  }
  return next;
}

function firstIncoming(c: Conversation): number {
  return c.firstIncomingAt ?? Infinity;
}

/** First line-ish of a message, whitespace collapsed, at most 140 characters. */
export function snippetOf(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 140 ? `${flat.slice(0, 139)}…` : flat;
}

/**
 * Puts a new conversation into the state its source already knows (the demo's triage, history
 * that was answered long ago) after its messages were applied. A resolved one waits for nobody.
 */
export function applySeedState(c: Conversation, s: SeedState, at: number): Conversation {
  return {
    ...c,
    status: s.status,
    assignee: s.assignee,
    labels: [...s.labels],
    priority: s.priority,
    snoozedUntil: s.status === 'snoozed' ? s.snoozedUntil : null,
    waitingSince: s.status === 'resolved' ? null : c.waitingSince,
    statusAt: s.status === 'open' ? c.statusAt : Math.max(c.statusAt, at),
    statusBasis: Math.max(c.statusBasis, c.lastMessageAt),
    version: c.version + 1,
  };
}
