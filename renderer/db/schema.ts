import Dexie, { type EntityTable } from 'dexie';
import type { Author, Conversation, Label, Message } from '../../shared/domain/types.ts';
import type { Account } from '../../shared/domain/accounts.ts';
import { DEMO_COUNTER } from '../../shared/inbox/views.ts';
import type { ChannelKind } from '../../shared/domain/channels.ts';
import type { LogEvent } from '../../shared/domain/log.ts';
import { migrate002SearchTokens } from '../../shared/migrations/002-search-tokens.ts';
import {
  LEGACY_READER,
  accountsFor004,
  emptyThreadFacts,
  foldThreadFacts,
  migrateAuthor004,
  migrateConversation004,
  migrateMessage004,
  type AuthorV3,
  type ConversationV3,
  type MessageV3,
  type ThreadFacts,
  migrateCrisis004,
} from '../../shared/migrations/004-accounts.ts';
import type { AlertRow, CrisisRow, FlagRow, HoldingStatement } from '../../shared/crisis/types.ts';
import type { AuthorStats } from '../../shared/dashboard/authors.ts';
import type { RelationEntry, WatchRow } from '../../shared/dashboard/relations.ts';
import type { ResponseFact, RollupRow } from '../../shared/dashboard/rollups.ts';
import { rollupsFor005 } from '../../shared/migrations/005-rollups.ts';
import type { OutboxEntry } from '../../shared/outbox/state.ts';
import type { SendAnyway } from './sendChecks.ts';

export interface CounterRow {
  key: string;
  value: number;
}

export interface MetaRow {
  key: string;
  value: unknown;
}

export interface DraftRow {
  conversationId: string;
  text: string;
  kind: 'reply' | 'note';
  updatedAt: number;
}

/**
 * One reply on its way out: the outbox entry of shared/outbox (status, attempt id and lease,
 * idempotency key, holds, last error), plus the channel and the auto-increment position. Delivery
 * state lives here only; the delivery worker (renderer/sync/delivery.ts) is its one writer after
 * the reply was queued.
 */
export interface OutboxRow extends OutboxEntry {
  seq?: number;
  channel: string;
  /**
   * The log position up to which a person reviewed this reply (they sent it anyway after a hold):
   * the send-time guard looks only at what happened after it.
   */
  reviewedSeq?: number | null;
  /** A person sent it anyway after a send-time check held it: why, and which checks they saw. */
  sendAnyway?: SendAnyway | null;
}

export interface TemplateRow {
  id: string;
  name: string;
  lang: string;
  body: string;
  updatedAt: number;
}

/** What one agent has seen of a conversation: unread = `incomingCount - seen` (per agent, not shared). */
export interface ReadRow {
  agentId: string;
  conversationId: string;
  seen: number;
  at: number;
}

/** Conversations waiting for the leader's analysis worker (written by the ingest pipeline). */
export interface AnalysisQueueRow {
  conversationId: string;
  queuedAt: number;
}

/** A reply posted publicly, for the near-duplicate check (issue 11). */
export interface PublicReplyRow {
  messageId: string;
  /** '' for a reply without a brand (the compound index needs a value). */
  brand: string;
  sentAt: number;
  bands: string[];
  /** MinHash signature (shared/checks/duplicate.ts); rows written before it existed have none. */
  signature?: number[];
  words?: number;
  conversationId?: string;
  channel?: string;
}

export interface SyncStateRow {
  accountId: string;
  cursor: string | null;
  lastSyncAt: number | null;
  lastError: string | null;
}

/** The v3 row shapes, as the v4 upgrade reads them. */
type V3Legacy = { message: MessageV3; conversation: ConversationV3; author: AuthorV3 };

/** Version 1, the first released schema; kept as data so upgrade tests can create it. */
export const SCHEMA_V1 = {
  conversations:
    'id, lastMessageAt, [status+lastMessageAt], [assignee+status+lastMessageAt], [channel+status+lastMessageAt], [status+snoozedUntil], authorId, demo',
  messages: 'id, [conversationId+createdAt], authorId, demo',
  authors: 'id, demo',
  labels: 'id',
  templates: 'id, lang',
  drafts: 'conversationId',
  outbox: '++seq, &messageId, conversationId, [status+nextAttemptAt]',
  accounts: 'id, channel',
  syncState: 'accountId',
  counters: 'key',
  events: '++seq, &id, [conversationId+seq], actor, at',
  meta: 'key',
};

