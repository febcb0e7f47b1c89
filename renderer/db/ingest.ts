import { authorKeyFor, localAccount, type Account } from '../../shared/domain/accounts.ts';
import type { ChannelKind } from '../../shared/domain/channels.ts';
import { conversationLocalId, messageLocalId } from '../../shared/domain/ids.ts';
import type { AuthorSighting, LogPayload, SeedState } from '../../shared/domain/log.ts';
import type { ConversationSeed } from '../../shared/domain/projection.ts';
import type { Conversation, Message } from '../../shared/domain/types.ts';
import { UNASSIGNED } from '../../shared/domain/types.ts';
import type { IngestBatch, IngestMessage } from '../../shared/ingest/message.ts';
import {
  EMAIL_SUBJECT_WINDOW_MS,
  fallbackThreadKey,
  normalizeSubject,
  parentRefs,
} from '../../shared/ingest/threading.ts';
import { ingestProblem, type IngestErrorCode } from '../../shared/ingest/validate.ts';
import { commit, writeTx } from './log.ts';
import type { WebcareDb } from './schema.ts';

/**
 * The one ingest pipeline: the demo seed, JSONL import and the sync engine all hand their
 * messages to `ingestBatch`. In ONE transaction it
 * 1. validates and dedupes on `(accountId, remoteId)` (and on the Message-ID for email): a batch
 *    that overlaps what is stored (a re-import, a re-fetch after a crash) adds only what is new;
 * 2. threads every message into a conversation (rules in shared/ingest/threading.ts);
 * 3. commits one `messages.ingested` event carrying the messages, which the projection
 *    (project.ts) turns into conversation state by event time, authors, counters, search words,
 *    crisis membership and the analysis queue;
 * 4. stores the sync cursor, when the batch has one, in the same transaction: a crash before the
 *    commit re-fetches the page from the old cursor and the dedupe absorbs the overlap.
 */

/** Clock skew: a message dated later than this after ingestion is dated at ingestion. */
export const FUTURE_TOLERANCE_MS = 5 * 60_000;

export interface IngestReport {
  added: number;
  /** Already stored (or twice in the batch): nothing written. */
  skipped: number;
  /** Messages rejected by the last-line checks, by their index in the batch. */
  errors: { index: number; remoteId: string; code: IngestErrorCode }[];
  /** Conversations that received messages. */
  conversationIds: string[];
  /** Id of the log event, or null when nothing was new. */
  eventId: string | null;
}

export interface IngestOptions {
  /** The demo's triage state per thread key, applied to conversations this batch creates. */
  seedStates?: ReadonlyMap<string, SeedState>;
  /** Marks the rows as demo data (the demo seed). */
  demo?: boolean;
  /**
   * Internal notes that belong to threads of this batch (the demo's agents' notes), by thread
   * key: they travel in the same event as the messages instead of one event each.
   */
  notes?: readonly { threadKey: string; note: Omit<Message, 'conversationId' | 'accountId'> }[];
}

/** Ingests one batch in its own write transaction. */
export function ingestBatch(
  db: WebcareDb,
  batch: IngestBatch,
  now: number,
  opts: IngestOptions = {},
): Promise<IngestReport> {
  return writeTx(db, () => ingestInTx(db, batch, now, opts));
}

/** Makes sure a local account (demo or imported) exists for a channel. Inside a write transaction. */
export async function ensureLocalAccount(
  db: WebcareDb,
  source: 'demo' | 'imported',
  channel: ChannelKind,
  now: number,
): Promise<Account> {
  const account = localAccount(source, channel, now);
  const existing = await db.accounts.get(account.id);
  if (existing) return existing;
  await commit(db, { type: 'account.added', account }, { actor: source, origin: 'ingest', at: now });
  return account;
}

