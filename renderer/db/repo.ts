import Dexie from 'dexie';
import {
  applyEvent,
  compensate,
  priorFacts,
  type ConversationEvent,
  type TransitionError,
} from '../../shared/domain/events.ts';
import { randomId } from '../../shared/domain/ids.ts';
import { SYSTEM_ACTOR, isUndoableEvent, type LogEvent, type LogPayload } from '../../shared/domain/log.ts';
import type { Conversation, ConversationRow, Label, Message } from '../../shared/domain/types.ts';
import { LEGACY_READER } from '../../shared/migrations/004-accounts.ts';
import { commit, writeTx } from './log.ts';
import type { WebcareDb } from './schema.ts';
import type { StoredReplyChecks } from '../../shared/checks/run.ts';

/**
 * Repository functions: every write of the inbox goes through here as a log event (log.ts),
 * inside one write transaction with the projection, never in components (STYLE.md §5).
 */

export type DispatchResult =
  | { ok: true; conversation: Conversation; eventId: string }
  | { ok: false; error: TransitionError | { code: 'not-found' } };

/**
 * Applies one agent or system triage event to a conversation: checked by the state machine,
 * then committed (row, counters and log change together or not at all).
 */
export async function dispatch(
  db: WebcareDb,
  conversationId: string,
  event: ConversationEvent,
  actor: string,
  now: number,
): Promise<DispatchResult> {
  return writeTx(db, async () => {
    const before = await db.conversations.get(conversationId);
    if (!before) return { ok: false, error: { code: 'not-found' } } as const;
    const result = applyEvent(before, event, now);
    if (!result.ok) return { ok: false, error: result.error } as const;
    const logged = await commit(
      db,
      { type: 'conversation.changed', conversationId, event, prior: priorFacts(before) },
      {
        actor,
        origin: actor === SYSTEM_ACTOR ? 'system' : 'agent',
        at: now,
        conversationId,
        baseVersion: before.version,
      },
    );
    // Resolving means the agent has seen it all.
    if (event.type === 'resolve' && actor !== SYSTEM_ACTOR)
      await markReadInTx(db, actor, conversationId, now);
    return {
      ok: true,
      conversation: (await db.conversations.get(conversationId)) as Conversation,
      eventId: logged.id,
    };
  });
}

export type UndoResult =
  | { ok: true; undone: LogEvent; by: LogEvent }
  /** `nothing`: no undoable action in scope; `changed`: someone changed it since, nothing to take back. */
  | { ok: false; reason: 'nothing' | 'changed'; target: LogEvent | null };

export interface UndoScope {
  actor: string;
  /** Undo this action (the toast's Undo button). */
  eventId?: string;
  /** Else: the actor's newest action on this conversation (the `z` key in a conversation). */
  conversationId?: string | null;
  /**
   * With `conversationId`: when there is nothing to undo there, the actor's newest action
   * anywhere, if it is at most this old (the conversation just resolved out of the list).
   */
  recentMs?: number;
}

/** How far back `z` looks for the actor's newest action. */
const UNDO_LOOKBACK = 200;

/**
 * Undoes one of the actor's actions by committing its compensating event, computed against the
 * conversation (or flag) as it is now: undoing "label A added" removes A and leaves a label a
 * colleague added meanwhile. Never edits the log.
 */
