import Dexie from 'dexie';
import type { ConnectorError } from '../../shared/channels/errors.ts';
import type {
  DeliveryReconcileResponse,
  DeliverySendResponse,
  Draft,
  ReplyTarget,
} from '../../shared/channels/schemas.ts';
import { MIN_OVERRIDE_REASON } from '../../shared/checks/run.ts';
import { DEFAULT_CHECK_SETTINGS, type CheckSettings } from '../../shared/checks/types.ts';
import { randomId } from '../../shared/domain/ids.ts';
import type { Message } from '../../shared/domain/types.ts';
import type { WebcareApi } from '../../shared/ipc/contract.ts';
import {
  applyOutboxEvent,
  leaseExpired,
  OUTBOX_STATUSES,
  type OutboxEvent,
  type OutboxStatus,
} from '../../shared/outbox/state.ts';
import { commit, writeTx } from '../db/log.ts';
import { sendTimeHoldsFor } from '../db/outboxGuard.ts';
import type { OutboxRow, WebcareDb } from '../db/schema.ts';
import { heldCheckCodes, sendTimeCheckHold } from '../db/sendChecks.ts';

/**
 * The delivery worker: the leader window's one sender of queued replies (docs/architecture.md,
 * "Delivery"). Each pass over the outbox
 * 1. reconciles every `sending` row whose lease ran out with main (`delivery:reconcile`: the
 *    journal, then the Sent folder) before anything else may happen to it;
 * 2. per conversation, takes the oldest reply that is not sent yet; only when it is `queued`,
 *    due and without holds it goes, so replies reach the customer in the order they were written;
 * 3. claims it (`sending`, a fresh attempt id, a lease) in one transaction BEFORE the network
 *    call, sends it through `delivery:send` under its idempotency key, and commits what main
 *    answered through the outbox state machine (shared/outbox/state.ts).
 * Rows of accounts main does not connect (the demo, imports, a removed account) are left alone.
 *
 * The claim re-validates first (issues 10 and 11): the send-time guard (what changed in the
 * conversation since the reply was written: a new customer message, resolved or answered
 * elsewhere, a crisis pause, ...) and the pre-send checks once more (a near-identical public
 * reply posted meanwhile, a block nobody overrode). A reply that no longer passes is held with
 * its reasons, in the same transaction, instead of claimed: never sent unseen.
 *
 * Interface for other features (issue 10: outbox view): hold a row by adding `heldReasons` (state
 * machine event `hold`); the worker never sends a held row. Person answers go through
 * `outboxAction` ('retry' a failed reply, 'delivered' / 'not-delivered' for an unknown one,
 * 'send-anyway' with a reason for a held one).
 */

/** How long a claim holds: longer than any SMTP transfer main allows (connect + DATA timeouts). */
export const LEASE_MS = 90_000;
/** The worker looks at the outbox this often (an indexed read of pending rows). */
export const POLL_MS = 1_000;
/** Never retry sooner than this, whatever main's jitter drew. */
const MIN_RETRY_MS = 1_000;
/** An account whose channel could not be asked (offline host) is left alone this long. */
const ACCOUNT_PAUSE_MS = 3_000;

/** What the worker needs to know about main's accounts (the accounts store). */
export type ConnectedAccounts = () => ReadonlyMap<string, { paused: boolean }> | undefined;

export interface DeliveryOptions {
  db: WebcareDb;
  api: Pick<WebcareApi, 'invoke'>;
  accounts: ConnectedAccounts;
  now?: () => number;
  leaseMs?: number;
  pollMs?: number;
  /** The pre-send check settings (block, warn or off per check) for the send-time re-check. */
  checkSettings?: () => CheckSettings;
  /** Told about failures the worker could not hand to a row (for logs in tests). */
  onProblem?: (problem: unknown) => void;
}

export interface DeliveryWorker {
  /** Looks at the outbox now (a reply was just queued). */
  wake(): void;
  /** One pass, for tests: resolves when it is done. */
  runOnce(): Promise<void>;
  stop(): void;
}

const PENDING: OutboxStatus[] = OUTBOX_STATUSES.filter((s) => s !== 'sent');

/** Every row not yet sent: the outbox holds replies on their way out, not the sent history. */
export async function pendingRows(db: WebcareDb): Promise<OutboxRow[]> {
  const lists = await Promise.all(
    PENDING.map((s) =>
      db.outbox.where('[status+nextAttemptAt]').between([s, Dexie.minKey], [s, Dexie.maxKey]).toArray(),
    ),
  );
  return lists.flat();
}