/** `ingestBatch` inside the caller's `writeTx` (the demo seed runs several batches in one). */
export async function ingestInTx(
  db: WebcareDb,
  batch: IngestBatch,
  now: number,
  opts: IngestOptions = {},
): Promise<IngestReport> {
  const account = await db.accounts.get(batch.accountId);
  if (!account) throw new Error(`ingest: unknown account ${batch.accountId}`);
  const report: IngestReport = { added: 0, skipped: 0, errors: [], conversationIds: [], eventId: null };
  const acc = account.id;

  // 1. Validate, then dedupe within the batch and against the store.
  const unique = new Map<string, IngestMessage>();
  batch.messages.forEach((m, index) => {
    const problem = ingestProblem(m);
    if (problem) report.errors.push({ index, remoteId: String(m.remoteId ?? ''), code: problem });
    else if (unique.has(m.remoteId)) report.skipped++;
    else unique.set(m.remoteId, m);
  });
  let candidates = [...unique.values()];
  const byDerivedId = await db.messages.bulkGet(candidates.map((m) => messageLocalId(acc, m.remoteId)));
  candidates = candidates.filter((_, i) => !byDerivedId[i]);
  // An exported reply written here carries its local id as its id: importing it back adds nothing.
  const byLocalId = await db.messages.bulkGet(candidates.map((m) => m.remoteId));
  candidates = candidates.filter((_, i) => byLocalId[i]?.accountId !== acc);
  if (candidates.length) {
    const stored = new Set(
      (
        (await db.messages
          .where('[accountId+remoteId]')
          .anyOf(candidates.map((m) => [acc, m.remoteId]))
          .keys()) as unknown as [string, string][]
      ).map((k) => k[1]),
    );
    const rfc = candidates.filter((m) => m.rfcMessageId).map((m) => [acc, m.rfcMessageId as string]);
    const storedRfc = rfc.length
      ? new Set(
          (
            (await db.messages.where('[accountId+rfcMessageId]').anyOf(rfc).keys()) as unknown as [
              string,
              string,
            ][]
          ).map((k) => k[1]),
        )
      : new Set<string>();
    candidates = candidates.filter(
      (m) => !stored.has(m.remoteId) && !(m.rfcMessageId && storedRfc.has(m.rfcMessageId)),
    );
  }
  report.skipped += unique.size - candidates.length;
  if (candidates.length === 0) {
    if (batch.cursor !== undefined) await storeCursor(db, acc, batch.cursor, now);
    return report;
  }

  // 2. Thread, oldest first so that parents come before their replies.
  const fresh = candidates
    .map((m, i) => ({
      m: { ...m, createdAt: m.createdAt > now + FUTURE_TOLERANCE_MS ? now : m.createdAt },
      i,
    }))
    .sort((a, b) => a.m.createdAt - b.m.createdAt || a.i - b.i)
    .map((x) => x.m);
  const threading = await prefetchThreading(db, acc, account.channel, fresh);
  const demo: 0 | 1 = opts.demo ? 1 : 0;
  const seeds = new Map<string, ConversationSeed & { initial: SeedState | null }>();
  const messages: Message[] = [];
  const sightings: AuthorSighting[] = [];
  const lastDirection = new Map<string, 'incoming' | 'outgoing'>();
  const authorStarted = new Set<string>();

  for (const m of fresh) {
    const id = messageLocalId(acc, m.remoteId);
    const subjectKey = account.channel === 'email' ? normalizeSubject(m.subject) : null;
    const authorId = authorKeyFor(account, m.author.id);
    let conversationId = m.threadKey ? threading.byThreadKey(m.threadKey) : undefined;
    let threadKey = m.threadKey ?? undefined;
    if (!conversationId && !threadKey) {
      for (const ref of parentRefs(m)) {
        conversationId = threading.byParent(ref);
        if (conversationId) break;
      }
    }
    if (!conversationId && !threadKey && subjectKey)
      conversationId = await threading.bySubject(subjectKey, m, authorId);
    if (!conversationId) {
      threadKey ??= fallbackThreadKey(m, account.channel);
      conversationId = threading.byThreadKey(threadKey);
    }
    if (!conversationId) {
      const key = threadKey as string;
      conversationId = conversationLocalId(acc, key);
      seeds.set(conversationId, {
        id: conversationId,
        accountId: acc,
        threadKey: key,
        channel: account.channel,
        authorId,
        subject: m.subject,
        subjectKey,
        demo,
        initial: opts.seedStates?.get(key) ?? null,
      });
      threading.addThread(key, conversationId, subjectKey, m.createdAt, authorId);
    }
    threading.addMessage(m, conversationId);
    const parentLocal = m.inReplyTo
      ? (threading.localIdOf(m.inReplyTo) ?? messageLocalId(acc, m.inReplyTo))
      : null;
    messages.push({
      id,
      conversationId,
      accountId: acc,
      remoteId: m.remoteId,
      rfcMessageId: m.rfcMessageId,
      channel: account.channel,
      direction: m.direction,
      public: m.public,
      authorId,
      text: m.text,
      createdAt: m.createdAt,
      lang: m.lang,
      inReplyTo: parentLocal,
      ...(m.inReplyTo ? { inReplyToRemote: m.inReplyTo } : {}),
      metrics: m.metrics ? { ...m.metrics } : null,
      brand: m.brand,
      ...(m.subject !== null ? { subject: m.subject } : {}),
      ...(m.html !== null ? { html: m.html } : {}),
      ...(m.references.length ? { references: [...m.references] } : {}),
      ...(m.attachments.length ? { attachments: m.attachments.map((a) => ({ ...a })) } : {}),
      // A reply that came from the channel has been delivered by definition.
      delivery: m.direction === 'outgoing' ? 'sent' : null,
      demo,
    });
    lastDirection.set(conversationId, m.direction);
    const startKey = `${authorId}|${conversationId}`;
    const starts = seeds.has(conversationId) && m.direction === 'incoming' && !authorStarted.has(startKey);
    if (starts) authorStarted.add(startKey);
    sightings.push({
      id: authorId,
      accountId: acc,
      channel: account.channel,
      handle: m.author.handle,
      name: m.author.name,
      followers: m.author.followers,
      verified: m.author.verified,
      email: m.author.email ?? null,
      seenAt: m.createdAt,
      newConversation: starts,
      demo,
    });
  }

  for (const { threadKey, note } of opts.notes ?? []) {
    const conversationId = threading.byThreadKey(threadKey);
    if (conversationId) messages.push({ ...note, conversationId, accountId: acc });
  }

  // History the brand already answered (back-fill) does not land in Open: it is resolved.
  if (batch.backfill)
    for (const seed of seeds.values())
      if (!seed.initial && lastDirection.get(seed.id) === 'outgoing')
        seed.initial = {
          status: 'resolved',
          assignee: UNASSIGNED,
          labels: [],
          priority: 'normal',
          snoozedUntil: null,
        };

  const payload: LogPayload = {
    type: 'messages.ingested',
    accountId: acc,
    source: batch.source,
    backfill: batch.backfill,
    conversations: [...seeds.values()],
    messages,
    authors: sightings,
  };
  const actor = batch.source === 'sync' ? `sync:${acc}` : batch.source;
  const event = await commit(db, payload, { actor, origin: 'ingest', at: now });
  if (batch.cursor !== undefined) await storeCursor(db, acc, batch.cursor, now);
  report.added = messages.length - (opts.notes?.length ?? 0);
  report.conversationIds = [...new Set(messages.map((m) => m.conversationId))];
  report.eventId = event.id;
  return report;
}