export async function undo(db: WebcareDb, scope: UndoScope, now: number): Promise<UndoResult> {
  return writeTx(db, async () => {
    let target: LogEvent | null = null;
    if (scope.eventId) {
      const e = await db.log.where('id').equals(scope.eventId).first();
      if (e && e.actor === scope.actor && isUndoableEvent(e) && !(await isUndone(db, e))) target = e;
    } else {
      const newest = async (rows: LogEvent[]) => {
        for (const e of rows) {
          if (e.actor !== scope.actor || !isUndoableEvent(e)) continue;
          if (await isUndone(db, e)) continue;
          return e;
        }
        return null;
      };
      const mine = () =>
        db.log
          .where('[actor+seq]')
          .between([scope.actor, Dexie.minKey], [scope.actor, Dexie.maxKey])
          .reverse()
          .limit(UNDO_LOOKBACK)
          .toArray();
      if (scope.conversationId) {
        target = await newest(
          await db.log
            .where('[conversationId+seq]')
            .between([scope.conversationId, Dexie.minKey], [scope.conversationId, Dexie.maxKey])
            .reverse()
            .limit(UNDO_LOOKBACK)
            .toArray(),
        );
        if (!target && scope.recentMs !== undefined) {
          const last = await newest(await mine());
          if (last && now - last.at <= scope.recentMs) target = last;
        }
      } else target = await newest(await mine());
    }
    if (!target) return { ok: false, reason: 'nothing', target: null } as const;
    const undoPayload = await compensation(db, target.payload, now);
    if (!undoPayload) return { ok: false, reason: 'changed', target } as const;
    const current = target.conversationId ? await db.conversations.get(target.conversationId) : undefined;
    const by = await commit(db, undoPayload, {
      actor: scope.actor,
      origin: 'agent',
      at: now,
      conversationId: target.conversationId,
      baseVersion: current?.version ?? null,
      undoes: target.id,
    });
    return { ok: true, undone: target, by } as const;
  });
}

async function isUndone(db: WebcareDb, e: LogEvent): Promise<boolean> {
  return (await db.log.where('undoes').equals(e.id).count()) > 0;
}

async function compensation(db: WebcareDb, p: LogPayload, now: number): Promise<LogPayload | null> {
  if (p.type === 'conversation.changed') {
    const current = await db.conversations.get(p.conversationId);
    if (!current) return null;
    const event = compensate(p.event, p.prior, current, now);
    if (!event || !applyEvent(current, event, now).ok) return null;
    return {
      type: 'conversation.changed',
      conversationId: p.conversationId,
      event,
      prior: priorFacts(current),
    };
  }
  if (p.type === 'flag.decided') {
    const flag = await db.flags.get(p.conversationId);
    if (!flag || flag.state !== p.state) return null;
    return { type: 'flag.decided', conversationId: p.conversationId, state: p.prior, prior: p.state };
  }
  return null;
}

/** Wakes every snoozed conversation whose time has come. Index range query: O(due), not O(inbox). */
export async function wakeDueSnoozes(db: WebcareDb, now: number): Promise<number> {
  const due = await db.conversations
    .where('[status+snoozedUntil]')
    .between(['snoozed', Dexie.minKey], ['snoozed', now], true, true)
    .primaryKeys();
  let woken = 0;
  for (const id of due) if ((await dispatch(db, id, { type: 'wake' }, SYSTEM_ACTOR, now)).ok) woken++;
  return woken;
}

/** The earliest pending snooze end, so the UI can set one timer instead of polling. */
export async function nextSnoozeEnd(db: WebcareDb): Promise<number | null> {
  const first = await db.conversations
    .where('[status+snoozedUntil]')
    .between(['snoozed', Dexie.minKey], ['snoozed', Dexie.maxKey])
    .first();
  return first?.snoozedUntil ?? null;
}

/** A message written here by an agent: an internal note, or a reply that starts in the outbox. */
function agentMessage(
  c: Conversation,
  direction: 'note' | 'outgoing',
  text: string,
  actor: string,
  now: number,
): Message {
  return {
    id: randomId('m'),
    conversationId: c.id,
    accountId: c.accountId,
    remoteId: null,
    rfcMessageId: null,
    channel: c.channel,
    direction,
    public: direction === 'outgoing' && c.public,
    authorId: `agent:${actor}`,
    text,
    createdAt: now,
    lang: null,
    inReplyTo: c.lastIncomingId,
    metrics: null,
    brand: c.brand,
    delivery: direction === 'outgoing' ? 'queued' : null,
    demo: 0,
  };
}

/**
 * Writes a message an agent composed, in one transaction with the conversation, counters, event
 * log and draft. A note stays internal; a reply also enters the outbox, where it waits, visibly
 * `queued`, until a channel connector sends it.
 */
