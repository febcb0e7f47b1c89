import Dexie, { type EntityTable } from 'dexie';
import type { Author, Conversation, Label, Message } from '../../shared/domain/types.ts';
import type { DomainEventRecord } from '../../shared/domain/eventLog.ts';
import { migrate002SearchTokens } from '../../shared/migrations/002-search-tokens.ts';
import type { AlertRow, CrisisRow, FlagRow, HoldingStatement } from '../../shared/crisis/types.ts';

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

export interface OutboxRow {
  seq?: number;
  /** The outgoing message this entry sends. */
  messageId: string;
  conversationId: string;
  channel: string;
  status: 'queued' | 'sending' | 'sent' | 'failed';
  attempts: number;
  createdAt: number;
  nextAttemptAt: number;
  lastError: string | null;
}

export interface TemplateRow {
  id: string;
  name: string;
  lang: string;
  body: string;
  updatedAt: number;
}

export interface AccountRow {
  id: string;
  channel: string;
  name: string;
  createdAt: number;
}

export interface SyncStateRow {
  accountId: string;
  cursor: string | null;
  lastSyncAt: number | null;
  lastError: string | null;
}

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

/** The newest schema version this build understands (see STYLE.md §6: never edit a released version). */
export const DB_VERSION = 3;

export class WebcareDb extends Dexie {
  conversations!: EntityTable<Conversation, 'id'>;
  messages!: EntityTable<Message, 'id'>;
  authors!: EntityTable<Author, 'id'>;
  labels!: EntityTable<Label, 'id'>;
  templates!: EntityTable<TemplateRow, 'id'>;
  drafts!: EntityTable<DraftRow, 'conversationId'>;
  outbox!: EntityTable<OutboxRow, 'seq'>;
  accounts!: EntityTable<AccountRow, 'id'>;
  syncState!: EntityTable<SyncStateRow, 'accountId'>;
  counters!: EntityTable<CounterRow, 'key'>;
  events!: EntityTable<DomainEventRecord, 'seq'>;
  meta!: EntityTable<MetaRow, 'key'>;
  flags!: EntityTable<FlagRow, 'conversationId'>;
  alerts!: EntityTable<AlertRow, 'id'>;
  crises!: EntityTable<CrisisRow, 'id'>;
  statements!: EntityTable<HoldingStatement, 'id'>;

  constructor(name: string) {
    super(name);
    // Version 1: the first schema, list views as keyset queries on compound indexes.
    this.version(1).stores(SCHEMA_V1);
    // Version 2: local search through a multi-entry word index, backfilled from existing rows.
    this.version(2)
      .stores({
        conversations:
          'id, lastMessageAt, [status+lastMessageAt], [assignee+status+lastMessageAt], [channel+status+lastMessageAt], [status+snoozedUntil], authorId, demo, *searchTokens',
      })
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
    this.version(3).stores({
      messages: 'id, [conversationId+createdAt], authorId, demo, createdAt',
      flags: 'conversationId, [active+risk], state, flaggedAt',
      alerts: 'id, [kind+at], at',
      crises: 'id, active, startedAt',
      statements: 'id, lang',
    });
  }
}