/** Send order: queue order, then storage order. */
const byOrder = (a: OutboxRow, b: OutboxRow) => a.order - b.order || (a.seq ?? 0) - (b.seq ?? 0);

/**
 * The next reply of each conversation that may go now. A reply waits while an earlier one of the
 * same conversation is still on its way (queued, held, sending, unknown); a failed one no longer
 * holds the later ones back, since it needs an agent anyway.
 */
export function nextToSend(rows: readonly OutboxRow[], now: number): OutboxRow[] {
  const byConversation = new Map<string, OutboxRow[]>();
  for (const r of rows) {
    if (r.status === 'sent' || r.status === 'failed') continue;
    const list = byConversation.get(r.conversationId) ?? [];
    list.push(r);
    byConversation.set(r.conversationId, list);
  }
  const out: OutboxRow[] = [];
  for (const list of byConversation.values()) {
    const first = [...list].sort(byOrder)[0]!;
    if (first.status === 'queued' && first.heldReasons.length === 0 && first.nextAttemptAt <= now)
      out.push(first);
  }
  return out.sort(byOrder);
}

/** Where an email reply goes: the customer of the message it answers (or the thread's last one). */
export async function replyTargetFor(
  db: WebcareDb,
  message: Message,
): Promise<{ target: ReplyTarget } | { error: ConnectorError }> {
  let parent = message.inReplyTo ? await db.messages.get(message.inReplyTo) : undefined;
  if (!parent || parent.direction !== 'incoming') {
    const conversation = await db.conversations.get(message.conversationId);
    parent = conversation?.lastIncomingId ? await db.messages.get(conversation.lastIncomingId) : undefined;
  }
  const author = parent ? await db.authors.get(parent.authorId) : undefined;
  const address = author?.email ?? null;
  if (!parent || !address)
    return {
      error: { type: 'rejected', code: 'NO_RECIPIENT', reason: 'no customer address in this thread' },
    };
  return {
    target: {
      kind: 'email',
      to: [{ address, name: author?.name ?? null }],
      cc: [],
      subject: parent.subject ?? null,
      inReplyTo: parent.rfcMessageId,
      references: parent.references ?? [],
    },
  };
}

/** The draft as main sends it: the composer already signed the text (shared/templates signatureFor). */
function draftOf(message: Message): Draft {
  return { text: message.text, signature: null };
}

/** Applies one state-machine event to a row in its own transaction; false when it no longer applies. */
async function transition(
  db: WebcareDb,
  seq: number,
  event: OutboxEvent,
  now: number,
  delivered?: { remoteId: string; at: number },
): Promise<boolean> {
  return writeTx(db, async () => {
    const row = await db.outbox.get(seq);
    if (!row) return false;
    const r = applyOutboxEvent(row, event, now);
    if (!r.ok) return false;
    await db.outbox.put({ ...row, ...r.entry });
    if (delivered)
      await commit(
        db,
        { type: 'reply.delivered', messageId: row.messageId, remoteId: delivered.remoteId, at: delivered.at },
        { actor: 'system', origin: 'system', at: now, conversationId: row.conversationId },
      );
    return true;
  });
}

/** What an agent can do with a reply that did not go out (the message's delivery line). */
export type OutboxAction =
  | 'retry'
  | 'delivered'
  | 'not-delivered'
  /** A held reply goes after all: the person saw the reasons and says why. */
  | { type: 'send-anyway'; reason: string };

export async function outboxAction(
  db: WebcareDb,
  messageId: string,
  action: OutboxAction,
  now: number,
): Promise<boolean> {
  const row = await db.outbox.where('messageId').equals(messageId).first();
  if (row?.seq === undefined) return false;
  if (typeof action === 'object') return sendAnyway(db, row.seq, action.reason, now);
  if (action === 'retry') return transition(db, row.seq, { type: 'resend' }, now);
  if (action === 'not-delivered') return transition(db, row.seq, { type: 'confirm', delivered: false }, now);
  return transition(db, row.seq, { type: 'confirm', delivered: true, at: now }, now, {
    remoteId: row.remoteId ?? row.idempotencyKey,
    at: now,
  });
}

