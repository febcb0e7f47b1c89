import Dexie from 'dexie';
import {
  applyEvent,
  diffBefore,
  isUndoable,
  type ConversationEvent,
  type TransitionError,
} from '../../shared/domain/events.ts';
import type { DomainEventRecord } from '../../shared/domain/eventLog.ts';
import { SYSTEM_ACTOR } from '../../shared/domain/eventLog.ts';
import type { Conversation, Message } from '../../shared/domain/types.ts';
import { counterDeltas } from '../../shared/inbox/views.ts';
import type { WebcareDb } from './schema.ts';
import type { StoredReplyChecks } from '../../shared/checks/run.ts';

/**
 * Repository functions: every multi-table write of the inbox happens here, inside one
 * `db.transaction('rw', ...)`, never in components (STYLE.md §5).
 */

export type DispatchResult =
  | { ok: true; conversation: Conversation; eventId: string }
  | { ok: false; error: TransitionError | { code: 'not-found' } };

function newId(): string {
  return crypto.randomUUID();
}

/** Adds counter deltas inside the caller's transaction. */
export async function bumpCounters(db: WebcareDb, deltas: Map<string, number>): Promise<void> {
  if (deltas.size === 0) return;
  const keys = [...deltas.keys()];
  const rows = await db.counters.bulkGet(keys);
  await db.counters.bulkPut(
    keys.map((key, i) => ({ key, value: Math.max(0, (rows[i]?.value ?? 0) + (deltas.get(key) ?? 0)) })),
  );
}

async function writeChange(
  db: WebcareDb,
  before: Conversation,
  after: Conversation,
  event: DomainEventRecord['event'],
  actor: string,
  now: number,
): Promise<string> {
  await db.conversations.put(after);
  await bumpCounters(db, counterDeltas(before, after));
  const id = newId();
  await db.events.add({
    id,
    conversationId: after.id,
    event,
    actor,
    at: now,
    before: diffBefore(before, after),
    undoneBy: null,
  });
  return id;
}

/**
 * Applies one agent or system event to a conversation: the state machine, the row, the counters
 * and the event log change together or not at all.
 */
export async function dispatch(
  db: WebcareDb,
  conversationId: string,
  event: ConversationEvent,
  actor: string,
  now: number,
): Promise<DispatchResult> {
  return db.transaction('rw', [db.conversations, db.counters, db.events], async () => {
    const before = await db.conversations.get(conversationId);
    if (!before) return { ok: false, error: { code: 'not-found' } } as const;
    const result = applyEvent(before, event, now);
    if (!result.ok) return { ok: false, error: result.error } as const;
    const eventId = await writeChange(db, before, result.value, event, actor, now);
    return { ok: true, conversation: result.value, eventId } as const;
  });
}

/**
 * Undoes the newest undoable event of `actor` that is not undone yet: restores the fields it
 * changed and logs an `undo` entry. Returns the undone event, or null when there is nothing to undo.
 */
export async function undoLast(db: WebcareDb, actor: string, now: number): Promise<DomainEventRecord | null> {
  return db.transaction('rw', [db.conversations, db.counters, db.events], async () => {
    // Walks back from the newest entry; stops at the first candidate (bounded by recent history).
    const recent = await db.events.where('actor').equals(actor).reverse().limit(200).toArray();
    recent.sort((a, b) => (b.seq ?? 0) - (a.seq ?? 0));
    const target = recent.find(
      (e) => e.undoneBy === null && e.event.type !== 'undo' && isUndoable(e.event.type),
    );
    if (!target || target.seq === undefined) return null;
    const before = await db.conversations.get(target.conversationId);
    if (!before) return null;
    const after: Conversation = { ...before, ...target.before };
    const undoId = await writeChange(db, before, after, { type: 'undo', undoOf: target.id }, actor, now);
    await db.events.update(target.seq, { undoneBy: undoId });
    return target;
  });
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
    id: newId(),
    conversationId: c.id,
    channel: c.channel,
    direction,
    public: direction === 'outgoing' && c.public,
    authorId: `agent:${actor}`,
    text,
    createdAt: now,
    lang: null,
    inReplyTo: null,
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
  return db.transaction(
    'rw',
    [db.conversations, db.messages, db.counters, db.events, db.outbox, db.drafts],
    async () => {
      const before = await db.conversations.get(conversationId);
      if (!before) return null;
      // A reply keeps how it was written (template, variables, spans) and its check results, so
      // the delivery worker can check it again at send time (shared/checks recheckForSend).
      const message: Message & { reply?: StoredReplyChecks } = {
        ...agentMessage(before, kind, body, actor, now),
        ...(reply && kind === 'outgoing' ? { reply } : {}),
      };
      const event =
        kind === 'note'
          ? ({ type: 'note.added', at: now, messageId: message.id } as const)
          : ({ type: 'message.replied', at: now, messageId: message.id } as const);
      const result = applyEvent(before, event, now);
      if (!result.ok) return null;
      await db.messages.add(message);
      let after = result.value;
      if (kind === 'outgoing') {
        await db.outbox.add({
          messageId: message.id,
          conversationId,
          channel: before.channel,
          status: 'queued',
          attempts: 0,
          createdAt: now,
          nextAttemptAt: now,
          lastError: null,
        });
        after = { ...after, snippet: body.slice(0, 140) };
      }
      await writeChange(db, before, after, event, actor, now);
      await db.drafts.delete(conversationId);
      return message;
    },
  );
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

/** Saves (or with empty text, removes) the draft of a conversation. */
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

/** Reads a counter; views show their size from here, never from `count()`. */
export async function readCounter(db: WebcareDb, key: string): Promise<number> {
  return (await db.counters.get(key))?.value ?? 0;
}
