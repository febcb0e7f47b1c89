import type { LogPayload } from '../domain/log.ts';
import { UNASSIGNED, type ConversationStatus } from '../domain/types.ts';
import { CRISIS_PAUSE, type HeldReason } from './state.ts';

/**
 * The send-time guard (issue 10): "nothing stale is sent unseen". Before a queued reply goes out
 * (the delivery worker's claim, in the same transaction) and when one is written online, this
 * decides from facts alone whether the conversation changed since the reply was written in a way
 * its author has not seen. Each finding is a `HeldReason` (shared/outbox/state.ts): the worker
 * never sends a row with reasons, the outbox shows them, and a person releases the row (one
 * click) or edits it. Holding has this one code path, whatever wrote the reply.
 *
 * The guard works on the event log, not on timestamps of the conversation row: a customer
 * message written at 10:40 that arrives (syncs) at 11:00 is news to a reply written offline at
 * 10:45, even though its event time is earlier. Pure: the caller passes the events and `now`.
 */

/** Stable codes: the UI words them (storage.json `outbox.held.<code>`), rules match on them. */
export const HOLD_CODES = [
  'conversation-deleted',
  'new-customer-message',
  'answered-by-other',
  'answered-elsewhere',
  'resolved',
  'reassigned',
  CRISIS_PAUSE,
  'window-closed',
] as const;
export type HoldCode = (typeof HOLD_CODES)[number];

/** One log event about the conversation, as much of it as the guard reads. */
export interface GuardEvent {
  actor: string;
  at: number;
  payload: LogPayload;
}

export interface GuardInput {
  reply: {
    messageId: string;
    conversationId: string;
    /** The agent who wrote it (the actor of its `reply.queued` event). */
    actor: string;
    /** Sent without an agent pressing send (auto-replies): the crisis pause applies. */
    automatic: boolean;
  };
  /** The conversation now; `null` when it no longer exists (deleted upstream, the demo removed). */
  conversation: { status: ConversationStatus; assignee: string } | null;
  /**
   * Log events about this conversation recorded after the reply was queued, or after a person
   * last reviewed it (released the hold or edited the text), in log order.
   */
  since: readonly GuardEvent[];
  /** Event time of the customer's newest message (for reply windows). */
  lastCustomerAt: number | null;
  /** The channel's reply window in hours, as its connector declares it (`null`: none). */
  windowHours: number | null;
  /** A crisis with automatic replies paused is running. */
  crisisPause: boolean;
  now: number;
}

/** Why a reply must wait for a person; empty when it may go. */
export function sendTimeHolds(input: GuardInput): HeldReason[] {
  const { reply, conversation, now } = input;
  const found = new Map<HoldCode, string | undefined>();
  const add = (code: HoldCode, detail?: string) => {
    if (!found.has(code)) found.set(code, detail);
  };
  if (!conversation) add('conversation-deleted');
  for (const e of input.since) {
    const p = e.payload;
    if (p.type === 'messages.ingested') {
      // History (an account's first sync, an import marked as history) is older than anything
      // the agent answered; live traffic is news.
      if (p.backfill) continue;
      for (const m of p.messages) {
        if (m.conversationId !== reply.conversationId) continue;
        if (m.direction === 'incoming') add('new-customer-message', m.id);
        // A reply made on the channel itself (another tool, the phone app): it came back by sync.
        else if (m.direction === 'outgoing' && m.id !== reply.messageId) add('answered-elsewhere', m.id);
      }
    } else if (p.type === 'reply.queued') {
      // The author's own follow-up is not news to them; a colleague's reply is.
      if (p.message.conversationId === reply.conversationId && e.actor !== reply.actor)
        add('answered-by-other', e.actor);
    } else if (p.type === 'conversation.changed' && p.conversationId === reply.conversationId) {
      // Replying and then resolving (or assigning) is one agent's intent, not a change to review.
      if (e.actor === reply.actor) continue;
      if (p.event.type === 'resolve') add('resolved', e.actor);
      if (p.event.type === 'assign' && p.event.assignee !== reply.actor) add('reassigned', p.event.assignee);
    }
  }
  // The state now also counts (an undo may have put it back since).
  if (conversation?.status !== 'resolved') found.delete('resolved');
  if (conversation && (conversation.assignee === reply.actor || conversation.assignee === UNASSIGNED))
    found.delete('reassigned');
  if (reply.automatic && input.crisisPause) add(CRISIS_PAUSE);
  if (
    input.windowHours !== null &&
    (input.lastCustomerAt === null || now - input.lastCustomerAt > input.windowHours * 3_600_000)
  )
    add('window-closed', String(input.windowHours));
  return HOLD_CODES.filter((c) => found.has(c)).map((code) => {
    const detail = found.get(code);
    return detail === undefined ? { code, since: now } : { code, since: now, detail };
  });
}