/**
 * Releases a held reply because a person reviewed it: what happened up to now is seen (the guard
 * looks only after it), and the checks it was held for are let through with the person's reason.
 * A hold that is a state, not news (a crisis pause, a closed reply window), comes back at the
 * next claim: releasing cannot lift it.
 */
async function sendAnyway(db: WebcareDb, seq: number, reason: string, now: number): Promise<boolean> {
  const why = reason.trim();
  if (why.length < MIN_OVERRIDE_REASON) return false;
  return writeTx(db, async () => {
    const row = await db.outbox.get(seq);
    if (!row || row.status !== 'held') return false;
    const released = applyOutboxEvent(
      row,
      { type: 'release', codes: row.heldReasons.map((r) => r.code) },
      now,
    );
    if (!released.ok) return false;
    const last = await db.log.orderBy('seq').last();
    const codes = [
      ...new Set([...(row.sendAnyway?.codes ?? []), ...row.heldReasons.flatMap(heldCheckCodes)]),
    ];
    await db.outbox.put({
      ...row,
      ...released.entry,
      reviewedSeq: last?.seq ?? row.reviewedSeq ?? null,
      sendAnyway: { reason: why, codes, at: now },
    });
    return true;
  });
}

/** Maps main's answer to a send onto the state machine. */
export function sendOutcome(
  response: DeliverySendResponse,
  attemptId: string,
  now: number,
): { event: OutboxEvent; delivered?: { remoteId: string; at: number }; accountWait?: number } {
  switch (response.status) {
    case 'accepted':
      return {
        event: { type: 'accepted', attemptId, remoteId: response.remoteId, at: response.acceptedAt },
        delivered: { remoteId: response.remoteId, at: response.acceptedAt },
      };
    case 'undecided':
      return { event: { type: 'undecided', attemptId } };
    case 'paused':
      return { event: { type: 'release-claim', attemptId }, accountWait: now + ACCOUNT_PAUSE_MS };
    case 'failed': {
      const error = response.error;
      if (error.type === 'transient' || error.type === 'rate-limited') {
        const retryAt = Math.max(error.retryAt, now + MIN_RETRY_MS);
        return { event: { type: 'retry', attemptId, error, retryAt }, accountWait: retryAt };
      }
      // Refused credentials: the reply is fine, the account is not. It waits (visibly) and goes
      // out by itself once someone fixed the password; main refuses without a network call till then.
      if (error.type === 'auth-expired') {
        const retryAt = now + 60_000;
        return { event: { type: 'retry', attemptId, error, retryAt }, accountWait: retryAt };
      }
      return { event: { type: 'fail', attemptId, error } };
    }
  }
}

export function reconcileOutcome(
  response: DeliveryReconcileResponse,
  now: number,
): { event: OutboxEvent; delivered?: { remoteId: string; at: number } } | null {
  switch (response.status) {
    case 'sent': {
      const at = response.acceptedAt ?? now;
      return {
        event: { type: 'reconciled', outcome: 'sent', remoteId: response.remoteId, at },
        delivered: { remoteId: response.remoteId, at },
      };
    }
    case 'not-sent':
      return { event: { type: 'reconciled', outcome: 'not-sent' } };
    case 'unknown':
      return { event: { type: 'reconciled', outcome: 'unknown' } };
    case 'error':
      return null;
  }
}

