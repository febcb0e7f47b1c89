import type { LengthLimit } from '../checks/length.ts';
import type { ChannelKind } from '../domain/channels.ts';

/**
 * What each channel can do, as data: read by main's connectors, by the composer (length, reply
 * window, public/private) and by the send-time guard. Facts and their sources are in
 * /work/shared/CHANNELS.md (marks [V]/[V2]/[I] there); re-check the [I] ones when a connector is
 * built. Pure: no I/O, no platform APIs.
 */

// Lengths are counted by shared/checks/length.ts (`measure`), in the unit declared here.

/** Every connector kind in CHANNELS.md §2 (one per API, several may feed one inbox channel). */
export const CONNECTOR_KINDS = [
  'email',
  'x',
  'facebook',
  'instagram',
  'whatsapp',
  'trustpilot',
  'google-business',
  'appstore',
  'google-play',
  'mastodon',
  'bluesky',
  'telegram',
  'reddit',
  'rss',
  'csv',
] as const;
export type ConnectorKind = (typeof CONNECTOR_KINDS)[number];

/**
 * How the platform tells a client to slow down (CHANNELS.md §1.3). The backoff component picks
 * its header parser by this name.
 */
export const RATE_LIMIT_MODELS = [
  /** Limits are per server; SMTP 4xx and IMAP NO/BAD codes, no headers (email). */
  'server-specific',
  /** `x-rate-limit-limit/-remaining/-reset` (reset in epoch seconds), 429 (X). */
  'x-rate-limit',
  /** `X-RateLimit-Limit/-Remaining/-Reset` with an ISO timestamp reset, 429 (Mastodon). */
  'x-ratelimit-timestamp',
  /** `X-Ratelimit-Used/-Remaining/-Reset` with the reset in seconds from now, 429 (Reddit). */
  'x-ratelimit-seconds',
  /** IETF draft `RateLimit-Limit/-Remaining/-Reset`, 429 (Bluesky). */
  'ietf-ratelimit',
  /** `X-Rate-Limit: user-hour-lim:N;user-hour-rem:M;`, 429 (Apple App Store Connect). */
  'apple-x-rate-limit',
  /** `X-App-Usage` / `X-Business-Use-Case-Usage` percentages, throttling as error codes (Meta Graph). */
  'meta-usage',
  /** 429 with `parameters.retry_after` in the JSON body (Telegram Bot API). */
  'telegram-retry-after',
  /** 429 `RESOURCE_EXHAUSTED` without a reset header (Google APIs): exponential backoff. */
  'google-resource-exhausted',
  /** Plain 429/503 with an optional `Retry-After` (Trustpilot, RSS/Atom servers). */
  'retry-after',
  /** Nothing is fetched from a remote API (file import). */
  'none',
] as const;
export type RateLimitModel = (typeof RATE_LIMIT_MODELS)[number];

/** One way of answering on a channel. */
export interface ReplySurface {
  form: 'email' | 'post' | 'comment' | 'direct-message' | 'review-response';
  /** Every limit must hold (Bluesky counts graphemes and bytes). Empty: no documented limit. */
  limits: LengthLimit[];
  /** The limit comes from the account at run time (Mastodon `max_characters`); `limits` is the default. */
  dynamicLimit: boolean;
  /** No documented limit: the account's settings may set one (Trustpilot). */
  configurableLimit: boolean;
  /** Free text only within this many hours of the customer's last message (24 on WhatsApp/Messenger). */
  windowHours: number | null;
  /** The platform lets the brand change a reply afterwards. */
  editable: boolean;
  /** At most one reply per item (reviews): a second send overwrites or fails. */
  onePerItem: boolean;
  attachments: boolean;
  /**
   * How a retry after an ambiguous failure is made safe: `key` = the platform honours an
   * idempotency key (Mastodon `Idempotency-Key`); `message-id` = our own id travels with the
   * message and can be searched for (email: Sent folder by Message-ID); `lookup` = ask the
   * platform whether it posted; `overwrite` = a second send replaces the first (reviews).
   */
  idempotency: 'key' | 'message-id' | 'lookup' | 'overwrite';
}

