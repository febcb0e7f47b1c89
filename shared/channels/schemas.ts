import { z } from 'zod';
import type { IngestMessage } from '../ingest/message.ts';
import { ConnectorErrorSchema } from './errors.ts';

/**
 * The shapes that cross the UI ⇄ main boundary for connected accounts: settings (never
 * secrets on the way out), health, sync pages, delivery. Used by shared/ipc/contract.ts.
 */

/** Same rule as the inbox's account ids (shared/domain/accounts.ts). */
export const AccountIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'not an account id');

const HOSTNAME =
  /^(?=.{1,253}$)(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)*[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$|^\[?[0-9A-Fa-f:.]+\]?$/;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

/** `tls`: TLS from the first byte (993/465); `starttls`: upgrade required (143/587); `none`: loopback only. */
export const TlsModeSchema = z.enum(['tls', 'starttls', 'none']);
export type TlsMode = z.infer<typeof TlsModeSchema>;

export const MailServerSchema = z
  .object({
    host: z.string().trim().regex(HOSTNAME, 'not a host name'),
    port: z.number().int().min(1).max(65535),
    tls: TlsModeSchema,
    user: z.string().min(1).max(320),
  })
  .refine((server) => server.tls !== 'none' || LOOPBACK.has(server.host.toLowerCase()), {
    message: 'a connection without TLS is only allowed to this computer (127.0.0.1)',
    path: ['tls'],
  });
export type MailServer = z.infer<typeof MailServerSchema>;

const FolderSchema = z.string().min(1).max(500);

export const EmailAccountSettingsSchema = z.object({
  /** The address replies come from (and how our own messages are recognised). */
  address: z.email().max(320),
  displayName: z.string().max(200).nullable().default(null),
  imap: MailServerSchema,
  smtp: MailServerSchema,
  /** Folders to sync; the first one is watched with IDLE, the others are polled. */
  folders: z.array(FolderSchema).min(1).max(20).default(['INBOX']),
  /** Where sent replies are saved; null: the folder marked \Sent, else "Sent". */
  sentFolder: FolderSchema.nullable().default(null),
  /** The initial sync reaches back this many days (marked as back-fill). */
  historyDays: z.number().int().min(1).max(3650).default(30),
});
export type EmailAccountSettings = z.infer<typeof EmailAccountSettingsSchema>;

/** Secrets go into main and never come out. */
export const EmailSecretsSchema = z.object({
  password: z.string().min(1).max(4000),
  /** When SMTP has its own password; else `password` is used for both. */
  smtpPassword: z.string().min(1).max(4000).optional(),
});
export type EmailSecrets = z.infer<typeof EmailSecretsSchema>;

/** Per connector kind: settings and secrets. Only email is connected today; the union grows per channel. */
export const AccountConfigSchema = z.discriminatedUnion('connector', [
  z.object({ connector: z.literal('email'), settings: EmailAccountSettingsSchema }),
]);
export type AccountConfig = z.infer<typeof AccountConfigSchema>;
export type ConnectedKind = AccountConfig['connector'];

export const AccountSecretsSchema = z.discriminatedUnion('connector', [
  z.object({ connector: z.literal('email'), secrets: EmailSecretsSchema }),
]);
export type AccountSecrets = z.infer<typeof AccountSecretsSchema>;

export const SyncProgressSchema = z.object({
  /** Messages handed over since the initial sync began. */
  fetched: z.number().int().min(0),
  /** Messages still to fetch as far as main knows (null: not counted yet). */
  remaining: z.number().int().min(0).nullable(),
});

export const HEALTH_STATES = [
  'connecting',
  'connected',
  'syncing',
  'rate-limited',
  'auth-failed',
  'unreachable',
  'paused',
  'error',
] as const;

export const AccountHealthSchema = z.object({
  state: z.enum(HEALTH_STATES),
  /** When the current state began (epoch ms). */
  since: z.number(),
  /** When main tries again (rate-limited, unreachable). */
  retryAt: z.number().nullable(),
  /** When a sync call last succeeded. */
  lastSyncAt: z.number().nullable(),
  /** Start of the current run of failures; null while things work. The UI notifies after 15 min. */
  failingSince: z.number().nullable(),
  progress: SyncProgressSchema.nullable(),
  /** How new mail is noticed: IDLE push, polling, or not at all (paused, failing). */
  push: z.enum(['idle', 'poll', 'none']),
  error: ConnectorErrorSchema.nullable(),
});
export type AccountHealth = z.infer<typeof AccountHealthSchema>;
export type HealthState = AccountHealth['state'];

export const AccountInfoSchema = z.object({
  id: AccountIdSchema,
  connector: z.enum(['email']),
  name: z.string(),
  config: AccountConfigSchema,
  paused: z.boolean(),
  createdAt: z.number(),
  /** Whether main holds credentials for it (false: the data folder lost them; ask again). */
  hasSecrets: z.boolean(),
  health: AccountHealthSchema,
});
export type AccountInfo = z.infer<typeof AccountInfoSchema>;

const NameSchema = z.string().trim().min(1).max(200);

export const AccountAddRequestSchema = z.object({
  name: NameSchema,
  config: AccountConfigSchema,
  secrets: AccountSecretsSchema,
});

export const AccountTestRequestSchema = z.object({
  /** Test stored credentials of this account, unless `secrets` are given. */
  accountId: AccountIdSchema.optional(),
  config: AccountConfigSchema,
  secrets: AccountSecretsSchema.optional(),
});

export const AccountUpdateRequestSchema = z.object({
  accountId: AccountIdSchema,
  name: NameSchema.optional(),
  config: AccountConfigSchema.optional(),
  /** New credentials (e.g. after "authentication failed"); omitted: keep the stored ones. */
  secrets: AccountSecretsSchema.optional(),
});

export const FolderInfoSchema = z.object({
  path: z.string(),
  specialUse: z.string().nullable(),
  messages: z.number().int().nullable(),
});

/** What "test connection" found, shown to the person setting the account up. */
export const ConnectionReportSchema = z.object({
  ok: z.boolean(),
  incoming: z.object({
    ok: z.boolean(),
    server: z.string(),
    capabilities: z.array(z.string()),
    folders: z.array(FolderInfoSchema),
    push: z.boolean(),
    condstore: z.boolean(),
    sentFolder: z.string().nullable(),
    error: ConnectorErrorSchema.nullable(),
  }),
  outgoing: z.object({
    ok: z.boolean(),
    server: z.string(),
    capabilities: z.array(z.string()),
    error: ConnectorErrorSchema.nullable(),
  }),
});
export type ConnectionReport = z.infer<typeof ConnectionReportSchema>;

export const IngestAuthorSchema = z.object({
  id: z.string(),
  handle: z.string().nullable(),
  name: z.string().nullable(),
  followers: z.number().nullable(),
  verified: z.boolean(),
  email: z.string().nullable().optional(),
});

export const IngestMessageSchema = z.object({
  remoteId: z.string().min(1),
  threadKey: z.string().nullable(),
  inReplyTo: z.string().nullable(),
  references: z.array(z.string()),
  rfcMessageId: z.string().nullable(),
  subject: z.string().nullable(),
  direction: z.enum(['incoming', 'outgoing']),
  public: z.boolean(),
  author: IngestAuthorSchema,
  text: z.string(),
  html: z.string().nullable(),
  attachments: z.array(
    z.object({ name: z.string(), size: z.number(), contentType: z.string(), partId: z.string() }),
  ),
  createdAt: z.number(),
  lang: z.string().nullable(),
  metrics: z
    .object({ likes: z.number(), reposts: z.number(), replies: z.number(), quotes: z.number() })
    .nullable(),
  brand: z.string().nullable(),
});
// The schema and the pipeline's type must not drift apart: both directions must type-check.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const INGEST_SCHEMA_MATCHES: Same<z.infer<typeof IngestMessageSchema>, IngestMessage> = true;

/** The sync cursor is opaque to the renderer: it stores what main returned and hands it back. */
export const CursorSchema = z.string().max(1_000_000).nullable();

export const FetchPageRequestSchema = z.object({
  accountId: AccountIdSchema,
  cursor: CursorSchema,
  /** At most this many messages (main may return fewer). */
  limit: z.number().int().min(1).max(1000).optional(),
});

export const FetchPageResponseSchema = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('page'),
    messages: z.array(IngestMessageSchema),
    nextCursor: z.string(),
    /** The page is initial history: it never reopens conversations or marks them unread. */
    backfill: z.boolean(),
    /** Nothing more to fetch right now: wait for `sync:wake` or the poll interval. */
    done: z.boolean(),
    progress: SyncProgressSchema,
  }),
  z.object({ status: z.literal('paused') }),
  z.object({ status: z.literal('error'), error: ConnectorErrorSchema }),
]);
export type FetchPageResponse = z.infer<typeof FetchPageResponseSchema>;

