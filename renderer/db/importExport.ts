import { applyEvent } from '../../shared/domain/events.ts';
import type { Author, Conversation, Message } from '../../shared/domain/types.ts';
import { UNASSIGNED } from '../../shared/domain/types.ts';
import { counterDeltas } from '../../shared/inbox/views.ts';
import {
  fromInterchangeBatch,
  mergeAuthor,
  parseJsonl,
  serializeJsonlLine,
  toInterchange,
  type ImportError,
  type ImportedMessage,
} from '../../shared/interchange/jsonl.ts';
import { searchTokensOf, MAX_SEARCH_TOKENS } from '../../shared/search/tokenize.ts';
import { snippetOf } from '../../shared/demo/generate.ts';
import type { WebcareDb } from './schema.ts';
import { bumpCounters } from './repo.ts';

export interface ImportReport {
  imported: number;
  /** Lines whose message id is already stored (re-imports add nothing). */
  skipped: number;
  errors: ImportError[];
  total: number;
  /** Conversations that received new messages (for the escalation analysis). */
  conversationIds: string[];
}

/** Lines written per transaction: large files stay responsive and a crash loses at most one chunk. */
const CHUNK = 500;

function emptyConversation(m: Message): Conversation {
  return {
    id: m.conversationId,
    channel: m.channel,
    authorId: m.authorId,
    subject: null,
    status: 'open',
    priority: 'normal',
    assignee: UNASSIGNED,
    labels: [],
    snoozedUntil: null,
    waitingSince: null,
    lastMessageAt: 0,
    snippet: '',
    lastDirection: m.direction,
    unread: 0,
    messageCount: 0,
    public: m.public,
    lang: m.lang,
    brand: m.brand,
    demo: m.demo,
    searchTokens: [],
  };
}

/**
 * Imports interchange JSONL (text, or a file's bytes: UTF-8, or UTF-16 with a BOM): bad lines are
 * reported with their line number and reason, good lines are stored, and ids already present are
 * skipped, so importing a file twice is harmless.
 */
export async function importJsonlText(
  db: WebcareDb,
  text: string | Uint8Array,
  now: number,
): Promise<ImportReport> {
  const parsed = parseJsonl(text);
  const report: ImportReport = {
    imported: 0,
    skipped: 0,
    errors: parsed.errors,
    total: parsed.total,
    conversationIds: [],
  };
  const touched = new Set<string>();
  // Parents that are already stored decide the conversation of replies to them.
  const parentIds = [...new Set(parsed.messages.flatMap((m) => (m.inReplyTo ? [m.inReplyTo] : [])))];
  const parents = await db.messages.bulkGet(parentIds);
  const parentConversation = new Map(
    parents.filter((p): p is Message => !!p).map((p) => [p.id, p.conversationId]),
  );
  const converted = fromInterchangeBatch(parsed.messages, now, {
    conversationOf: (id) => parentConversation.get(id),
  });
  for (let i = 0; i < converted.length; i += CHUNK) {
    const r = await importChunk(db, converted.slice(i, i + CHUNK), now);
    report.imported += r.imported;
    report.skipped += r.skipped;
    for (const id of r.conversationIds) touched.add(id);
  }
  report.conversationIds = [...touched];
  return report;
}

