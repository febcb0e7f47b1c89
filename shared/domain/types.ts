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
  /** The account the conversation lives in (see accounts.ts). */
  accountId: string;
  /** The source's key for this thread, unique within the account (index `[accountId+threadKey]`). */
  threadKey: string;
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
  /** Id of the newest message (ties on `lastMessageAt` are broken by id, so any arrival order agrees). */
  lastMessageId: string;
  /** Newest customer message: time, id and text (flag cards and reports quote the customer, not us). */
  firstIncomingAt: number | null;
  lastIncomingAt: number | null;
  lastIncomingId: string | null;
  customerSnippet: string;
  /** Newest reply to the customer (queued or sent). */
  lastOutgoingAt: number | null;
  /**
   * Customer messages that arrived as news (live traffic, newer than the last status change):
   * per-agent unread is this minus what the agent had seen (table `reads`). Back-fill never counts.
   */
  incomingCount: number;
  /** Event time of the last status change (0 before any), and the newest message time known then. */
  statusAt: number;
  statusBasis: number;
  /** +1 on every change; events record the version they were based on. */
  version: number;
  messageCount: number;
  /** True when the customer's side is visible to the public (comments, posts, reviews). */
  public: boolean;
  lang: string | null;
  brand: string | null;
  /** `orderKey` of the message `lang` / `brand` came from: the newest message that had one wins. */
  langKey: string;
  brandKey: string;
  /** Email: the normalized subject, for threading mail without references (index `[accountId+subjectKey]`). */
  subjectKey: string | null;
  /** 1 for rows written by the demo generator, 0 otherwise (IndexedDB cannot index booleans). */
  demo: 0 | 1;
  /** Normalized, de-duplicated words for the local search index (a multi-entry index). */
  searchTokens: string[];
}

/** A conversation as a list shows it to one agent: with that agent's unread count. */
export type ConversationRow = Conversation & { unread: number };

export interface MessageMetrics {
  likes: number;
  reposts: number;
  replies: number;
  quotes: number;
}

export interface Message {
  id: string;
  conversationId: string;
  accountId: string;
  /** The channel's id, unique within the account; null for a reply written here until the channel accepted it. */
  remoteId: string | null;
  /** Email: the Message-ID header without angle brackets. */
  rfcMessageId: string | null;
  channel: ChannelKind;
  direction: MessageDirection;
  public: boolean;
  authorId: string;
  text: string;
  /** Epoch ms. */
  createdAt: number;
  lang: string | null;
  /** Local id of the parent (it may arrive later: local ids are derived, so it will match). */
  inReplyTo: string | null;
  /** The parent's remote id as the source gave it (export writes it back). */
  inReplyToRemote?: string;
  metrics: MessageMetrics | null;
  brand: string | null;
  subject?: string | null;
  /** Email: the raw HTML part (sanitized when shown), the References and the attachments. */
  html?: string | null;
  references?: string[];
  attachments?: { name: string; size: number; contentType: string; partId: string }[];
  /** For outgoing messages written here: where the reply is on its way out. */
  delivery: DeliveryStatus | null;
  /** When the channel accepted a reply written here (the customer had it from then on). */
  deliveredAt?: number;
  demo: 0 | 1;
}

export interface Author {
  /** `${channel}:${idOnChannel}` on local accounts, `${accountId}:${idOnChannel}` on connected ones (accounts.ts). */
  id: string;
  /** The account this author was first seen through. */
  accountId: string;
  channel: ChannelKind;
  handle: string | null;
  name: string | null;
  followers: number | null;
  verified: boolean;
  email?: string | null;
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