export function startDeliveryWorker(options: DeliveryOptions): DeliveryWorker {
  const { db, api } = options;
  const now = options.now ?? (() => Date.now());
  const leaseMs = options.leaseMs ?? LEASE_MS;
  const pollMs = options.pollMs ?? POLL_MS;
  const problem = options.onProblem ?? (() => undefined);
  const checkSettings = options.checkSettings ?? (() => DEFAULT_CHECK_SETTINGS);
  /** Accounts to leave alone until a time (rate-limited, unreachable, host away). */
  const accountWait = new Map<string, number>();
  let stopped = false;
  let running: Promise<void> | null = null;
  let again = false;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const waiting = (accountId: string) => (accountWait.get(accountId) ?? 0) > now();

  /** Gives up this window's own claim after the call broke: the reply's fate is for reconcile. */
  async function expireLease(seq: number, attemptId: string) {
    await writeTx(db, async () => {
      const row = await db.outbox.get(seq);
      if (row?.status === 'sending' && row.attemptId === attemptId)
        await db.outbox.put({ ...row, leaseUntil: now() - 1 });
    });
  }

  async function reconcile(row: OutboxRow) {
    const message = await db.messages.get(row.messageId);
    const target = message ? await replyTargetFor(db, message) : null;
    let response: DeliveryReconcileResponse;
    try {
      response = await api.invoke('delivery:reconcile', {
        accountId: row.accountId,
        idempotencyKey: row.idempotencyKey,
        ...(message && target && 'target' in target
          ? { target: target.target, draft: draftOf(message) }
          : {}),
      });
    } catch (error) {
      problem(error);
      accountWait.set(row.accountId, now() + ACCOUNT_PAUSE_MS);
      return;
    }
    const outcome = reconcileOutcome(response, now());
    if (!outcome) {
      accountWait.set(row.accountId, now() + ACCOUNT_PAUSE_MS);
      return;
    }
    await transition(db, row.seq!, outcome.event, now(), outcome.delivered);
  }

  /** Claims, sends and records one reply. */
  async function deliver(candidate: OutboxRow) {
    const attemptId = randomId('a');
    const claimed = await writeTx(db, async () => {
      const row = await db.outbox.get(candidate.seq!);
      if (!row) return null;
      const message = await db.messages.get(row.messageId);
      if (!message) return null;
      if (row.status !== 'queued' || row.heldReasons.length > 0) return null;
      // Re-validate where replies leave (issues 9, 10, 11): what changed since it was written
      // (the crisis pause of automatic replies included), then the pre-send checks once more.
      const reasons = await sendTimeHoldsFor(db, row, now());
      const checked = await sendTimeCheckHold(db, message, checkSettings(), now(), row.sendAnyway ?? null);
      if (checked) reasons.push(checked);
      if (reasons.length > 0) {
        const held = applyOutboxEvent(row, { type: 'hold', reasons }, now());
        if (held.ok) await db.outbox.put({ ...row, ...held.entry });
        return null;
      }
      const r = applyOutboxEvent(row, { type: 'claim', attemptId, leaseUntil: now() + leaseMs }, now());
      if (!r.ok) return null;
      const target = await replyTargetFor(db, message);
      if ('error' in target) {
        // Nobody to send it to: failed at once, with the reason, without a network call.
        const failed = applyOutboxEvent(r.entry, { type: 'fail', attemptId, error: target.error }, now());
        if (failed.ok) await db.outbox.put({ ...row, ...failed.entry });
        return null;
      }
      await db.outbox.put({ ...row, ...r.entry });
      return { row: { ...row, ...r.entry }, message, target: target.target };
    });
    if (!claimed) return;
    let response: DeliverySendResponse;
    try {
      response = await api.invoke('delivery:send', {
        accountId: claimed.row.accountId,
        idempotencyKey: claimed.row.idempotencyKey,
        target: claimed.target,
        draft: draftOf(claimed.message),
        confirmedNotDelivered: claimed.row.confirmedNotDelivered,
      });
    } catch (error) {
      // The call may or may not have reached main (it may have died mid-send): never guess.
      problem(error);
      await expireLease(claimed.row.seq!, attemptId);
      accountWait.set(claimed.row.accountId, now() + ACCOUNT_PAUSE_MS);
      return;
    }
    const outcome = sendOutcome(response, attemptId, now());
    await transition(db, claimed.row.seq!, outcome.event, now(), outcome.delivered);
    if (outcome.accountWait) accountWait.set(claimed.row.accountId, outcome.accountWait);
  }

  async function pass() {
    const connected = options.accounts();
    if (!connected || connected.size === 0) return;
    const rows = (await pendingRows(db)).filter((r) => connected.has(r.accountId));
    const at = now();
    for (const row of rows)
      if (leaseExpired(row, at) && !waiting(row.accountId) && !stopped) await reconcile(row);
    const fresh = (await pendingRows(db)).filter((r) => connected.has(r.accountId));
    for (const row of nextToSend(fresh, now())) {
      if (stopped) return;
      if (connected.get(row.accountId)?.paused || waiting(row.accountId)) continue;
      await deliver(row);
    }
  }

  function runOnce(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          await pass();
        } while (again && !stopped);
      } catch (error) {
        problem(error);
      } finally {
        running = null;
      }
    })();
    return running;
  }

  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      void runOnce().finally(schedule);
    }, pollMs);
  };
  schedule();

  return {
    wake: () => void runOnce(),
    runOnce,
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
