import type { ChannelKind } from '../domain/channels.ts';
import type { SeedState } from '../domain/log.ts';
import type { IngestMessage } from '../ingest/message.ts';
import { demoAccountId } from '../domain/accounts.ts';
import { conversationLocalId, messageLocalId } from '../domain/ids.ts';
import type { Author, Conversation, Message } from './generate.ts';
import { DEMO_ESCALATION_CONVERSATION_ID, DEMO_ESCALATION_MESSAGE_ID } from './generate.ts';

/**
 * The generated demo inbox as a source: messages for the ingest pipeline (one batch per channel,
 * i.e. per demo account), the triage state of each thread, the agents' internal notes, and how
 * many customer messages of each thread the user has not read.
 */
export interface DemoSource {
  byChannel: Map<ChannelKind, IngestMessage[]>;
  seedStates: Map<string, SeedState>;
  notes: Message[];
  unread: Map<string, number>;
}

/** The author's id on its channel: demo author keys are `<channel>:<id>`. */
function idOnChannel(a: Pick<Author, 'id' | 'channel'>): string {
  const prefix = `${a.channel}:`;
  return a.id.startsWith(prefix) ? a.id.slice(prefix.length) : a.id;
}

export function demoSource(inbox: {
  conversations: readonly Conversation[];
  messages: readonly Message[];
  authors: readonly Author[];
}): DemoSource {
  const authors = new Map(inbox.authors.map((a) => [a.id, a]));
  const subjects = new Map(inbox.conversations.map((c) => [c.id, c.subject]));
  const byChannel = new Map<ChannelKind, IngestMessage[]>();
  const notes: Message[] = [];
  for (const m of inbox.messages) {
    if (m.direction === 'note') {
      notes.push(m);
      continue;
    }
    const a = authors.get(m.authorId);
    const list = byChannel.get(m.channel) ?? [];
    list.push({
      remoteId: m.id,
      threadKey: m.conversationId,
      inReplyTo: m.inReplyTo,
      references: [],
      rfcMessageId: null,
      subject: subjects.get(m.conversationId) ?? null,
      direction: m.direction,
      public: m.public,
      author: {
        id: a ? idOnChannel(a) : m.authorId,
        handle: a?.handle ?? null,
        name: a?.name ?? null,
        followers: a?.followers ?? null,
        verified: a?.verified ?? false,
      },
      text: m.text,
      html: null,
      attachments: [],
      createdAt: m.createdAt,
      lang: m.lang,
      metrics: m.metrics,
      brand: m.brand,
    });
    byChannel.set(m.channel, list);
  }
  const seedStates = new Map<string, SeedState>();
  const unread = new Map<string, number>();
  for (const c of inbox.conversations) {
    seedStates.set(c.id, {
      status: c.status,
      assignee: c.assignee,
      labels: c.labels,
      priority: c.priority,
      snoozedUntil: c.snoozedUntil,
    });
    unread.set(c.id, c.unread);
  }
  return { byChannel, seedStates, notes, unread };
}

/** The local id the demo seed gives a generated conversation (demo accounts are per channel). */
export function demoConversationId(channel: ChannelKind, generatedId: string): string {
  return conversationLocalId(demoAccountId(channel), generatedId);
}

/** The local id the demo seed gives a generated message. */
export function demoMessageId(channel: ChannelKind, generatedId: string): string {
  return messageLocalId(demoAccountId(channel), generatedId);
}

/** The seeded escalation (on X) and its threatening message, as stored. */
export const DEMO_ESCALATION_ID = demoConversationId('x', DEMO_ESCALATION_CONVERSATION_ID);
export const DEMO_ESCALATION_MESSAGE_LOCAL_ID = demoMessageId('x', DEMO_ESCALATION_MESSAGE_ID);