export const AddressSchema = z.object({ address: z.email().max(320), name: z.string().max(200).nullable() });

/** Where a reply goes. A union per reply form; email first. */
export const ReplyTargetSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('email'),
    to: z.array(AddressSchema).min(1).max(50),
    cc: z.array(AddressSchema).max(50).default([]),
    /** The subject of the message answered; `Re:` is added once. */
    subject: z.string().max(2000).nullable(),
    /** Message-ID (without <>) of the message answered. */
    inReplyTo: z.string().max(1000).nullable(),
    /** That message's References, oldest first (without <>). */
    references: z.array(z.string().max(1000)).max(200).default([]),
  }),
]);
export type ReplyTarget = z.infer<typeof ReplyTargetSchema>;

export const DraftSchema = z.object({
  text: z.string().min(1).max(200_000),
  /** The agent's signature, added below a "-- " line. */
  signature: z.string().max(5000).nullable().default(null),
});
export type Draft = z.infer<typeof DraftSchema>;

/**
 * The idempotency key of one reply, made when it is queued and kept across retries. For email it
 * is the Message-ID (without <>), so `local@domain`; a key without `@` gets the sender's domain.
 */
export const IdempotencyKeySchema = z
  .string()
  .regex(/^[A-Za-z0-9._-]{8,128}(?:@[A-Za-z0-9.-]{1,190})?$/, 'not an idempotency key');

