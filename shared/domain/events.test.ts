import { describe, expect, it } from 'vitest';
import { applyEvent, compensate, isUndoable, priorFacts, type ConversationEvent } from './events.ts';
import { emptyConversation } from './projection.ts';
import { CONVERSATION_STATUSES, UNASSIGNED, type Conversation, type ConversationStatus } from './types.ts';

const NOW = Date.UTC(2026, 10, 24, 12, 0, 0);
const HOUR = 3_600_000;

function conv(status: ConversationStatus, extra: Partial<Conversation> = {}): Conversation {
  const base = emptyConversation({
    id: 'c1',
    accountId: 'imported-x',
    threadKey: 'c1',
    channel: 'x',
    authorId: 'x:1',
    subject: null,
    subjectKey: null,
    demo: 0,
  });
  return {
    ...base,
    status,
    snoozedUntil: status === 'snoozed' ? NOW + HOUR : null,
    waitingSince: NOW - HOUR,
    lastMessageAt: NOW - HOUR,
    lastMessageId: 'm3',
    snippet: 'hello',
    messageCount: 3,
    public: true,
    lang: 'nl',
    ...extra,
  };
}

// The full status transition table: for each event, the status it leads to from each status,
// or the error code it fails with.
const TABLE: {
  event: ConversationEvent;
  expect: Record<ConversationStatus, ConversationStatus | `!${string}`>;
}[] = [
  {
    event: { type: 'resolve' },
    expect: { open: 'resolved', pending: 'resolved', snoozed: 'resolved', resolved: '!illegal-transition' },
  },
  {
    event: { type: 'reopen' },
    expect: {
      open: '!illegal-transition',
      pending: '!illegal-transition',
      snoozed: '!illegal-transition',
      resolved: 'open',
    },
  },
  {
    event: { type: 'pend' },
    expect: {
      open: 'pending',
      pending: '!illegal-transition',
      snoozed: 'pending',
      resolved: '!illegal-transition',
    },
  },
  {
    event: { type: 'snooze', until: NOW + 2 * HOUR },
    expect: { open: 'snoozed', pending: 'snoozed', snoozed: 'snoozed', resolved: '!illegal-transition' },
  },
  {
    event: { type: 'unsnooze' },
    expect: {
      open: '!illegal-transition',
      pending: '!illegal-transition',
      snoozed: 'open',
      resolved: '!illegal-transition',
    },
  },
  {
    event: { type: 'status.restore', status: 'pending', snoozedUntil: null },
    expect: { open: 'pending', pending: '!no-change', snoozed: 'pending', resolved: 'pending' },
  },
];

describe('applyEvent status transitions', () => {
  for (const row of TABLE) {
    for (const from of CONVERSATION_STATUSES) {
      const expected = row.expect[from];
      it(`${row.event.type} from ${from} → ${expected}`, () => {
        const result = applyEvent(conv(from), row.event, NOW);
        if (expected.startsWith('!')) {
          expect(result.ok).toBe(false);
          if (!result.ok) {
            expect(result.error.code).toBe(expected.slice(1));
            expect(result.error.from).toBe(from);
          }
        } else {
          expect(result.ok).toBe(true);
          if (result.ok) expect(result.value.status).toBe(expected);
        }
      });
    }
  }
});

