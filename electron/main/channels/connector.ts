import type { ChannelCapabilities, ConnectorKind } from '../../../shared/channels/capabilities.ts';
import type { ConnectorError } from '../../../shared/channels/errors.ts';
import type {
  AccountConfig,
  AccountSecrets,
  ConnectionReport,
  Draft,
  ReplyTarget,
} from '../../../shared/channels/schemas.ts';
import type { IngestMessage } from '../../../shared/ingest/message.ts';

/**
 * The contract every channel connector implements (main side; Node APIs allowed). A connector
 * is a network adapter: it reads pages after a cursor, sends one reply under an idempotency
 * key, answers "did this key reach the channel?", and classifies its failures. It keeps no inbox
 * state: the renderer's database stores the cursor and the messages, main's delivery journal
 * which keys were accepted. See README.md in this folder for adding a channel.
 */

export interface FetchOptions {
  /** At most this many messages per page. */
  limit: number;
  signal?: AbortSignal;
}

export interface FetchPage {
  messages: IngestMessage[];
  /** Opaque to everyone but the connector; the renderer stores it with the page, in one transaction. */
  nextCursor: string;
  /** The page is initial history (never reopens, never marks unread). */
  backfill: boolean;
  /** Caught up: nothing more until a wake-up or the poll interval. */
  done: boolean;
  /** How much is left, where the connector knows (null: unknown). */
  remaining: number | null;
}

export interface SentRef {
  /** The channel's id of the reply (email: the Message-ID without <>). */
  remoteId: string;
  acceptedAt: number;
}

/**
 * Called by `sendReply` the moment the channel has accepted the reply and before it does
 * anything else (email: right after SMTP 250, before APPEND to Sent). The caller journals the
 * acceptance (fsync) inside this hook, so the record exists before `sendReply` answers.
 */
export interface SendHooks {
  /** Just before the first byte of the reply goes to the channel (after connecting/authenticating). */
  beforeTransfer(remoteId: string): Promise<void>;
  accepted(ref: SentRef): Promise<void>;
}

export interface AttachmentContent {
  name: string;
  contentType: string;
  content: Buffer;
}

export type ReconcileOutcome = { found: true; remoteId: string } | { found: false };

/** Push: calls `wake` when the channel says something new arrived; never delivers data itself. */
export interface WatchHandle {
  stop(): Promise<void>;
}

export interface WatchEvents {
  wake(reason: 'push' | 'poll' | 'reconnect'): void;
  /** The push connection is up (`push`) or degraded to polling (`poll`). */
  connected(mode: 'idle' | 'poll'): void;
  failed(error: ConnectorError, retryAt: number | null): void;
}

export interface Connector {
  readonly kind: ConnectorKind;
  capabilities(): ChannelCapabilities;
  /** Logs in and looks around (folders, extensions) without changing anything. */
  test(): Promise<ConnectionReport>;
  /** The next page after `cursor` (null: start, i.e. the initial sync within the history window). */
  fetchSince(cursor: string | null, options: FetchOptions): Promise<FetchPage>;
  /** Sends one reply; must never send twice for one key within a call. Throws on failure. */
  sendReply(target: ReplyTarget, draft: Draft, idempotencyKey: string, hooks: SendHooks): Promise<SentRef>;
  /** Asks the channel whether the reply with this key (and remote id) exists there. */
  reconcile(idempotencyKey: string, remoteId: string): Promise<ReconcileOutcome>;
  /** Keeps a push connection (IDLE, stream) open and reports wake-ups; optional per channel. */
  watch?(events: WatchEvents): WatchHandle;
  /** Maps anything thrown by this connector to the shared error classes. */
  classify(error: unknown): ConnectorError;
  /**
   * True when a failure of `sendReply` after `beforeTransfer` means the channel certainly did
   * not take the reply (the server answered with a refusal); false when it may have (the
   * connection dropped mid-transfer), which leaves the attempt undecided.
   */
  refusedForSure(error: unknown): boolean;
  /**
   * After a crash between the channel's acceptance and the bookkeeping that follows it (email:
   * the copy in Sent), restores what is missing. Never sends anything to the customer.
   */
  repairCopy?(target: ReplyTarget, draft: Draft, idempotencyKey: string): Promise<void>;
  /**
   * The bytes of one attachment of a synced message, fetched when an agent saves it (the sync
   * only lists attachments). Never opened or run by the app.
   */
  downloadAttachment?(rfcMessageId: string, partId: string, maxBytes: number): Promise<AttachmentContent>;
  /** The remote id `sendReply` will give this key (email: the Message-ID). */
  remoteIdFor(idempotencyKey: string): string;
  close(): Promise<void>;
}

export interface ConnectorContext {
  accountId: string;
  config: AccountConfig;
  secrets: AccountSecrets;
  now(): number;
  log(line: string): void;
}

/** One registration per connector kind: how to build it for an account. */
export interface ConnectorFactory {
  readonly kind: AccountConfig['connector'];
  create(context: ConnectorContext): Connector;
}

/** Thrown by connectors for failures they already classified. */
export class ConnectorFailure extends Error {
  constructor(readonly error: ConnectorError) {
    super(`${error.type}: ${error.reason}`);
    this.name = 'ConnectorFailure';
  }
}
