import type { ChannelKind } from '../domain/channels.ts';
import { normalizeChannel } from '../domain/channels.ts';
import type { Author, Conversation, Message } from '../domain/types.ts';
import { authorKey } from '../domain/types.ts';
import type { InterchangeMessage } from './message.ts';

/** How far in the future (after `importedAt`) a timestamp may lie before it is taken as clock skew. */
export const FUTURE_TOLERANCE_MS = 5 * 60_000;

/** What an imported line says about its author; merge it into a stored `Author` with `mergeAuthor`. */
export interface ImportedAuthor {
  id: string;
  channel: ChannelKind;
  handle: string | null;
  name: string | null;
  followers: number | null;
  verified: boolean;
  /** `createdAt` of the message this was read from. */
  seenAt: number;
}

export interface ImportedMessage {
  message: Message;
  author: ImportedAuthor;
}

export interface FromInterchangeOptions {
  /** `demo` flag of the produced rows (default 0). */
  demo?: 0 | 1;
  /** Looks up the conversation of an already known message (the database, or earlier lines of the same file). */
  conversationOf?: (messageId: string) => string | undefined;
}

function idOnChannel(author: Author): string {
  const prefix = `${author.channel}:`;
  return author.id.startsWith(prefix) ? author.id.slice(prefix.length) : author.id;
}

/**
 * Domain message → interchange line, for export. Internal notes are never exported: they return
 * null. Outgoing replies are exported with the brand account as author. `conversation`, when given,
 * supplies the brand when the message has none.
 */
export function toInterchange(
  message: Message,
  author: Author,
  conversation?: Conversation,
): InterchangeMessage | null {
  if (message.direction === 'note') return null;
  const out: InterchangeMessage = {
    id: message.id,
    channel: message.channel,
    conversationId: message.conversationId,
    direction: message.direction,
    public: message.public,
    author: { id: idOnChannel(author) },
    text: message.text,
    createdAt: new Date(message.createdAt).toISOString(),
  };
  if (author.handle !== null) out.author.handle = author.handle;
  if (author.name !== null) out.author.name = author.name;
  if (author.followers !== null) out.author.followers = author.followers;
  out.author.verified = author.verified;
  if (message.lang !== null) out.lang = message.lang;
  if (message.inReplyTo !== null) out.inReplyTo = message.inReplyTo;
  if (message.metrics !== null) out.metrics = { ...message.metrics };
  const brand = message.brand ?? conversation?.brand ?? null;
  if (brand !== null) out.brand = brand;
  return out;
}

/**
 * Interchange line → domain message and what it says about its author.
 *
 * Conversation grouping rule, first match wins:
 * 1. `conversationId` from the line;
 * 2. the conversation of the message it replies to (`inReplyTo`), when `conversationOf` knows it;
 * 3. private incoming messages (DMs, email, WhatsApp) without either: one conversation per author
 *    per channel, `dm:<channel>:<author id>`, so a customer's messages stay together;
 * 4. a reply to a message we do not know: the parent's id (the parent is usually the public root
 *    post, whose conversation id is its own id by rule 5);
 * 5. otherwise (a public post starting a thread) the message's own id.
 *
 * A message dated more than five minutes after `importedAt` is a clock error: it is dated
 * `importedAt` so that it cannot stay pinned at the top of every list.
 */
export function fromInterchange(
  msg: InterchangeMessage,
  importedAt: number,
  opts: FromInterchangeOptions = {},
): ImportedMessage {
  const channel = normalizeChannel(msg.channel);
  const authorId = authorKey(channel, msg.author.id);
  let createdAt = Date.parse(msg.createdAt);
  if (createdAt > importedAt + FUTURE_TOLERANCE_MS) createdAt = importedAt;

  let conversationId = msg.conversationId;
  if (conversationId === undefined && msg.inReplyTo !== undefined)
    conversationId = opts.conversationOf?.(msg.inReplyTo);
  if (conversationId === undefined && !msg.public && msg.direction === 'incoming')
    conversationId = `dm:${channel}:${msg.author.id}`;
  conversationId ??= msg.inReplyTo ?? msg.id;

  const message: Message = {
    id: msg.id,
    conversationId,
    channel,
    direction: msg.direction,
    public: msg.public,
    authorId,
    text: msg.text,
    createdAt,
    lang: msg.lang ?? null,
    inReplyTo: msg.inReplyTo ?? null,
    metrics: msg.metrics ? { ...msg.metrics } : null,
    brand: msg.brand ?? null,
    delivery: msg.direction === 'outgoing' ? 'sent' : null,
    demo: opts.demo ?? 0,
  };
  const author: ImportedAuthor = {
    id: authorId,
    channel,
    handle: msg.author.handle ?? null,
    name: msg.author.name ?? null,
    followers: msg.author.followers ?? null,
    verified: msg.author.verified ?? false,
    seenAt: createdAt,
  };
  return { message, author };
}

/**
 * Converts a parsed file at once: lines are taken in `createdAt` order so that replies find the
 * conversation of their parent even when the file lists them first. Returns messages in that order.
 */
export function fromInterchangeBatch(
  messages: readonly InterchangeMessage[],
  importedAt: number,
  opts: FromInterchangeOptions = {},
): ImportedMessage[] {
  const local = new Map<string, string>();
  const lookup = (id: string): string | undefined => local.get(id) ?? opts.conversationOf?.(id);
  const order = messages
    .map((m, i) => [Date.parse(m.createdAt), i] as const)
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: ImportedMessage[] = [];
  for (const [, i] of order) {
    const converted = fromInterchange(messages[i] as InterchangeMessage, importedAt, {
      ...opts,
      conversationOf: lookup,
    });
    local.set(converted.message.id, converted.message.conversationId);
    out.push(converted);
  }
  return out;
}

/**
 * Folds what an imported line says about an author into the stored row. Profile fields from the
 * newer message win; counters grow only for messages and conversations that are new to the store,
 * so re-importing a file changes nothing.
 */
export function mergeAuthor(
  existing: Author | undefined,
  seen: ImportedAuthor,
  counts: { newMessage: boolean; newConversation: boolean; demo?: 0 | 1 },
): Author {
  const base: Author = existing ?? {
    id: seen.id,
    channel: seen.channel,
    handle: null,
    name: null,
    followers: null,
    verified: false,
    firstSeenAt: seen.seenAt,
    lastSeenAt: seen.seenAt,
    messageCount: 0,
    conversationCount: 0,
    demo: counts.demo ?? 0,
  };
  const newer = seen.seenAt >= base.lastSeenAt;
  return {
    ...base,
    handle: newer ? (seen.handle ?? base.handle) : (base.handle ?? seen.handle),
    name: newer ? (seen.name ?? base.name) : (base.name ?? seen.name),
    followers: newer ? (seen.followers ?? base.followers) : (base.followers ?? seen.followers),
    verified: newer ? seen.verified : base.verified,
    firstSeenAt: Math.min(base.firstSeenAt, seen.seenAt),
    lastSeenAt: Math.max(base.lastSeenAt, seen.seenAt),
    messageCount: base.messageCount + (counts.newMessage ? 1 : 0),
    conversationCount: base.conversationCount + (counts.newConversation ? 1 : 0),
  };
}