/** What versions 2 and 3 changed, kept as data like SCHEMA_V1 (upgrade tests create them). */
export const SCHEMA_V2_CHANGES = {
  conversations:
    'id, lastMessageAt, [status+lastMessageAt], [assignee+status+lastMessageAt], [channel+status+lastMessageAt], [status+snoozedUntil], authorId, demo, *searchTokens',
};
export const SCHEMA_V3_CHANGES = {
  messages: 'id, [conversationId+createdAt], authorId, demo, createdAt',
  flags: 'conversationId, [active+risk], state, flaggedAt',
  alerts: 'id, [kind+at], at',
  crises: 'id, active, startedAt',
  statements: 'id, lang',
};

/** What version 4 changed (upgrade tests create it). */
export const SCHEMA_V4_CHANGES = {
  conversations:
    'id, lastMessageAt, [status+lastMessageAt], [assignee+status+lastMessageAt], [channel+status+lastMessageAt], [status+snoozedUntil], authorId, demo, *searchTokens, &[accountId+threadKey], [accountId+subjectKey]',
  messages:
    'id, [conversationId+createdAt], authorId, demo, createdAt, &[accountId+remoteId], [accountId+rfcMessageId]',
  authors: 'id, demo, accountId',
  accounts: 'id, channel, source',
  templates: 'id, shortCode, category, lang, updatedAt',
  log: '++seq, &id, [conversationId+seq], [actor+seq], undoes, [device+deviceSeq]',
  reads: '[agentId+conversationId], conversationId',
  analysisQueue: 'conversationId, queuedAt',
  publicReplies: 'messageId, [brand+sentAt], *bands',
  flags: 'conversationId, [active+risk], state, flaggedAt, [state+risk]',
};

/** What version 5 changed (upgrade tests create it). */
export const SCHEMA_V5_CHANGES = {
  authors: 'id, demo, accountId, followers',
  rollups: 'key, hour, demo',
  responseFacts: 'conversationId, demo',
  authorStats: 'authorId, demo, [status+statusAt]',
  watchlist: 'authorId, addedAt',
  relations: 'id, [authorId+at]',
};

/** The newest schema version this build understands (see STYLE.md §6: never edit a released version). */
export const DB_VERSION = 6;

export class WebcareDb extends Dexie {
  conversations!: EntityTable<Conversation, 'id'>;
  messages!: EntityTable<Message, 'id'>;
  authors!: EntityTable<Author, 'id'>;
  labels!: EntityTable<Label, 'id'>;
  templates!: EntityTable<TemplateRow, 'id'>;
  drafts!: EntityTable<DraftRow, 'conversationId'>;
  outbox!: EntityTable<OutboxRow, 'seq'>;
  accounts!: EntityTable<Account, 'id'>;
  syncState!: EntityTable<SyncStateRow, 'accountId'>;
  counters!: EntityTable<CounterRow, 'key'>;
  /** The v1–v3 undo log, kept read-only as an audit trail; `log` replaced it in v4. */
  events!: EntityTable<{ seq?: number; id: string; conversationId: string }, 'seq'>;
  log!: EntityTable<LogEvent, 'seq'>;
  reads!: Dexie.Table<ReadRow, [string, string]>;
  analysisQueue!: EntityTable<AnalysisQueueRow, 'conversationId'>;
  publicReplies!: EntityTable<PublicReplyRow, 'messageId'>;
  meta!: EntityTable<MetaRow, 'key'>;
  flags!: EntityTable<FlagRow, 'conversationId'>;
  alerts!: EntityTable<AlertRow, 'id'>;
  crises!: EntityTable<CrisisRow, 'id'>;
  statements!: EntityTable<HoldingStatement, 'id'>;
  /** Dashboard rollups per hour × channel × brand × demo (shared/dashboard/rollups.ts). */
  rollups!: EntityTable<RollupRow, 'key'>;
  /** Each conversation's first customer message and first delivered reply. */
  responseFacts!: EntityTable<ResponseFact, 'conversationId'>;
  /** Per-author sentiment, complaints, last contact and complainer-to-ambassador status. */
  authorStats!: EntityTable<AuthorStats, 'authorId'>;
  /** Authors the team keeps in dialogue with (influencers, press, ...). */
  watchlist!: EntityTable<WatchRow, 'authorId'>;
  /** The relationship log: contacts, notes and agreements per author. */
  relations!: EntityTable<RelationEntry, 'id'>;

