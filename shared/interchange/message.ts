import { z } from 'zod';

/**
 * Message interchange format v1: one JSON object per line (JSONL).
 * Used by import/export in the app and by the `webcare` CLI. Documented in the README.
 */
export const InterchangeAuthorSchema = z.object({
  id: z.string().min(1),
  handle: z.string().optional(),
  name: z.string().optional(),
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
  id: z.string().min(1),
  channel: z.string().min(1),
  conversationId: z.string().min(1).optional(),
  direction: z.enum(['incoming', 'outgoing']),
  public: z.boolean(),
  author: InterchangeAuthorSchema,
  text: z.string(),
  createdAt: z.iso.datetime({ offset: true }),
  lang: z.string().min(2).max(8).optional(),
  inReplyTo: z.string().min(1).optional(),
  metrics: InterchangeMetricsSchema.optional(),
  brand: z.string().min(1).optional(),
});

export type InterchangeMessage = z.infer<typeof InterchangeMessageSchema>;
export type InterchangeAuthor = z.infer<typeof InterchangeAuthorSchema>;
