import { describe, expect, it } from 'vitest';
import { applyEvent, diffBefore, isUndoable, type ConversationEvent } from './events.ts';
import { CONVERSATION_STATUSES, UNASSIGNED, type Conversation, type ConversationStatus } from './types.ts';

const NOW = Date.UTC(2026, 10, 24, 12, 0, 0);
const HOUR = 3_600_000;

function conv(status: ConversationStatus, extra: Partial<Conversation> = {}): Conversation {
  return {
    id: 'c1',
    channel: 'x',
    authorId: 'x:1',
    subject: null,
    status,
    priority: 'normal',
    assignee: UNASSIGNED,
    labels: [],
    snoozedUntil: status === 'snoozed' ? NOW + HOUR : null,
    waitingSince: NOW - HOUR,
    lastMessageAt: NOW - HOUR,
    snippet: 'hello',
    lastDirection: 'incoming',
    unread: 2,
    messageCount: 3,
    public: true,
    lang: 'nl',
    brand: null,
    demo: 0,
    searchTokens: [],
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
    event: { type: 'message.received', at: NOW, messageId: 'm9' },
    expect: { open: 'open', pending: 'open', snoozed: 'open', resolved: 'open' },
  },
  {
    event: { type: 'message.replied', at: NOW, messageId: 'm9' },
    expect: { open: 'open', pending: 'pending', snoozed: 'snoozed', resolved: 'resolved' },
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

  it('a new customer message reopens a resolved conversation and starts the waiting clock', () => {
    const r = applyEvent(
      conv('resolved', { waitingSince: null, unread: 0 }),
      { type: 'message.received', at: NOW, messageId: 'm' },
      NOW,
    );
    expect(r).toMatchObject({
      ok: true,
      value: {
        status: 'open',
        waitingSince: NOW,
        unread: 1,
        lastMessageAt: NOW,
        lastDirection: 'incoming',
        messageCount: 4,
      },
    });
  });

  it('a new customer message keeps the oldest waitingSince', () => {
    const r = applyEvent(conv('open'), { type: 'message.received', at: NOW, messageId: 'm' }, NOW);
    expect(r.ok && r.value.waitingSince).toBe(NOW - HOUR);
  });

  it('an older message arriving late does not move lastMessageAt back', () => {
    const r = applyEvent(
      conv('open', { lastMessageAt: NOW }),
      { type: 'message.received', at: NOW - 5 * HOUR, messageId: 'm' },
      NOW,
    );
    expect(r.ok && r.value.lastMessageAt).toBe(NOW);
  });

  it('a reply stops the waiting clock and clears unread without changing status', () => {
    const r = applyEvent(conv('open'), { type: 'message.replied', at: NOW, messageId: 'm' }, NOW);
    expect(r).toMatchObject({
      ok: true,
      value: { status: 'open', waitingSince: null, unread: 0, lastDirection: 'outgoing' },
    });
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

  it('reading clears unread once', () => {
    expect(applyEvent(conv('open'), { type: 'read' }, NOW)).toMatchObject({ ok: true, value: { unread: 0 } });
    expect(applyEvent(conv('open', { unread: 0 }), { type: 'read' }, NOW)).toMatchObject({
      ok: false,
      error: { code: 'no-change' },
    });
  });

  it('does not mutate its input', () => {
    const c = conv('open', { labels: ['a'] });
    const copy = structuredClone(c);
    applyEvent(c, { type: 'label.add', label: 'b' }, NOW);
    applyEvent(c, { type: 'resolve' }, NOW);
    expect(c).toEqual(copy);
  });
});

describe('diffBefore and undo', () => {
  it('records only the changed fields with their old values', () => {
    const before = conv('snoozed', { labels: ['a'] });
    const r = applyEvent(before, { type: 'resolve' }, NOW);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(diffBefore(before, r.value)).toEqual({
      status: 'snoozed',
      snoozedUntil: NOW + HOUR,
      waitingSince: NOW - HOUR,
      unread: 2,
    });
  });

  it('compares label arrays by value', () => {
    expect(diffBefore(conv('open', { labels: ['a'] }), conv('open', { labels: ['a'] }))).toEqual({});
    expect(diffBefore(conv('open', { labels: ['a'] }), conv('open', { labels: ['a', 'b'] }))).toEqual({
      labels: ['a'],
    });
  });

  it('agent actions are undoable, message and system events are not', () => {
    expect(isUndoable('resolve')).toBe(true);
    expect(isUndoable('label.add')).toBe(true);
    expect(isUndoable('message.received')).toBe(false);
    expect(isUndoable('wake')).toBe(false);
  });
});
