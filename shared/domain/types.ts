import type { ChannelKind } from './channels.ts';

export const CONVERSATION_STATUSES = ['open', 'pending', 'snoozed', 'resolved'] as const;
export type ConversationStatus = (typeof CONVERSATION_STATUSES)[number];

export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const MESSAGE_DIRECTIONS = ['incoming', 'outgoing', 'note'] as const;
export type MessageDirection = (typeof MESSAGE_DIRECTIONS)[number];

export const DELIVERY_STATUSES = ['queued', 'sending', 'sent', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** Unassigned is the empty string so that it can sit in an IndexedDB compound index. */
export const UNASSIGNED = '';

export interface Conversation {
  id: string;
  channel: ChannelKind;
  /** The customer this conversation is with (key into `authors`). */
  authorId: string;
  subject: string | null;
  status: ConversationStatus;
  priority: Priority;
  /** Agent id, or UNASSIGNED. */
  assignee: string;
  labels: string[];
  /** Epoch ms; set only while status is `snoozed`. */
  snoozedUntil: number | null;
  /** Epoch ms of the oldest incoming message not yet answered; null when nobody waits. */
  waitingSince: number | null;
  /** Epoch ms of the newest message of any direction; the sort key of every list. */
  lastMessageAt: number;
  snippet: string;
  lastDirection: MessageDirection;
  unread: number;
  messageCount: number;
  /** True when the customer's side is visible to the public (comments, posts, reviews). */
  public: boolean;
  lang: string | null;
  brand: string | null;
  /** 1 for rows written by the demo generator, 0 otherwise (IndexedDB cannot index booleans). */
  demo: 0 | 1;
  /** Normalized, de-duplicated words for the local search index (a multi-entry index). */
  searchTokens: string[];
}

export interface MessageMetrics {
  likes: number;
  reposts: number;
  replies: number;
  quotes: number;
}

export interface Message {
  id: string;
  conversationId: string;
  channel: ChannelKind;
  direction: MessageDirection;
  public: boolean;
  authorId: string;
  text: string;
  /** Epoch ms. */
  createdAt: number;
  lang: string | null;
  inReplyTo: string | null;
  metrics: MessageMetrics | null;
  brand: string | null;
  /** For outgoing messages written here: where the reply is on its way out. */
  delivery: DeliveryStatus | null;
  demo: 0 | 1;
}

export interface Author {
  /** `${channel}:${idOnChannel}` */
  id: string;
  channel: ChannelKind;
  handle: string | null;
  name: string | null;
  followers: number | null;
  verified: boolean;
  firstSeenAt: number;
  lastSeenAt: number;
  messageCount: number;
  conversationCount: number;
  demo: 0 | 1;
}

export interface Label {
  id: string;
  name: string;
  color: string;
}

/** Builds the key of an author: author ids are only unique within one channel. */
export function authorKey(channel: ChannelKind, idOnChannel: string): string {
  return `${channel}:${idOnChannel}`;
}
