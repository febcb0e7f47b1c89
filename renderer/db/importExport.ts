import type { ChannelKind } from '../../shared/domain/channels.ts';
import type { Author, Conversation, Message } from '../../shared/domain/types.ts';
import { interchangeToIngest } from '../../shared/ingest/interchange.ts';
import type { IngestMessage } from '../../shared/ingest/message.ts';
import {
  parseJsonl,
  serializeJsonlLine,
  toInterchange,
  type ImportError,
} from '../../shared/interchange/jsonl.ts';
import { storageFailureKind } from '../../shared/storage/reserve.ts';
import { ensureLocalAccount, ingestBatch } from './ingest.ts';
import { writeTx } from './log.ts';
import type { WebcareDb } from './schema.ts';

export interface ImportReport {
  imported: number;
  /** Lines whose message is already stored (re-imports add nothing). */
  skipped: number;
  errors: ImportError[];
  total: number;
  /** Conversations that received new messages (for the escalation analysis). */
  conversationIds: string[];
  /**
   * Why the import stopped before the end, at a batch boundary: the storage reserve was reached
   * (`reserve`) or a batch could not be written (`full`: the disk or quota is full; `failed`:
   * another storage failure). Batches before it are stored; the failed one rolled back whole, so
   * importing the same file again after freeing space adds exactly what is missing.
   */
  stopped?: { reason: 'reserve' | 'full' | 'failed'; message?: string; remaining: number };
}

export interface ImportOptions {
  /**
   * The file is history (old messages, already dealt with): it never reopens a conversation or
   * marks one unread, and threads the brand answered last are filed as resolved.
   */
  history?: boolean;
  /**
   * Asked before every batch: false stops the import there (the storage reserve is reached), so
   * that drafts, notes and replies still fit in what is left.
   */
  hasRoom?: () => Promise<boolean>;
}

/** Lines written per transaction: large files stay responsive and a crash loses at most one batch. */
const BATCH = 500;

/**
 * Imports interchange JSONL (text, or a file's bytes: UTF-8, or UTF-16 with a BOM) through the
 * ingest pipeline: bad lines are reported with their line number and reason, good lines are
 * stored in the local "Imported" account of their channel, and messages already stored are
 * skipped, so importing a file twice is harmless.
 */
export async function importJsonlText(
  db: WebcareDb,
  text: string | Uint8Array,
  now: number,
  opts: ImportOptions = {},
): Promise<ImportReport> {
  const parsed = parseJsonl(text);
  const report: ImportReport = {
    imported: 0,
    skipped: 0,
    errors: parsed.errors,
    total: parsed.total,
    conversationIds: [],
  };
  // In event time, so that parents are stored before the replies that point at them.
  const byChannel = new Map<ChannelKind, IngestMessage[]>();
  for (const line of parsed.messages) {
    const { channel, message } = interchangeToIngest(line);
    const list = byChannel.get(channel) ?? [];
    list.push(message);
    byChannel.set(channel, list);
  }
  const touched = new Set<string>();
  let done = 0;
  const left = () => parsed.messages.length - done;
  try {
    for (const [channel, messages] of byChannel) {
      if (opts.hasRoom && !(await opts.hasRoom())) {
        report.stopped = { reason: 'reserve', remaining: left() };
        break;
      }
      const account = await writeTx(db, () => ensureLocalAccount(db, 'imported', channel, now));
      messages.sort((a, b) => a.createdAt - b.createdAt);
      for (let i = 0; i < messages.length; i += BATCH) {
        if (i > 0 && opts.hasRoom && !(await opts.hasRoom())) {
          report.stopped = { reason: 'reserve', remaining: left() };
          break;
        }
        const part = messages.slice(i, i + BATCH);
        const r = await ingestBatch(
          db,
          { accountId: account.id, source: 'import', backfill: opts.history ?? false, messages: part },
          now,
        );
        done += part.length;
        report.imported += r.added;
        report.skipped += r.skipped;
        for (const id of r.conversationIds) touched.add(id);
      }
      if (report.stopped) break;
    }
  } catch (e) {
    const kind = storageFailureKind(e);
    if (!kind) throw e;
    report.stopped = { reason: kind, message: (e as Error).message, remaining: left() };
  }
  report.conversationIds = [...touched];
  return report;
}

/**
 * Exports every customer message and reply as interchange JSONL (notes stay internal). Ids are
 * the source's ids (a reply written here has none and keeps its local id), so a re-import of the
 * export adds nothing. A reply that has not reached the customer yet says so (`delivery`). A
 * user-initiated full pass over the messages table; authors are cached as they are met.
 */
export async function exportJsonl(db: WebcareDb): Promise<{ text: string; count: number }> {
  const authors = new Map<string, Author | null>();
  const convs = new Map<string, Conversation | null>();
  const lines: string[] = [];
  const messages = await db.messages.orderBy('[conversationId+createdAt]').toArray();
  // Parents are exported under their remote ids, like the messages themselves.
  const remoteOf = new Map<string, string>();
  for (const m of messages) if (m.remoteId) remoteOf.set(m.id, m.remoteId);
  for (const m of messages) {
    if (m.direction === 'note') continue;
    if (!authors.has(m.authorId)) authors.set(m.authorId, (await db.authors.get(m.authorId)) ?? null);
    if (!convs.has(m.conversationId))
      convs.set(m.conversationId, (await db.conversations.get(m.conversationId)) ?? null);
    const conv = convs.get(m.conversationId) ?? undefined;
    const author = authors.get(m.authorId) ?? agentAuthor(m, conv);
    const inReplyTo = m.inReplyTo ? (m.inReplyToRemote ?? remoteOf.get(m.inReplyTo) ?? m.inReplyTo) : null;
    const line = toInterchange({ ...m, id: m.remoteId ?? m.id, inReplyTo }, author, conv);
    if (!line) continue;
    if (conv) line.conversationId = conv.threadKey;
    const out: Record<string, unknown> = { ...line };
    if (m.direction === 'outgoing' && m.delivery && m.delivery !== 'sent') out.delivery = m.delivery;
    lines.push(serializeJsonlLine(out as typeof line));
  }
  return { text: lines.length ? `${lines.join('\n')}\n` : '', count: lines.length };
}

/** Replies written in this app have an `agent:<id>` author without a row: they speak for the brand. */
function agentAuthor(m: Message, conv: Conversation | undefined): Author {
  const brand = m.brand ?? conv?.brand ?? 'brand';
  return {
    id: m.authorId,
    accountId: m.accountId,
    channel: m.channel,
    handle: brand,
    name: brand,
    followers: null,
    verified: false,
    firstSeenAt: m.createdAt,
    lastSeenAt: m.createdAt,
    messageCount: 0,
    conversationCount: 0,
    demo: 0,
  };
}