export const DeliverySendRequestSchema = z.object({
  accountId: AccountIdSchema,
  idempotencyKey: IdempotencyKeySchema,
  target: ReplyTargetSchema,
  draft: DraftSchema,
  /**
   * A person answered "it did not reach the customer" for an earlier, undecided attempt with
   * this key: send it again. Without it, main refuses to repeat an undecided attempt.
   */
  confirmedNotDelivered: z.boolean().default(false),
});

export const DeliverySendResponseSchema = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('accepted'),
    remoteId: z.string(),
    acceptedAt: z.number(),
    repeated: z.boolean(),
  }),
  z.object({ status: z.literal('failed'), error: ConnectorErrorSchema }),
  /** An earlier attempt with this key may have gone out: reconcile, or ask a person. Nothing was sent. */
  z.object({ status: z.literal('undecided') }),
  z.object({ status: z.literal('paused') }),
]);
export type DeliverySendResponse = z.infer<typeof DeliverySendResponseSchema>;

export const DeliveryReconcileRequestSchema = z.object({
  accountId: AccountIdSchema,
  idempotencyKey: IdempotencyKeySchema,
  /** The reply as queued: lets main restore the channel's own copy (Sent) if a crash lost it. */
  target: ReplyTargetSchema.optional(),
  draft: DraftSchema.optional(),
});

export const DeliveryReconcileResponseSchema = z.discriminatedUnion('status', [
  /** The channel has it (journal or the channel itself, e.g. the Sent folder): never send again. */
  z.object({
    status: z.literal('sent'),
    remoteId: z.string(),
    acceptedAt: z.number().nullable(),
    source: z.enum(['journal', 'channel']),
  }),
  /** Certainly not delivered: never attempted, refused by the server, or a person said so. Safe to send. */
  z.object({ status: z.literal('not-sent'), reason: z.enum(['never-attempted', 'refused', 'released']) }),
  /** An attempt may have reached the customer and the channel cannot tell: a person decides. */
  z.object({ status: z.literal('unknown') }),
  /** The channel could not be asked now (offline): try reconciling again later. */
  z.object({ status: z.literal('error'), error: ConnectorErrorSchema }),
]);
export type DeliveryReconcileResponse = z.infer<typeof DeliveryReconcileResponseSchema>;

export const AttachmentDownloadRequestSchema = z.object({
  accountId: AccountIdSchema,
  rfcMessageId: z.string().min(1).max(1000),
  partId: z
    .string()
    .regex(/^[0-9]+(\.[0-9]+)*$/, 'not a MIME part number')
    .max(100),
});

/** The bytes of one attachment (base64), for the renderer to offer as a download; never opened. */
export const AttachmentDownloadResponseSchema = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('ok'),
    name: z.string(),
    contentType: z.string(),
    size: z.number().int(),
    base64: z.string(),
  }),
  z.object({ status: z.literal('error'), error: ConnectorErrorSchema }),
]);
export type AttachmentDownloadResponse = z.infer<typeof AttachmentDownloadResponseSchema>;

export const LoadImagesRequestSchema = z.object({
  urls: z.array(z.string().url().max(2000)).max(50),
});
export const LoadImagesResponseSchema = z.object({
  images: z.array(z.object({ url: z.string(), dataUrl: z.string().nullable() })),
});