async function storeCursor(db: WebcareDb, accountId: string, cursor: string | null, now: number) {
  const prev = await db.syncState.get(accountId);
  await db.syncState.put({ ...prev, accountId, cursor, lastSyncAt: now, lastError: null });
}

/**
 * What threading needs from the store, read in a few bulk queries per batch (not per message),
 * plus what the batch itself adds as it goes.
 */
async function prefetchThreading(
  db: WebcareDb,
  acc: string,
  channel: ChannelKind,
  fresh: readonly IngestMessage[],
) {
  const threadKeys = new Set<string>();
  const refs = new Set<string>();
  for (const m of fresh) {
    if (m.threadKey) threadKeys.add(m.threadKey);
    for (const r of parentRefs(m)) refs.add(r);
    // Candidate fallback keys, so that a thread stored earlier under one is found in the same query.
    threadKeys.add(m.remoteId);
    if (m.inReplyTo) threadKeys.add(m.inReplyTo);
    if (m.references[0]) threadKeys.add(m.references[0]);
    threadKeys.add(fallbackThreadKey(m, channel));
  }
  const convByKey = new Map<string, string>();
  const keyRows = await db.conversations
    .where('[accountId+threadKey]')
    .anyOf([...threadKeys].map((k) => [acc, k]))
    .toArray();
  for (const c of keyRows) convByKey.set(c.threadKey, c.id);

  const convByRef = new Map<string, string>();
  const localByRemote = new Map<string, string>();
  if (refs.size) {
    const list = [...refs].map((r) => [acc, r]);
    const byRemote = await db.messages.where('[accountId+remoteId]').anyOf(list).toArray();
    for (const p of byRemote)
      if (p.remoteId) {
        convByRef.set(p.remoteId, p.conversationId);
        localByRemote.set(p.remoteId, p.id);
      }
    const byRfc = await db.messages.where('[accountId+rfcMessageId]').anyOf(list).toArray();
    for (const p of byRfc)
      if (p.rfcMessageId) {
        if (!convByRef.has(p.rfcMessageId)) convByRef.set(p.rfcMessageId, p.conversationId);
        if (!localByRemote.has(p.rfcMessageId)) localByRemote.set(p.rfcMessageId, p.id);
      }
  }
  const batchSubjects = new Map<string, { id: string; at: number; authorId: string }[]>();

  return {
    byThreadKey: (key: string) => convByKey.get(key),
    byParent: (ref: string) => convByRef.get(ref),
    localIdOf: (ref: string) => localByRemote.get(ref),
    addThread(key: string, id: string, subjectKey: string | null, at: number, authorId: string) {
      convByKey.set(key, id);
      if (subjectKey) {
        const list = batchSubjects.get(subjectKey) ?? [];
        list.push({ id, at, authorId });
        batchSubjects.set(subjectKey, list);
      }
    },
    addMessage(m: IngestMessage, conversationId: string) {
      const id = messageLocalId(acc, m.remoteId);
      convByRef.set(m.remoteId, conversationId);
      localByRemote.set(m.remoteId, id);
      if (m.rfcMessageId) {
        convByRef.set(m.rfcMessageId, conversationId);
        localByRemote.set(m.rfcMessageId, id);
      }
    },
    /** Rule 3: same subject, same customer, active within two weeks. */
    async bySubject(subjectKey: string, m: IngestMessage, authorId: string): Promise<string | undefined> {
      const near = (at: number) => Math.abs(m.createdAt - at) <= EMAIL_SUBJECT_WINDOW_MS;
      const sameCustomer = (a: string) => m.direction === 'outgoing' || a === authorId;
      const inBatch = batchSubjects.get(subjectKey)?.find((c) => near(c.at) && sameCustomer(c.authorId));
      if (inBatch) return inBatch.id;
      const stored: Conversation[] = await db.conversations
        .where('[accountId+subjectKey]')
        .equals([acc, subjectKey])
        .toArray();
      return stored.find((c) => near(c.lastMessageAt) && sameCustomer(c.authorId))?.id;
    },
  };
}
