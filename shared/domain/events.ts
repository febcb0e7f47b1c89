import type { Conversation, ConversationStatus, Priority } from './types.ts';

/**
 * A triage change of one conversation, by an agent or by the system (a snooze running out).
 * Messages change conversations through the event-time projection (projection.ts), not here.
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
  /** Puts a status back as it was before an event that is being undone (undo only). */
  | { type: 'status.restore'; status: ConversationStatus; snoozedUntil: number | null };

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

/**
 * The one state machine of a conversation's triage. Pure: returns a new conversation or a typed
 * error.
 *
 * Status rules: open ⇄ pending, open/pending → snoozed (until > now), snoozed → open by wake
 * (when due) or unsnooze, any non-resolved → resolved, resolved → open only by reopen or a new
 * customer message (projection.ts). Resolving and reopening clear the snooze. A status change
 * records when it happened (`statusAt`, event time) and the newest message known then
 * (`statusBasis`): messages older than that never reopen the conversation. `now` is passed in so
 * tests are deterministic.
 */
export function applyEvent(c: Conversation, e: ConversationEvent, now: number): ApplyResult {
  const status = (to: ConversationStatus, extra: Partial<Conversation> = {}): ApplyResult => ({
    ok: true,
    value: {
      ...c,
      status: to,
      statusAt: now,
      statusBasis: Math.max(c.statusBasis, c.lastMessageAt),
      version: c.version + 1,
      ...extra,
    },
  });
  const change = (extra: Partial<Conversation>): ApplyResult => ({
    ok: true,
    value: { ...c, version: c.version + 1, ...extra },
  });
  switch (e.type) {
    case 'resolve':
      if (c.status === 'resolved') return fail('illegal-transition', e, c);
      return status('resolved', { snoozedUntil: null, waitingSince: null });
    case 'reopen':
      if (c.status !== 'resolved') return fail('illegal-transition', e, c);
      return status('open', { snoozedUntil: null });
    case 'pend':
      if (c.status !== 'open' && c.status !== 'snoozed') return fail('illegal-transition', e, c);
      return status('pending', { snoozedUntil: null });
    case 'snooze':
      if (c.status === 'resolved') return fail('illegal-transition', e, c);
      if (!(e.until > now)) return fail('snooze-in-past', e, c);
      if (c.status === 'snoozed' && c.snoozedUntil === e.until) return fail('no-change', e, c);
      return status('snoozed', { snoozedUntil: e.until });
    case 'unsnooze':
      if (c.status !== 'snoozed') return fail('illegal-transition', e, c);
      return status('open', { snoozedUntil: null });
    case 'wake':
      if (c.status !== 'snoozed') return fail('illegal-transition', e, c);
      if (c.snoozedUntil !== null && c.snoozedUntil > now) return fail('not-due', e, c);
      return status('open', { snoozedUntil: null });
    case 'status.restore': {
      if (c.status === e.status && c.snoozedUntil === e.snoozedUntil) return fail('no-change', e, c);
      if (e.status === 'snoozed' && !(e.snoozedUntil !== null && e.snoozedUntil > now))
        return fail('snooze-in-past', e, c);
      return status(e.status, {
        snoozedUntil: e.status === 'snoozed' ? e.snoozedUntil : null,
        ...(e.status === 'resolved' ? { waitingSince: null } : {}),
      });
    }
    case 'assign':
      if (c.assignee === e.assignee) return fail('no-change', e, c);
      return change({ assignee: e.assignee });
    case 'label.add': {
      const label = e.label.trim();
      if (!label) return fail('unknown-label', e, c);
      if (c.labels.includes(label)) return fail('no-change', e, c);
      if (c.labels.length >= MAX_LABELS) return fail('illegal-transition', e, c);
      return change({ labels: [...c.labels, label] });
    }
    case 'label.remove':
      if (!c.labels.includes(e.label)) return fail('no-change', e, c);
      return change({ labels: c.labels.filter((l) => l !== e.label) });
    case 'priority.set':
      if (c.priority === e.priority) return fail('no-change', e, c);
      return change({ priority: e.priority });
  }
}

/** What an event found before it changed the conversation: the facts its undo needs. */
export interface PriorFacts {
  status: ConversationStatus;
  snoozedUntil: number | null;
  assignee: string;
  priority: Priority;
}

export function priorFacts(c: Conversation): PriorFacts {
  return { status: c.status, snoozedUntil: c.snoozedUntil, assignee: c.assignee, priority: c.priority };
}

/** Events an agent may undo (a snooze running out is the system's, not an action). */
export function isUndoable(type: ConversationEventType): boolean {
  return type !== 'wake';
}

/**
 * The event that undoes `e`, computed against the conversation as it is now, or null when there
 * is nothing left to undo (someone changed it since). Undo never restores a snapshot of fields:
 * undoing "label A added" removes A and leaves the label B a colleague added meanwhile.
 */
export function compensate(
  e: ConversationEvent,
  prior: PriorFacts,
  current: Conversation,
  now: number,
): ConversationEvent | null {
  const restoreStatus = (): ConversationEvent | null => {
    if (prior.status === 'snoozed' && !(prior.snoozedUntil !== null && prior.snoozedUntil > now))
      return { type: 'status.restore', status: 'open', snoozedUntil: null };
    return { type: 'status.restore', status: prior.status, snoozedUntil: prior.snoozedUntil };
  };
  switch (e.type) {
    case 'resolve':
      return current.status === 'resolved' ? restoreStatus() : null;
    case 'reopen':
    case 'unsnooze':
      return current.status === 'open' ? restoreStatus() : null;
    case 'pend':
      return current.status === 'pending' ? restoreStatus() : null;
    case 'snooze':
      return current.status === 'snoozed' && current.snoozedUntil === e.until ? restoreStatus() : null;
    case 'status.restore':
      return current.status === e.status ? restoreStatus() : null;
    case 'wake':
      return null;
    case 'assign':
      return current.assignee === e.assignee && prior.assignee !== e.assignee
        ? { type: 'assign', assignee: prior.assignee }
        : null;
    case 'label.add':
      return current.labels.includes(e.label) ? { type: 'label.remove', label: e.label } : null;
    case 'label.remove':
      return current.labels.includes(e.label) ? null : { type: 'label.add', label: e.label };
    case 'priority.set':
      return current.priority === e.priority && prior.priority !== e.priority
        ? { type: 'priority.set', priority: prior.priority }
        : null;
  }
}
