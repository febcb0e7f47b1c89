import { z } from 'zod';

/**
 * What went wrong with a channel call, classified so that the scheduler, the health display and
 * the delivery worker can act without knowing the platform: wait until `retryAt`, ask a person
 * to fix the credentials, tell the agent the reply window closed, show the server's reason.
 * `reason` is the platform's own text (shown as "the server said: ..."), never a secret.
 */
export const ConnectorErrorSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('rate-limited'),
    /** Epoch ms after which a call may be tried again. */
    retryAt: z.number(),
    /** What the limit applies to (an endpoint, the account, the app). */
    scope: z.string().max(200),
    code: z.string().max(100),
    reason: z.string().max(2000),
  }),
  z.object({
    type: z.literal('auth-expired'),
    code: z.string().max(100),
    reason: z.string().max(2000),
  }),
  z.object({
    type: z.literal('window-closed'),
    code: z.string().max(100),
    reason: z.string().max(2000),
  }),
  z.object({
    /** Permanent: retrying the same request will fail the same way. */
    type: z.literal('rejected'),
    code: z.string().max(100),
    reason: z.string().max(2000),
  }),
  z.object({
    type: z.literal('transient'),
    retryAt: z.number(),
    /** True when the server could not be reached at all (DNS, refused, timeout, offline). */
    unreachable: z.boolean(),
    code: z.string().max(100),
    reason: z.string().max(2000),
  }),
]);
export type ConnectorError = z.infer<typeof ConnectorErrorSchema>;
export type ConnectorErrorType = ConnectorError['type'];

/** Keeps a server's text short and on one line before it crosses the boundary or a log. */
export function clipReason(text: unknown, max = 500): string {
  const value = typeof text === 'string' ? text : text instanceof Error ? text.message : String(text ?? '');
  const line = value.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
