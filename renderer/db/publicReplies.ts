/**
 * The persisted near-duplicate index of our own public replies (issue 11): one row per public
 * outgoing message with its MinHash signature and LSH band keys (shared/checks/duplicate.ts).
 * Rows are written by the projection in the same transaction as the message (a reply queued
 * here, or our own reply that arrives through sync or import), so a replay of the log rebuilds
 * them. A queued reply counts as posted: offline, five identical replies queued in a row would
 * otherwise all go out before the index knew of any.
 *
 * Look-ups read only the rows that share a band key with the text being written, never the whole
 * table, so the check costs the same at 100 or 100,000 public replies. Rows older than the
 * longest window the checks can use are pruned by the leader (`prunePublicReplies`).
 */
import {
  bandKeys,
  candidatesFrom,
  contentWords,
  customerNames,
  minhash,
  recentReply,
  type CandidateQuery,
  type RecentReply,
  type ReplyCandidates,
} from '../../shared/checks/duplicate.ts';
import type { Author, Conversation, Message } from '../../shared/domain/types.ts';
import type { PublicReplyRow, WebcareDb } from './schema.ts';

/** Kept a week: the checks' window is at most 7 × 24 hours (settings schema). */
export const PUBLIC_REPLY_RETENTION_MS = 7 * 24 * 3_600_000;
/** A band shared by very many replies (a stock "thanks") is read up to this many rows, newest first. */
const MAX_ROWS_PER_LOOKUP = 2_000;

/** The index row of a public outgoing message, or null when it is not one (or too short to compare). */
export function publicReplyRow(
  message: Message,
  conversation: Pick<Conversation, 'brand'> | null,
  customer: Pick<Author, 'name' | 'handle'> | null | undefined,
): PublicReplyRow | null {
  if (message.direction !== 'outgoing' || !message.public) return null;
  // Stored with the lowest word minimum, so a row serves every setting; the text being checked
  // is held to the agent's own minimum (a repeated "Thanks!" never warns).
  const r = recentReply(
    {
      id: message.id,
      brand: message.brand ?? conversation?.brand ?? null,
      channel: message.channel,
      conversationId: message.conversationId,
      sentAt: message.createdAt,
      text: message.text,
    },
    { names: customerNames(customer), minWords: 1 },
  );
  if (r.bands.length === 0) return null;
  return {
    messageId: r.id,
    brand: r.brand ?? '',
    sentAt: r.sentAt,
    bands: r.bands,
    signature: r.signature,
    words: r.words,
    conversationId: r.conversationId,
    channel: r.channel,
  };
}

/** Adds the rows of these messages (inside the caller's write transaction). */
export async function indexPublicReplies(
  db: WebcareDb,
  messages: readonly Message[],
  conversationOf: (id: string) => Conversation | undefined,
  at: number,
): Promise<void> {
  // Replies already past the retention at the event's time (an old back-fill, most of a seed)
  // could never be a candidate: they are not indexed. `at` is the event's time, so replay agrees.
  const oldest = at - PUBLIC_REPLY_RETENTION_MS;
  const outgoing = messages.filter((m) => m.direction === 'outgoing' && m.public && m.createdAt >= oldest);
  if (outgoing.length === 0) return;
  const authorIds = [
    ...new Set(
      outgoing.map((m) => conversationOf(m.conversationId)?.authorId).filter((a): a is string => !!a),
    ),
  ];
  const authors = new Map(
    (await db.authors.bulkGet(authorIds)).filter((a): a is Author => !!a).map((a) => [a.id, a]),
  );
  const rows: PublicReplyRow[] = [];
  for (const m of outgoing) {
    const c = conversationOf(m.conversationId) ?? null;
    const row = publicReplyRow(m, c, c ? authors.get(c.authorId) : null);
    if (row) rows.push(row);
  }
  if (rows.length) await db.publicReplies.bulkPut(rows);
}

/**
 * The earlier public replies that could be near-duplicates of `text`: rows sharing a band key,
 * of the same brand, inside the window, with their texts. Null when the text is too short to be
 * compared (the check then has nothing to say).
 */
export async function publicReplyCandidates(
  db: WebcareDb,
  q: CandidateQuery,
): Promise<ReplyCandidates | null> {
  const signature = minhash(contentWords(q.text, q.names), q.minWords);
  if (signature.length === 0) return null;
  const since = q.now - q.windowHours * 3_600_000;
  const brand = q.brand ?? '';
  const rows = (
    await db.publicReplies.where('bands').anyOf(bandKeys(signature)).limit(MAX_ROWS_PER_LOOKUP).toArray()
  ).filter((r) => r.brand === brand && r.sentAt >= since && r.sentAt <= q.now);
  const unique = [...new Map(rows.map((r) => [r.messageId, r])).values()];
  if (unique.length === 0) return candidatesFrom([]);
  const messages = await db.messages.bulkGet(unique.map((r) => r.messageId));
  const out: RecentReply[] = [];
  unique.forEach((r, i) => {
    const m = messages[i];
    if (!m || r.signature === undefined) return;
    out.push({
      id: r.messageId,
      brand: r.brand || null,
      channel: m.channel,
      conversationId: m.conversationId,
      sentAt: r.sentAt,
      text: m.text,
      signature: r.signature,
      bands: r.bands,
      words: r.words ?? 0,
    });
  });
  return candidatesFrom(out);
}

/**
 * Deletes rows older than the retention, brand by brand through the `[brand+sentAt]` index (a
 * skip scan: one seek per brand, then only the old rows). Returns the number removed.
 */
export async function prunePublicReplies(db: WebcareDb, now: number): Promise<number> {
  const cutoff = now - PUBLIC_REPLY_RETENTION_MS;
  let removed = 0;
  let after: string | null = null;
  for (;;) {
    const next: PublicReplyRow | undefined = await (
      after === null
        ? db.publicReplies.orderBy('[brand+sentAt]')
        : db.publicReplies.where('[brand+sentAt]').above([after, Infinity])
    ).first();
    if (!next) return removed;
    removed += await db.publicReplies
      .where('[brand+sentAt]')
      .between([next.brand, -Infinity], [next.brand, cutoff], true, false)
      .delete();
    after = next.brand;
  }
}
