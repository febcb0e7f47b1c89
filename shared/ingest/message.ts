import type { MessageMetrics } from '../domain/types.ts';

/**
 * What every source (JSONL import, the demo seed, channel connectors through the sync engine)
 * hands to the one ingest pipeline (`renderer/db/ingest.ts`). Plain data: it crosses the IPC
 * boundary from main, so it holds no local ids and nothing the inbox derives (conversation,
 * status, counters). Local ids are assigned by the pipeline, never derived from these fields.
 */
export interface IngestAuthor {
  /** The author's id on the channel (unique within the account). */
  id: string;
  handle: string | null;
  name: string | null;
  followers: number | null;
  verified: boolean;
  /** Email: the sender's address. */
  email?: string | null;
}

export interface IngestAttachment {
  name: string;
  size: number;
  contentType: string;
  /** Where the connector finds the part again when the agent saves it (IMAP body part id). */
  partId: string;
}

export interface IngestMessage {
  /** Unique within the account (IMAP: the Message-ID, else `${uidvalidity}:${uid}`; X: the post id). */
  remoteId: string;
  /** The source's own conversation id, when it has one. */
  threadKey: string | null;
  /** Remote id (email: Message-ID) of the message this one answers. */
  inReplyTo: string | null;
  /** Email References, oldest first; empty elsewhere. */
  references: string[];
  /** Email Message-ID header without angle brackets; null elsewhere. */
  rfcMessageId: string | null;
  subject: string | null;
  direction: 'incoming' | 'outgoing';
  public: boolean;
  author: IngestAuthor;
  /** Plain text (email: the text part, or text derived from the HTML part). */
  text: string;
  /** Raw HTML part, never trusted: sanitized when it is rendered. */
  html: string | null;
  attachments: IngestAttachment[];
  /** Epoch ms: when it was written at the source (event time). */
  createdAt: number;
  lang: string | null;
  metrics: MessageMetrics | null;
  brand: string | null;
}

export type IngestSource = 'demo' | 'import' | 'sync';

export interface IngestBatch {
  accountId: string;
  source: IngestSource;
  /**
   * Initial history (an account's first sync, an import of old data): never reopens a
   * conversation and never marks one unread, whatever its dates.
   */
  backfill: boolean;
  messages: IngestMessage[];
  /** Sync: the account's cursor after this page, stored in the same transaction as the page. */
  cursor?: string | null;
}
