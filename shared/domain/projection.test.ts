import { describe, expect, it } from 'vitest';
import { applyEvent } from './events.ts';
import {
  LATE_ARRIVAL_GRACE_MS,
  emptyConversation,
  needsHistory,
  projectMessage,
  type MessageFacts,
  type MessageTime,
} from './projection.ts';
import type { Conversation } from './types.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;
const T = Date.UTC(2026, 5, 1, 12, 0);

const fresh = () =>
  emptyConversation({
    id: 'c',
    accountId: 'imported-x',
    threadKey: 'c',
    channel: 'x',
    authorId: 'x:brand',
    subject: null,
    subjectKey: null,
    demo: 0,
  });

let n = 0;
function msg(
  direction: MessageFacts['direction'],
  at: number,
  extra: Partial<MessageFacts> = {},
): MessageFacts {
  n++;
  return {
    id: `m${String(n).padStart(3, '0')}`,
    direction,
    createdAt: at,
    text: `${direction} at ${at}`,
    public: true,
    authorId: direction === 'incoming' ? 'x:fleur' : 'agent:me',
    lang: 'nl',
    brand: 'belnet',
    ...extra,
  };
}

/**
 * Applies messages in the given order, supplying the thread history when the projection asks
 * (as the pipeline does from the database: every message of the thread stored so far).
 */
const histories = new WeakMap<Conversation, MessageTime[]>();
function applyAll(c: Conversation, list: readonly MessageFacts[], backfill = false): Conversation {
  const history = [...(histories.get(c) ?? [])];
  for (const m of list) {
    history.push({ createdAt: m.createdAt, direction: m.direction });
    c = projectMessage(c, m, { backfill, ...(needsHistory(c, m) ? { history } : {}) });
  }
  histories.set(c, history);
  return c;
}

/** Deterministic shuffles (seeded LCG) so a failure is reproducible. */
function shuffles<T>(list: readonly T[], count: number, seed = 1): T[][] {
  const out: T[][] = [];
  let s = seed;
  const rnd = () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  for (let k = 0; k < count; k++) {
    const a = [...list];
    for (let i = a.length - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1));
      [a[i], a[j]] = [a[j]!, a[i]!];
    }
    out.push(a);
  }
  return out;
}

/** The fields the projection derives from the set of messages (version counts arrivals, so it is left out). */
function derived(c: Conversation) {
  const { version: _v, ...rest } = c;
  return rest;
}

describe('event-time projection: any arrival order converges', () => {
  const cases: { name: string; messages: () => MessageFacts[] }[] = [
    {
      name: 'a thread with customer messages, replies and a note',
      messages: () => [
        msg('incoming', T),
        msg('outgoing', T + 10 * MIN),
        msg('incoming', T + 20 * MIN),
        msg('incoming', T + 25 * MIN),
        msg('note', T + 26 * MIN),
        msg('outgoing', T + 30 * MIN),
        msg('incoming', T + 40 * MIN),
      ],
    },
    {
      name: 'a brand-started thread answered by two customers',
      messages: () => [
        msg('outgoing', T),
        msg('incoming', T + MIN, { authorId: 'x:sam' }),
        msg('incoming', T + 2 * MIN, { authorId: 'x:fleur' }),
        msg('outgoing', T + 3 * MIN),
      ],
    },
    {
      name: 'equal timestamps (tie broken by id) and language changes',
      messages: () => [
        msg('incoming', T, { lang: 'en', text: 'first' }),
        msg('incoming', T, { lang: 'nl', text: 'second' }),
        msg('outgoing', T + HOUR, { lang: null }),
        msg('incoming', T + 2 * HOUR, { lang: null }),
      ],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const list = c.messages();
      const reference = derived(applyAll(fresh(), list));
      for (const order of shuffles(list, 40)) expect(derived(applyAll(fresh(), order))).toEqual(reference);
      // And the reference is what the set says.
      const incoming = list.filter((m) => m.direction === 'incoming');
      const lastReply = Math.max(...list.filter((m) => m.direction === 'outgoing').map((m) => m.createdAt));
      const waiting = incoming.filter((m) => m.createdAt > lastReply).map((m) => m.createdAt);
      expect(reference.waitingSince).toBe(waiting.length ? Math.min(...waiting) : null);
      expect(reference.messageCount).toBe(list.length);
      expect(reference.incomingCount).toBe(incoming.length);
    });
  }
});

