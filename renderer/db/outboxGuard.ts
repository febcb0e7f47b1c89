import Dexie from 'dexie';
import { CONNECTOR_CAPABILITIES, replySurface } from '../../shared/channels/capabilities.ts';
import type { LogEvent } from '../../shared/domain/log.ts';
import { sendTimeHolds, type GuardEvent } from '../../shared/outbox/guard.ts';
import type { HeldReason } from '../../shared/outbox/state.ts';
import type { WebcareDb } from './schema.ts';

/**
 * The facts the send-time guard (shared/outbox/guard.ts) needs, read from the database for one
 * outbox row. Call it inside the delivery worker's claim transaction (`writeTx`: every table it
 * reads is in it), right before `claim`; a non-empty answer is applied as the state machine's
 * `hold` event instead of the claim.
 *
 * Cost: the events since the reply was queued (or last reviewed), found through two indexes
 * (`[conversationId+seq]` for agent events on this conversation, `[actor+seq]` for the sync pages
 * of its account), never the whole log or inbox.
 */
export interface GuardRow {
  messageId: string;
  conversationId: string;
  automatic: boolean;
  /** Log position a person last reviewed this reply at (released a hold, edited it); events up to it are seen. */
  reviewedSeq?: number | null;
}

export async function sendTimeHoldsFor(db: WebcareDb, row: GuardRow, now: number): Promise<HeldReason[]> {
  const message = await db.messages.get(row.messageId);
  const conversation = (await db.conversations.get(row.conversationId)) ?? null;
  // The reply's own `reply.queued` event: the newest event of the conversation that carried it.
  const queued = await db.log
    .where('[conversationId+seq]')
    .between([row.conversationId, Dexie.minKey], [row.conversationId, Dexie.maxKey])
    .reverse()
    .filter((e) => e.payload.type === 'reply.queued' && e.payload.message.id === row.messageId)
    .first();
  const after = Math.max(queued?.seq ?? 0, row.reviewedSeq ?? 0);
  const own = await db.log
    .where('[conversationId+seq]')
    .between([row.conversationId, after + 1], [row.conversationId, Dexie.maxKey])
    .toArray();
  const accountId = conversation?.accountId ?? message?.accountId;
  const synced = accountId
    ? await db.log
        .where('[actor+seq]')
        .between([`sync:${accountId}`, after + 1], [`sync:${accountId}`, Dexie.maxKey])
        .toArray()
    : [];
  const since: GuardEvent[] = [...own, ...synced]
    .sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0))
    .map((e: LogEvent) => ({ actor: e.actor, at: e.at, payload: e.payload }));
  const crisisPause = row.automatic
    ? (await db.crises.where('active').equals(1).toArray()).some((c) => c.autoRepliesPaused)
    : false;
  const caps = conversation
    ? Object.values(CONNECTOR_CAPABILITIES).find((c) => c.channel === conversation.channel)
    : undefined;
  const surface = caps && message ? replySurface(caps, { public: message.public }) : null;
  return sendTimeHolds({
    reply: {
      messageId: row.messageId,
      conversationId: row.conversationId,
      actor: queued?.actor ?? '',
      automatic: row.automatic,
    },
    conversation: conversation ? { status: conversation.status, assignee: conversation.assignee } : null,
    since,
    lastCustomerAt: conversation?.lastIncomingAt ?? null,
    windowHours: surface?.windowHours ?? null,
    crisisPause,
    now,
  });
}