async function importChunk(
  db: WebcareDb,
  chunk: ImportedMessage[],
  now: number,
): Promise<{ imported: number; skipped: number; conversationIds: string[] }> {
  return db.transaction('rw', [db.messages, db.conversations, db.authors, db.counters], async () => {
    const existing = await db.messages.bulkGet(chunk.map((c) => c.message.id));
    const fresh = chunk.filter((_, i) => !existing[i]);
    const convIds = [...new Set(fresh.map((c) => c.message.conversationId))];
    const authorIds = [...new Set(fresh.map((c) => c.author.id))];
    const storedConvs = await db.conversations.bulkGet(convIds);
    const storedAuthors = await db.authors.bulkGet(authorIds);
    const before = new Map<string, Conversation>();
    const convs = new Map<string, Conversation>();
    storedConvs.forEach((c) => c && (before.set(c.id, c), convs.set(c.id, c)));
    const authors = new Map<string, Author>();
    storedAuthors.forEach((a) => a && authors.set(a.id, a));
    const started = new Set<string>();
    const authorSeenIn = new Set<string>();
    const brandStarted = new Set<string>();

    for (const { message: m, author } of fresh) {
      let c = convs.get(m.conversationId);
      const isNew = !c;
      if (!c) {
        c = emptyConversation(m);
        started.add(c.id);
      }
      const event =
        m.direction === 'incoming'
          ? ({ type: 'message.received', at: m.createdAt, messageId: m.id } as const)
          : ({ type: 'message.replied', at: m.createdAt, messageId: m.id } as const);
      const applied = applyEvent(c, event, now);
      if (!applied.ok) continue;
      let next = applied.value;
      if (m.createdAt >= c.lastMessageAt) next = { ...next, snippet: snippetOf(m.text) };
      // A conversation started by the brand belongs to the first customer who answers.
      if (isNew && m.direction === 'outgoing') brandStarted.add(c.id);
      if (m.direction === 'incoming' && brandStarted.delete(c.id)) next = { ...next, authorId: m.authorId };
      next = {
        ...next,
        public: next.public || (m.direction === 'incoming' && m.public),
        lang: next.lang ?? m.lang,
        brand: next.brand ?? m.brand,
        searchTokens: searchTokensOf(
          [next.searchTokens.join(' '), m.text, author.name, author.handle],
          MAX_SEARCH_TOKENS,
        ),
      };
      convs.set(next.id, next);
      const key = `${author.id}|${m.conversationId}`;
      const newConversationForAuthor = (isNew || started.has(m.conversationId)) && !authorSeenIn.has(key);
      authorSeenIn.add(key);
      authors.set(
        author.id,
        mergeAuthor(authors.get(author.id), author, {
          newMessage: true,
          newConversation: newConversationForAuthor && m.direction === 'incoming',
          demo: m.demo,
        }),
      );
    }

    await db.messages.bulkAdd(fresh.map((f) => f.message));
    await db.conversations.bulkPut([...convs.values()]);
    await db.authors.bulkPut([...authors.values()]);
    const deltas = new Map<string, number>();
    for (const [id, after] of convs) {
      for (const [k, v] of counterDeltas(before.get(id) ?? null, after))
        deltas.set(k, (deltas.get(k) ?? 0) + v);
    }
    await bumpCounters(db, deltas);
    return {
      imported: fresh.length,
      skipped: chunk.length - fresh.length,
      conversationIds: [...new Set(fresh.map((f) => f.message.conversationId))],
    };
  });
}

/**
 * Exports every customer message and reply as interchange JSONL (notes stay internal). A
 * user-initiated full pass over the messages table; authors are cached as they are met.
 */
export async function exportJsonl(db: WebcareDb): Promise<{ text: string; count: number }> {
  const authors = new Map<string, Author | null>();
  const convs = new Map<string, Conversation | null>();
  const lines: string[] = [];
  const messages = await db.messages.orderBy('[conversationId+createdAt]').toArray();
  for (const m of messages) {
    if (m.direction === 'note') continue;
    if (!authors.has(m.authorId)) authors.set(m.authorId, (await db.authors.get(m.authorId)) ?? null);
    if (!convs.has(m.conversationId))
      convs.set(m.conversationId, (await db.conversations.get(m.conversationId)) ?? null);
    const conv = convs.get(m.conversationId) ?? undefined;
    const author = authors.get(m.authorId) ?? agentAuthor(m, conv);
    const line = toInterchange(m, author, conv);
    if (line) lines.push(serializeJsonlLine(line));
  }
  return { text: lines.length ? `${lines.join('\n')}\n` : '', count: lines.length };
}

/** Replies written in this app have an `agent:<id>` author without a row: they speak for the brand. */
function agentAuthor(m: Message, conv: Conversation | undefined): Author {
  const brand = m.brand ?? conv?.brand ?? 'brand';
  return {
    id: m.authorId,
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