describe('event-time projection: table of arrival cases', () => {
  it('an older reply arriving late does not clear a newer wait', () => {
    let c = applyAll(fresh(), [msg('incoming', T), msg('incoming', T + 2 * HOUR)]);
    expect(c.waitingSince).toBe(T);
    // The reply was written at T+1h (it answered the first message) but arrives now.
    c = applyAll(c, [msg('outgoing', T + HOUR)]);
    expect(c.waitingSince).toBe(T + 2 * HOUR);
    expect(c.lastDirection).toBe('incoming');
  });

  it('a newer reply clears the wait', () => {
    const c = applyAll(fresh(), [
      msg('incoming', T),
      msg('incoming', T + HOUR),
      msg('outgoing', T + 2 * HOUR),
    ]);
    expect(c.waitingSince).toBeNull();
  });

  it('importing a 2025 message into a conversation resolved in 2026 leaves it resolved and read', () => {
    const open = applyAll(fresh(), [
      msg('incoming', Date.UTC(2026, 0, 5)),
      msg('outgoing', Date.UTC(2026, 0, 6)),
    ]);
    const resolved = applyEvent(open, { type: 'resolve' }, Date.UTC(2026, 0, 7));
    expect(resolved.ok).toBe(true);
    if (!resolved.ok) return;
    const after = applyAll(resolved.value, [msg('incoming', Date.UTC(2025, 3, 1))]);
    expect(after.status).toBe('resolved');
    expect(after.waitingSince).toBeNull();
    expect(after.incomingCount).toBe(resolved.value.incomingCount);
    expect(after.messageCount).toBe(resolved.value.messageCount + 1);
    expect(after.lastMessageAt).toBe(Date.UTC(2026, 0, 6));
  });

  it('a customer message newer than the resolution reopens it and counts as unread', () => {
    const c = applyAll(fresh(), [msg('incoming', T)]);
    const r = applyEvent(c, { type: 'resolve' }, T + HOUR);
    if (!r.ok) throw new Error('resolve');
    const after = applyAll(r.value, [msg('incoming', T + 2 * HOUR)]);
    expect(after).toMatchObject({ status: 'open', waitingSince: T + 2 * HOUR, incomingCount: 2 });
  });

  it('a message in flight when it was resolved (newer than anything seen, within the grace) reopens it', () => {
    const c = applyAll(fresh(), [msg('incoming', T)]);
    const r = applyEvent(c, { type: 'resolve' }, T + HOUR);
    if (!r.ok) throw new Error('resolve');
    expect(applyAll(r.value, [msg('incoming', T + HOUR - MIN)]).status).toBe('open');
    // Older than the grace: history.
    expect(applyAll(r.value, [msg('incoming', T + HOUR - LATE_ARRIVAL_GRACE_MS - MIN)]).status).toBe(
      'resolved',
    );
    // Older than what the agent had seen: history.
    expect(applyAll(r.value, [msg('incoming', T - MIN)]).status).toBe('resolved');
  });

  it('back-fill never reopens and never counts as unread, whatever its dates', () => {
    const c = applyAll(fresh(), [msg('incoming', T)]);
    const r = applyEvent(c, { type: 'resolve' }, T + HOUR);
    if (!r.ok) throw new Error('resolve');
    const after = applyAll(r.value, [msg('incoming', T + 5 * HOUR), msg('incoming', T + 6 * HOUR)], true);
    expect(after.status).toBe('resolved');
    expect(after.incomingCount).toBe(1);
    expect(after.lastMessageAt).toBe(T + 6 * HOUR);
    const snoozed = applyEvent(c, { type: 'snooze', until: T + 10 * HOUR }, T + HOUR);
    if (!snoozed.ok) throw new Error('snooze');
    expect(applyAll(snoozed.value, [msg('incoming', T + 2 * HOUR)], true).status).toBe('snoozed');
  });

  it('news wakes a snoozed conversation and brings a pending one back to open', () => {
    const c = applyAll(fresh(), [msg('incoming', T), msg('outgoing', T + MIN)]);
    for (const e of [{ type: 'snooze', until: T + 10 * HOUR } as const, { type: 'pend' } as const]) {
      const r = applyEvent(c, e, T + 2 * MIN);
      if (!r.ok) throw new Error(e.type);
      expect(applyAll(r.value, [msg('incoming', T + HOUR)])).toMatchObject({
        status: 'open',
        snoozedUntil: null,
        waitingSince: T + HOUR,
      });
    }
  });

  it('the customer of a brand-started thread is the first customer who answered, by event time', () => {
    const list = [
      msg('outgoing', T),
      msg('incoming', T + 2 * MIN, { authorId: 'x:late' }),
      msg('incoming', T + MIN, { authorId: 'x:first' }),
    ];
    expect(applyAll(fresh(), list).authorId).toBe('x:first');
  });

  it('the customer snippet quotes the customer, not our reply', () => {
    const c = applyAll(fresh(), [
      msg('incoming', T, { text: 'Al 3 dagen geen internet' }),
      msg('outgoing', T + MIN, { text: 'Sorry!' }),
    ]);
    expect(c.snippet).toBe('Sorry!');
    expect(c.customerSnippet).toBe('Al 3 dagen geen internet');
  });
});
