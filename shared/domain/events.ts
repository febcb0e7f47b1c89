import type { Conversation, ConversationStatus, Priority } from './types.ts';

/**
 * Every state change of a conversation is one of these events. They are small, typed and
 * replayable: the same list is the undo stack, the audit trail and (later) what a shared team
 * inbox synchronises.
 */
export type ConversationEvent =
  | { type: 'resolve' }
  | { type: 'reopen' }
  | { type: 'pend' }
  | { type: 'snooze'; until: number }
  | { type: 'unsnooze' }
  /** A snooze ran out (system actor). */
  | { type: 'wake' }
  | { type: 'assign'; assignee: string }
  | { type: 'label.add'; label: string }
  | { type: 'label.remove'; label: string }
  | { type: 'priority.set'; priority: Priority }
  | { type: 'read' }
  /** A customer message arrived at `at`; reopens and wakes. */
  | { type: 'message.received'; at: number; messageId: string }
  /** A reply to the customer was written at `at`; nobody waits any more. */
  | { type: 'message.replied'; at: number; messageId: string }
  | { type: 'note.added'; at: number; messageId: string };

export type ConversationEventType = ConversationEvent['type'];

export type TransitionErrorCode =
  'illegal-transition' | 'no-change' | 'snooze-in-past' | 'not-due' | 'unknown-label';

export interface TransitionError {
  code: TransitionErrorCode;
  event: ConversationEventType;
  from: ConversationStatus;
}

export type ApplyResult = { ok: true; value: Conversation } | { ok: false; error: TransitionError };

const MAX_LABELS = 20;

function fail(code: TransitionErrorCode, event: ConversationEvent, c: Conversation): ApplyResult {
  return { ok: false, error: { code, event: event.type, from: c.status } };
}

function ok(value: Conversation): ApplyResult {
  return { ok: true, value };
}

/**
 * The one state machine of a conversation. Pure: returns a new conversation or a typed error.
 *
 * Status rules: open ⇄ pending, open/pending → snoozed (until > now), snoozed → open by wake
 * (when due) or unsnooze, any non-resolved → resolved, resolved → open only by reopen or a new
 * customer message. Resolving and reopening clear the snooze. `now` is passed in so tests are
 * deterministic.
 */
export function applyEvent(c: Conversation, e: ConversationEvent, now: number): ApplyResult {
  switch (e.type) {
    case 'resolve':
      if (c.status === 'resolved') return fail('illegal-transition', e, c);
      return ok({ ...c, status: 'resolved', snoozedUntil: null, waitingSince: null, unread: 0 });
    case 'reopen':
      if (c.status !== 'resolved') return fail('illegal-transition', e, c);
      return ok({ ...c, status: 'open', snoozedUntil: null });
    case 'pend':
      if (c.status !== 'open' && c.status !== 'snoozed') return fail('illegal-transition', e, c);
      return ok({ ...c, status: 'pending', snoozedUntil: null });
    case 'snooze':
      if (c.status === 'resolved') return fail('illegal-transition', e, c);
      if (!(e.until > now)) return fail('snooze-in-past', e, c);
      if (c.status === 'snoozed' && c.snoozedUntil === e.until) return fail('no-change', e, c);
      return ok({ ...c, status: 'snoozed', snoozedUntil: e.until });
    case 'unsnooze':
      if (c.status !== 'snoozed') return fail('illegal-transition', e, c);
      return ok({ ...c, status: 'open', snoozedUntil: null });
    case 'wake':
      if (c.status !== 'snoozed') return fail('illegal-transition', e, c);
      if (c.snoozedUntil !== null && c.snoozedUntil > now) return fail('not-due', e, c);
      return ok({ ...c, status: 'open', snoozedUntil: null });
    case 'assign':
      if (c.assignee === e.assignee) return fail('no-change', e, c);
      return ok({ ...c, assignee: e.assignee });
    case 'label.add': {
      const label = e.label.trim();
      if (!label) return fail('unknown-label', e, c);
      if (c.labels.includes(label)) return fail('no-change', e, c);
      if (c.labels.length >= MAX_LABELS) return fail('illegal-transition', e, c);
      return ok({ ...c, labels: [...c.labels, label] });
    }
    case 'label.remove':
      if (!c.labels.includes(e.label)) return fail('no-change', e, c);
      return ok({ ...c, labels: c.labels.filter((l) => l !== e.label) });
    case 'priority.set':
      if (c.priority === e.priority) return fail('no-change', e, c);
      return ok({ ...c, priority: e.priority });
    case 'read':
      if (c.unread === 0) return fail('no-change', e, c);
      return ok({ ...c, unread: 0 });
    case 'message.received': {
      const newer = e.at >= c.lastMessageAt;
      return ok({
        ...c,
        status: 'open',
        snoozedUntil: null,
        waitingSince: c.waitingSince ?? e.at,
        unread: c.unread + 1,
        messageCount: c.messageCount + 1,
        lastMessageAt: newer ? e.at : c.lastMessageAt,
        lastDirection: newer ? 'incoming' : c.lastDirection,
      });
    }
    case 'message.replied': {
      const newer = e.at >= c.lastMessageAt;
      return ok({
        ...c,
        waitingSince: null,
        unread: 0,
        messageCount: c.messageCount + 1,
        lastMessageAt: newer ? e.at : c.lastMessageAt,
        lastDirection: newer ? 'outgoing' : c.lastDirection,
      });
    }
    case 'note.added':
      return ok({ ...c, messageCount: c.messageCount + 1 });
  }
}

/** The fields an event may change; undo restores exactly these from the stored `before`. */
export const MUTABLE_FIELDS = [
  'status',
  'snoozedUntil',
  'waitingSince',
  'assignee',
  'labels',
  'priority',
  'unread',
  'messageCount',
  'lastMessageAt',
  'lastDirection',
] as const satisfies readonly (keyof Conversation)[];

export type ConversationPatch = Partial<Pick<Conversation, (typeof MUTABLE_FIELDS)[number]>>;

/** The fields that differ between two versions, with their values in `before`. Small by design. */
export function diffBefore(before: Conversation, after: Conversation): ConversationPatch {
  const patch: Record<string, unknown> = {};
  for (const f of MUTABLE_FIELDS) {
    const a = before[f];
    const b = after[f];
    const same =
      Array.isArray(a) && Array.isArray(b) ? a.length === b.length && a.every((x, i) => x === b[i]) : a === b;
    if (!same) patch[f] = a;
  }
  return patch as ConversationPatch;
}

/** Events an agent may undo (message events are not undone: the message exists). */
export function isUndoable(type: ConversationEventType): boolean {
  return !type.startsWith('message.') && type !== 'note.added' && type !== 'wake' && type !== 'read';
}
