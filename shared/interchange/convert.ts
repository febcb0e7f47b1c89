import type { Author, Conversation, Message } from '../domain/types.ts';
import type { InterchangeMessage } from './message.ts';

/** What export needs of a message and its author (stored rows and the demo generator's rows both fit). */
export type ExportableMessage = Pick<
  Message,
  | 'id'
  | 'channel'
  | 'conversationId'
  | 'direction'
  | 'public'
  | 'text'
  | 'createdAt'
  | 'lang'
  | 'inReplyTo'
  | 'metrics'
  | 'brand'
>;
export type ExportableAuthor = Pick<Author, 'id' | 'channel' | 'handle' | 'name' | 'followers' | 'verified'> &
  Partial<Pick<Author, 'accountId'>>;

/** Author keys are `<channel>:<id>` on local accounts and `<account>:<id>` on connected ones. */
function idOnChannel(author: ExportableAuthor): string {
  for (const prefix of [`${author.channel}:`, author.accountId ? `${author.accountId}:` : null])
    if (prefix && author.id.startsWith(prefix)) return author.id.slice(prefix.length);
  return author.id;
}

/**
 * Domain message → interchange line, for export. Internal notes are never exported: they return
 * null. Outgoing replies are exported with the brand account as author. `conversation`, when given,
 * supplies the brand when the message has none.
 */
export function toInterchange(
  message: ExportableMessage,
  author: ExportableAuthor,
  conversation?: Pick<Conversation, 'brand'>,
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