export interface ChannelCapabilities {
  kind: ConnectorKind;
  /** The inbox channel its messages appear under. */
  channel: ChannelKind;
  inbound: {
    /** `cursor`: resumable after a position; `page`: walked until known items; `none`: cannot be read. */
    pull: 'cursor' | 'page' | 'none';
    /** How new items announce themselves; push only wakes the pull loop. */
    push: 'none' | 'idle' | 'stream' | 'long-poll' | 'relay';
    /** What the platform keeps reachable, where it limits history. */
    history: string | null;
  };
  threading: 'rfc5322' | 'parent-id' | 'root-parent' | 'conversation' | 'single-reply' | 'none';
  reply: {
    public: ReplySurface | null;
    private: ReplySurface | null;
    /** A private answer to a public comment (Meta private replies), with its own window. */
    privateFromPublic: ReplySurface | null;
  };
  attachments: { inbound: boolean; outbound: boolean };
  rateLimit: { model: RateLimitModel; note: string };
}

const surface = (
  partial: Partial<ReplySurface> & Pick<ReplySurface, 'form' | 'idempotency'>,
): ReplySurface => ({
  limits: [],
  dynamicLimit: false,
  configurableLimit: false,
  windowHours: null,
  editable: false,
  onePerItem: false,
  attachments: false,
  ...partial,
});

