import type { ConnectorError } from '../channels/errors.ts';

/**
 * The outbox row of one reply and the one function that changes it. Delivery state lives on
 * this row only (the message shows it, nothing else stores it). The delivery worker in the
 * leader claims a row (`claim`: `sending` with an attempt id and a lease, committed before any
 * network call), then records what main answered; a `sending` row whose lease ran out is
 * reconciled before anything else happens to it; what cannot be decided goes to a person.
 * Holds are data (`heldReasons`): the send-time rules (issue 10) add and remove reasons, the
 * worker only sends rows without any. See docs/architecture.md, "Delivery".
 */

export const OUTBOX_STATUSES = ['queued', 'held', 'sending', 'sent', 'failed', 'unknown'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/** Why a row may not go out now; `code` is stable (rules match on it), `detail` is for people. */
export interface HeldReason {
  code: string;
  since: number;
  detail?: string;
}

/** What the crisis pause adds to automatic replies while a crisis runs. */
export const CRISIS_PAUSE = 'crisis-pause';

export interface OutboxEntry {
  /** The outgoing message this row sends. */
  messageId: string;
  conversationId: string;
  accountId: string;
  status: OutboxStatus;
  /** Made when the reply was queued and kept across retries (email: the Message-ID). */
  idempotencyKey: string;
  attempts: number;
  /** The current claim; a result for another attempt id is stale and ignored. */
  attemptId: string | null;
  /** While `sending`: until when the claim holds (epoch ms). */
  leaseUntil: number | null;
  /** When the row may be claimed again (backoff after a transient failure). */
  nextAttemptAt: number;
  lastError: ConnectorError | null;
  heldReasons: HeldReason[];
  /** Send order within the account (queue order; earlier first). */
  order: number;
  /** Sent without an agent pressing send (auto-replies): paused during a crisis. */
  automatic: boolean;
  /** A person said an undecided earlier attempt did not reach the customer. */
  confirmedNotDelivered: boolean;
  remoteId: string | null;
  sentAt: number | null;
  createdAt: number;
  updatedAt: number;
}

export type OutboxEvent =
  | { type: 'hold'; reasons: HeldReason[] }
  | { type: 'release'; codes: string[] }
  | { type: 'claim'; attemptId: string; leaseUntil: number }
  | { type: 'accepted'; attemptId: string; remoteId: string; at: number }
  /** A failure worth retrying (4xx, unreachable, rate-limited): back to the queue at `retryAt`. */
  | { type: 'retry'; attemptId: string; error: ConnectorError; retryAt: number }
  /** A permanent refusal (5xx, window closed, credentials): an agent edits and retries. */
  | { type: 'fail'; attemptId: string; error: ConnectorError }
  /** Main could not tell whether the reply went out (or reconcile could not): a person decides. */
  | { type: 'undecided'; attemptId: string }
  /** The answer of `delivery:reconcile` for a `sending` row whose lease ran out. */
  | { type: 'reconciled'; outcome: 'sent'; remoteId: string; at: number }
  | { type: 'reconciled'; outcome: 'not-sent' | 'unknown' }
  /** A person's answer to "did this reach the customer?". */
  | { type: 'confirm'; delivered: true; at: number }
  | { type: 'confirm'; delivered: false }
  /** An agent sends a failed reply again (after editing it). */
  | { type: 'resend' }
  /** Quit: give up an unused claim before any call was made for it. */
  | { type: 'release-claim'; attemptId: string };

export type OutboxEventType = OutboxEvent['type'];

export type OutboxTransitionError =
  | { code: 'illegal'; from: OutboxStatus; event: OutboxEventType }
  | { code: 'stale-attempt'; expected: string | null; got: string }
  | { code: 'not-due'; nextAttemptAt: number }
  | { code: 'held'; reasons: string[] }
  | { code: 'lease-active'; leaseUntil: number }
  | { code: 'no-reasons' };

export type OutboxResult = { ok: true; entry: OutboxEntry } | { ok: false; error: OutboxTransitionError };

const ok = (entry: OutboxEntry): OutboxResult => ({ ok: true, entry });
const illegal = (from: OutboxStatus, event: OutboxEventType): OutboxResult => ({
  ok: false,
  error: { code: 'illegal', from, event },
});

/** A new row for a reply the agent just sent (or an automatic one). */
export function newOutboxEntry(fields: {
  messageId: string;
  conversationId: string;
  accountId: string;
  idempotencyKey: string;
  order: number;
  automatic?: boolean;
  now: number;
}): OutboxEntry {
  return {
    messageId: fields.messageId,
    conversationId: fields.conversationId,
    accountId: fields.accountId,
    status: 'queued',
    idempotencyKey: fields.idempotencyKey,
    attempts: 0,
    attemptId: null,
    leaseUntil: null,
    nextAttemptAt: fields.now,
    lastError: null,
    heldReasons: [],
    order: fields.order,
    automatic: fields.automatic ?? false,
    confirmedNotDelivered: false,
    remoteId: null,
    sentAt: null,
    createdAt: fields.now,
    updatedAt: fields.now,
  };
}

/** May the worker claim this row now? (It still re-validates inside the claiming transaction.) */
export function claimable(entry: OutboxEntry, now: number): boolean {
  return entry.status === 'queued' && entry.heldReasons.length === 0 && entry.nextAttemptAt <= now;
}

/** A `sending` row whose claim ran out: reconcile it before anything else. */
export function leaseExpired(entry: OutboxEntry, now: number): boolean {
  return entry.status === 'sending' && entry.leaseUntil !== null && entry.leaseUntil < now;
}

function mergeReasons(current: HeldReason[], added: HeldReason[]): HeldReason[] {
  const out = [...current];
  for (const reason of added) if (!out.some((r) => r.code === reason.code)) out.push(reason);
  return out;
}

/**
 * The one state machine of an outbox row. Pure: `now` comes in, the new row comes out, or a
 * typed error that says why the change is not allowed (the caller keeps the old row).
 */
export function applyOutboxEvent(entry: OutboxEntry, event: OutboxEvent, now: number): OutboxResult {
  const next = (patch: Partial<OutboxEntry>) => ok({ ...entry, ...patch, updatedAt: now });
  const sameAttempt = (attemptId: string): OutboxResult | null =>
    entry.attemptId === attemptId
      ? null
      : { ok: false, error: { code: 'stale-attempt', expected: entry.attemptId, got: attemptId } };
  const { status } = entry;

  switch (event.type) {
    case 'hold': {
      if (status !== 'queued' && status !== 'held') return illegal(status, event.type);
      if (event.reasons.length === 0) return { ok: false, error: { code: 'no-reasons' } };
      return next({ status: 'held', heldReasons: mergeReasons(entry.heldReasons, event.reasons) });
    }
    case 'release': {
      if (status !== 'held' && status !== 'queued') return illegal(status, event.type);
      const heldReasons = entry.heldReasons.filter((r) => !event.codes.includes(r.code));
      return next({ status: heldReasons.length === 0 ? 'queued' : 'held', heldReasons });
    }
    case 'claim': {
      if (status !== 'queued') return illegal(status, event.type);
      if (entry.heldReasons.length > 0)
        return { ok: false, error: { code: 'held', reasons: entry.heldReasons.map((r) => r.code) } };
      if (entry.nextAttemptAt > now)
        return { ok: false, error: { code: 'not-due', nextAttemptAt: entry.nextAttemptAt } };
      return next({
        status: 'sending',
        attemptId: event.attemptId,
        leaseUntil: event.leaseUntil,
        attempts: entry.attempts + 1,
      });
    }
    case 'accepted': {
      if (status !== 'sending') return illegal(status, event.type);
      const stale = sameAttempt(event.attemptId);
      if (stale) return stale;
      return next({
        status: 'sent',
        remoteId: event.remoteId,
        sentAt: event.at,
        leaseUntil: null,
        lastError: null,
        confirmedNotDelivered: false,
      });
    }
    case 'retry': {
      if (status !== 'sending') return illegal(status, event.type);
      const stale = sameAttempt(event.attemptId);
      if (stale) return stale;
      return next({
        status: 'queued',
        leaseUntil: null,
        lastError: event.error,
        nextAttemptAt: event.retryAt,
      });
    }
    case 'fail': {
      if (status !== 'sending') return illegal(status, event.type);
      const stale = sameAttempt(event.attemptId);
      if (stale) return stale;
      return next({ status: 'failed', leaseUntil: null, lastError: event.error });
    }
    case 'undecided': {
      if (status !== 'sending') return illegal(status, event.type);
      const stale = sameAttempt(event.attemptId);
      if (stale) return stale;
      return next({ status: 'unknown', leaseUntil: null });
    }
    case 'reconciled': {
      if (status !== 'sending') return illegal(status, event.type);
      // Only a claim that ran out is reconciled: a live one may still get its own answer.
      if (entry.leaseUntil !== null && entry.leaseUntil >= now)
        return { ok: false, error: { code: 'lease-active', leaseUntil: entry.leaseUntil } };
      if (event.outcome === 'sent')
        return next({
          status: 'sent',
          remoteId: event.remoteId,
          sentAt: event.at,
          leaseUntil: null,
          attemptId: null,
        });
      if (event.outcome === 'not-sent')
        return next({ status: 'queued', leaseUntil: null, attemptId: null, nextAttemptAt: now });
      return next({ status: 'unknown', leaseUntil: null, attemptId: null });
    }
    case 'confirm': {
      if (status !== 'unknown') return illegal(status, event.type);
      if (event.delivered)
        return next({ status: 'sent', sentAt: event.at, remoteId: entry.remoteId ?? entry.idempotencyKey });
      return next({ status: 'queued', confirmedNotDelivered: true, nextAttemptAt: now, lastError: null });
    }
    case 'resend': {
      if (status !== 'failed') return illegal(status, event.type);
      return next({ status: 'queued', nextAttemptAt: now, lastError: null });
    }
    case 'release-claim': {
      if (status !== 'sending') return illegal(status, event.type);
      const stale = sameAttempt(event.attemptId);
      if (stale) return stale;
      return next({
        status: 'queued',
        leaseUntil: null,
        attemptId: null,
        attempts: Math.max(0, entry.attempts - 1),
      });
    }
  }
}