async function writeAgentMessage(
  db: WebcareDb,
  kind: 'note' | 'outgoing',
  conversationId: string,
  text: string,
  actor: string,
  now: number,
  reply?: StoredReplyChecks,
): Promise<Message | null> {
  const body = text.trim();
  if (!body) return null;
  return writeTx(db, async () => {
    const before = await db.conversations.get(conversationId);
    if (!before) return null;
    // A reply keeps how it was written (template, variables, spans) and its check results, so
    // the delivery worker can check it again at send time (shared/checks recheckForSend).
    const message: Message & { reply?: StoredReplyChecks } = {
      ...agentMessage(before, kind, body, actor, now),
      ...(reply && kind === 'outgoing' ? { reply } : {}),
    };
    await commit(db, kind === 'note' ? { type: 'note.added', message } : { type: 'reply.queued', message }, {
      actor,
      origin: 'agent',
      at: now,
      conversationId,
      baseVersion: before.version,
    });
    await db.drafts.delete(conversationId);
    if (kind === 'outgoing') await markReadInTx(db, actor, conversationId, now);
    return message;
  });
}

/** Adds an internal note (never sent to the customer). */
export function addNote(
  db: WebcareDb,
  conversationId: string,
  text: string,
  actor: string,
  now: number,
): Promise<Message | null> {
  return writeAgentMessage(db, 'note', conversationId, text, actor, now);
}

/** Writes a reply and puts it in the outbox. */
export function queueReply(
  db: WebcareDb,
  conversationId: string,
  text: string,
  actor: string,
  now: number,
  reply?: StoredReplyChecks,
): Promise<Message | null> {
  return writeAgentMessage(db, 'outgoing', conversationId, text, actor, now, reply);
}

/** Creates a label (shared inbox data, so it is an event). Returns false when the id exists. */
export async function createLabel(db: WebcareDb, label: Label, actor: string, now: number): Promise<boolean> {
  return writeTx(db, async () => {
    if (await db.labels.get(label.id)) return false;
    await commit(db, { type: 'label.created', label }, { actor, origin: 'agent', at: now });
    return true;
  });
}

/** Saves (or with empty text, removes) the draft of a conversation. Per agent: not in the shared log. */
export async function saveDraft(
  db: WebcareDb,
  conversationId: string,
  kind: 'reply' | 'note',
  text: string,
  now: number,
): Promise<void> {
  if (text.trim() === '') await db.drafts.delete(conversationId);
  else await db.drafts.put({ conversationId, kind, text, updatedAt: now });
}

async function markReadInTx(db: WebcareDb, agentId: string, conversationId: string, now: number) {
  const c = await db.conversations.get(conversationId);
  if (!c) return;
  const prev = await db.reads.get([agentId, conversationId]);
  if (prev && prev.seen >= c.incomingCount) return;
  await db.reads.put({ agentId, conversationId, seen: c.incomingCount, at: now });
}

/** Marks everything in the conversation as seen by this agent (per-agent state, not shared). */
export async function markRead(db: WebcareDb, agentId: string, conversationId: string, now: number) {
  await db.transaction('rw', [db.conversations, db.reads], async () => {
    await markReadInTx(db, agentId, conversationId, now);
  });
}

/** The agent's unread count of each conversation (rows read before v4 fall back to the legacy reader). */
export async function withUnread(
  db: WebcareDb,
  agentId: string,
  rows: readonly Conversation[],
): Promise<ConversationRow[]> {
  if (rows.length === 0) return [];
  const mine = await db.reads.bulkGet(rows.map((c) => [agentId, c.id] as [string, string]));
  const missing = rows.filter((_, i) => !mine[i]);
  const legacy = missing.length
    ? new Map(
        (await db.reads.bulkGet(missing.map((c) => [LEGACY_READER, c.id] as [string, string])))
          .filter((r) => !!r)
          .map((r) => [r!.conversationId, r!.seen]),
      )
    : new Map<string, number>();
  return rows.map((c, i) => {
    const seen = mine[i]?.seen ?? legacy.get(c.id) ?? 0;
    return { ...c, unread: Math.max(0, c.incomingCount - seen) };
  });
}

/** Reads a counter; views show their size from here, never from `count()`. */
export async function readCounter(db: WebcareDb, key: string): Promise<number> {
  return (await db.counters.get(key))?.value ?? 0;
}
