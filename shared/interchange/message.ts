import { z } from 'zod';

/**
 * Limits of message interchange format v1. Every reader (the app's import, the `webcare` CLI)
 * applies the same ones through `decodeInterchange` (`decode.ts`): a line that one of them
 * accepts, the other accepts too.
 */
export const INTERCHANGE_LIMITS = {
  /** Message, conversation, parent and author ids (an email Message-ID can be long). */
  idChars: 1024,
  channelChars: 64,
  brandChars: 256,
  handleChars: 256,
  nameChars: 512,
  /** createdAt must lie in [1970-01-01, 2101-01-01) UTC: anything else is a broken clock or unit. */
  minCreatedAt: Date.UTC(1970, 0, 1),
  maxCreatedAt: Date.UTC(2101, 0, 1),
} as const;

/** C0 and C1 control characters and DEL: never part of an id (they break logs, keys and exports). */
// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
export const CONTROL_CHAR_RE = /[\u0000-\u001f\u007f-\u009f]/;

const L = INTERCHANGE_LIMITS;
const id = () =>
  z
    .string()
    .min(1)
    .max(L.idChars)
    .refine((s) => !CONTROL_CHAR_RE.test(s), { message: 'control characters are not allowed in ids' });

/** The createdAt check, shared with the fast path in `decode.ts`. */
export function createdAtInRange(iso: string): boolean {
  const t = Date.parse(iso);
  return t >= L.minCreatedAt && t < L.maxCreatedAt;
}
export const CREATED_AT_RANGE_MESSAGE = 'year outside 1970-2100';

/**
 * Message interchange format v1: one JSON object per line (JSONL).
 * Used by import/export in the app and by the `webcare` CLI. Documented in the README.
 */
export const InterchangeAuthorSchema = z.object({
  id: id(),
  handle: z.string().max(L.handleChars).optional(),
  name: z.string().max(L.nameChars).optional(),
  followers: z.number().int().nonnegative().optional(),
  verified: z.boolean().optional(),
});

export const InterchangeMetricsSchema = z.object({
  likes: z.number().int().nonnegative().default(0),
  reposts: z.number().int().nonnegative().default(0),
  replies: z.number().int().nonnegative().default(0),
  quotes: z.number().int().nonnegative().default(0),
});

export const InterchangeMessageSchema = z.object({
  id: id(),
  channel: z.string().min(1).max(L.channelChars),
  conversationId: id().optional(),
  direction: z.enum(['incoming', 'outgoing']),
  public: z.boolean(),
  author: InterchangeAuthorSchema,
  text: z.string(),
  createdAt: z.iso.datetime({ offset: true }).refine(createdAtInRange, {
    message: CREATED_AT_RANGE_MESSAGE,
    // Only a well-formed date is checked for its range: a malformed one gets the format error alone.
    when: (payload) => payload.issues.length === 0,
  }),
  lang: z.string().min(2).max(8).optional(),
  inReplyTo: id().optional(),
  metrics: InterchangeMetricsSchema.optional(),
  brand: z.string().min(1).max(L.brandChars).optional(),
});

export type InterchangeMessage = z.infer<typeof InterchangeMessageSchema>;
export type InterchangeAuthor = z.infer<typeof InterchangeAuthorSchema>;