  constructor(name: string) {
    super(name);
    // Version 1: the first schema, list views as keyset queries on compound indexes.
    this.version(1).stores(SCHEMA_V1);
    // Version 2: local search through a multi-entry word index, backfilled from existing rows.
    this.version(2)
      .stores(SCHEMA_V2_CHANGES)
      .upgrade(async (tx) => {
        // One-time O(n) rewrite, acceptable inside an upgrade; the rule itself is a pure tested function.
        const conversations = await tx.table<Conversation, string>('conversations').toArray();
        const authorIds = [...new Set(conversations.map((c) => c.authorId))];
        const authors = await tx.table<Author, string>('authors').bulkGet(authorIds);
        const byId = new Map(authors.filter((a): a is Author => !!a).map((a) => [a.id, a]));
        await tx
          .table<Conversation, string>('conversations')
          .bulkPut(conversations.map((c) => migrate002SearchTokens(c, byId.get(c.authorId) ?? null)));
      });
    // Version 3: escalation flags, radar alerts, crisis mode and holding statements; messages
    // get a time index so the radar can replay a recent window without scanning the inbox.
    this.version(3).stores(SCHEMA_V3_CHANGES);
    // Version 4: accounts and remote identity (a remote id is unique only within its account),
    // the event-time fields of the projection, per-agent read state, the replayable event log,
    // the analysis queue, and the template and public-reply tables.
    this.version(4)
      .stores(SCHEMA_V4_CHANGES)
      .upgrade(async (tx) => {
        // One pass per table, inside the version-change transaction (rules in shared/migrations).
        const facts = new Map<string, ThreadFacts>();
        const seen = new Map<string, { channel: ChannelKind; demo: 0 | 1 }>();
        await tx
          .table<V3Legacy['message'] & Partial<Message>, string>('messages')
          .toCollection()
          .modify((m, ref) => {
            facts.set(
              m.conversationId,
              foldThreadFacts(facts.get(m.conversationId) ?? emptyThreadFacts(), m),
            );
            ref.value = migrateMessage004(m) as unknown as typeof m;
          });
        const reads: ReadRow[] = [];
        await tx
          .table<V3Legacy['conversation'] & Partial<Conversation>, string>('conversations')
          .toCollection()
          .modify((c, ref) => {
            seen.set(`${c.channel}:${c.demo}`, { channel: c.channel, demo: c.demo });
            const r = migrateConversation004(c, facts.get(c.id) ?? emptyThreadFacts());
            ref.value = r.conversation as unknown as typeof c;
            reads.push({ agentId: LEGACY_READER, conversationId: c.id, seen: r.read.seen, at: 0 });
          });
        await tx
          .table<V3Legacy['author'] & Partial<Author>, string>('authors')
          .toCollection()
          .modify((a, ref) => {
            ref.value = migrateAuthor004(a) as unknown as typeof a;
          });
        await tx.table<ReadRow>('reads').bulkPut(reads);
        await tx.table<Account, string>('accounts').bulkPut(accountsFor004(seen.values(), Date.now()));
        // Flag counts become counters; crises get their topic and time window.
        const flagCounts = new Map<string, number>();
        await tx
          .table<FlagRow, string>('flags')
          .toCollection()
          .each(
            (f) => void flagCounts.set(`flags:${f.state}`, (flagCounts.get(`flags:${f.state}`) ?? 0) + 1),
          );
        await tx
          .table<CounterRow>('counters')
          .bulkPut([...flagCounts].map(([key, value]) => ({ key, value })));
        await tx
          .table<CrisisRow, string>('crises')
          .toCollection()
          .modify((c, ref) => {
            ref.value = migrateCrisis004(c);
          });
      });
    // Version 5: the dashboard's rollups and the author directory (issue 14), kept by the
    // projection from now on; the upgrade computes them once from the rows (one pass per table).
    this.version(5)
      .stores(SCHEMA_V5_CHANGES)
      .upgrade(async (tx) => {
        const derived = rollupsFor005({
          messages: await tx.table<Message, string>('messages').toArray(),
          conversations: await tx.table<Conversation, string>('conversations').toArray(),
          flags: await tx.table<FlagRow, string>('flags').toArray(),
          alerts: await tx.table<AlertRow, string>('alerts').toArray(),
        });
        await tx.table<RollupRow, string>('rollups').bulkPut(derived.rollups);
        await tx.table<ResponseFact, string>('responseFacts').bulkPut(derived.facts);
        await tx.table<AuthorStats, string>('authorStats').bulkPut(derived.authorStats);
        await tx.table('meta').put({ key: 'author-status-counts', value: derived.statusCounts });
      });
    // Version 6: the demo inbox's size becomes a counter (DEMO_COUNTER, kept by the projection
    // like every other counter), so Settings no longer counts demo rows; counted once here.
    this.version(6)
      .stores({})
      .upgrade(async (tx) => {
        const demo = await tx.table<Conversation, string>('conversations').where('demo').equals(1).count();
        await tx.table<CounterRow>('counters').put({ key: DEMO_COUNTER, value: demo });
      });
  }
}
