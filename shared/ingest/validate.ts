import type { IngestMessage } from './message.ts';

/** Limits every source is held to before a message reaches the inbox. */
export const INGEST_LIMITS = {
  remoteId: 1000,
  text: 1_000_000,
  html: 5_000_000,
  /** Epoch ms of 1970-01-01 and 2100-01-01. */
  minTime: 0,
  maxTime: Date.UTC(2100, 0, 1),
} as const;

export type IngestErrorCode = 'invalid_id' | 'invalid_date' | 'too_long' | 'invalid_field';

/** Why a message cannot be ingested, or null when it can. Sources validate first; this is the last line. */
export function ingestProblem(m: IngestMessage): IngestErrorCode | null {
  if (typeof m.remoteId !== 'string' || m.remoteId.length === 0 || m.remoteId.length > INGEST_LIMITS.remoteId)
    return 'invalid_id';
  // eslint-disable-next-line no-control-regex -- control characters are what ids must not contain
  if (/[\u0000-\u001f]/.test(m.remoteId)) return 'invalid_id';
  if (
    !Number.isFinite(m.createdAt) ||
    m.createdAt < INGEST_LIMITS.minTime ||
    m.createdAt >= INGEST_LIMITS.maxTime
  )
    return 'invalid_date';
  if (typeof m.text !== 'string' || (m.html !== null && typeof m.html !== 'string')) return 'invalid_field';
  if (m.text.length > INGEST_LIMITS.text || (m.html?.length ?? 0) > INGEST_LIMITS.html) return 'too_long';
  if (m.direction !== 'incoming' && m.direction !== 'outgoing') return 'invalid_field';
  if (!m.author || typeof m.author.id !== 'string' || m.author.id.length === 0) return 'invalid_field';
  return null;
}