export const CONNECTOR_CAPABILITIES: Readonly<Record<ConnectorKind, ChannelCapabilities>> = {
  email: {
    kind: 'email',
    channel: 'email',
    inbound: { pull: 'cursor', push: 'idle', history: null },
    threading: 'rfc5322',
    reply: {
      public: null,
      private: surface({ form: 'email', attachments: true, idempotency: 'message-id' }),
      privateFromPublic: null,
    },
    attachments: { inbound: true, outbound: true },
    rateLimit: {
      model: 'server-specific',
      note: 'SMTP 4xx = retry later, 5xx = permanent; IMAP NO/BAD codes',
    },
  },
  x: {
    kind: 'x',
    channel: 'x',
    inbound: { pull: 'cursor', push: 'stream', history: 'the 800 most recent mentions' },
    threading: 'parent-id',
    reply: {
      public: surface({
        form: 'post',
        limits: [{ limit: 280, unit: 'x-weighted' }],
        attachments: true,
        idempotency: 'lookup',
      }),
      private: surface({
        form: 'direct-message',
        limits: [{ limit: 10_000, unit: 'utf16' }],
        idempotency: 'lookup',
      }),
      privateFromPublic: null,
    },
    attachments: { inbound: true, outbound: true },
    rateLimit: { model: 'x-rate-limit', note: '15-minute windows per endpoint, per user or per app' },
  },
  facebook: {
    kind: 'facebook',
    channel: 'facebook',
    inbound: { pull: 'page', push: 'relay', history: null },
    threading: 'parent-id',
    reply: {
      public: surface({
        form: 'comment',
        limits: [{ limit: 8000, unit: 'utf16' }],
        editable: true,
        idempotency: 'lookup',
      }),
      private: surface({
        form: 'direct-message',
        limits: [{ limit: 2000, unit: 'utf16' }],
        windowHours: 24,
        attachments: true,
        idempotency: 'lookup',
      }),
      privateFromPublic: surface({
        form: 'direct-message',
        limits: [{ limit: 2000, unit: 'utf16' }],
        windowHours: 168,
        idempotency: 'lookup',
      }),
    },
    attachments: { inbound: true, outbound: true },
    rateLimit: {
      model: 'meta-usage',
      note: 'Conversations API 2 calls/s per Page; private replies 750/h per Page',
    },
  },
  instagram: {
    kind: 'instagram',
    channel: 'instagram',
    inbound: { pull: 'page', push: 'relay', history: null },
    threading: 'parent-id',
    reply: {
      public: surface({ form: 'comment', limits: [{ limit: 2200, unit: 'utf16' }], idempotency: 'lookup' }),
      private: surface({
        form: 'direct-message',
        limits: [{ limit: 1000, unit: 'utf16' }],
        windowHours: 24,
        attachments: true,
        idempotency: 'lookup',
      }),
      privateFromPublic: surface({
        form: 'direct-message',
        limits: [{ limit: 1000, unit: 'utf16' }],
        windowHours: 168,
        idempotency: 'lookup',
      }),
    },
    attachments: { inbound: true, outbound: true },
    rateLimit: {
      model: 'meta-usage',
      note: 'Business Use Case limits; throttling as error codes 4/17/32/613/800xx',
    },
  },
  whatsapp: {
    kind: 'whatsapp',
    channel: 'whatsapp',
    inbound: { pull: 'none', push: 'relay', history: 'webhooks only: a relay keeps events for the app' },
    threading: 'conversation',
    reply: {
      public: null,
      private: surface({
        form: 'direct-message',
        limits: [{ limit: 4096, unit: 'codepoint' }],
        windowHours: 24,
        attachments: true,
        idempotency: 'lookup',
      }),
      privateFromPublic: null,
    },
    attachments: { inbound: true, outbound: true },
    rateLimit: { model: 'meta-usage', note: 'about 80 msg/s per number; codes 130429 and 131056' },
  },
  trustpilot: {
    kind: 'trustpilot',
    channel: 'trustpilot',
    inbound: { pull: 'page', push: 'relay', history: null },
    threading: 'single-reply',
    reply: {
      public: surface({
        form: 'review-response',
        configurableLimit: true,
        editable: true,
        onePerItem: true,
        idempotency: 'overwrite',
      }),
      private: null,
      privateFromPublic: null,
    },
    attachments: { inbound: false, outbound: false },
    rateLimit: {
      model: 'retry-after',
      note: '833 calls / 5 min and 10k / hour recommended; yearly allowance per tier',
    },
  },
  'google-business': {
    kind: 'google-business',
    channel: 'google',
    inbound: { pull: 'page', push: 'none', history: null },
    threading: 'single-reply',
    reply: {
      public: surface({
        form: 'review-response',
        limits: [{ limit: 4096, unit: 'byte' }],
        editable: true,
        onePerItem: true,
        idempotency: 'overwrite',
      }),
      private: null,
      privateFromPublic: null,
    },
    attachments: { inbound: false, outbound: false },
    rateLimit: { model: 'google-resource-exhausted', note: '0 QPM until approved, then 300 QPM' },
  },
  appstore: {
    kind: 'appstore',
    channel: 'appstore',
    inbound: { pull: 'page', push: 'none', history: null },
    threading: 'single-reply',
    reply: {
      public: surface({
        form: 'review-response',
        limits: [{ limit: 5970, unit: 'utf16' }],
        editable: true,
        onePerItem: true,
        idempotency: 'overwrite',
      }),
      private: null,
      privateFromPublic: null,
    },
    attachments: { inbound: false, outbound: false },
    rateLimit: { model: 'apple-x-rate-limit', note: 'about 3,500 requests per hour per user' },
  },
  'google-play': {
    kind: 'google-play',
    channel: 'appstore',
    inbound: { pull: 'page', push: 'none', history: 'reviews with text from the last 7 days only' },
    threading: 'single-reply',
    reply: {
      public: surface({
        form: 'review-response',
        limits: [{ limit: 350, unit: 'utf16' }],
        editable: true,
        onePerItem: true,
        idempotency: 'overwrite',
      }),
      private: null,
      privateFromPublic: null,
    },
    attachments: { inbound: false, outbound: false },
    rateLimit: { model: 'google-resource-exhausted', note: '200 GET/h and 2000 POST/day per app' },
  },
  mastodon: {
    kind: 'mastodon',
    channel: 'mastodon',
    inbound: { pull: 'cursor', push: 'stream', history: null },
    threading: 'parent-id',
    reply: {
      public: surface({
        form: 'post',
        limits: [{ limit: 500, unit: 'grapheme' }],
        dynamicLimit: true,
        attachments: true,
        idempotency: 'key',
      }),
      private: surface({
        form: 'direct-message',
        limits: [{ limit: 500, unit: 'grapheme' }],
        dynamicLimit: true,
        attachments: true,
        idempotency: 'key',
      }),
      privateFromPublic: null,
    },
    attachments: { inbound: true, outbound: true },
    rateLimit: { model: 'x-ratelimit-timestamp', note: '300 requests / 5 min per account and per IP' },
  },
  bluesky: {
    kind: 'bluesky',
    channel: 'bluesky',
    inbound: { pull: 'cursor', push: 'stream', history: null },
    threading: 'root-parent',
    reply: {
      public: surface({
        form: 'post',
        limits: [
          { limit: 300, unit: 'grapheme' },
          { limit: 3000, unit: 'byte' },
        ],
        attachments: true,
        idempotency: 'lookup',
      }),
      private: surface({
        form: 'direct-message',
        limits: [
          { limit: 1000, unit: 'grapheme' },
          { limit: 10_000, unit: 'byte' },
        ],
        idempotency: 'lookup',
      }),
      privateFromPublic: null,
    },
    attachments: { inbound: true, outbound: true },
    rateLimit: {
      model: 'ietf-ratelimit',
      note: '5000 write points/h (create = 3); PDS 3000 req / 5 min per IP',
    },
  },
  telegram: {
    kind: 'telegram',
    channel: 'other',
    inbound: { pull: 'cursor', push: 'long-poll', history: 'updates are kept at most 24 h' },
    threading: 'conversation',
    reply: {
      public: null,
      private: surface({
        form: 'direct-message',
        limits: [{ limit: 4096, unit: 'utf16' }],
        attachments: true,
        idempotency: 'lookup',
      }),
      privateFromPublic: null,
    },
    attachments: { inbound: true, outbound: true },
    rateLimit: {
      model: 'telegram-retry-after',
      note: 'about 1 msg/s per chat, 20/min per group, 30/s overall',
    },
  },
  reddit: {
    kind: 'reddit',
    channel: 'forum',
    inbound: { pull: 'cursor', push: 'none', history: null },
    threading: 'parent-id',
    reply: {
      public: surface({
        form: 'comment',
        limits: [{ limit: 10_000, unit: 'utf16' }],
        editable: true,
        idempotency: 'lookup',
      }),
      private: null,
      privateFromPublic: null,
    },
    attachments: { inbound: false, outbound: false },
    rateLimit: { model: 'x-ratelimit-seconds', note: '100 QPM per OAuth client (10-minute average)' },
  },
  rss: {
    kind: 'rss',
    channel: 'forum',
    inbound: { pull: 'page', push: 'none', history: 'what the feed still lists' },
    threading: 'none',
    reply: { public: null, private: null, privateFromPublic: null },
    attachments: { inbound: false, outbound: false },
    rateLimit: { model: 'retry-after', note: 'conditional GET (ETag, Last-Modified); 429/503 Retry-After' },
  },
  csv: {
    kind: 'csv',
    channel: 'other',
    inbound: { pull: 'none', push: 'none', history: 'one-way file import' },
    threading: 'none',
    reply: { public: null, private: null, privateFromPublic: null },
    attachments: { inbound: false, outbound: false },
    rateLimit: { model: 'none', note: 'local files' },
  },
};

/** The surface a reply on this item uses: public items get a public answer, private ones a private one. */
export function replySurface(
  capabilities: ChannelCapabilities,
  item: { public: boolean },
  mode: 'same' | 'private' = 'same',
): ReplySurface | null {
  if (mode === 'private' && item.public)
    return capabilities.reply.privateFromPublic ?? capabilities.reply.private;
  return item.public ? capabilities.reply.public : capabilities.reply.private;
}

/**
 * Whether the reply window is still open for a customer's last message at `lastCustomerAt`.
 * `null` window: always open.
 */
export function replyWindowOpen(surface: ReplySurface, lastCustomerAt: number | null, now: number): boolean {
  if (surface.windowHours === null) return true;
  if (lastCustomerAt === null) return false;
  return now - lastCustomerAt <= surface.windowHours * 3_600_000;
}