describe('applyEvent details', () => {
  it('resolving a snoozed conversation clears snoozedUntil and the waiting clock', () => {
    const r = applyEvent(conv('snoozed'), { type: 'resolve' }, NOW);
    expect(r.ok && r.value.snoozedUntil).toBe(null);
    expect(r.ok && r.value.waitingSince).toBe(null);
  });

  it('snoozing into the past is refused', () => {
    const r = applyEvent(conv('open'), { type: 'snooze', until: NOW - 1 }, NOW);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.code).toBe('snooze-in-past');
  });

  it('snoozing stores the until-time and re-snoozing to the same time is no change', () => {
    const r = applyEvent(conv('open'), { type: 'snooze', until: NOW + HOUR }, NOW);
    expect(r.ok && r.value.snoozedUntil).toBe(NOW + HOUR);
    const again = applyEvent(conv('snoozed'), { type: 'snooze', until: NOW + HOUR }, NOW);
    expect(!again.ok && again.error.code).toBe('no-change');
  });

  it('wake returns a due snooze to open and refuses one that is not due', () => {
    expect(applyEvent(conv('snoozed', { snoozedUntil: NOW - 1 }), { type: 'wake' }, NOW)).toMatchObject({
      ok: true,
      value: { status: 'open', snoozedUntil: null },
    });
    expect(applyEvent(conv('snoozed'), { type: 'wake' }, NOW)).toMatchObject({
      ok: false,
      error: { code: 'not-due' },
    });
    for (const s of ['open', 'pending', 'resolved'] as const) {
      expect(applyEvent(conv(s), { type: 'wake' }, NOW)).toMatchObject({
        ok: false,
        error: { code: 'illegal-transition' },
      });
    }
  });

  it('a status change records when it happened and the newest message known then', () => {
    const r = applyEvent(conv('open'), { type: 'resolve' }, NOW);
    expect(r).toMatchObject({ ok: true, value: { statusAt: NOW, statusBasis: NOW - HOUR, version: 1 } });
    const label = applyEvent(conv('open'), { type: 'label.add', label: 'x' }, NOW);
    expect(label).toMatchObject({ ok: true, value: { statusAt: 0, version: 1 } });
  });

  it('assign, labels and priority report no-change when nothing changes', () => {
    expect(applyEvent(conv('open'), { type: 'assign', assignee: UNASSIGNED }, NOW)).toMatchObject({
      ok: false,
      error: { code: 'no-change' },
    });
    expect(applyEvent(conv('open'), { type: 'assign', assignee: 'me' }, NOW)).toMatchObject({
      ok: true,
      value: { assignee: 'me' },
    });
    expect(
      applyEvent(conv('open', { labels: ['vip'] }), { type: 'label.add', label: 'vip' }, NOW),
    ).toMatchObject({ ok: false, error: { code: 'no-change' } });
    expect(applyEvent(conv('open'), { type: 'label.add', label: '  ' }, NOW)).toMatchObject({
      ok: false,
      error: { code: 'unknown-label' },
    });
    expect(applyEvent(conv('open'), { type: 'label.add', label: 'vip' }, NOW)).toMatchObject({
      ok: true,
      value: { labels: ['vip'] },
    });
    expect(
      applyEvent(conv('open', { labels: ['vip', 'press'] }), { type: 'label.remove', label: 'vip' }, NOW),
    ).toMatchObject({ ok: true, value: { labels: ['press'] } });
    expect(applyEvent(conv('open'), { type: 'label.remove', label: 'vip' }, NOW)).toMatchObject({
      ok: false,
      error: { code: 'no-change' },
    });
    expect(applyEvent(conv('open'), { type: 'priority.set', priority: 'normal' }, NOW)).toMatchObject({
      ok: false,
      error: { code: 'no-change' },
    });
    expect(applyEvent(conv('open'), { type: 'priority.set', priority: 'urgent' }, NOW)).toMatchObject({
      ok: true,
      value: { priority: 'urgent' },
    });
  });

  it('labels are capped at twenty', () => {
    const labels = Array.from({ length: 20 }, (_, i) => `l${i}`);
    expect(applyEvent(conv('open', { labels }), { type: 'label.add', label: 'one-more' }, NOW)).toMatchObject(
      { ok: false },
    );
  });

  it('does not mutate its input', () => {
    const c = conv('open', { labels: ['a'] });
    const copy = structuredClone(c);
    applyEvent(c, { type: 'label.add', label: 'b' }, NOW);
    applyEvent(c, { type: 'resolve' }, NOW);
    expect(c).toEqual(copy);
  });
});

describe('undo: compensating events computed against the current state', () => {
  const undoOf = (e: ConversationEvent, before: Conversation, current: Conversation) =>
    compensate(e, priorFacts(before), current, NOW);

  it('undoing a label leaves a label a colleague added meanwhile', () => {
    const before = conv('open', { labels: [] });
    const current = conv('open', { labels: ['billing', 'press'] }); // I added billing, a colleague press
    const back = undoOf({ type: 'label.add', label: 'billing' }, before, current);
    expect(back).toEqual({ type: 'label.remove', label: 'billing' });
    const r = applyEvent(current, back!, NOW);
    expect(r.ok && r.value.labels).toEqual(['press']);
  });

  it('undoing a resolve restores the status it had, pending included', () => {
    const before = conv('pending', { waitingSince: null });
    const current = applyEvent(before, { type: 'resolve' }, NOW);
    expect(current.ok).toBe(true);
    if (!current.ok) return;
    const back = undoOf({ type: 'resolve' }, before, current.value);
    expect(back).toEqual({ type: 'status.restore', status: 'pending', snoozedUntil: null });
  });

  it('undoing a snooze whose time has passed brings it back to open, not to a snooze in the past', () => {
    const before = conv('snoozed', { snoozedUntil: NOW - 1 });
    const back = undoOf({ type: 'resolve' }, before, conv('resolved'));
    expect(back).toEqual({ type: 'status.restore', status: 'open', snoozedUntil: null });
  });

  it('gives nothing when someone changed it since', () => {
    expect(undoOf({ type: 'resolve' }, conv('open'), conv('open'))).toBeNull();
    expect(undoOf({ type: 'label.add', label: 'x' }, conv('open'), conv('open', { labels: [] }))).toBeNull();
    expect(
      undoOf({ type: 'assign', assignee: 'me' }, conv('open'), conv('open', { assignee: 'colleague' })),
    ).toBeNull();
    expect(
      undoOf({ type: 'priority.set', priority: 'urgent' }, conv('open'), conv('open', { priority: 'low' })),
    ).toBeNull();
  });

  it('undoes assignment and priority back to what they were', () => {
    expect(
      undoOf(
        { type: 'assign', assignee: 'me' },
        conv('open', { assignee: 'sanne' }),
        conv('open', { assignee: 'me' }),
      ),
    ).toEqual({ type: 'assign', assignee: 'sanne' });
    expect(
      undoOf(
        { type: 'priority.set', priority: 'urgent' },
        conv('open'),
        conv('open', { priority: 'urgent' }),
      ),
    ).toEqual({ type: 'priority.set', priority: 'normal' });
  });

  it('agent actions are undoable; a snooze running out is not', () => {
    expect(isUndoable('resolve')).toBe(true);
    expect(isUndoable('label.add')).toBe(true);
    expect(isUndoable('wake')).toBe(false);
  });
});
